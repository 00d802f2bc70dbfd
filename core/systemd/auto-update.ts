// `podman auto-update` on the engine's host: which systemd-run containers would get a newer image (dry run), the
// update itself with its per-unit outcome (updated, unchanged, failed, rolled back), and marking a Quadlet unit
// with AutoUpdate=registry|local. libpod's API has no auto-update endpoint: this is the CLI, run where the engine
// runs (this machine, or the engine's host over the connection's ssh).
import { BurrowError, invalidInput, toErrorData } from '../errors.js';
import { jobLine } from '../model/jobs.js';
import type {
  AutoUpdateEntry,
  AutoUpdateEvent,
  AutoUpdatePolicy,
  AutoUpdateStatus,
  QuadletUnitInfo,
} from '../model/systemd.js';
import { listUnits, unitAction, writeUnit, type EngineHost } from './quadlet-host.js';
import { setAutoUpdate } from './unit-file.js';

const STATUS: Record<string, AutoUpdateStatus> = {
  pending: 'pending',
  true: 'updated',
  false: 'unchanged',
  failed: 'failed',
  'rolled back': 'rolled-back',
};

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** Podman's `--format json` table (Unit, ContainerName, ContainerID, Image, Policy, Updated). */
export function parseAutoUpdate(stdout: string): AutoUpdateEntry[] {
  const text = stdout.trim();
  if (!text) return [];
  let rows: unknown;
  try {
    rows = JSON.parse(text);
  } catch {
    throw new BurrowError({
      code: 'engine_error',
      message: `podman auto-update printed something other than JSON: ${text.slice(0, 200)}`,
    });
  }
  return (Array.isArray(rows) ? rows : []).map((r) => {
    const o = (r && typeof r === 'object' ? r : {}) as Record<string, unknown>;
    const raw = str(o.Updated);
    // Older Podman puts "id (name)" in Container and has no ContainerName/ContainerID.
    const container = str(o.Container);
    const m = /^(\S+) \((.*)\)$/.exec(container);
    return {
      unit: str(o.Unit),
      containerId: str(o.ContainerID) || m?.[1] || container,
      containerName: str(o.ContainerName) || m?.[2] || '',
      image: str(o.Image),
      policy: str(o.Policy),
      status: STATUS[raw] ?? 'unknown',
      raw,
    };
  });
}

export function summarize(entries: AutoUpdateEntry[], dryRun: boolean): string {
  if (entries.length === 0)
    return 'Auto-update: no container runs in a systemd unit with an AutoUpdate policy';
  const count = (s: AutoUpdateStatus) => entries.filter((e) => e.status === s).length;
  if (dryRun) {
    const n = count('pending');
    return n === 0
      ? `Auto-update dry run: all ${entries.length} up to date`
      : `Auto-update dry run: ${n} of ${entries.length} would update (${entries
          .filter((e) => e.status === 'pending')
          .map((e) => e.unit)
          .join(', ')})`;
  }
  const parts = [
    [count('updated'), 'updated'],
    [count('rolled-back'), 'rolled back'],
    [count('failed'), 'failed'],
    [count('unchanged'), 'unchanged'],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, w]) => `${n} ${w}`);
  return `Auto-update: ${parts.join(', ')}`;
}

async function requireAutoUpdate(h: EngineHost): Promise<void> {
  const { support } = await listUnits(h);
  if (!support.autoUpdate.available)
    throw new BurrowError({
      code: 'unsupported_on_host',
      message: `Auto-update is not available: ${support.autoUpdate.reason}`,
      hint: support.autoUpdate.hint,
    });
}

/** Which units would update, without pulling or restarting anything (`--dry-run`). */
export async function autoUpdatePreview(h: EngineHost): Promise<AutoUpdateEntry[]> {
  await requireAutoUpdate(h);
  const r = await h.shell.run(['podman', 'auto-update', '--dry-run', '--format', 'json'], {
    timeoutMs: 300_000,
  });
  if (r.code !== 0)
    throw new BurrowError({
      code: 'engine_error',
      message: `podman auto-update --dry-run failed: ${r.stderr.trim() || `exit ${r.code}`}`,
    });
  return parseAutoUpdate(r.stdout);
}

/**
 * Pull newer images and restart the units that run them (Podman rolls a unit back to its old image when the
 * restart fails). Streams what Podman prints; the last item is the per-unit outcome.
 */
export async function* autoUpdateRun(h: EngineHost, signal?: AbortSignal): AsyncGenerator<AutoUpdateEvent> {
  await requireAutoUpdate(h);
  yield jobLine(`podman auto-update on ${h.shell.where}`);
  const stdout: string[] = [];
  const stderr: string[] = [];
  let code = -1;
  try {
    for await (const o of h.shell.stream(['podman', 'auto-update', '--format', 'json'], {
      timeoutMs: 3600_000,
      ...(signal ? { signal } : {}),
    })) {
      if (o.kind === 'exit') code = o.code;
      else if (o.stream === 'stdout') stdout.push(o.text);
      else {
        stderr.push(o.text);
        yield jobLine(o.text, 'stderr');
      }
    }
  } catch (e) {
    yield {
      kind: 'done',
      ok: false,
      summary: `Auto-update failed: ${toErrorData(e).message}`,
      error: toErrorData(e),
    };
    return;
  }
  let entries: AutoUpdateEntry[] = [];
  try {
    entries = parseAutoUpdate(stdout.join('\n'));
  } catch {
    // No table: Podman failed before it had one; its stderr says why.
  }
  const failed = entries.some((e) => e.status === 'failed' || e.status === 'rolled-back');
  if (code !== 0 || failed) {
    const why = stderr.filter((l) => /error/i.test(l)).pop() ?? stderr.at(-1) ?? `exit ${code}`;
    yield {
      kind: 'done',
      ok: false,
      summary: entries.length ? summarize(entries, false) : `Auto-update failed: ${why}`,
      result: entries,
      error: { code: 'engine_error', message: `podman auto-update: ${why}` },
    };
    return;
  }
  yield { kind: 'done', ok: true, summary: summarize(entries, false), result: entries };
}

/** Set (or clear) AutoUpdate= in a .container or .kube unit; it applies from the unit's next (re)start. */
export async function markAutoUpdate(
  h: EngineHost,
  name: string,
  policy: AutoUpdatePolicy | undefined,
  opts: { restart?: boolean } = {},
): Promise<QuadletUnitInfo> {
  const listing = await listUnits(h);
  const u = listing.units.find((x) => x.fileName === name || x.service === name);
  if (!u) throw invalidInput('unit', `No Quadlet unit "${name}"`, 'Pick one from the list.');
  if (u.kind !== 'container' && u.kind !== 'kube')
    throw invalidInput(
      'unit',
      `${u.fileName} is a .${u.kind} unit`,
      'AutoUpdate= applies to .container and .kube units.',
    );
  const text = setAutoUpdate(u.text, u.kind, policy);
  if (text !== u.text) await writeUnit(h, { fileName: u.fileName, text, overwrite: true });
  if (opts.restart) return unitAction(h, u.fileName, 'restart');
  return (await listUnits(h)).units.find((x) => x.fileName === u.fileName) ?? u;
}
