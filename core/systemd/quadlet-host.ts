// The user's Quadlet units on the engine's host: listed with what the generator made of them and their state,
// started/stopped/restarted/enabled, their journal read, written (checked by the generator in the context of the
// user's other units before anything is saved) and removed. Every step runs on the engine's host through its
// HostShell: this machine for a local engine, the connection's own ssh for a remote one.
import { BurrowError, invalidInput } from '../errors.js';
import type { HostShell } from '../host-shell.js';
import type {
  QuadletListing,
  QuadletUnitInfo,
  QuadletWriteResult,
  SystemdSupport,
  UnitAction,
  UnitCheck,
  UnitJournalEntry,
} from '../model/systemd.js';
import {
  assembleUnits,
  FIND_QUADLET,
  LISTING_SCRIPT,
  parseDryRun,
  parseGeneratorStderr,
  parseListingOutput,
  QUADLET_BINARIES,
  type ListingOutput,
} from './quadlet-listing.js';
import { checkUnitFileName, setEnabled } from './unit-file.js';

/** What these operations need of an engine: where its host is, and which Podman runs there. */
export interface EngineHost {
  shell: HostShell;
  podmanVersion: string;
}

const RUNNING_STATES = ['running', 'degraded', 'starting', 'initializing', 'maintenance', 'stopping'];

function versionAtLeast(version: string, major: number, minor: number): boolean {
  const [a = 0, b = 0] = version.split('.').map((x) => Number.parseInt(x, 10) || 0);
  return a > major || (a === major && b >= minor);
}

/** What the host offers, from the three facts the listing script reads first. */
export function supportFrom(
  out: Pick<ListingOutput, 'dir' | 'quadlet' | 'systemd'>,
  host: { where: string; remote: boolean },
  podmanVersion: string,
): SystemdSupport {
  const quadlet: SystemdSupport['quadlet'] = out.quadlet
    ? { available: true, binary: out.quadlet }
    : versionAtLeast(podmanVersion, 4, 4)
      ? {
          available: false,
          reason: `Quadlet's generator is not installed on ${host.where} (looked for ${QUADLET_BINARIES.join(' and ')})`,
          hint: 'Install your distribution’s podman package, which ships it.',
        }
      : {
          available: false,
          reason: `Podman ${podmanVersion} on ${host.where} has no Quadlet: it arrived in Podman 4.4`,
          hint: 'Upgrade Podman to 4.4 or newer (Debian 13, Ubuntu 24.04 and Fedora 38 ship it).',
        };
  const state = out.systemd.trim();
  const systemd: SystemdSupport['systemd'] = RUNNING_STATES.includes(state)
    ? { available: true, state }
    : {
        available: false,
        reason:
          state === 'offline'
            ? `no systemd user instance runs for you on ${host.where} (\`systemctl --user is-system-running\` says offline)`
            : state
              ? `\`systemctl --user\` cannot reach your systemd user instance on ${host.where}: ${state}`
              : `${host.where} does not run systemd (no \`systemctl\`)`,
        hint: 'Quadlet units and auto-update run in systemd’s per-user instance (user@UID.service), which a login session starts. To have it without a login (over SSH, or after you log out), root runs `loginctl enable-linger <user>`.',
      };
  const autoUpdate: SystemdSupport['autoUpdate'] = systemd.available
    ? { available: true }
    : {
        available: false,
        reason: `\`podman auto-update\` restarts the systemd units containers run in, and ${systemd.reason}`,
        hint: systemd.hint,
      };
  return {
    where: host.where,
    remote: host.remote,
    podmanVersion,
    quadlet,
    systemd,
    autoUpdate,
    unitDir: out.dir,
  };
}

async function listingOutput(h: EngineHost): Promise<ListingOutput> {
  const r = await h.shell.run(['sh', '-c', LISTING_SCRIPT], { timeoutMs: 60_000 });
  if (!r.stdout.includes('@@end'))
    throw new BurrowError({
      code: 'engine_error',
      message: `Could not read the Quadlet units on ${h.shell.where}: ${r.stderr.trim() || `exit ${r.code}`}`,
    });
  return parseListingOutput(r.stdout);
}

export async function systemdSupport(h: EngineHost): Promise<SystemdSupport> {
  return supportFrom(await listingOutput(h), h.shell, h.podmanVersion);
}

export async function listUnits(h: EngineHost): Promise<QuadletListing> {
  const out = await listingOutput(h);
  const { units, warnings } = assembleUnits(out);
  return { support: supportFrom(out, h.shell, h.podmanVersion), units, warnings };
}

function unavailable(what: string, a: { reason: string; hint: string }): BurrowError {
  return new BurrowError({ code: 'unsupported_on_host', message: `${what}: ${a.reason}`, hint: a.hint });
}

/** The listing, refusing with the reason when Quadlet or the user's systemd is missing. */
async function requireQuadlet(h: EngineHost, what: string): Promise<QuadletListing> {
  const listing = await listUnits(h);
  if (!listing.support.quadlet.available) throw unavailable(what, listing.support.quadlet);
  if (!listing.support.systemd.available) throw unavailable(what, listing.support.systemd);
  return listing;
}

function findUnit(listing: QuadletListing, name: string): QuadletUnitInfo {
  const u = listing.units.find((x) => x.fileName === name || x.service === name);
  if (!u)
    throw new BurrowError({
      code: 'not_found',
      field: 'unit',
      message: `No Quadlet unit "${name}" in ${listing.support.unitDir}`,
      hint: 'Pick one from the list (a file name such as web.container, or its service, web.service).',
    });
  return u;
}

function needsService(u: QuadletUnitInfo): string {
  if (u.service) return u.service;
  throw new BurrowError({
    code: 'invalid_input',
    field: 'unit',
    message: `${u.fileName} has no service: the generator refused it${u.generatorError ? ` (${u.generatorError})` : ''}`,
    hint: 'Fix the file (the generator’s message says what it did not accept), then try again.',
  });
}

const CHECK_SCRIPT = `${FIND_QUADLET}
name="$1"
[ -n "$q" ] || { echo "no quadlet generator" >&2; exit 3; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
# The user's other units come along, so a unit that refers to them (Pod=, Network=) is checked in context.
if [ -d "$dir" ]; then cp -R "$dir"/. "$tmp"/ 2>/dev/null; fi
cat >"$tmp/$name"
QUADLET_UNIT_DIRS="$tmp" "$q" -dryrun -user >"$tmp/.out" 2>"$tmp/.err"
printf '@@tmp\\t%s\\n' "$tmp"
printf '@@dir\\t%s\\n' "$dir"
printf '@@generated\\n'
cat "$tmp/.out"
printf '@@generator-stderr\\n'
cat "$tmp/.err"
printf '@@end\\n'
`;

/** Run the generator on a unit text, beside the user's other units, without saving anything. */
export async function checkUnit(h: EngineHost, fileName: string, text: string): Promise<UnitCheck> {
  const bad = checkUnitFileName(fileName);
  if (bad) throw invalidInput('fileName', `"${fileName}" is not a Quadlet unit file name`, bad);
  const r = await h.shell.run(['sh', '-c', CHECK_SCRIPT, 'sh', fileName], { input: text, timeoutMs: 60_000 });
  if (r.code === 3)
    throw new BurrowError({
      code: 'unsupported_on_host',
      message: `Quadlet is not available on ${h.shell.where}`,
      hint: 'Quadlet needs Podman 4.4 or newer on the engine’s host.',
    });
  const tmp = /^@@tmp\t(.*)$/m.exec(r.stdout)?.[1];
  const out = parseListingOutput(r.stdout);
  const source = `${tmp}/${fileName}`;
  const generated = [...parseDryRun(out.generated)].find(([, g]) => g.sourcePath === source);
  const error = parseGeneratorStderr(out.generatorStderr).errors.get(fileName);
  if (!generated || error)
    return {
      ok: false,
      error: error ?? (out.generatorStderr.trim() || 'the generator made no service of it'),
    };
  // Say where the unit will live, not the scratch directory it was checked in.
  const shown = tmp ? generated[1].text.split(tmp).join(out.dir) : generated[1].text;
  return { ok: true, service: generated[0], generated: shown };
}

const SAVE_SCRIPT = `${FIND_QUADLET}
name="$1"; overwrite="$2"
if [ -e "$dir/$name" ] && [ "$overwrite" != 1 ]; then printf 'exists\\t%s\\n' "$dir/$name"; exit 0; fi
mkdir -p "$dir" || exit 1
cat >"$dir/.$name.tmp" && mv "$dir/.$name.tmp" "$dir/$name" || exit 1
systemctl --user daemon-reload || exit 1
printf 'saved\\t%s\\n' "$dir/$name"
`;

/**
 * Save a unit into the user's Quadlet directory on the engine's host, after the generator accepted it, and reload
 * systemd so its service exists. Nothing is written when the check fails or the file exists (unless `overwrite`).
 */
export async function writeUnit(
  h: EngineHost,
  unit: { fileName: string; text: string; overwrite?: boolean },
): Promise<QuadletWriteResult> {
  const listing = await requireQuadlet(h, 'Saving a Quadlet unit');
  const check = await checkUnit(h, unit.fileName, unit.text);
  if (!check.ok)
    throw new BurrowError({
      code: 'invalid_input',
      field: 'text',
      message: `Quadlet does not accept ${unit.fileName}: ${check.error}`,
      hint: 'Fix what the generator names, then save again. Nothing was saved.',
    });
  if (!unit.overwrite && listing.units.some((u) => u.fileName === unit.fileName))
    throw invalidInput(
      'overwrite',
      `${unit.fileName} already exists in ${listing.support.unitDir}`,
      'Save again with overwrite to replace it, or pick another name.',
    );
  const r = await h.shell.run(['sh', '-c', SAVE_SCRIPT, 'sh', unit.fileName, unit.overwrite ? '1' : '0'], {
    input: unit.text,
    timeoutMs: 60_000,
  });
  const exists = /^exists\t(.*)$/m.exec(r.stdout);
  if (exists)
    throw invalidInput(
      'overwrite',
      `${exists[1]} already exists`,
      'Save again with overwrite to replace it.',
    );
  const saved = /^saved\t(.*)$/m.exec(r.stdout);
  if (!saved || r.code !== 0)
    throw new BurrowError({
      code: 'engine_error',
      message: `Could not save ${unit.fileName} on ${h.shell.where}: ${r.stderr.trim() || `exit ${r.code}`}`,
    });
  return { path: saved[1] as string, service: check.service as string, generated: check.generated as string };
}

export async function removeUnit(h: EngineHost, name: string): Promise<{ path: string }> {
  const listing = await requireQuadlet(h, 'Removing a Quadlet unit');
  const u = findUnit(listing, name);
  const script = [
    'svc="$1"; f="$2"',
    '[ -n "$svc" ] && systemctl --user stop "$svc" 2>/dev/null',
    'rm -f "$f" || exit 1',
    'systemctl --user daemon-reload || exit 1',
    '[ -n "$svc" ] && systemctl --user reset-failed "$svc" 2>/dev/null',
    'exit 0',
  ].join('\n');
  const r = await h.shell.run(['sh', '-c', script, 'sh', u.service ?? '', u.path], { timeoutMs: 300_000 });
  if (r.code !== 0)
    throw new BurrowError({
      code: 'engine_error',
      message: `Could not remove ${u.fileName}: ${r.stderr.trim() || `exit ${r.code}`}`,
    });
  return { path: u.path };
}

/** start / stop / restart through systemd; enable / disable by editing the unit's [Install] section. */
export async function unitAction(h: EngineHost, name: string, action: UnitAction): Promise<QuadletUnitInfo> {
  const listing = await requireQuadlet(h, `${action[0]?.toUpperCase()}${action.slice(1)} a Quadlet unit`);
  const u = findUnit(listing, name);
  if (action === 'enable' || action === 'disable') {
    const text = setEnabled(u.text, action === 'enable');
    if (text !== u.text) await writeUnit(h, { fileName: u.fileName, text, overwrite: true });
  } else {
    const service = needsService(u);
    const r = await h.shell.run(['systemctl', '--user', action, service], { timeoutMs: 600_000 });
    if (r.code !== 0)
      throw new BurrowError({
        code: 'engine_error',
        message: `systemctl --user ${action} ${service} failed: ${r.stderr.trim().split('\n')[0] || `exit ${r.code}`}`,
        hint: 'The unit’s journal says why.',
      });
  }
  return findUnit(await listUnits(h), u.fileName);
}

function journalMessage(v: unknown): string {
  if (typeof v === 'string') return v;
  // journald stores non-UTF-8 messages as byte arrays.
  if (Array.isArray(v))
    return Buffer.from(v.filter((x): x is number => typeof x === 'number')).toString('utf8');
  return '';
}

/** One `journalctl -o json` line as an entry. */
export function journalEntry(line: string): UnitJournalEntry | undefined {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const us = Number(o.__REALTIME_TIMESTAMP);
  return {
    time: Number.isFinite(us) ? new Date(us / 1000).toISOString() : '',
    priority: Number(o.PRIORITY ?? 6),
    ...(typeof o.SYSLOG_IDENTIFIER === 'string' ? { identifier: o.SYSLOG_IDENTIFIER } : {}),
    message: journalMessage(o.MESSAGE),
  };
}

/** The unit's journal (`journalctl --user -u`), the last `lines` entries, then new ones while `follow`. */
export async function* unitJournal(
  h: EngineHost,
  name: string,
  opts: { lines?: number; follow?: boolean; signal?: AbortSignal } = {},
): AsyncGenerator<UnitJournalEntry> {
  const listing = await requireQuadlet(h, 'Reading a unit’s journal');
  const service = needsService(findUnit(listing, name));
  const argv = ['journalctl', '--user', '-q', '--no-pager', '-o', 'json', '-u', service];
  argv.push('-n', String(opts.lines ?? 200));
  if (opts.follow) argv.push('-f');
  const stderr: string[] = [];
  let code = 0;
  for await (const o of h.shell.stream(argv, {
    timeoutMs: opts.follow ? 24 * 3600_000 : 60_000,
    ...(opts.signal ? { signal: opts.signal } : {}),
  })) {
    if (o.kind === 'exit') code = o.code;
    else if (o.stream === 'stderr') stderr.push(o.text);
    else {
      const e = journalEntry(o.text);
      if (e) yield e;
    }
  }
  if (opts.signal?.aborted) return;
  const err = stderr.join('\n');
  if (/insufficient permissions/i.test(err))
    throw new BurrowError({
      code: 'unsupported_on_host',
      message: `journalctl cannot read your journal on ${h.shell.where}: ${err.trim()}`,
      hint: 'journald keeps a journal per user only on persistent storage: set Storage=persistent in /etc/systemd/journald.conf (or join the systemd-journal group).',
    });
  if (code !== 0)
    throw new BurrowError({
      code: 'engine_error',
      message: `journalctl failed on ${h.shell.where}: ${err.trim() || `exit ${code}`}`,
    });
}
