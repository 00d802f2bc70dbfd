// Create container: every field of core's spec, grouped; the user namespace as explained choices with a live
// mapping preview; bind-mount permission predictions with one-click fixes; the hardened preset; inline errors
// from core's validation (the field named, the hint shown); pulls the image with progress when missing.
import { useEffect, useMemo, useState } from 'react';
import type {
  CreateContainerSpec,
  Mount,
  NetworkMode,
  PortMapping,
  UsernsMode,
} from '../../../core/model/types.js';
import { applyHardenedPreset, hardeningGaps } from '../../../core/model/hardened.js';
import type { BurrowErrorData } from '../../../core/errors.js';
import { ApiError, invoke } from '../api/types.js';
import { navigate } from '../router.js';
import { useStore } from '../store/store.js';
import { PullProgressView, usePull } from './pull.js';
import type { CreatePreview } from '../../../core/model/insight.js';

export interface FormState {
  image: string;
  name: string;
  command: string;
  entrypoint: string;
  env: string;
  workdir: string;
  user: string;
  labels: string;
  hostname: string;
  ports: { hostIp: string; hostPort: string; containerPort: string; protocol: 'tcp' | 'udp' }[];
  mounts: { type: 'bind' | 'volume' | 'tmpfs'; source: string; target: string; options: string }[];
  usernsKind: 'host' | 'keep-id' | 'keep-id-ids' | 'nomap';
  keepUid: string;
  keepGid: string;
  network: string;
  networks: string;
  memory: string;
  memorySwap: string;
  memoryReservation: string;
  cpus: string;
  cpuShares: string;
  cpuset: string;
  pidsLimit: string;
  blkioWeight: string;
  capAdd: string;
  capDrop: string;
  noNewPrivileges: boolean;
  readOnlyRootfs: boolean;
  seccomp: string;
  privileged: boolean;
  runtime: '' | 'runc' | 'crun';
  restartPolicy: string;
  autoRemove: boolean;
  tty: boolean;
  stdin: boolean;
  dns: string;
  start: boolean;
}

export const EMPTY_FORM: FormState = {
  image: '',
  name: '',
  command: '',
  entrypoint: '',
  env: '',
  workdir: '',
  user: '',
  labels: '',
  hostname: '',
  ports: [],
  mounts: [],
  usernsKind: 'host',
  keepUid: '',
  keepGid: '',
  network: 'default',
  networks: '',
  memory: '',
  memorySwap: '',
  memoryReservation: '',
  cpus: '',
  cpuShares: '',
  cpuset: '',
  pidsLimit: '',
  blkioWeight: '',
  capAdd: '',
  capDrop: '',
  noNewPrivileges: false,
  readOnlyRootfs: false,
  seccomp: '',
  privileged: false,
  runtime: '',
  restartPolicy: 'no',
  autoRemove: false,
  tty: false,
  stdin: false,
  dns: '',
  start: true,
};

/** Split a command line the way a shell would for simple quoting: words, "double" and 'single' quotes. */
export function splitCommand(s: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? m[3] ?? ''));
  return out;
}

const lines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
const list = (s: string) =>
  s
    .split(/[,\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);

/** Numbers stay as typed when they are not numbers, so core's validation can name the field. */
function num(s: string): number | undefined {
  if (s.trim() === '') return undefined;
  const n = Number(s);
  return Number.isNaN(n) ? (s as unknown as number) : n;
}

export function toSpec(f: FormState): CreateContainerSpec {
  const userns: UsernsMode =
    f.usernsKind === 'keep-id'
      ? { kind: 'keep-id' }
      : f.usernsKind === 'keep-id-ids'
        ? {
            kind: 'keep-id',
            ...(f.keepUid ? { uid: num(f.keepUid) as number } : {}),
            ...(f.keepGid ? { gid: num(f.keepGid) as number } : {}),
          }
        : f.usernsKind === 'nomap'
          ? { kind: 'nomap' }
          : { kind: 'host' };
  const network: NetworkMode | undefined =
    f.network === 'default'
      ? undefined
      : f.network === 'bridge'
        ? { kind: 'bridge', networks: list(f.networks) }
        : f.network.startsWith('container:')
          ? { kind: 'container', id: f.network.slice('container:'.length) }
          : ({ kind: f.network } as NetworkMode);
  const labels: Record<string, string> = {};
  for (const l of lines(f.labels)) {
    const i = l.indexOf('=');
    labels[i < 0 ? l : l.slice(0, i)] = i < 0 ? '' : l.slice(i + 1);
  }
  const ports: PortMapping[] = f.ports.map((p) => ({
    containerPort: num(p.containerPort) ?? 0,
    protocol: p.protocol,
    ...(p.hostPort ? { hostPort: num(p.hostPort) as number } : {}),
    ...(p.hostIp ? { hostIp: p.hostIp } : {}),
  }));
  const mounts: Mount[] = f.mounts.map((m) =>
    m.type === 'bind'
      ? {
          type: 'bind',
          source: m.source,
          target: m.target,
          ...(m.options ? { options: list(m.options) as never } : {}),
        }
      : m.type === 'volume'
        ? {
            type: 'volume',
            name: m.source,
            target: m.target,
            ...(list(m.options).includes('ro') ? { readOnly: true } : {}),
          }
        : { type: 'tmpfs', target: m.target, ...(m.source ? { size: m.source } : {}) },
  );
  const limits = {
    ...(f.memory ? { memory: f.memory } : {}),
    ...(f.memorySwap ? { memorySwap: f.memorySwap } : {}),
    ...(f.memoryReservation ? { memoryReservation: f.memoryReservation } : {}),
    ...(f.cpus ? { cpus: num(f.cpus) as number } : {}),
    ...(f.cpuShares ? { cpuShares: num(f.cpuShares) as number } : {}),
    ...(f.cpuset ? { cpusetCpus: f.cpuset } : {}),
    ...(f.pidsLimit ? { pidsLimit: num(f.pidsLimit) as number } : {}),
    ...(f.blkioWeight ? { blkioWeight: num(f.blkioWeight) as number } : {}),
  };
  const security = {
    ...(f.capAdd ? { capAdd: list(f.capAdd) } : {}),
    ...(f.capDrop ? { capDrop: list(f.capDrop) } : {}),
    ...(f.noNewPrivileges ? { noNewPrivileges: true } : {}),
    ...(f.readOnlyRootfs ? { readOnlyRootfs: true } : {}),
    ...(f.seccomp ? { seccompProfile: f.seccomp } : {}),
    ...(f.privileged ? { privileged: true } : {}),
    ...(f.runtime ? { runtime: f.runtime } : {}),
  };
  return {
    image: f.image.trim(),
    ...(f.name.trim() ? { name: f.name.trim() } : {}),
    ...(f.command.trim() ? { command: splitCommand(f.command) } : {}),
    ...(f.entrypoint.trim() ? { entrypoint: splitCommand(f.entrypoint) } : {}),
    ...(lines(f.env).length ? { env: lines(f.env) } : {}),
    ...(f.workdir ? { workdir: f.workdir } : {}),
    ...(f.user ? { user: f.user } : {}),
    ...(Object.keys(labels).length ? { labels } : {}),
    ...(f.hostname ? { hostname: f.hostname } : {}),
    ...(ports.length ? { ports } : {}),
    ...(mounts.length ? { mounts } : {}),
    ...(userns.kind !== 'host' ? { userns } : {}),
    ...(network ? { network } : {}),
    ...(Object.keys(limits).length ? { limits } : {}),
    ...(Object.keys(security).length ? { security } : {}),
    ...(f.restartPolicy !== 'no'
      ? { restartPolicy: f.restartPolicy as CreateContainerSpec['restartPolicy'] }
      : {}),
    ...(f.autoRemove ? { autoRemove: true } : {}),
    ...(f.tty ? { tty: true } : {}),
    ...(f.stdin ? { stdin: true } : {}),
    ...(list(f.dns).length ? { dns: list(f.dns) } : {}),
  };
}

/** Map a field path from core ('ports[0].hostPort', 'limits.memory') to the form control that shows it. */
export function controlFor(field: string | undefined): string {
  if (!field) return '';
  const m = /^(ports|mounts)\[(\d+)\]/.exec(field);
  if (m) return `${m[1]}-${m[2]}`;
  if (field.startsWith('env')) return 'env';
  if (field.startsWith('dns')) return 'dns';
  if (field.startsWith('security.capAdd')) return 'capAdd';
  if (field.startsWith('security.capDrop')) return 'capDrop';
  if (field === 'security.seccompProfile') return 'seccomp';
  if (field.startsWith('limits.')) {
    const k = field.slice(7);
    return k === 'cpusetCpus' ? 'cpuset' : k;
  }
  if (field === 'userns') return 'userns';
  return field.split('.')[0] ?? field;
}

function FieldError({ error, control }: { error: BurrowErrorData | undefined; control: string }) {
  if (!error || controlFor(error.field) !== control) return null;
  return (
    <div className="field-error" role="alert" id={`err-${control}`}>
      <strong>{error.field}:</strong> {error.message}
      {error.hint ? <div className="hint">{error.hint}</div> : null}
    </div>
  );
}

const USERNS_CHOICES: { kind: FormState['usernsKind']; title: string; text: string }[] = [
  {
    kind: 'host',
    title: 'Default (host)',
    text: 'Container root is you. Other users in the image (USER 1001…) become your subordinate uids and cannot touch your files.',
  },
  {
    kind: 'keep-id',
    title: 'keep-id',
    text: 'Your uid appears inside as itself and the process runs as you: files written to bind mounts stay yours.',
  },
  {
    kind: 'keep-id-ids',
    title: 'keep-id with uid/gid',
    text: 'Map your uid onto the image’s user (e.g. 1001): an image with USER 1001 can write to your directories.',
  },
  {
    kind: 'nomap',
    title: 'nomap',
    text: 'You are not mapped at all: the strongest isolation; your files look owned by nobody.',
  },
];

export function CreateContainerView({ image }: { image?: string }) {
  const api = useStore((s) => s.api);
  const [f, setF] = useState<FormState>({ ...EMPTY_FORM, image: image ?? '' });
  const [error, setError] = useState<BurrowErrorData>();
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<CreatePreview>();
  const [networks, setNetworks] = useState<string[]>([]);
  const pull = usePull();
  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => setF((p) => ({ ...p, [k]: v }));
  const spec = useMemo(() => toSpec(f), [f]);
  const gaps = useMemo(() => hardeningGaps(spec), [spec]);

  useEffect(() => {
    if (api)
      void invoke(api, 'networks.list', {}).then(
        (n) => setNetworks(n.map((x) => x.name)),
        () => undefined,
      );
  }, [api]);

  // The live preview: which host uid the process gets, and what each bind mount will allow.
  useEffect(() => {
    if (!api || !spec.image) return setPreview(undefined);
    const t = setTimeout(() => {
      invoke(api, 'insight.previewCreate', spec as never).then(setPreview, () => setPreview(undefined));
    }, 250);
    return () => clearTimeout(t);
  }, [api, spec]);

  const applyFix = (index: number, fix: { userns?: UsernsMode; addMountOption?: string }) => {
    if (fix.userns?.kind === 'keep-id') {
      setF((p) => ({
        ...p,
        usernsKind: 'keep-id-ids',
        keepUid: String(fix.userns && 'uid' in fix.userns ? (fix.userns.uid ?? '') : ''),
        keepGid: String(fix.userns && 'gid' in fix.userns ? (fix.userns.gid ?? '') : ''),
      }));
    } else if (fix.addMountOption) {
      setF((p) => ({
        ...p,
        mounts: p.mounts.map((m, i) =>
          i === index ? { ...m, options: [...list(m.options), fix.addMountOption as string].join(',') } : m,
        ),
      }));
    }
  };

  const hardened = () => {
    const h = applyHardenedPreset(spec, { capAdd: list(f.capAdd).filter((c) => c.toUpperCase() !== 'ALL') });
    setF((p) => ({
      ...p,
      capDrop: 'ALL',
      capAdd: (h.security?.capAdd ?? []).join(', '),
      noNewPrivileges: true,
      readOnlyRootfs: true,
      privileged: false,
      seccomp: p.seccomp === 'unconfined' ? '' : p.seccomp,
      memory: h.limits?.memory ?? p.memory,
      pidsLimit: String(h.limits?.pidsLimit ?? p.pidsLimit),
      mounts: [
        ...p.mounts.filter((m) => !(m.type === 'tmpfs' && m.target === '/tmp')),
        { type: 'tmpfs', source: '64m', target: '/tmp', options: '' },
      ],
    }));
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!api) return;
    setBusy(true);
    setError(undefined);
    try {
      if (spec.image && !(await invoke(api, 'images.exists', { name: spec.image }))) {
        const pulled = await pull.run(spec.image);
        if (!pulled.ok) {
          // A reference the engine cannot even parse is a mistake in the Image field.
          if (pulled.error) setError({ ...pulled.error, field: 'image' });
          return;
        }
      }
      const res = await invoke(api, 'containers.create', spec as never);
      for (const w of res.warnings) useStore.getState().toast('info', w.message, w.hint);
      if (f.start) await invoke(api, 'containers.start', { id: res.id });
      useStore.getState().toast('success', `Created ${spec.name ?? res.id.slice(0, 12)}`);
      navigate({ view: 'container', id: res.id, tab: 'summary' });
    } catch (err) {
      if (err instanceof ApiError) {
        setError(err.data);
        const ctl = controlFor(err.data.field);
        requestAnimationFrame(() =>
          document
            .querySelector<HTMLElement>(
              `[data-control="${ctl}"] input, [data-control="${ctl}"] select, [data-control="${ctl}"] textarea`,
            )
            ?.focus(),
        );
      } else useStore.getState().error(err);
    } finally {
      setBusy(false);
    }
  };

  const input = (
    k: keyof FormState,
    label: string,
    props: React.InputHTMLAttributes<HTMLInputElement> = {},
  ) => (
    <div className="field" data-control={k}>
      <label htmlFor={`f-${k}`}>{label}</label>
      <input
        id={`f-${k}`}
        value={String(f[k])}
        onChange={(e) => set(k, e.target.value as never)}
        aria-invalid={controlFor(error?.field) === k}
        {...props}
      />
      <FieldError error={error} control={k} />
    </div>
  );

  return (
    <section className="view create" aria-label="Create container">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="toolbar">
          <h1>Create container</h1>
          <span className="spacer" />
          <button
            type="button"
            onClick={hardened}
            title="cap-drop ALL, no-new-privileges, read-only root with tmpfs /tmp, memory and pids limits"
          >
            Apply hardened preset
          </button>
          <label>
            <input type="checkbox" checked={f.start} onChange={(e) => set('start', e.target.checked)} /> Start
            after creating
          </label>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create'}
          </button>
        </div>
        {error && !controlFor(error.field) ? (
          <div className="field-error" role="alert">
            {error.message}
            {error.hint ? <div className="hint">{error.hint}</div> : null}
          </div>
        ) : null}
        {pull.state ? <PullProgressView state={pull.state} /> : null}
        <fieldset>
          <legend>Basics</legend>
          {input('image', 'Image', { placeholder: 'localhost/burrow-test/busybox:latest', required: true })}
          {input('name', 'Name', { placeholder: 'optional' })}
          {input('command', 'Command', { placeholder: 'httpd -f -p 8080' })}
          {input('entrypoint', 'Entrypoint', { placeholder: 'image default' })}
          <div className="field" data-control="env">
            <label htmlFor="f-env">Environment (KEY=value per line)</label>
            <textarea id="f-env" rows={3} value={f.env} onChange={(e) => set('env', e.target.value)} />
            <FieldError error={error} control="env" />
          </div>
          {input('workdir', 'Working directory')}
          {input('user', 'User', { placeholder: 'image default (e.g. 1001:1001)' })}
          {input('hostname', 'Hostname')}
          <div className="field" data-control="labels">
            <label htmlFor="f-labels">Labels (key=value per line)</label>
            <textarea
              id="f-labels"
              rows={2}
              value={f.labels}
              onChange={(e) => set('labels', e.target.value)}
            />
            <FieldError error={error} control="labels" />
          </div>
        </fieldset>

        <fieldset>
          <legend>Ports &amp; network</legend>
          {f.ports.map((p, i) => (
            <div className="row-fields" key={i} data-control={`ports-${i}`}>
              <input
                aria-label={`Port ${i + 1} host IP`}
                placeholder="host IP (127.0.0.1)"
                value={p.hostIp}
                onChange={(e) =>
                  set(
                    'ports',
                    f.ports.map((x, j) => (j === i ? { ...x, hostIp: e.target.value } : x)),
                  )
                }
              />
              <input
                aria-label={`Port ${i + 1} host port`}
                placeholder="host port (random)"
                value={p.hostPort}
                onChange={(e) =>
                  set(
                    'ports',
                    f.ports.map((x, j) => (j === i ? { ...x, hostPort: e.target.value } : x)),
                  )
                }
              />
              <input
                aria-label={`Port ${i + 1} container port`}
                placeholder="container port"
                value={p.containerPort}
                onChange={(e) =>
                  set(
                    'ports',
                    f.ports.map((x, j) => (j === i ? { ...x, containerPort: e.target.value } : x)),
                  )
                }
              />
              <select
                aria-label={`Port ${i + 1} protocol`}
                value={p.protocol}
                onChange={(e) =>
                  set(
                    'ports',
                    f.ports.map((x, j) =>
                      j === i ? { ...x, protocol: e.target.value as 'tcp' | 'udp' } : x,
                    ),
                  )
                }
              >
                <option value="tcp">tcp</option>
                <option value="udp">udp</option>
              </select>
              <button
                type="button"
                aria-label={`Remove port ${i + 1}`}
                onClick={() =>
                  set(
                    'ports',
                    f.ports.filter((_, j) => j !== i),
                  )
                }
              >
                ×
              </button>
              <FieldError error={error} control={`ports-${i}`} />
            </div>
          ))}
          <button
            type="button"
            onClick={() =>
              set('ports', [
                ...f.ports,
                { hostIp: '127.0.0.1', hostPort: '', containerPort: '', protocol: 'tcp' },
              ])
            }
          >
            Add port
          </button>
          <div className="field" data-control="network">
            <label htmlFor="f-network">Network</label>
            <select id="f-network" value={f.network} onChange={(e) => set('network', e.target.value)}>
              <option value="default">Default (rootless: slirp4netns or pasta)</option>
              <option value="bridge">Named networks</option>
              <option value="pasta">pasta</option>
              <option value="slirp4netns">slirp4netns</option>
              <option value="none">none</option>
              <option value="host">host (no isolation)</option>
            </select>
            {f.network === 'bridge' ? (
              <input
                aria-label="Networks"
                list="network-names"
                placeholder="network names, comma separated"
                value={f.networks}
                onChange={(e) => set('networks', e.target.value)}
              />
            ) : null}
            <datalist id="network-names">
              {networks.map((n) => (
                <option key={n} value={n} />
              ))}
            </datalist>
            <FieldError error={error} control="network" />
          </div>
          {input('dns', 'DNS servers', { placeholder: '1.1.1.1, 9.9.9.9' })}
        </fieldset>

        <fieldset>
          <legend>Storage</legend>
          {f.mounts.map((m, i) => {
            const pred = preview?.mounts.find((p) => p.index === i);
            return (
              <div className="mount" key={i} data-control={`mounts-${i}`}>
                <div className="row-fields">
                  <select
                    aria-label={`Mount ${i + 1} type`}
                    value={m.type}
                    onChange={(e) =>
                      set(
                        'mounts',
                        f.mounts.map((x, j) => (j === i ? { ...x, type: e.target.value as 'bind' } : x)),
                      )
                    }
                  >
                    <option value="bind">bind</option>
                    <option value="volume">volume</option>
                    <option value="tmpfs">tmpfs</option>
                  </select>
                  <input
                    aria-label={`Mount ${i + 1} ${m.type === 'bind' ? 'host path' : m.type === 'volume' ? 'volume name' : 'size'}`}
                    placeholder={
                      m.type === 'bind'
                        ? '/home/you/data'
                        : m.type === 'volume'
                          ? 'volume name'
                          : 'size (64m)'
                    }
                    value={m.source}
                    onChange={(e) =>
                      set(
                        'mounts',
                        f.mounts.map((x, j) => (j === i ? { ...x, source: e.target.value } : x)),
                      )
                    }
                  />
                  <input
                    aria-label={`Mount ${i + 1} container path`}
                    placeholder="/data"
                    value={m.target}
                    onChange={(e) =>
                      set(
                        'mounts',
                        f.mounts.map((x, j) => (j === i ? { ...x, target: e.target.value } : x)),
                      )
                    }
                  />
                  <input
                    aria-label={`Mount ${i + 1} options`}
                    placeholder="ro, Z, U"
                    value={m.options}
                    onChange={(e) =>
                      set(
                        'mounts',
                        f.mounts.map((x, j) => (j === i ? { ...x, options: e.target.value } : x)),
                      )
                    }
                  />
                  <button
                    type="button"
                    aria-label={`Remove mount ${i + 1}`}
                    onClick={() =>
                      set(
                        'mounts',
                        f.mounts.filter((_, j) => j !== i),
                      )
                    }
                  >
                    ×
                  </button>
                </div>
                {pred ? (
                  <div
                    className={`prediction ${pred.prediction.read && (pred.prediction.write || list(m.options).includes('ro')) ? 'ok' : 'warn'}`}
                    role="status"
                    aria-label={`Mount ${i + 1} permission prediction`}
                  >
                    <strong>
                      {pred.prediction.read ? 'read ✓' : 'read ✗'} ·{' '}
                      {list(m.options).includes('ro')
                        ? 'read-only'
                        : pred.prediction.write
                          ? 'write ✓'
                          : 'write ✗'}
                    </strong>{' '}
                    as host uid {pred.hostUid}. {pred.prediction.reason}
                    {pred.prediction.fixes.length ? (
                      <ul className="fixes">
                        {pred.prediction.fixes.map((fx) => (
                          <li key={fx.kind}>
                            {fx.title}
                            {fx.command ? <code> {fx.command}</code> : null}{' '}
                            {fx.userns || fx.addMountOption ? (
                              <button type="button" onClick={() => applyFix(i, fx)}>
                                Apply
                              </button>
                            ) : null}
                            {fx.caveat ? <div className="muted">{fx.caveat}</div> : null}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </div>
                ) : null}
                <FieldError error={error} control={`mounts-${i}`} />
              </div>
            );
          })}
          <button
            type="button"
            onClick={() =>
              set('mounts', [...f.mounts, { type: 'bind', source: '', target: '', options: '' }])
            }
          >
            Add mount
          </button>
        </fieldset>

        <fieldset data-control="userns">
          <legend>User namespace</legend>
          <div role="radiogroup" aria-label="User namespace mode" className="choices">
            {USERNS_CHOICES.map((c) => (
              <label key={c.kind} className={`choice${f.usernsKind === c.kind ? ' selected' : ''}`}>
                <input
                  type="radio"
                  name="userns"
                  value={c.kind}
                  checked={f.usernsKind === c.kind}
                  onChange={() => set('usernsKind', c.kind)}
                />
                <span>
                  <strong>{c.title}</strong>
                  <span className="muted"> — {c.text}</span>
                </span>
              </label>
            ))}
          </div>
          {f.usernsKind === 'keep-id-ids' ? (
            <div className="row-fields">
              <input
                aria-label="keep-id uid"
                placeholder="uid (e.g. 1001)"
                value={f.keepUid}
                onChange={(e) => set('keepUid', e.target.value)}
              />
              <input
                aria-label="keep-id gid"
                placeholder="gid (e.g. 1001)"
                value={f.keepGid}
                onChange={(e) => set('keepGid', e.target.value)}
              />
            </div>
          ) : null}
          {preview ? (
            <p className="preview" role="status" aria-label="Mapping preview">
              {preview.process.sentence} (container uid {preview.process.containerUid})
            </p>
          ) : null}
          <FieldError error={error} control="userns" />
        </fieldset>

        <fieldset>
          <legend>Resources</legend>
          <div className="grid-fields">
            {input('memory', 'Memory', { placeholder: '512m' })}
            {input('memorySwap', 'Memory + swap', { placeholder: '1g or -1' })}
            {input('memoryReservation', 'Memory reservation', { placeholder: '256m' })}
            {input('cpus', 'CPUs', { placeholder: '1.5' })}
            {input('cpuShares', 'CPU shares', { placeholder: '1024' })}
            {input('cpuset', 'CPU set', { placeholder: '0-1' })}
            {input('pidsLimit', 'PIDs limit', { placeholder: '256' })}
            {input('blkioWeight', 'Block I/O weight', { placeholder: '10–1000' })}
          </div>
        </fieldset>

        <fieldset>
          <legend>Security</legend>
          <p className={gaps.length ? 'muted' : 'ok'}>
            {gaps.length ? `Not hardened: ${gaps.join(', ')}.` : 'Hardened.'}
          </p>
          <div className="grid-fields">
            {input('capDrop', 'Drop capabilities', { placeholder: 'ALL' })}
            {input('capAdd', 'Add capabilities', { placeholder: 'NET_BIND_SERVICE' })}
            {input('seccomp', 'Seccomp profile', { placeholder: 'default, a path, or unconfined' })}
            <div className="field" data-control="runtime">
              <label htmlFor="f-runtime">OCI runtime</label>
              <select
                id="f-runtime"
                value={f.runtime}
                onChange={(e) => set('runtime', e.target.value as FormState['runtime'])}
              >
                <option value="">Engine default</option>
                <option value="runc">runc</option>
                <option value="crun">crun</option>
              </select>
            </div>
          </div>
          <label>
            <input
              type="checkbox"
              checked={f.noNewPrivileges}
              onChange={(e) => set('noNewPrivileges', e.target.checked)}
            />{' '}
            No new privileges
          </label>
          <label>
            <input
              type="checkbox"
              checked={f.readOnlyRootfs}
              onChange={(e) => set('readOnlyRootfs', e.target.checked)}
            />{' '}
            Read-only root filesystem
          </label>
          <label className="danger-text">
            <input
              type="checkbox"
              checked={f.privileged}
              onChange={(e) => set('privileged', e.target.checked)}
            />{' '}
            Privileged (all capabilities and devices — avoid)
          </label>
        </fieldset>

        <fieldset>
          <legend>Lifecycle</legend>
          <div className="field" data-control="restartPolicy">
            <label htmlFor="f-restart">Restart policy</label>
            <select
              id="f-restart"
              value={f.restartPolicy}
              onChange={(e) => set('restartPolicy', e.target.value)}
            >
              <option value="no">no</option>
              <option value="on-failure">on-failure</option>
              <option value="always">always</option>
              <option value="unless-stopped">unless-stopped</option>
            </select>
            <FieldError error={error} control="restartPolicy" />
          </div>
          <label>
            <input
              type="checkbox"
              checked={f.autoRemove}
              onChange={(e) => set('autoRemove', e.target.checked)}
            />{' '}
            Remove when it exits
          </label>
          <label>
            <input type="checkbox" checked={f.tty} onChange={(e) => set('tty', e.target.checked)} /> TTY
          </label>
          <label>
            <input type="checkbox" checked={f.stdin} onChange={(e) => set('stdin', e.target.checked)} /> Keep
            stdin open
          </label>
          <FieldError error={error} control="autoRemove" />
        </fieldset>
      </form>
    </section>
  );
}
