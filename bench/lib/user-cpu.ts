// CPU time of this user's processes over a window, read from /proc: what a whole pipeline costs (the engine's
// processes, Burrow's host, every Chromium process), not one process. Sampled every 250 ms, so a process that ends
// inside the window (an exec session's conmon, the `podman exec` client) counts up to its last sample, and one that
// starts inside it counts from zero. The bench's own process is left out.
import { readdir, readFile, stat } from 'node:fs/promises';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU seconds (user + system) one process has used so far. */
export async function cpuSeconds(pid: number | string): Promise<number> {
  const s = await readFile(`/proc/${pid}/stat`, 'utf8');
  const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / TICKS_PER_SECOND; // utime + stime
}

/** Whose each pid is (looked up once: a scan then reads only this user's few processes, not every one). */
const owners = new Map<number, number | undefined>();

async function sampleInto(first: Map<number, number>, last: Map<number, number>, atStart: boolean) {
  const uid = process.getuid?.();
  for (const name of await readdir('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      if (!owners.has(pid)) owners.set(pid, (await stat(`/proc/${name}`)).uid);
      if (owners.get(pid) !== uid) continue;
      const seconds = await cpuSeconds(name);
      if (!first.has(pid)) first.set(pid, atStart ? seconds : 0);
      last.set(pid, seconds);
    } catch {
      owners.delete(pid); // ended between readdir and read: its last sample stands
    }
  }
}

/** Start counting now (await `ready`); `stop()` gives the CPU seconds used since, by all of this user's processes. */
export function userCpu(intervalMs = 250): { ready: Promise<void>; stop(): Promise<number> } {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const loop = () => {
    timer = setTimeout(() => {
      void sampleInto(first, last, false).then(() => {
        if (!stopped) loop();
      });
    }, intervalMs);
  };
  const ready = sampleInto(first, last, true).then(loop);
  return {
    ready,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await sampleInto(first, last, false);
      let total = 0;
      for (const [pid, s] of last) total += s - (first.get(pid) ?? 0);
      return total;
    },
  };
}
