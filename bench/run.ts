// `npm run bench`: figures measured side by side in one run, with ratios — never assertions. Medians and p95
// over repeated runs, because these machines are noisy. Writes JSON under bench/results/.
import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { connectEngine } from '../core/engine.js';
import type { Engine } from '../core/engine-api.js';
import { privateServiceStrategy } from '../core/connection/discovery.js';
import { withLiveContainerList } from '../core/live-list.js';
import { DEFAULT_SETTINGS } from '../core/model/settings.js';
import { NotificationService } from '../core/notify/service.js';
import { Router } from '../electron/router.js';
import { inParallel } from '../core/integration/harness/fixtures.js';
import { openRawEvents } from './lib/raw-events.js';
import { fmtMs, measure, summarize, type Summary } from './lib/stats.js';
import { growthChart } from './lib/chart.js';
import { uiBenchmarks, type GrowthPoint } from './ui.js';

const execFileP = promisify(execFile);
const IMAGE = 'localhost/burrow-test/busybox:latest';
const LABEL = 'io.burrow.bench=1';

interface Row {
  name: string;
  subject: Summary;
  baseline?: Summary;
  baselineName?: string;
  /** ms unless said otherwise. */
  unit?: string;
  note?: string;
}

const rows: Row[] = [];

function rawGet(socketPath: string, path: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    request({ socketPath, path, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

async function populate(engine: Engine, target: number): Promise<void> {
  const have = (await engine.containers.list({ all: true, filters: { label: [LABEL] } })).length;
  const names = Array.from(
    { length: Math.max(0, target - have) },
    (_, k) => `bench-${process.pid}-${have + k}`,
  );
  await inParallel(names, 8, (name) =>
    engine.containers.create({ image: IMAGE, name, command: ['true'], labels: { 'io.burrow.bench': '1' } }),
  );
}

async function listBench(engine: Engine, n: number, runs: number): Promise<void> {
  await populate(engine, n);
  const total = (await engine.containers.list()).length;
  const socket = engine.connection().socketPath ?? '';
  const api = engine.connection().apiVersion;
  // What Burrow serves (the window, the tray): the live list, warm — its event stream open, rebuilt once.
  const live = withLiveContainerList(engine);
  if ((await live.containers.list()).length !== total) throw new Error('live list disagrees with the engine');
  const served = await measure(() => live.containers.list({ all: true }), { runs, warmup: 2 });
  // The same answer as the page gets it: through the router (argument validation) and serialised to JSON.
  const router = new Router(live, { mode: 'headless', version: 'bench' });
  const wire = await measure(
    async () => JSON.stringify(await router.call('containers.list', { all: true })).length,
    { runs, warmup: 2 },
  );
  const core = await measure(() => engine.containers.list({ all: true }), { runs, warmup: 2 });
  const raw = await measure(() => rawGet(socket, `/v${api}/libpod/containers/json?all=true`), {
    runs,
    warmup: 2,
  });
  const cli = await measure(
    () => execFileP('podman', ['ps', '-a', '--format', 'json'], { maxBuffer: 256 * 1024 * 1024 }),
    { runs, warmup: 1 },
  );
  router.disposeAll();
  live.detach();
  rows.push({
    name: `list ${total} containers: Burrow (live list) vs podman ps`,
    subject: served,
    baseline: cli,
    baselineName: 'podman ps -a --format json',
  });
  rows.push({
    name: `list ${total} containers: Burrow (live list) vs raw libpod request`,
    subject: served,
    baseline: raw,
    baselineName: 'raw GET /libpod/containers/json',
  });
  rows.push({
    name: `list ${total} containers: Burrow router + JSON (what the page receives) vs podman ps`,
    subject: wire,
    baseline: cli,
    baselineName: 'podman ps -a --format json',
  });
  rows.push({
    name: `list ${total} containers: core uncached vs raw libpod request`,
    subject: core,
    baseline: raw,
    baselineName: 'raw GET /libpod/containers/json',
    note: 'what a rebuild of the live list costs',
  });
}

async function runToExit(engine: Engine, runs: number): Promise<void> {
  const core = await measure(
    async () => {
      const { id } = await engine.containers.create({
        image: IMAGE,
        command: ['true'],
        labels: { 'io.burrow.bench': '1' },
      });
      await engine.containers.start(id);
      await engine.containers.wait(id);
      await engine.containers.remove(id, { force: true });
    },
    { runs, warmup: 1 },
  );
  const cli = await measure(() => execFileP('podman', ['run', '--rm', '--label', LABEL, IMAGE, 'true']), {
    runs,
    warmup: 1,
  });
  rows.push({
    name: 'run-to-exit of `true`: core vs podman run --rm',
    subject: core,
    baseline: cli,
    baselineName: 'podman run --rm',
  });
}

/** From the CLI command returning to the event arriving: through core, and on the raw libpod stream. */
async function eventLatency(engine: Engine, changes: number): Promise<void> {
  const socket = engine.connection().socketPath ?? '';
  const api = engine.connection().apiVersion;
  const coreTimes: number[] = [];
  const rawTimes: number[] = [];
  const ac = new AbortController();
  const pending = new Map<string, (t: number) => void>();
  const rawPending = new Map<string, (t: number) => void>();
  void (async () => {
    for await (const e of engine.events.stream({ signal: ac.signal, filters: { label: [LABEL] } })) {
      if (e.kind === 'container' && e.action === 'create' && e.name) pending.get(e.name)?.(performance.now());
    }
  })();
  const rawStream = await openRawEvents(
    socket,
    api,
    (ev) => {
      if (ev.action === 'create') rawPending.get(ev.name)?.(performance.now());
    },
    { label: [LABEL] },
  );
  await new Promise((r) => setTimeout(r, 300));
  for (let i = 0; i < changes; i++) {
    const name = `bench-ev-${process.pid}-${i}`;
    const core = new Promise<number>((r) => pending.set(name, r));
    const raw = new Promise<number>((r) => rawPending.set(name, r));
    await execFileP('podman', ['create', '--name', name, '--label', LABEL, IMAGE, 'true']);
    const t0 = performance.now();
    coreTimes.push(Math.max(0, (await core) - t0));
    rawTimes.push(Math.max(0, (await raw) - t0));
    await execFileP('podman', ['rm', '-f', name]);
  }
  ac.abort();
  rawStream.abort();
  rows.push({
    name: `event latency over ${changes} CLI changes: core stream vs raw libpod stream`,
    subject: summarize(coreTimes),
    baseline: summarize(rawTimes),
    baselineName: 'raw libpod event stream',
    note: 'measured from the CLI command returning; the UI adds one batched list request',
  });
}

/**
 * A container killed from a shell, behind Burrow's back, to its notification being decided (what the window, the
 * page and the tray are then told): from issuing `podman kill`. Beside it, when the exit event itself reached
 * Burrow. A fresh notification service per kill, so no kill joins the previous one's notification.
 */
async function killToNotification(engine: Engine, kills: number): Promise<void> {
  const live = withLiveContainerList(engine);
  await live.containers.list();
  const told: number[] = [];
  const seen: number[] = [];
  for (let i = 0; i < kills; i++) {
    const name = `bench-kill-${process.pid}-${i}`;
    const { stdout } = await execFileP('podman', [
      'run',
      '-d',
      '--name',
      name,
      '--label',
      LABEL,
      IMAGE,
      'sleep',
      '600',
    ]);
    const id = stdout.trim();
    const service = new NotificationService({
      engine: live,
      settings: { get: () => DEFAULT_SETTINGS, onChange: () => () => undefined },
    });
    const ac = new AbortController();
    const died = new Promise<number>((resolve) => {
      void (async () => {
        for await (const e of live.events.stream({ signal: ac.signal }))
          if (e.kind === 'container' && e.id === id && e.action === 'died') return resolve(performance.now());
      })();
    });
    const notified = new Promise<number>((resolve) =>
      service.listen((f) => {
        if (f.kind === 'notification' && f.notification.items.some((it) => it.containerId === id))
          resolve(performance.now());
      }),
    );
    service.start();
    await new Promise((r) => setTimeout(r, 50));
    const t0 = performance.now();
    await execFileP('podman', ['kill', name]);
    seen.push((await died) - t0);
    told.push((await notified) - t0);
    ac.abort();
    service.dispose();
    await execFileP('podman', ['rm', '-f', name]);
  }
  live.detach();
  rows.push({
    name: `container killed from the CLI → its notification decided (${kills} kills)`,
    subject: summarize(told),
    baseline: summarize(seen),
    baselineName: 'its exit event reaching Burrow',
    note: 'from issuing `podman kill`; a lone problem is held 500 ms (quietMs) so a storm becomes one summary',
  });
}

/**
 * A burst of outside changes — `size` creates from the CLI, 6 at a time, then 60 % of them removed — to the live
 * list being in step again (every one of them listed, then only the survivors), from the last command returning.
 * What the e2e scale spec and the live-list test wait for without a time budget.
 */
async function burstCatchUp(engine: Engine, rounds: number, size: number): Promise<void> {
  const live = withLiveContainerList(engine);
  await live.containers.list();
  const created: number[] = [];
  const removed: number[] = [];
  const gone = Math.floor(size * 0.6);
  for (let r = 0; r < rounds; r++) {
    const prefix = `bench-burst-${process.pid}-${r}-`;
    const names = Array.from({ length: size }, (_, i) => `${prefix}${i}`);
    const inStep = async (expected: string[]): Promise<number> => {
      const t0 = performance.now();
      const want = [...expected].sort().join();
      for (;;) {
        const listed = (await live.containers.list())
          .map((c) => c.name)
          .filter((n) => n.startsWith(prefix))
          .sort()
          .join();
        if (listed === want) return performance.now() - t0;
        await new Promise((res) => setTimeout(res, 10));
      }
    };
    await inParallel(names, 6, (n) =>
      execFileP('podman', ['create', '--name', n, '--label', LABEL, IMAGE, 'true']),
    );
    created.push(await inStep(names));
    await inParallel(names.slice(0, gone), 6, (n) => execFileP('podman', ['rm', '-f', n]));
    removed.push(await inStep(names.slice(gone)));
    await inParallel(names.slice(gone), 6, (n) => execFileP('podman', ['rm', '-f', n]));
  }
  live.detach();
  const note = 'from the last CLI command returning; the live list polled every 10 ms';
  rows.push({
    name: `burst of ${size} CLI creates → live list in step (${rounds} bursts)`,
    subject: summarize(created),
    note,
  });
  rows.push({
    name: `burst of ${gone} CLI removes → live list in step (${rounds} bursts)`,
    subject: summarize(removed),
    note,
  });
}

/**
 * Burrow's private Podman service killed (kill -9) to the next call answering through the restarted one: what the
 * e2e fault journey waits for without a time budget.
 */
async function serviceRecovery(engine: Engine, kills: number): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < kills; i++) {
    const pid = engine.connection().servicePid;
    if (!pid) return; // not a service Burrow started: nothing of its own to kill
    process.kill(pid, 'SIGKILL');
    const t0 = performance.now();
    for (;;) {
      const up = await engine.system.ping().catch(() => false);
      if (up && engine.connection().servicePid !== pid) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    times.push(performance.now() - t0);
  }
  rows.push({
    name: `private Podman service killed → next call answers (${kills} kills)`,
    subject: summarize(times),
    note: 'from the kill; the supervisor restarts the service, ping polled every 10 ms',
  });
}

async function cleanup(engine: Engine): Promise<void> {
  const mine = await engine.containers.list({ all: true, filters: { label: [LABEL] } });
  await inParallel(mine, 8, (c) => engine.containers.remove(c.id, { force: true }).catch(() => undefined));
}

async function main(): Promise<void> {
  if (process.getuid?.() === 0) {
    console.error('bench: run as the rootless user (e.g. sudo -u burrow-test -H npm run bench), not root');
    process.exit(2);
  }
  const quick = process.argv.includes('--quick');
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  // Growth curves: container counts, grown in order (10 → 100 → 1000 → 3000 takes ~10 min of creating alone).
  const sizes = (arg('sizes') ?? (quick ? '10,100' : '10,100,1000,3000')).split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) {
    console.error('bench: --sizes takes container counts, e.g. --sizes=10,100,1000');
    process.exit(2);
  }
  const cockpitUpTo = Number(arg('cockpit-up-to') ?? 1000);
  // --terminal-only: just the terminal rows (throughput beside its three limits, longest frame, echo).
  const terminalOnly = process.argv.includes('--terminal-only');
  const uiOnly = terminalOnly || process.argv.includes('--ui-only');
  const load0 = loadavg();
  const socketPath = join(
    process.env.XDG_RUNTIME_DIR ?? '/tmp',
    `burrow-bench-${process.pid}`,
    'podman.sock',
  );
  const engine = await connectEngine({ strategies: [privateServiceStrategy({ socketPath })] });
  const started = new Date().toISOString();
  let growth: GrowthPoint[] = [];
  try {
    if (!uiOnly) {
      await listBench(engine, 100, quick ? 5 : 15);
      if (!quick) await listBench(engine, 1000, 7);
      await cleanup(engine);
      await runToExit(engine, quick ? 3 : 10);
      await eventLatency(engine, quick ? 10 : 50);
      await burstCatchUp(engine, quick ? 2 : 5, quick ? 50 : 200);
      await killToNotification(engine, quick ? 5 : 20);
      await serviceRecovery(engine, quick ? 3 : 10);
    }
    if (!process.argv.includes('--no-ui')) {
      await cleanup(engine);
      const ui = await uiBenchmarks(engine, {
        quick,
        sizes: terminalOnly ? [] : sizes,
        cockpitUpTo,
        terminalOnly,
      });
      rows.push(...ui.rows);
      growth = ui.growth;
    }
  } finally {
    await cleanup(engine);
    await engine.close();
    await rm(dirname(socketPath), { recursive: true, force: true });
  }
  console.log(
    '\n| benchmark | Burrow p50 | p95 | baseline | baseline p50 | p95 | ratio (baseline / Burrow) |',
  );
  console.log('| --- | ---: | ---: | --- | ---: | ---: | ---: |');
  for (const r of rows) {
    const ratio = r.baseline ? `${(r.baseline.p50 / r.subject.p50).toFixed(2)}×` : '—';
    const u = r.unit ?? 'ms';
    const v = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '—' : `${fmtMs(x)} ${u}`);
    console.log(
      `| ${r.name} | ${v(r.subject.p50)} | ${v(r.subject.p95)} | ${r.baselineName ?? ''} | ${v(r.baseline?.p50)} | ${v(r.baseline?.p95)} | ${ratio} |${r.note ? ` ${r.note}` : ''}`,
    );
  }
  const load = { atStart: load0, atEnd: loadavg() };
  console.log(
    `\nload average (1/5/15 min) at start ${load0.map((l) => l.toFixed(2)).join(' ')}, at end ${load.atEnd.map((l) => l.toFixed(2)).join(' ')} on ${cpus().length} cores`,
  );
  if (growth.length > 0) {
    console.log(
      '\n| containers | event → row p50 / p95 | floor p50 / p95 | p95 − floor p95 | first row | filter p50 / p95 | JS heap | host RSS | host CPU / load | rebuild (list) | one inspect |',
    );
    console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const g of growth)
      console.log(
        `| ${g.containers} | ${fmtMs(g.eventP50)} / ${fmtMs(g.eventP95)} ms | ${fmtMs(g.floorP50)} / ${fmtMs(g.floorP95)} ms | ${fmtMs(g.eventP95 - g.floorP95)} ms | ${fmtMs(g.firstRenderP50)} ms | ${fmtMs(g.filterP50)} / ${fmtMs(g.filterP95)} ms | ${g.heapMb.toFixed(1)} MB | ${g.hostRssMb.toFixed(0)} MB | ${fmtMs(g.hostCpuMsPerLoad)} ms | ${fmtMs(g.rebuildP50)} ms | ${fmtMs(g.inspectP50)} ms |`,
      );
  }
  const dir = join(process.cwd(), 'bench', 'results');
  await mkdir(dir, { recursive: true });
  const stem = join(dir, started.replace(/[:.]/g, '-'));
  const file = `${stem}.json`;
  await writeFile(
    file,
    JSON.stringify({ started, podman: engine.connection().podmanVersion, load, rows, growth }, null, 2),
  );
  console.log(`\nbench: wrote ${file}`);
  if (growth.length > 0) {
    const at = (f: (g: GrowthPoint) => number): [number, number][] => growth.map((g) => [g.containers, f(g)]);
    const cockpitAt = (f: (c: NonNullable<GrowthPoint['cockpit']>) => number): [number, number][] =>
      growth.flatMap((g) => (g.cockpit ? [[g.containers, f(g.cockpit)] as [number, number]] : []));
    const svg = growthChart(`Burrow growth, ${started.slice(0, 16)}`, [
      {
        title: 'event → row p95',
        unit: 'ms',
        series: [
          { label: 'Burrow', points: at((g) => g.eventP95) },
          { label: 'raw stream', points: at((g) => g.floorP95) },
        ],
      },
      {
        title: 'first row',
        unit: 'ms',
        series: [{ label: 'Burrow', points: at((g) => g.firstRenderP50) }],
      },
      {
        title: 'filter keystroke p50',
        unit: 'ms',
        series: [
          { label: 'Burrow', points: at((g) => g.filterP50) },
          { label: 'cockpit', points: cockpitAt((c) => c.filterP50) },
        ],
      },
      {
        title: 'memory',
        unit: 'MB',
        series: [
          { label: 'page JS heap', points: at((g) => g.heapMb) },
          { label: 'host RSS', points: at((g) => g.hostRssMb) },
        ],
      },
      {
        title: 'host CPU per page load',
        unit: 'ms',
        series: [{ label: 'Burrow host', points: at((g) => g.hostCpuMsPerLoad) }],
      },
      {
        title: 'engine cost (Node)',
        unit: 'ms',
        series: [
          { label: 'rebuild (list)', points: at((g) => g.rebuildP50) },
          { label: 'one inspect', points: at((g) => g.inspectP50) },
        ],
      },
    ]);
    await writeFile(`${stem}-growth.svg`, svg);
    console.log(`bench: wrote ${stem}-growth.svg`);
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
