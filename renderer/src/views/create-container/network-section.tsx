// Ports & network: the published ports (one row editor each), the network mode and DNS servers.
import { DynamicList } from './dynamic-list.js';
import { Field, FieldError, TextField, type SectionProps } from './fields.js';
import { EMPTY_PORT, isNetworkChoice } from './form-model.js';
import { PortRowEditor } from './port-row.js';

export function NetworkSection(
  p: SectionProps & { networkNames: string[]; podNames: string[]; containerNames: string[] },
) {
  const { form, set, issues } = p;
  return (
    <fieldset>
      <legend>Ports &amp; network</legend>
      <DynamicList
        items={form.ports}
        onChange={(v) => set('ports', v)}
        blank={EMPTY_PORT}
        addLabel="Add port"
      >
        {(row) => <PortRowEditor {...row} issues={issues(`ports-${row.index}`)} />}
      </DynamicList>
      <FieldError issues={issues('ports')} control="ports" />
      <Field control="network" label="Network" issues={issues('network')}>
        <select
          id="f-network"
          value={form.network}
          aria-invalid={issues('network').length > 0}
          onChange={(e) => isNetworkChoice(e.target.value) && set('network', e.target.value)}
        >
          <option value="default">Default (rootless: slirp4netns or pasta)</option>
          <option value="bridge">Named networks</option>
          <option value="pasta">pasta</option>
          <option value="slirp4netns">slirp4netns</option>
          <option value="none">none</option>
          <option value="host">host (no isolation)</option>
          <option value="container">Another container’s network</option>
        </select>
        {form.network === 'container' ? (
          <input
            aria-label="Container to share the network of"
            list="container-names"
            placeholder="container name or id"
            value={form.networkContainer}
            onChange={(e) => set('networkContainer', e.target.value)}
          />
        ) : null}
        <datalist id="container-names">
          {p.containerNames.map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
        {form.network === 'bridge' ? (
          <input
            aria-label="Networks"
            list="network-names"
            placeholder="network names, comma separated"
            value={form.networks}
            onChange={(e) => set('networks', e.target.value)}
          />
        ) : null}
        <datalist id="network-names">
          {p.networkNames.map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
      </Field>
      <TextField {...p} k="dns" label="DNS servers" placeholder="1.1.1.1, 9.9.9.9" />
      <Field control="pod" label="Pod" issues={issues('pod')}>
        <select
          id="f-pod"
          value={form.pod}
          aria-invalid={issues('pod').length > 0}
          onChange={(e) => set('pod', e.target.value)}
        >
          <option value="">No pod</option>
          {/* A pod named by an edited container that is gone still shows, so the problem is visible. */}
          {[...new Set([...p.podNames, ...(form.pod ? [form.pod] : [])])].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        {form.pod ? (
          <p className="muted">In a pod the container shares the pod’s network, ports and user namespace.</p>
        ) : null}
      </Field>
    </fieldset>
  );
}
