// Quadlet units and auto-update on the engine's host (this machine, or the remote engine's over its SSH
// connection): what the host offers and why not, the user's units with their state and actions, a unit's
// journal, a new unit checked by Podman's generator before it is saved, and podman auto-update (dry run, run).
import { useEffect, useState } from 'react';
import type {
  AutoUpdateEntry,
  QuadletUnitInfo,
  SystemdSupport,
  UnitJournalEntry,
  UnitCheck,
} from '../../../../core/model/systemd.js';
import type { BurrowErrorData } from '../../../../electron/contract/index.js';
import { JobOutput } from '../../components/job-output.js';
import { ViewHeader } from '../../components/resource-table.js';
import { ErrorNote, Skeleton, useConfirm } from '../../components/ui.js';
import { useLineJob } from '../../data/jobs.js';
import { runChannel, useChannel } from '../../data/queries.js';
import { useStore } from '../../store/store.js';

function Availability({
  what,
  a,
}: {
  what: string;
  a: SystemdSupport['quadlet'] | SystemdSupport['autoUpdate'];
}) {
  return a.available ? (
    <li className="ok">{what}: available</li>
  ) : (
    <li className="warn" data-testid={`unavailable-${what.toLowerCase().replace(/\W+/g, '-')}`}>
      {what}: not available — {a.reason}. <span className="hint">{a.hint}</span>
    </li>
  );
}

function SupportNote({ s }: { s: SystemdSupport }) {
  return (
    <div className="card" aria-label="What the engine's host offers">
      <h2>On {s.where}</h2>
      <ul className="plain">
        <Availability what="Quadlet" a={s.quadlet} />
        <Availability what="systemd user instance" a={s.systemd} />
        <Availability what="Auto-update" a={s.autoUpdate} />
      </ul>
      <p className="muted">Units live in {s.unitDir}</p>
    </div>
  );
}

function Journal({ unit }: { unit: string }) {
  const api = useStore((s) => s.api);
  const [entries, setEntries] = useState<UnitJournalEntry[]>([]);
  const [error, setError] = useState<BurrowErrorData>();
  useEffect(() => {
    if (!api) return;
    setEntries([]);
    setError(undefined);
    return api.subscribe(
      'systemd.journal',
      { unit, lines: 200, follow: true },
      (e) => setEntries((prev) => [...prev, e].slice(-2000)),
      (e) => e && setError(e),
    );
  }, [api, unit]);
  return (
    <div className="card">
      <h2>Journal of {unit}</h2>
      {error ? <ErrorNote error={error} /> : null}
      <div className="log-view" role="log" aria-label={`Journal of ${unit}`} style={{ height: 240 }}>
        {entries.map((e, i) => (
          <div key={i} className={e.priority <= 3 ? 'stderr' : ''}>
            <span className="source">
              {e.time.slice(11, 19)} {e.identifier ?? ''} |{' '}
            </span>
            {e.message}
          </div>
        ))}
      </div>
    </div>
  );
}

function UnitRow({ u, onJournal }: { u: QuadletUnitInfo; onJournal(name: string): void }) {
  const [confirm, confirmDialog] = useConfirm();
  const act = (action: 'start' | 'stop' | 'restart' | 'enable' | 'disable') =>
    void runChannel(
      'systemd.unitAction',
      { unit: u.fileName, action },
      { done: (r) => `${u.fileName}: ${action} → ${r.state}`, invalidates: ['systemd.'] },
    );
  const canRun = u.service !== undefined;
  return (
    <tr data-unit={u.fileName}>
      <td>
        <strong>{u.fileName}</strong>
        {u.generatorError ? (
          <div className="warn" role="note">
            Refused by the generator: {u.generatorError}
          </div>
        ) : null}
      </td>
      <td>{u.service ?? '—'}</td>
      <td>
        <span className={`unit-state ${u.state}`} data-testid="unit-state">
          {u.state}
        </span>
        {u.result && u.result !== 'success' ? <span className="muted"> ({u.result})</span> : null}
      </td>
      <td>{u.enabled ? 'at login' : 'manual'}</td>
      <td>
        {u.kind === 'container' || u.kind === 'kube' ? (
          <select
            aria-label={`Auto-update of ${u.fileName}`}
            value={u.autoUpdate ?? 'none'}
            onChange={(e) =>
              void runChannel(
                'systemd.autoUpdateMark',
                { unit: u.fileName, policy: e.target.value as 'registry' | 'local' | 'none' },
                {
                  done: `${u.fileName}: AutoUpdate=${e.target.value} (applies from its next start)`,
                  invalidates: ['systemd.'],
                },
              )
            }
          >
            <option value="none">off</option>
            <option value="registry">registry</option>
            <option value="local">local</option>
          </select>
        ) : (
          '—'
        )}
      </td>
      <td className="actions">
        {u.state === 'active' ? (
          <>
            <button disabled={!canRun} onClick={() => act('stop')}>
              Stop
            </button>
            <button disabled={!canRun} onClick={() => act('restart')}>
              Restart
            </button>
          </>
        ) : (
          <button disabled={!canRun} onClick={() => act('start')}>
            Start
          </button>
        )}
        <button onClick={() => act(u.enabled ? 'disable' : 'enable')}>
          {u.enabled ? 'Disable' : 'Enable'}
        </button>
        <button disabled={!canRun} onClick={() => onJournal(u.fileName)}>
          Journal
        </button>
        <button
          className="danger"
          onClick={() =>
            confirm({
              title: 'Remove unit',
              message: `Stop ${u.service ?? u.fileName} and delete ${u.path}?`,
              confirmLabel: 'Remove',
              onConfirm: () =>
                void runChannel(
                  'systemd.removeUnit',
                  { unit: u.fileName },
                  { done: `Removed ${u.fileName}`, invalidates: ['systemd.'] },
                ),
            })
          }
        >
          Remove
        </button>
        {confirmDialog}
      </td>
    </tr>
  );
}

function NewUnit() {
  const [fileName, setFileName] = useState('');
  const [text, setText] = useState('[Container]\nImage=\nExec=\n\n[Install]\nWantedBy=default.target\n');
  const [check, setCheck] = useState<UnitCheck>();
  return (
    <div className="card" aria-label="New unit">
      <h2>New unit</h2>
      <label htmlFor="unit-name">File name</label>
      <input
        id="unit-name"
        placeholder="web.container"
        value={fileName}
        onChange={(e) => setFileName(e.target.value)}
      />
      <textarea
        className="yaml"
        aria-label="Unit text"
        spellCheck={false}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="toolbar">
        <button onClick={() => void runChannel('systemd.checkUnit', { fileName, text }, { then: setCheck })}>
          Check with the generator
        </button>
        <button
          className="primary"
          onClick={() =>
            void runChannel(
              'systemd.writeUnit',
              { fileName, text },
              { done: (r) => `Saved ${r.path} (${r.service})`, invalidates: ['systemd.'] },
            )
          }
        >
          Save
        </button>
      </div>
      {check ? (
        check.ok ? (
          <details open>
            <summary className="ok">Accepted: the generator makes {check.service}</summary>
            <pre className="json">{check.generated}</pre>
          </details>
        ) : (
          <p className="warn" role="alert">
            Refused: {check.error}
          </p>
        )
      ) : null}
    </div>
  );
}

const STATUS_WORDS: Record<AutoUpdateEntry['status'], string> = {
  pending: 'would update',
  updated: 'updated',
  unchanged: 'up to date',
  failed: 'failed',
  'rolled-back': 'rolled back',
  unknown: 'unknown',
};

function AutoUpdateTable({ entries, label }: { entries: AutoUpdateEntry[]; label: string }) {
  if (entries.length === 0) return <p>No container runs in a systemd unit with an AutoUpdate policy.</p>;
  return (
    <table className="list" aria-label={label}>
      <thead>
        <tr>
          <th>Unit</th>
          <th>Container</th>
          <th>Image</th>
          <th>Policy</th>
          <th>Status</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={`${e.unit}/${e.containerId}`} data-unit={e.unit}>
            <td>{e.unit}</td>
            <td>{e.containerName}</td>
            <td>{e.image}</td>
            <td>{e.policy}</td>
            <td data-testid="auto-update-status">{STATUS_WORDS[e.status]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AutoUpdate({ available }: { available: boolean }) {
  const [preview, setPreview] = useState<AutoUpdateEntry[]>();
  const job = useLineJob('systemd.autoUpdate', { invalidates: ['systemd.', 'containers.'] });
  const result = job.state.done?.result as AutoUpdateEntry[] | undefined;
  return (
    <div className="card" aria-label="Auto-update">
      <h2>Auto-update</h2>
      <p className="muted">
        Units with AutoUpdate=registry get the newest image of their tag; AutoUpdate=local, a newer local
        image. A unit that fails after its update is rolled back to the image it had.
      </p>
      <div className="toolbar">
        <button
          disabled={!available}
          onClick={() => void runChannel('systemd.autoUpdatePreview', {}, { then: setPreview })}
        >
          Dry run
        </button>
        <button className="primary" disabled={!available || job.state.running} onClick={() => job.start({})}>
          {job.state.running ? 'Updating…' : 'Update now'}
        </button>
      </div>
      {preview ? <AutoUpdateTable entries={preview} label="Auto-update dry run" /> : null}
      <JobOutput state={job.state} label="Auto-update output" height={140} />
      {result ? <AutoUpdateTable entries={result} label="Auto-update results" /> : null}
    </div>
  );
}

export function UnitsView() {
  const { data, error } = useChannel('systemd.units', {});
  const [journal, setJournal] = useState<string>();
  const ready = data && data.support.quadlet.available && data.support.systemd.available;
  return (
    <section className="view" aria-label="Units">
      <ViewHeader title="Quadlet units" />
      {error ? <ErrorNote error={error} /> : null}
      {!data ? (
        error ? null : (
          <Skeleton />
        )
      ) : (
        <>
          <SupportNote s={data.support} />
          {data.warnings.map((w) => (
            <p key={w} className="warn">
              {w}
            </p>
          ))}
          {data.units.length === 0 ? (
            <p>No units in {data.support.unitDir}.</p>
          ) : (
            <table className="list" aria-label="Quadlet units">
              <thead>
                <tr>
                  <th>Unit file</th>
                  <th>Service</th>
                  <th>State</th>
                  <th>Starts</th>
                  <th>Auto-update</th>
                  <th>Actions</th>
                </tr>
              </thead>
              <tbody>
                {data.units.map((u) => (
                  <UnitRow key={u.path} u={u} onJournal={setJournal} />
                ))}
              </tbody>
            </table>
          )}
          {journal ? <Journal unit={journal} /> : null}
          {ready ? <NewUnit /> : null}
          <AutoUpdate available={data.support.autoUpdate.available} />
        </>
      )}
    </section>
  );
}
