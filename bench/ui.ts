// UI-side benchmarks in Debian's Chromium, Burrow's headless host beside cockpit-podman on the same engine:
// event → row latency (with 1 and with 1000 other containers), the 1000-container list (first render, a filter
// keystroke to paint, JS heap), the terminal (100 MB through PTY → WebSocket → xterm.js, longest frame,
// keystroke echo), and idle CPU. Every process started here is stopped by its PID.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from '@playwright/test';
import type { Engine } from '../core/engine-api.js';
import { ping } from '../core/connection/ping.js';
import { inParallel } from '../core/integration/harness/fixtures.js';
import { freePort } from '../core/integration/harness/local-registry.js';
import { startHost, stopHost, type RunningHost } from '../e2e/support/global-setup.js';
import { DetailPage } from '../e2e/pages/app.js';
import { openRawEvents } from './lib/raw-events.js';
import { summarize, type Summary } from './lib/stats.js';

const execFileP = promisify(execFile);
const IMAGE = 'localhost/burrow-test/busybox:latest';
const BENCH_LABEL = 'io.burrow.bench';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--enable-precise-memory-info',
];

export interface UiRow {
  name: string;
  subject: Summary;
  baseline?: Summary;
  baselineName?: string;
  unit?: string;
  note?: string;
}

const podman = (args: string[]) => execFileP('podman', args, { maxBuffer: 64 * 1024 * 1024 });

/** How a UI shows the container list: where rows are, and a row's name and state as text. */
interface ListUi {
  label: string;
  rows: string;
  name: string; // JS expression over `r` (the row element)
  state: string;
  filter: string; // selector of the filter input
}

const BURROW_UI: ListUi = {
  label: 'Burrow',
  rows: '[role=grid][aria-label=Containers] [role=row][data-name]',
  name: 'r.getAttribute("data-name")',
  state: '(r.querySelector(".badge[aria-label^=state]")?.getAttribute("aria-label") ?? "").slice(6)',
  filter: 'input[aria-label="Filter containers"]',
};

const COCKPIT_UI: ListUi = {
  label: 'cockpit-podman',
  rows: 'table[aria-label=Containers] tbody tr',
  name: 'r.querySelector(".container-name")?.textContent',
  state: 'r.querySelector("td[data-label=State]")?.textContent ?? ""',
  filter: '#containers-filter',
};

/** Record (in the page, at DOM-change time) every appearance, state change and disappearance of matching rows. */
async function watchRows(page: Page, ui: ListUi, prefix: string): Promise<void> {
  await page.evaluate(
    ({ rows, name, state, prefix }) => {
      const nameOf = new Function('r', `return ${name}`) as (r: Element) => string | null;
      const stateOf = new Function('r', `return ${state}`) as (r: Element) => string;
      const w = window as unknown as { __ev: { n: string; s: string; t: number }[] };
      w.__ev = [];
      let prev = new Map<string, string>();
      const scan = () => {
        const t = Date.now();
        const cur = new Map<string, string>();
        for (const r of document.querySelectorAll(rows)) {
          const n = nameOf(r)?.trim();
          if (n && n.startsWith(prefix)) cur.set(n, stateOf(r).trim().toLowerCase());
        }
        for (const [n, s] of cur) if (prev.get(n) !== s) w.__ev.push({ n, s, t });
        for (const n of prev.keys()) if (!cur.has(n)) w.__ev.push({ n, s: 'gone', t });
        prev = cur;
      };
      new MutationObserver(scan).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        characterData: true,
      });
      scan();
    },
    { rows: ui.rows, name: ui.name, state: ui.state, prefix },
  );
}

async function waitRow(page: Page, name: string, match: RegExp, after: number, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ev = await page.evaluate(
      ({ name, src, after }) => {
        const re = new RegExp(src, 'i');
        return (window as unknown as { __ev: { n: string; s: string; t: number }[] }).__ev.find(
          (e) => e.n === name && e.t >= after - 5000 && re.test(e.s),
        );
      },
      { name, src: match.source, after },
    );
    if (ev) return ev.t;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`row ${name} never showed /${match.source}/`);
}

/** create → start → stop → rm from the CLI, each timed from the CLI returning to the row changing. */
async function eventLatency(page: Page, ui: ListUi, prefix: string, changes: number): Promise<number[]> {
  await page.fill(ui.filter, prefix);
  await watchRows(page, ui, prefix);
  const times: number[] = [];
  for (let i = 0; times.length < changes; i++) {
    const name = `${prefix}${i}`;
    const steps: [string[], RegExp][] = [
      [['create', '--name', name, '--label', `${BENCH_LABEL}=1`, IMAGE, 'sleep', '600'], /./],
      [['start', name], /running/],
      [['stop', '-t', '0', name], /exited|stopped/],
      [['rm', '-f', name], /gone/],
    ];
    for (const [args, match] of steps) {
      await podman(args);
      const t0 = Date.now();
      const t = await waitRow(page, name, match, t0);
      times.push(Math.max(0, t - t0));
    }
  }
  await page.fill(ui.filter, '');
  return times.slice(0, changes);
}

/** The engine's own floor for the same kind of change: the raw libpod event stream seeing a CLI create. */
async function rawFloor(socketPath: string, api: string, changes: number, prefix: string): Promise<number[]> {
  const seen = new Map<string, (t: number) => void>();
  const ac = await openRawEvents(socketPath, api, (ev) => seen.get(`${ev.name}:${ev.action}`)?.(Date.now()));
  await new Promise((r) => setTimeout(r, 300));
  const times: number[] = [];
  for (let i = 0; times.length < changes; i++) {
    const name = `${prefix}raw-${i}`;
    const steps: [string[], string][] = [
      [['create', '--name', name, '--label', `${BENCH_LABEL}=1`, IMAGE, 'sleep', '600'], 'create'],
      [['start', name], 'start'],
      [['stop', '-t', '0', name], 'died'],
      [['rm', '-f', name], 'remove'],
    ];
    for (const [args, action] of steps) {
      const got = new Promise<number>((r) => seen.set(`${name}:${action}`, r));
      await podman(args);
      const t0 = Date.now();
      times.push(Math.max(0, (await got) - t0));
    }
  }
  ac.abort();
  return times.slice(0, changes);
}

async function populate(engine: Engine, others: number): Promise<void> {
  const have = await engine.containers.list({ all: true, filters: { label: [`${BENCH_LABEL}=1`] } });
  const names = Array.from(
    { length: Math.max(0, others - have.length) },
    (_, k) => `bench-other-${process.pid}-${have.length + k}`,
  );
  await inParallel(names, 8, (name) =>
    engine.containers.create({ image: IMAGE, name, command: ['true'], labels: { [BENCH_LABEL]: '1' } }),
  );
}

/** The user's own podman socket (cockpit-podman talks to it) plus cockpit-ws on a loopback port. */
class Cockpit {
  private service: ChildProcess | undefined;
  private ws: ChildProcess | undefined;
  url = '';

  async startService(): Promise<void> {
    const dir = join(process.env.XDG_RUNTIME_DIR ?? '/tmp', 'podman');
    const sock = join(dir, 'podman.sock');
    if (await ping(sock)) return; // the user's own service (systemd's podman.socket): use it, do not touch it
    await mkdir(dir, { recursive: true });
    this.service = spawn('podman', ['system', 'service', '--time=0', `unix://${sock}`], { stdio: 'ignore' });
    for (let i = 0; i < 100 && !(await ping(sock)); i++) await new Promise((r) => setTimeout(r, 100));
  }

  /** One page session per cockpit-ws start, so each measurement gets a fresh one. */
  async startWs(): Promise<void> {
    await this.stopWs();
    const port = await freePort();
    this.ws = spawn(
      '/usr/lib/cockpit/cockpit-ws',
      ['-p', String(port), '-a', '127.0.0.1', '--no-tls', '--local-session=cockpit-bridge'],
      { stdio: 'ignore' },
    );
    this.url = `http://127.0.0.1:${port}/cockpit/@localhost/podman/index.html`;
    for (let i = 0; i < 100; i++) {
      const ok = await fetch(this.url)
        .then((r) => r.status === 200)
        .catch(() => false);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('cockpit-ws did not answer');
  }

  async stopWs(): Promise<void> {
    await stopChild(this.ws);
    this.ws = undefined;
  }

  async stop(): Promise<void> {
    await this.stopWs();
    await stopChild(this.service);
    this.service = undefined;
  }
}

async function stopChild(c: ChildProcess | undefined): Promise<void> {
  if (!c || c.exitCode !== null || c.signalCode !== null) return;
  const exited = new Promise<void>((r) => c.once('exit', () => r()));
  c.kill('SIGTERM');
  const t = setTimeout(() => c.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(t);
}

async function openBurrow(browser: Browser, host: RunningHost): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(host.url);
  await page.waitForSelector(BURROW_UI.filter);
  return page;
}

async function openCockpit(browser: Browser, cockpit: Cockpit): Promise<Page> {
  await cockpit.startWs();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(cockpit.url);
  await page.waitForSelector(COCKPIT_UI.filter, { timeout: 60_000 });
  return page;
}

/** Navigation → the list showing rows, and (for the 1000 case) every container known to the page. */
/** Navigation start → the first list row in the DOM, stamped in the page (performance.now() counts from navigation). */
async function firstRender(browser: Browser, url: string, ui: ListUi) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.addInitScript((rows: string) => {
    const w = window as unknown as { __firstRow?: number };
    new MutationObserver((_m, obs) => {
      if (document.querySelector(rows)) {
        w.__firstRow = performance.now();
        obs.disconnect();
      }
    }).observe(document, { subtree: true, childList: true });
  }, ui.rows);
  await page.goto(url);
  await page.waitForSelector(ui.rows, { timeout: 120_000 });
  const firstRow = await page.evaluate(
    () => (window as unknown as { __firstRow?: number }).__firstRow ?? NaN,
  );
  return { page, firstRow };
}

/** One keystroke in the filter box → the first DOM change it causes → two animation frames (painted). */
async function filterKeystroke(page: Page, ui: ListUi, runs: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    await page.fill(ui.filter, 'bench-other-');
    await page.waitForTimeout(400);
    const measured = page.evaluate(
      ({ rows }) =>
        new Promise<number>((resolve) => {
          let kd = 0;
          document.addEventListener('keydown', () => (kd = performance.now()), { capture: true, once: true });
          const mo = new MutationObserver(() => {
            if (!kd) return;
            mo.disconnect();
            requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - kd)));
          });
          const list = document.querySelector(rows)?.closest('table, [role=grid]') ?? document.body;
          mo.observe(list, { subtree: true, childList: true, characterData: true, attributes: true });
          setTimeout(() => resolve(NaN), 10_000);
        }),
      { rows: ui.rows },
    );
    await page.focus(ui.filter);
    await page.keyboard.press(String((i % 9) + 1));
    out.push(await measured);
  }
  return out.filter((n) => !Number.isNaN(n));
}

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize / 1048576;
}

/** 100 MB of output through the shell tab: throughput to the page's acknowledgements, longest frame; then echo. */
async function terminalBench(browser: Browser, host: RunningHost, engine: Engine, megabytes: number) {
  const name = `bench-term-${process.pid}`;
  const { id } = await engine.containers.create({
    image: IMAGE,
    name,
    command: ['sleep', '600'],
    labels: { [BENCH_LABEL]: '1' },
  });
  await engine.containers.start(id);
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  try {
    let acked = 0;
    let lastAck = 0;
    const echoes: { sent: number; got?: number; ch: string }[] = [];
    page.on('websocket', (ws) => {
      // The contract's wire: acks are `send` messages, output is `data` of the `terminal` topic.
      ws.on('framesent', (f) => {
        const s = String(f.payload);
        if (s.startsWith('{"t":"send","message":"terminals.ack"')) {
          acked += (JSON.parse(s) as { args: { bytes: number } }).args.bytes;
          lastAck = Date.now();
        }
      });
      ws.on('framereceived', (f) => {
        const s = String(f.payload);
        if (!s.startsWith('{"t":"data"') || !s.includes('"data":{"kind":"data"')) return;
        const pendingEcho = echoes.find((e) => e.got === undefined);
        if (pendingEcho && s.includes(pendingEcho.ch)) pendingEcho.got = Date.now();
      });
    });
    await page.goto(`${host.origin}/?token=${host.token}#/container/${id}/terminal`);
    const detail = new DetailPage(page);
    await detail.openShell();
    await page.waitForTimeout(500);
    // Keystroke echo first, on an idle terminal.
    for (let i = 0; i < 30; i++) {
      const ch = 'qwertyuiopasdfghjklzxcvbnm'[i % 26] as string;
      echoes.push({ sent: Date.now(), ch });
      await page.keyboard.type(ch);
      for (let k = 0; k < 200 && echoes[echoes.length - 1]?.got === undefined; k++)
        await new Promise((r) => setTimeout(r, 2));
    }
    await page.keyboard.press('Control+U');
    const echo = echoes.filter((e) => e.got !== undefined).map((e) => (e.got as number) - e.sent);
    // Frame watcher: the longest gap between animation frames while the output streams.
    await page.evaluate(() => {
      const w = window as unknown as { __maxFrame: number; __stop: boolean };
      w.__maxFrame = 0;
      w.__stop = false;
      let last = performance.now();
      const tick = (t: number) => {
        w.__maxFrame = Math.max(w.__maxFrame, t - last);
        last = t;
        if (!w.__stop) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const bytes = megabytes * 1_000_000;
    const before = acked;
    const t0 = Date.now();
    await page.keyboard.type(`head -c ${bytes} /dev/zero | tr '\\0' x; echo`);
    await page.keyboard.press('Enter');
    const deadline = Date.now() + 600_000;
    while (acked - before < bytes && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const seconds = (lastAck - t0) / 1000;
    const maxFrame = await page.evaluate(() => {
      const w = window as unknown as { __maxFrame: number; __stop: boolean };
      w.__stop = true;
      return w.__maxFrame;
    });
    return { mbPerS: (acked - before) / 1_000_000 / seconds, seconds, maxFrame, echo };
  } finally {
    await page.close();
    await engine.containers.remove(id, { force: true }).catch(() => undefined);
  }
}

async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
  return ticks / 100;
}

async function idleCpu(browser: Browser, host: RunningHost, engine: Engine, n: number, seconds: number) {
  const names = Array.from({ length: n }, (_, i) => `bench-idle-${process.pid}-${i}`);
  await inParallel(names, 4, async (name) => {
    const { id } = await engine.containers.create({
      image: IMAGE,
      name,
      command: ['sleep', '3600'],
      labels: { [BENCH_LABEL]: '1' },
    });
    await engine.containers.start(id);
  });
  const page = await openBurrow(browser, host);
  try {
    await page.waitForTimeout(5000); // settle: first list, stats probe
    // The host's own private Podman service (not the bench's).
    const res = await fetch(`${host.origin}/api/call`, {
      method: 'POST',
      headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'system.connection', args: {} }),
    });
    const servicePid = ((await res.json()) as { value?: { servicePid?: number } }).value?.servicePid ?? 0;
    const hostPid = host.child.pid ?? 0;
    const [h0, s0] = [await cpuSeconds(hostPid), servicePid ? await cpuSeconds(servicePid) : 0];
    await page.waitForTimeout(seconds * 1000);
    const [h1, s1] = [await cpuSeconds(hostPid), servicePid ? await cpuSeconds(servicePid) : 0];
    return { host: ((h1 - h0) / seconds) * 100, service: ((s1 - s0) / seconds) * 100 };
  } finally {
    await page.close();
    await inParallel(names, 8, (name) =>
      engine.containers.remove(name, { force: true }).catch(() => undefined),
    );
  }
}

export async function uiBenchmarks(engine: Engine, opts: { quick: boolean }): Promise<UiRow[]> {
  const rows: UiRow[] = [];
  const changes = opts.quick ? 12 : 52;
  if (!existsSync('/usr/bin/chromium')) {
    console.log('bench: /usr/bin/chromium missing (apt-get install chromium): UI benchmarks skipped');
    return rows;
  }
  const hasCockpit = existsSync('/usr/lib/cockpit/cockpit-ws') && existsSync('/usr/share/cockpit/podman');
  if (!hasCockpit)
    console.log('bench: cockpit-podman missing (apt-get install cockpit-ws cockpit-bridge cockpit-podman)');
  const runtime = process.env.XDG_RUNTIME_DIR ?? '/tmp';
  const serviceSocket = join(runtime, `burrow-bench-ui-${process.pid}`, 'podman.sock');
  const host = await startHost(['--service-socket', serviceSocket]);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const cockpit = new Cockpit();
  const conn = engine.connection();
  try {
    if (hasCockpit) await cockpit.startService();
    for (const others of opts.quick ? [1] : [1, 1000]) {
      console.log(`bench: event → UI latency with ${others} other container(s)`);
      await populate(engine, others);
      const burrowPage = await openBurrow(browser, host);
      const burrow = summarize(await eventLatency(burrowPage, BURROW_UI, `bench-ev-b-${others}-`, changes));
      await burrowPage.close();
      const floor = summarize(
        await rawFloor(conn.socketPath ?? '', conn.apiVersion, changes, `bench-ev-r-${others}-`),
      );
      rows.push({
        name: `event → UI row, ${others} other containers: Burrow vs raw libpod stream (floor)`,
        subject: burrow,
        baseline: floor,
        baselineName: 'raw libpod event stream',
      });
      if (hasCockpit) {
        const page = await openCockpit(browser, cockpit);
        const ck = summarize(await eventLatency(page, COCKPIT_UI, `bench-ev-c-${others}-`, changes));
        await page.close();
        rows.push({
          name: `event → UI row, ${others} other containers: Burrow vs cockpit-podman`,
          subject: burrow,
          baseline: ck,
          baselineName: 'cockpit-podman',
        });
      }
      if (others === 1000) {
        console.log('bench: 1000-container list render, filter keystroke, heap');
        // Five fresh page loads (the last one stays open for the filter and heap measures).
        const bRenders: number[] = [];
        let b = await firstRender(browser, host.url, BURROW_UI);
        bRenders.push(b.firstRow);
        for (let k = 0; k < 4; k++) {
          await b.page.close();
          b = await firstRender(browser, host.url, BURROW_UI);
          bRenders.push(b.firstRow);
        }
        const bFilter = summarize(await filterKeystroke(b.page, BURROW_UI, 10));
        const bHeap = await heapMb(b.page);
        await b.page.close();
        const row = (what: string, subject: Summary, unit = 'ms') => ({ name: what, subject, unit });
        if (hasCockpit) {
          // cockpit-ws serves one page session per start: a fresh one for each of three loads.
          const cRenders: number[] = [];
          let c = { page: undefined as Page | undefined, firstRow: NaN };
          for (let k = 0; k < 3; k++) {
            await c.page?.close();
            await cockpit.startWs();
            c = await firstRender(browser, cockpit.url, COCKPIT_UI);
            cRenders.push(c.firstRow);
          }
          if (!c.page) throw new Error('no cockpit page');
          await c.page.waitForTimeout(3000);
          const cFilter = summarize(await filterKeystroke(c.page, COCKPIT_UI, 10));
          const cHeap = await heapMb(c.page);
          await c.page.close();
          rows.push({
            name: '1000 containers: navigation → first row (5 loads; cockpit 3)',
            subject: summarize(bRenders),
            baseline: summarize(cRenders),
            baselineName: 'cockpit-podman',
          });
          rows.push({
            name: '1000 containers: filter keystroke → painted',
            subject: bFilter,
            baseline: cFilter,
            baselineName: 'cockpit-podman',
          });
          rows.push({
            name: '1000 containers: JS heap after GC (MB)',
            subject: summarize([bHeap]),
            baseline: summarize([cHeap]),
            baselineName: 'cockpit-podman',
            unit: 'MB',
          });
        } else {
          rows.push(row('1000 containers: navigation → first row (5 loads)', summarize(bRenders)));
          rows.push(row('1000 containers: filter keystroke → painted', bFilter));
          rows.push(row('1000 containers: JS heap after GC (MB)', summarize([bHeap]), 'MB'));
        }
      }
    }
    console.log('bench: terminal throughput and echo');
    const term = await terminalBench(browser, host, engine, opts.quick ? 20 : 100);
    rows.push({
      name: `terminal: ${opts.quick ? 20 : 100} MB through PTY → WebSocket → xterm.js (MB/s)`,
      subject: summarize([term.mbPerS]),
      unit: 'MB/s',
      note: `${term.seconds.toFixed(1)} s; longest frame ${term.maxFrame.toFixed(0)} ms`,
    });
    rows.push({
      name: 'terminal: longest frame while streaming (ms)',
      subject: summarize([term.maxFrame]),
    });
    rows.push({ name: 'terminal: keystroke echo (to the page)', subject: summarize(term.echo) });
    console.log('bench: idle CPU with 50 containers');
    const idle = await idleCpu(browser, host, engine, 50, opts.quick ? 15 : 60);
    rows.push({
      name: `idle CPU over ${opts.quick ? 15 : 60} s, 50 running containers, page open: Burrow host (% of a core)`,
      subject: summarize([idle.host]),
      unit: '%',
    });
    rows.push({
      name: 'idle CPU: Burrow’s private Podman service (% of a core)',
      subject: summarize([idle.service]),
      unit: '%',
    });
  } finally {
    await browser.close().catch(() => undefined);
    await stopHost(host);
    await cockpit.stop();
    await rm(join(runtime, `burrow-bench-ui-${process.pid}`), { recursive: true, force: true });
  }
  return rows;
}
