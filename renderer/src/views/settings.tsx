// Settings: the window (close to tray, theme), the connection Burrow starts with, notifications (which kinds,
// what a crash loop is, which containers), and what new containers start with. Every change is saved at once by
// the main process (validated there; the file is written after a short quiet) and reaches every window.
import { useState, type ReactNode } from 'react';
import type { Settings } from '../../../core/model/settings.js';
import { ErrorNote } from '../components/ui.js';
import { useChannel } from '../data/queries.js';
import { saveSettings, useNotify, type SettingsChange } from '../notify/store.js';

const save = (patch: SettingsChange) => void saveSettings(patch);

function Check({
  label,
  checked,
  onChange,
  disabled,
  note,
}: {
  label: string;
  checked: boolean;
  onChange(v: boolean): void;
  disabled?: boolean;
  note?: ReactNode;
}) {
  return (
    <div className="setting">
      <label>
        <input
          type="checkbox"
          checked={checked}
          disabled={disabled}
          onChange={(e) => onChange(e.target.checked)}
        />{' '}
        {label}
      </label>
      {note ? <div className="hint">{note}</div> : null}
    </div>
  );
}

/**
 * A number saved when the field is left or Enter is pressed, not on every keystroke. With `emptyMeans`, an empty
 * field is a choice too (saved as null: "Podman's default").
 */
function NumberSetting({
  label,
  value,
  min,
  max,
  unit,
  emptyMeans,
  onSave,
}: {
  label: string;
  value: number | undefined;
  min: number;
  max: number;
  unit?: string;
  emptyMeans?: string;
  onSave(n: number | null): void;
}) {
  const [text, setText] = useState<string | undefined>(undefined);
  const commit = () => {
    if (text === undefined) return;
    setText(undefined);
    if (text.trim() === '') {
      if (emptyMeans && value !== undefined) onSave(null);
      return;
    }
    const n = Number(text);
    if (n !== value) onSave(n);
  };
  return (
    <label className="setting inline">
      {label}{' '}
      <input
        type="number"
        min={min}
        max={max}
        value={text ?? (value === undefined ? '' : String(value))}
        {...(emptyMeans ? { placeholder: emptyMeans } : {})}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
      {unit ? ` ${unit}` : ''}
    </label>
  );
}

const USERNS_CHOICES: [string, string][] = [
  ['', 'host (Podman’s default)'],
  ['keep-id', 'keep-id: your uid inside'],
  ['nomap', 'nomap: you are not mapped'],
];

function Windowing({ s }: { s: Settings }) {
  const { data: info } = useChannel('app.info', {}, { staleTime: Infinity });
  const headless = info?.mode === 'headless';
  const noTray = info?.tray && !info.tray.available ? info.tray.reason : undefined;
  const { data: conns } = useChannel('connections.list', {});
  const names = conns?.connections.map((c) => c.name) ?? [s.startConnection];
  return (
    <fieldset>
      <legend>Window and start</legend>
      <Check
        label="Closing the window keeps Burrow running in the tray"
        checked={s.closeToTray && !noTray}
        disabled={headless || noTray !== undefined}
        onChange={(v) => save({ closeToTray: v })}
        note={
          headless
            ? 'Only in the desktop app: this page is served by the headless host, which runs until it is stopped.'
            : noTray
        }
      />
      <div className="setting" role="radiogroup" aria-label="Theme">
        Theme{' '}
        {(['system', 'light', 'dark'] as const).map((t) => (
          <label key={t} className="inline">
            <input type="radio" name="theme" checked={s.theme === t} onChange={() => save({ theme: t })} />{' '}
            {t === 'system' ? 'Follow the system' : t === 'light' ? 'Light' : 'Dark'}
          </label>
        ))}
      </div>
      <label className="setting inline">
        Connection at start{' '}
        <select
          aria-label="Connection at start"
          value={s.startConnection}
          onChange={(e) => save({ startConnection: e.target.value })}
        >
          {[...new Set([...names, s.startConnection])].map((n) => (
            <option key={n} value={n}>
              {n === 'local' ? 'local (discovery)' : n}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}

/** The kinds of notification, each with its own switch. */
const KINDS: [
  keyof Pick<Settings['notifications'], 'exitNonZero' | 'oomKilled' | 'unhealthy' | 'crashLoop' | 'jobs'>,
  string,
][] = [
  ['exitNonZero', 'It exits with an error'],
  ['oomKilled', 'It is killed for running out of memory'],
  ['unhealthy', 'It turns unhealthy'],
  ['crashLoop', 'It is crash-looping'],
  ['jobs', 'A pull, build or other long job finishes while Burrow is in the background'],
];

function Notifications({ s }: { s: Settings }) {
  const n = s.notifications;
  const marks = Object.entries(n.containers).sort(([a], [b]) => a.localeCompare(b));
  const set = (patch: NonNullable<SettingsChange['notifications']>) => save({ notifications: patch });
  return (
    <fieldset>
      <legend>Notifications</legend>
      <Check
        label="Notify me when a container needs me"
        checked={n.enabled}
        onChange={(v) => set({ enabled: v })}
      />
      <Check
        label="Show them on the desktop (not only in Activity)"
        checked={n.desktop}
        disabled={!n.enabled}
        onChange={(v) => set({ desktop: v })}
      />
      <div className="setting-group" aria-label="Kinds of notification" role="group">
        {KINDS.map(([key, label]) => (
          <Check
            key={key}
            label={label}
            checked={n[key]}
            disabled={!n.enabled}
            onChange={(v) => set({ [key]: v })}
          />
        ))}
      </div>
      <div className="setting">
        A crash loop is more than{' '}
        <NumberSetting
          label="Restarts"
          value={n.crashLoopRestarts}
          min={1}
          max={100}
          unit="restarts"
          onSave={(v) => v !== null && set({ crashLoopRestarts: v })}
        />{' '}
        within{' '}
        <NumberSetting
          label="Minutes"
          value={n.crashLoopMinutes}
          min={1}
          max={1440}
          unit="minutes"
          onSave={(v) => v !== null && set({ crashLoopMinutes: v })}
        />
      </div>
      <div className="setting" role="radiogroup" aria-label="Which containers">
        Which containers{' '}
        <label className="inline">
          <input
            type="radio"
            name="scope"
            checked={n.scope === 'all'}
            onChange={() => set({ scope: 'all' })}
          />{' '}
          All but muted ones
        </label>
        <label className="inline">
          <input
            type="radio"
            name="scope"
            checked={n.scope === 'watched'}
            onChange={() => set({ scope: 'watched' })}
          />{' '}
          Only watched ones
        </label>
      </div>
      {marks.length > 0 ? (
        <ul className="marks" aria-label="Watched and muted containers">
          {marks.map(([name, mark]) => (
            <li key={name}>
              <code>{name}</code> {mark === 'watch' ? 'watched' : 'muted'}{' '}
              <button onClick={() => set({ containers: { [name]: null } })} aria-label={`Reset ${name}`}>
                Reset
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">Mark a container Watch or Mute from its page.</p>
      )}
    </fieldset>
  );
}

function NewContainers({ s }: { s: Settings }) {
  const d = s.defaults;
  const known = USERNS_CHOICES.some(([v]) => v === d.userns);
  const [custom, setCustom] = useState<string | undefined>(undefined);
  return (
    <fieldset>
      <legend>New containers</legend>
      <label className="setting inline">
        User namespace{' '}
        <select
          aria-label="Default user namespace"
          value={known ? d.userns : 'custom'}
          onChange={(e) =>
            e.target.value === 'custom' ? setCustom(d.userns) : save({ defaults: { userns: e.target.value } })
          }
        >
          {USERNS_CHOICES.map(([v, text]) => (
            <option key={v} value={v}>
              {text}
            </option>
          ))}
          <option value="custom">{known ? 'other…' : d.userns}</option>
        </select>
      </label>
      {custom !== undefined ? (
        <label className="setting inline">
          Other mode{' '}
          <input
            aria-label="Default user namespace mode"
            placeholder="keep-id:uid=1000,gid=1000"
            value={custom}
            onChange={(e) => setCustom(e.target.value)}
            onBlur={() => custom !== d.userns && save({ defaults: { userns: custom } })}
          />
        </label>
      ) : null}
      <NumberSetting
        label="Stop timeout"
        value={d.stopTimeoutSeconds}
        min={0}
        max={3600}
        unit="seconds before Podman kills it"
        emptyMeans="Podman’s default"
        onSave={(v) => save({ defaults: { stopTimeoutSeconds: v } })}
      />
    </fieldset>
  );
}

export function SettingsView() {
  const s = useNotify((x) => x.settings);
  const { data: state, error } = useChannel('settings.get', {});
  if (error && !s)
    return (
      <section className="view">
        <ErrorNote error={error} />
      </section>
    );
  if (!s)
    return (
      <section className="view" aria-busy="true">
        Loading…
      </section>
    );
  return (
    <section className="view settings" aria-label="Settings">
      <div className="toolbar">
        <h1>Settings</h1>
      </div>
      {state?.problems.length ? (
        <div className="note" role="alert">
          {state.problems.map((p) => (
            <div key={p}>{p}</div>
          ))}
        </div>
      ) : null}
      <form onSubmit={(e) => e.preventDefault()}>
        <Windowing s={s} />
        <Notifications s={s} />
        <NewContainers s={s} />
      </form>
    </section>
  );
}
