// Container detail: summary (with limits requested vs enforced), logs, terminal, stats, inspect, the live
// user-namespace mapping and Quadlet export.
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ContainerDetail, ContainerStats, LogLine } from '../../../core/model/types.js';
import type { MappingView } from '../../../core/insight/uid-mapping.js';
import type { QuadletUnit, QuadletValidation } from '../../../core/insight/quadlet.js';
import { whyNoPause } from '../../../core/model/pause.js';
import type { HostFacts } from '../../../core/model/types.js';
import { describeUserns, formatUserns } from '../../../core/model/userns.js';
import { ApiError, invoke } from '../api/types.js';
import { Confirm, StateBadge, UsernsBadge, bytes } from '../components/ui.js';
import { href, navigate } from '../router.js';
import { useStore } from '../store/store.js';
// xterm.js is a third of the bundle: loaded when a terminal is first opened, not before the list paints.
const TerminalTab = lazy(() => import('./terminal-tab.js').then((m) => ({ default: m.TerminalTab })));

const TABS = ['summary', 'logs', 'terminal', 'stats', 'inspect', 'mapping', 'quadlet'] as const;
const TAB_LABEL: Record<(typeof TABS)[number], string> = {
  summary: 'Summary',
  logs: 'Logs',
  terminal: 'Terminal',
  stats: 'Stats',
  inspect: 'Inspect',
  mapping: 'User namespace',
  quadlet: 'Quadlet',
};

function useDetail(id: string): {
  detail: ContainerDetail | undefined;
  error: string | undefined;
  reload(): void;
} {
  const summary = useStore((s) => s.containers[id]);
  const [detail, setDetail] = useState<ContainerDetail>();
  const [error, setError] = useState<string>();
  const reload = useCallback(() => {
    const api = useStore.getState().api;
    if (!api) return;
    invoke(api, 'containers.inspect', { id })
      .then((d) => {
        setDetail(d);
        setError(undefined);
      })
      .catch((e: unknown) => setError(e instanceof ApiError ? e.data.message : String(e)));
  }, [id]);
  // Re-inspect whenever the row changes (engine events patch the row).
  useEffect(reload, [reload, summary?.state, summary?.name, summary?.status]);
  return { detail, error, reload };
}

export function ContainerDetailView({ id, tab }: { id: string; tab: string }) {
  const { detail, error } = useDetail(id);
  const facts = useHostFacts();
  // Rootless containers on cgroup v1 have no freezer: say so on the button instead of failing on click.
  const noPause = whyNoPause(facts);
  const [confirm, setConfirm] = useState(false);
  const api = useStore((s) => s.api);
  const act = async (
    channel:
      | 'containers.start'
      | 'containers.stop'
      | 'containers.restart'
      | 'containers.pause'
      | 'containers.unpause',
  ) => {
    if (!api) return;
    try {
      await invoke(api, channel, { id });
      useStore.getState().toast('success', `${channel.split('.')[1]}: ${detail?.name ?? id}`);
    } catch (e) {
      useStore.getState().error(e);
    }
  };
  if (error && !detail) {
    return (
      <section className="view">
        <p role="alert">{error}</p>
        <a href={href({ view: 'containers' })}>Back to containers</a>
      </section>
    );
  }
  if (!detail)
    return (
      <section className="view" aria-busy="true">
        Loading…
      </section>
    );
  const running = detail.state === 'running';
  return (
    <section className="view" aria-label={`Container ${detail.name}`}>
      <div className="toolbar">
        <a href={href({ view: 'containers' })} aria-label="Back to containers">
          ←
        </a>
        <h1>{detail.name}</h1>
        <StateBadge state={detail.state} />
        <UsernsBadge mode={detail.userns} />
        <span className="muted">{detail.status}</span>
        {detail.oomKilled && (
          <span
            className="badge oom"
            role="status"
            title={`The kernel killed it for exceeding its memory limit${
              detail.enforcedLimits.memory
                ? ` (${Math.round(detail.enforcedLimits.memory / 1048576)} MiB)`
                : ''
            }.`}
          >
            OOM-killed
          </span>
        )}
        <span className="spacer" />
        {running ? (
          <>
            <button onClick={() => void act('containers.stop')}>Stop</button>
            <button onClick={() => void act('containers.restart')}>Restart</button>
            <button
              onClick={() => void act('containers.pause')}
              disabled={noPause !== undefined}
              title={noPause ?? 'Freeze every process in the container'}
            >
              Pause
            </button>
          </>
        ) : detail.state === 'paused' ? (
          <button onClick={() => void act('containers.unpause')}>Unpause</button>
        ) : (
          <button className="primary" onClick={() => void act('containers.start')}>
            Start
          </button>
        )}
        <button className="danger" onClick={() => setConfirm(true)}>
          Remove
        </button>
      </div>
      <div role="tablist" aria-label="Container views" className="tabs">
        {TABS.map((t) => (
          <a key={t} role="tab" aria-selected={tab === t} href={href({ view: 'container', id, tab: t })}>
            {TAB_LABEL[t]}
          </a>
        ))}
      </div>
      <div
        role="tabpanel"
        aria-label={TAB_LABEL[tab as (typeof TABS)[number]] ?? 'Summary'}
        className="tabpanel"
      >
        {tab === 'logs' ? (
          <LogsTab id={id} />
        ) : tab === 'terminal' ? (
          <Suspense fallback={<p aria-busy="true">Loading the terminal…</p>}>
            <TerminalTab container={detail} />
          </Suspense>
        ) : tab === 'stats' ? (
          <StatsTab id={id} running={running} />
        ) : tab === 'inspect' ? (
          <InspectTab raw={detail.raw} />
        ) : tab === 'mapping' ? (
          <MappingTab id={id} detail={detail} />
        ) : tab === 'quadlet' ? (
          <QuadletTab id={id} />
        ) : (
          <SummaryTab d={detail} />
        )}
      </div>
      {confirm ? (
        <Confirm
          title="Remove container"
          message={`Remove ${detail.name}?${running ? ' It is running and will be stopped.' : ''}`}
          confirmLabel="Remove"
          onCancel={() => setConfirm(false)}
          onConfirm={() => {
            setConfirm(false);
            if (!api) return;
            invoke(api, 'containers.remove', { id, force: true })
              .then(() => {
                useStore.getState().toast('success', `Removed ${detail.name}`);
                navigate({ view: 'containers' });
              })
              .catch((e: unknown) => useStore.getState().error(e));
          }}
        />
      ) : null}
    </section>
  );
}

function useHostFacts(): HostFacts | undefined {
  const [facts, setFacts] = useState<HostFacts>();
  useEffect(() => {
    const api = useStore.getState().api;
    if (api) void invoke(api, 'system.hostFacts', {}).then(setFacts, () => undefined);
  }, []);
  return facts;
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function SummaryTab({ d }: { d: ContainerDetail }) {
  const facts = useHostFacts();
  const req = d.requestedLimits;
  const e = d.enforcedLimits;
  const limitRows: { name: string; requested?: string; enforced: string }[] = [
    {
      name: 'Memory',
      ...(req?.memory ? { requested: req.memory } : {}),
      enforced: e.memory ? bytes(e.memory) : 'none',
    },
    {
      name: 'CPUs',
      ...(req?.cpus !== undefined ? { requested: String(req.cpus) } : {}),
      enforced: e.nanoCpus ? String(e.nanoCpus / 1e9) : 'none',
    },
    {
      name: 'PIDs',
      ...(req?.pidsLimit !== undefined ? { requested: String(req.pidsLimit) } : {}),
      enforced: e.pidsLimit ? String(e.pidsLimit) : 'none',
    },
  ];
  const dropped = limitRows.filter((r) => r.requested && r.enforced === 'none');
  return (
    <div className="summary-grid">
      <section aria-label="Configuration" className="card">
        <h2>Configuration</h2>
        <dl>
          <Field label="Image">{d.image}</Field>
          <Field label="Command">
            <code>{[...d.entrypoint, ...d.command].join(' ') || '—'}</code>
          </Field>
          <Field label="User">{d.user || 'image default'}</Field>
          <Field label="Working dir">{d.workdir || '/'}</Field>
          <Field label="Hostname">{d.hostname}</Field>
          <Field label="Restart">{d.restartPolicy}</Field>
          <Field label="Created">{new Date(d.createdAt).toLocaleString()}</Field>
          <Field label="ID">
            <code>{d.id.slice(0, 12)}</code>
          </Field>
        </dl>
      </section>
      <section aria-label="User namespace" className="card">
        <h2>User namespace</h2>
        <p>
          <UsernsBadge mode={d.userns} /> {describeUserns(d.userns ?? { kind: 'host' })}
        </p>
        <a href={href({ view: 'container', id: d.id, tab: 'mapping' })}>See the live UID/GID mapping</a>
      </section>
      <section aria-label="Limits" className="card">
        <h2>Resource limits</h2>
        <table className="mini">
          <thead>
            <tr>
              <th>Limit</th>
              <th>Requested</th>
              <th>Enforced on this host</th>
            </tr>
          </thead>
          <tbody>
            {limitRows.map((r) => (
              <tr key={r.name}>
                <td>{r.name}</td>
                <td>{r.requested ?? '—'}</td>
                <td className={r.requested && r.enforced === 'none' ? 'warn' : ''}>
                  {r.requested && r.enforced === 'none' ? 'not enforced on this host' : r.enforced}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {dropped.length > 0 && facts ? (
          <p className="note" role="note">
            {facts.limitsReason} <a href="#/system">Doctor</a>
          </p>
        ) : null}
      </section>
      <section aria-label="Ports and networks" className="card">
        <h2>Ports &amp; networks</h2>
        <dl>
          <Field label="Network mode">{d.networkMode || 'default'}</Field>
          <Field label="Networks">{d.networks.join(', ') || '—'}</Field>
          <Field label="Ports">
            {d.ports.length
              ? d.ports.map((p, i) => (
                  <div key={i}>
                    {p.hostIp || '0.0.0.0'}:{p.hostPort} → {p.containerPort}/{p.protocol}
                  </div>
                ))
              : '—'}
          </Field>
        </dl>
      </section>
      <section aria-label="Mounts" className="card">
        <h2>Mounts</h2>
        {d.mounts.length === 0 ? (
          <p className="muted">None</p>
        ) : (
          <ul className="plain">
            {d.mounts.map((m, i) => (
              <li key={i}>
                {m.type === 'bind'
                  ? `${m.source} → ${m.target}${m.options?.length ? ` (${m.options.join(',')})` : ''}`
                  : m.type === 'volume'
                    ? `volume ${m.name} → ${m.target}`
                    : `tmpfs ${m.target}`}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-label="Security" className="card">
        <h2>Security</h2>
        <dl>
          <Field label="Capabilities">{d.effectiveCaps.length ? d.effectiveCaps.join(', ') : 'none'}</Field>
          <Field label="No new privileges">{d.security.noNewPrivileges ? 'yes' : 'no'}</Field>
          <Field label="Read-only root">{d.security.readOnlyRootfs ? 'yes' : 'no'}</Field>
          <Field label="Privileged">{d.security.privileged ? 'YES' : 'no'}</Field>
          <Field label="Seccomp">{d.security.seccompProfile ?? 'Podman default'}</Field>
          <Field label="Runtime">{d.security.runtime ?? '—'}</Field>
        </dl>
      </section>
    </div>
  );
}

function LogsTab({ id }: { id: string }) {
  const [lines, setLines] = useState<LogLine[]>([]);
  const [follow, setFollow] = useState(true);
  const [tail, setTail] = useState(500);
  const [timestamps, setTimestamps] = useState(false);
  const [search, setSearch] = useState('');
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const api = useStore.getState().api;
    if (!api) return;
    setLines([]);
    const buf: LogLine[] = [];
    let t: ReturnType<typeof setTimeout> | undefined;
    const off = api.subscribe('logs', { id, follow, tail, timestamps }, (l) => {
      buf.push(l);
      if (!t)
        t = setTimeout(() => {
          t = undefined;
          const chunk = buf.splice(0);
          setLines((prev) => [...prev, ...chunk].slice(-5000));
        }, 50);
    });
    return () => {
      off();
      if (t) clearTimeout(t);
    };
  }, [id, follow, tail, timestamps]);
  useEffect(() => {
    if (follow) end.current?.scrollIntoView({ block: 'end' });
  }, [lines, follow]);
  const shown = useMemo(
    () => (search ? lines.filter((l) => l.text.toLowerCase().includes(search.toLowerCase())) : lines),
    [lines, search],
  );
  const save = () => {
    const text = lines.map((l) => `${l.timestamp ? `${l.timestamp} ` : ''}${l.text}`).join('\n');
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    a.download = `${id.slice(0, 12)}.log`;
    a.click();
  };
  return (
    <div className="logs">
      <div className="toolbar">
        <label>
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> Follow
        </label>
        <label>
          Tail{' '}
          <input
            type="number"
            aria-label="Tail lines"
            min={0}
            value={tail}
            onChange={(e) => setTail(Number(e.target.value) || 0)}
          />
        </label>
        <label>
          <input type="checkbox" checked={timestamps} onChange={(e) => setTimestamps(e.target.checked)} />{' '}
          Timestamps
        </label>
        <input
          type="search"
          aria-label="Search logs"
          placeholder="Search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <button onClick={save}>Save</button>
      </div>
      <div className="log-view" role="log" aria-label="Container logs">
        {shown.map((l, i) => (
          <div key={i} className={l.stream === 'stderr' ? 'stderr' : ''}>
            {l.timestamp ? <span className="muted">{l.timestamp} </span> : null}
            {l.text}
          </div>
        ))}
        <div ref={end} />
      </div>
    </div>
  );
}

function Spark({ values, label, max }: { values: number[]; label: string; max?: number }) {
  const w = 300;
  const h = 60;
  const top = Math.max(max ?? 0, ...values, 1);
  const pts = values
    .map((v, i) => `${(i / Math.max(1, values.length - 1)) * w},${h - (v / top) * h}`)
    .join(' ');
  return (
    <figure className="spark">
      <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-label={label} preserveAspectRatio="none">
        <polyline points={pts} fill="none" stroke="currentColor" strokeWidth="2" />
      </svg>
      <figcaption>{label}</figcaption>
    </figure>
  );
}

function StatsTab({ id, running }: { id: string; running: boolean }) {
  const [samples, setSamples] = useState<ContainerStats[]>([]);
  const [error, setError] = useState<string>();
  useEffect(() => {
    const api = useStore.getState().api;
    if (!api || !running) return;
    return api.subscribe(
      'stats',
      { id },
      (s) => setSamples((prev) => [...prev.slice(-59), s]),
      (e) => e && setError(`${e.message}${e.hint ? ` — ${e.hint}` : ''}`),
    );
  }, [id, running]);
  if (!running) return <p className="muted">Stats are shown while the container runs.</p>;
  if (error)
    return (
      <p role="note" className="note">
        {error}
      </p>
    );
  const last = samples[samples.length - 1];
  return (
    <div className="stats">
      <Spark
        values={samples.map((s) => s.cpuPercent)}
        label={`CPU ${last ? last.cpuPercent.toFixed(1) : 0}%`}
        max={100}
      />
      <Spark
        values={samples.map((s) => s.memUsage)}
        label={`Memory ${bytes(last?.memUsage)} of ${bytes(last?.memLimit)}`}
      />
      <Spark
        values={samples.map((s) => s.netInput + s.netOutput)}
        label={`Network in ${bytes(last?.netInput)} / out ${bytes(last?.netOutput)}`}
      />
      <Spark
        values={samples.map((s) => s.blockInput + s.blockOutput)}
        label={`Block I/O read ${bytes(last?.blockInput)} / write ${bytes(last?.blockOutput)}`}
      />
    </div>
  );
}

function InspectTab({ raw }: { raw: unknown }) {
  const [q, setQ] = useState('');
  const text = useMemo(() => JSON.stringify(raw, null, 2), [raw]);
  const shown = useMemo(
    () =>
      q
        ? text
            .split('\n')
            .filter((l) => l.toLowerCase().includes(q.toLowerCase()))
            .join('\n')
        : text,
    [text, q],
  );
  return (
    <div>
      <div className="toolbar">
        <input
          type="search"
          aria-label="Search inspect"
          placeholder="Search keys and values"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        <button
          onClick={() => {
            void navigator.clipboard
              ?.writeText(text)
              .then(() => useStore.getState().toast('info', 'Inspect JSON copied'));
          }}
        >
          Copy
        </button>
      </div>
      <pre className="json" aria-label="Inspect JSON">
        {shown}
      </pre>
    </div>
  );
}

function MappingTab({ id, detail }: { id: string; detail: ContainerDetail }) {
  const [view, setView] = useState<MappingView>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    const api = useStore.getState().api;
    if (!api) return;
    invoke(api, 'insight.mapping', { id }).then(setView, (e: unknown) =>
      setError(
        e instanceof ApiError ? `${e.data.message}${e.data.hint ? ` — ${e.data.hint}` : ''}` : String(e),
      ),
    );
  }, [id, detail.state]);
  return (
    <div className="mapping">
      <p>
        Mode <UsernsBadge mode={detail.userns} /> — {describeUserns(detail.userns ?? { kind: 'host' })}
      </p>
      {error ? (
        <p role="note" className="note">
          {error}
        </p>
      ) : null}
      {view ? (
        <>
          <ul aria-label="Mapping in words" className="sentences">
            {view.sentences.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
          {(['uid', 'gid'] as const).map((k) => (
            <table key={k} className="mini" aria-label={`${k.toUpperCase()} mapping`}>
              <caption>
                {k.toUpperCase()} map (from /proc/{detail.pid}/{k}_map)
              </caption>
              <thead>
                <tr>
                  <th>Container range</th>
                  <th>Host range</th>
                  <th>Size</th>
                  <th>Who</th>
                </tr>
              </thead>
              <tbody>
                {view[k].map((r) => (
                  <tr key={r.container}>
                    <td>{r.container}</td>
                    <td>{r.host}</td>
                    <td>{r.size}</td>
                    <td>
                      {r.owner === 'you'
                        ? 'you'
                        : r.owner === 'subordinate'
                          ? 'your subordinate ids'
                          : 'other'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        </>
      ) : null}
      <p className="muted">Userns string: {formatUserns(detail.userns ?? { kind: 'host' })}</p>
    </div>
  );
}

function QuadletTab({ id }: { id: string }) {
  const [res, setRes] = useState<{ unit: QuadletUnit; validation: QuadletValidation }>();
  const api = useStore((s) => s.api);
  useEffect(() => {
    if (api)
      void invoke(api, 'insight.quadlet', { id }).then(setRes, (e: unknown) => useStore.getState().error(e));
  }, [api, id]);
  if (!res) return <p aria-busy="true">Generating…</p>;
  const v = res.validation;
  return (
    <div className="quadlet">
      <p>
        <strong>{res.unit.fileName}</strong> → systemd service <code>{res.unit.serviceName}</code>.{' '}
        {v.checked ? (
          v.ok ? (
            <span className="ok">Accepted by Podman’s quadlet generator.</span>
          ) : (
            <span className="warn">Quadlet rejected it: {v.error}</span>
          )
        ) : (
          <span className="muted">Not validated: {v.reason}.</span>
        )}
      </p>
      <pre className="json" aria-label="Quadlet unit">
        {res.unit.text}
      </pre>
      <div className="toolbar">
        <button
          onClick={() =>
            void navigator.clipboard
              ?.writeText(res.unit.text)
              .then(() => useStore.getState().toast('info', 'Unit copied'))
          }
        >
          Copy
        </button>
        <button
          className="primary"
          onClick={() => {
            if (!api) return;
            invoke(api, 'insight.saveQuadlet', { id })
              .then((r) =>
                useStore
                  .getState()
                  .toast(
                    'success',
                    `Saved ${r.path}`,
                    'systemctl --user daemon-reload, then start the service',
                  ),
              )
              .catch((e: unknown) => useStore.getState().error(e));
          }}
        >
          Save to ~/.config/containers/systemd
        </button>
      </div>
    </div>
  );
}
