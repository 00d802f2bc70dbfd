// CPU time of this user's processes over a window, read from /proc: what a whole pipeline costs (the engine's
// processes, Burrow's host, every Chromium process), not one process, and which part of it each kind of process
// takes. Sampled every 250 ms, so a process that ends inside the window (an exec session's conmon, the `podman
// exec` client) counts up to its last sample, and one that starts inside it counts from zero. The bench's own
// process is left out.
import { basename } from 'node:path';
import { readdir, readFile, stat } from 'node:fs/promises';

/** What a process is to a terminal's path, from its command line. */
export type CpuRole =
  'Chromium' | 'Burrow host' | 'conmon' | 'podman service' | 'podman client' | 'engine, other' | 'program';

const ENGINE_HELPERS = new Set([
  'catatonit',
  'slirp4netns',
  'pasta',
  'passt',
  'rootlessport',
  'runc',
  'crun',
  'netavark',
  'aardvark-dns',
  'fuse-overlayfs',
]);

/**
 * Chromium's processes, Burrow's host (the user's Node processes other than the bench), the engine's (conmon, the
 * `podman system service`, other podman commands such as the `podman exec` client, and the runtime's helpers);
 * anything else is the program whose output is shown (the shell and what it runs, in a container or not).
 */
export function roleOf(argv: readonly string[]): CpuRole {
  // Chromium rewrites its children's command lines into one string: the program is its first word.
  const exe = basename((argv[0] ?? '').split(' ')[0] ?? '');
  if (exe.startsWith('chrom') || exe === 'chrome' || exe === 'headless_shell') return 'Chromium';
  if (exe === 'node' || exe.startsWith('node-')) return 'Burrow host';
  if (exe === 'conmon') return 'conmon';
  if (exe === 'podman') {
    const i = argv.indexOf('system');
    return i > 0 && argv[i + 1] === 'service' ? 'podman service' : 'podman client';
  }
  if (ENGINE_HELPERS.has(exe)) return 'engine, other';
  return 'program';
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU seconds (user + system) one process has used so far. */
export async function cpuSeconds(pid: number | string): Promise<number> {
  const s = await readFile(`/proc/${pid}/stat`, 'utf8');
  const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / TICKS_PER_SECOND; // utime + stime
}

/** Whose each pid is (looked up once: a scan then reads only this user's few processes, not every one). */
const owners = new Map<number, number | undefined>();

interface Window {
  first: Map<number, number>;
  last: Map<number, number>;
  roles: Map<number, CpuRole>;
}

async function sampleInto({ first, last, roles }: Window, atStart: boolean) {
  const uid = process.getuid?.();
  for (const name of await readdir('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      if (!owners.has(pid)) owners.set(pid, (await stat(`/proc/${name}`)).uid);
      if (owners.get(pid) !== uid) continue;
      if (!roles.has(pid))
        roles.set(pid, roleOf((await readFile(`/proc/${name}/cmdline`, 'utf8')).split('\0')));
      const seconds = await cpuSeconds(name);
      if (!first.has(pid)) first.set(pid, atStart ? seconds : 0);
      last.set(pid, seconds);
    } catch {
      owners.delete(pid); // ended between readdir and read: its last sample stands
    }
  }
}

/** CPU seconds over a window: all of this user's processes, and each role's share. */
export interface CpuUse {
  total: number;
  byRole: Partial<Record<CpuRole, number>>;
}

/** Start counting now (await `ready`); `stop()` gives the CPU used since by all of this user's processes. */
export function userCpu(intervalMs = 250): { ready: Promise<void>; stop(): Promise<CpuUse> } {
  const w: Window = { first: new Map(), last: new Map(), roles: new Map() };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const loop = () => {
    timer = setTimeout(() => {
      void sampleInto(w, false).then(() => {
        if (!stopped) loop();
      });
    }, intervalMs);
  };
  const ready = sampleInto(w, true).then(loop);
  return {
    ready,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await sampleInto(w, false);
      const use: CpuUse = { total: 0, byRole: {} };
      for (const [pid, s] of w.last) {
        const used = s - (w.first.get(pid) ?? 0);
        const role = w.roles.get(pid) ?? 'program';
        use.total += used;
        use.byRole[role] = (use.byRole[role] ?? 0) + used;
      }
      return use;
    },
  };
}
