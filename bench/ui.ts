// UI-side benchmarks in Debian's Chromium, Burrow's headless host beside cockpit-podman on the same engine:
// event → row latency (with 1 and with 1000 other containers), the 1000-container list (first render, a filter
// keystroke to paint, JS heap), the terminal (100 MB through PTY → streamed response → xterm.js, longest frame,
// keystroke echo), and idle CPU. Every process started here is stopped by its PID.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from '@playwright/test';
import { WebSocketServer } from 'ws';
import type { Engine } from '../core/engine-api.js';
import { ping } from '../core/connection/ping.js';
import { encodeTerminalData, FRAMES_CONTENT_TYPE } from '../core/model/wire-frames.js';
import { inParallel } from '../core/integration/harness/fixtures.js';
import { freePort } from '../core/integration/harness/local-registry.js';
import { startHost, stopHost, type RunningHost } from '../e2e/support/global-setup.js';
import { DetailPage } from '../e2e/pages/app.js';
import { HIGH_WATER, LOW_WATER } from '../electron/terminals/manager.js';
import { openRawEvents } from './lib/raw-events.js';
import { measure, summarize, type Summary } from './lib/stats.js';
import { cpuSeconds, userCpu, type CpuRole, type CpuUse } from './lib/user-cpu.js';

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

/**
 * create → start → stop → rm from the CLI, each timed from the CLI returning to the row changing — and, for the
 * very same change, to the raw libpod event stream delivering it (the engine's floor, read off the socket beside
 * the page). Pairs, so the floor and the UI share every change's luck on a loaded machine.
 */
async function eventLatency(
  page: Page,
  ui: ListUi,
  prefix: string,
  changes: number,
  conn: { socketPath: string; apiVersion: string },
): Promise<{ ui: number[]; floor: number[]; tails: Tail[] }> {
  await page.fill(ui.filter, prefix);
  await watchRows(page, ui, prefix);
  const seen = new Map<string, number>();
  const raw = await openRawEvents(conn.socketPath, conn.apiVersion, (ev) =>
    seen.set(`${ev.name}:${ev.action}`, Date.now()),
  );
  await new Promise((r) => setTimeout(r, 300));
  const times: number[] = [];
  const floor: number[] = [];
  const tails: Tail[] = [];
  for (let i = 0; times.length < changes; i++) {
    const name = `${prefix}${i}`;
    const steps: [string[], RegExp, string][] = [
      [['create', '--name', name, '--label', `${BENCH_LABEL}=1`, IMAGE, 'sleep', '600'], /./, 'create'],
      [['start', name], /running/, 'start'],
      [['stop', '-t', '0', name], /exited|stopped/, 'died'],
      [['rm', '-f', name], /gone/, 'remove'],
    ];
    for (const [args, match, action] of steps) {
      const log0 = eventsLogSize();
      await podman(args);
      const t0 = Date.now();
      const t = await waitRow(page, name, match, t0);
      times.push(Math.max(0, t - t0));
      for (let k = 0; k < 500 && !seen.has(`${name}:${action}`); k++)
        await new Promise((r) => setTimeout(r, 10));
      floor.push(Math.max(0, (seen.get(`${name}:${action}`) ?? NaN) - t0));
      const over = (times.at(-1) ?? 0) - (floor.at(-1) ?? 0);
      // Podman 4's file event logger halves its file at the size limit and every reader replays the rest: say
      // whether that happened during a slow sample.
      if (over > TAIL_MS)
        tails.push({
          action,
          ui: times.at(-1) ?? 0,
          floor: floor.at(-1) ?? NaN,
          rotated: eventsLogSize() < log0,
        });
    }
  }
  raw.abort();
  await page.fill(ui.filter, '');
  return {
    ui: times.slice(0, changes),
    floor: floor.slice(0, changes).filter(Number.isFinite),
    tails,
  };
}

/** A sample this much slower than the engine's own delivery of the same change is reported with its context. */
const TAIL_MS = 150;
interface Tail {
  action: string;
  ui: number;
  floor: number;
  /** The engine's event log was rotated (shrank) during the sample. */
  rotated: boolean;
}

/** Size of the rootless file event logger's log (NaN when Podman logs events elsewhere). */
function eventsLogSize(): number {
  try {
    return statSync(join(process.env.XDG_RUNTIME_DIR ?? '/tmp', 'libpod/tmp/events/events.log')).size;
  } catch {
    return NaN;
  }
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

/**
 * What the page reads from its streams (the terminal's output arrives on a streamed response as frames, ws-wire.ts) and
 * which keys it saw, on the page's clock: a key's echo is the first read after its keydown that carries it.
 */
function watchTerminalReads() {
  const w = window as unknown as { __reads: [number, string][]; __keys: [number, string][] };
  w.__reads = [];
  w.__keys = [];
  const read = ReadableStreamDefaultReader.prototype.read;
  ReadableStreamDefaultReader.prototype.read = function (this: ReadableStreamDefaultReader<unknown>) {
    return read.call(this).then((r) => {
      // Only short reads are kept (echoes); the 100 MB pass through untouched. A read holds whole frames of the
      // stream (core/model/wire-frames.ts): a terminal frame's text is what follows its 13 bytes of head.
      const v = r.value;
      if (v instanceof Uint8Array && v.length < 512) {
        const at = performance.now();
        const view = new DataView(v.buffer, v.byteOffset, v.byteLength);
        for (let off = 0; off + 5 <= v.length; off += 5 + view.getUint32(off + 1))
          if (v[off] === 0x54)
            w.__reads.push([
              at,
              new TextDecoder().decode(v.subarray(off + 13, off + 5 + view.getUint32(off + 1))),
            ]);
      }
      return r;
    });
  } as typeof read;
  document.addEventListener('keydown', (e) => w.__keys.push([performance.now(), e.key]), true);
}

/**
 * Which of Burrow's terminals carries the output: a shell in the container (`exec`: the program's PTY, conmon, the
 * service and the `podman exec` client before Burrow's PTY), or a `podman unshare` shell on the host (`unshare`:
 * the program writes straight into Burrow's PTY — the same host and page with no engine in the path).
 */
type TerminalVia = 'exec' | 'unshare';

/**
 * 100 MB of output through a terminal tab: throughput to the page's acknowledgements, longest frame, the CPU each
 * kind of process used per MB; then (in the container's shell) keystroke echo.
 */
async function terminalBench(
  browser: Browser,
  host: RunningHost,
  engine: Engine,
  megabytes: number,
  via: TerminalVia = 'exec',
) {
  const name = `bench-term-${via}-${process.pid}`;
  // The unshare shell's button is offered for the container's bind mounts: a private folder for it.
  const folder = via === 'unshare' ? await mkdtemp(join(tmpdir(), 'burrow-bench-unshare-')) : undefined;
  const { id } = await engine.containers.create({
    image: IMAGE,
    name,
    command: ['sleep', '600'],
    labels: { [BENCH_LABEL]: '1' },
    ...(folder ? { mounts: [{ type: 'bind' as const, source: folder, target: '/data' }] } : {}),
  });
  await engine.containers.start(id);
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  try {
    let acked = 0;
    let lastAck = 0;
    page.on('websocket', (ws) => {
      // The contract's wire: acknowledgements are `send` messages on the socket.
      ws.on('framesent', (f) => {
        const s = String(f.payload);
        if (s.startsWith('{"t":"send","message":"terminals.ack"')) {
          acked += (JSON.parse(s) as { args: { bytes: number } }).args.bytes;
          lastAck = Date.now();
        }
      });
    });
    await page.addInitScript(watchTerminalReads);
    await page.goto(`${host.origin}/?token=${host.token}#/container/${id}/terminal`);
    const detail = new DetailPage(page);
    if (folder) {
      await detail.tab('Terminal');
      await page.getByRole('button', { name: `Unshare shell in ${folder}` }).click();
    } else await detail.openShell();
    await page.getByRole('region', { name: 'Terminal' }).waitFor();
    await page.waitForTimeout(500);
    // Keystroke echo first, on an idle terminal: keydown to the page reading the echo, both on the page's clock.
    const keys = 'qwertyuiopasdfghjklzxcvbnm';
    for (let i = 0; i < (via === 'exec' ? 30 : 0); i++) {
      const ch = keys[i % 26] as string;
      const since = await page.evaluate(() => performance.now());
      await page.keyboard.type(ch);
      await page
        .waitForFunction(
          ({ ch, since }) =>
            (window as unknown as { __reads: [number, string][] }).__reads.some(
              ([t, v]) => t > since && v.includes(ch),
            ),
          { ch, since },
          { polling: 5, timeout: 2000 },
        )
        .catch(() => undefined);
    }
    const echo = await page.evaluate((keys) => {
      const w = window as unknown as { __reads: [number, string][]; __keys: [number, string][] };
      return w.__keys
        .filter(([, k]) => k.length === 1 && keys.includes(k))
        .flatMap(([t, k]) => {
          const read = w.__reads.find(([at, v]) => at >= t && v.includes(k));
          return read ? [read[0] - t] : [];
        });
    }, keys);
    await page.keyboard.press('Control+U');
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
    const term = ((await hostCall(host, 'terminals.list', {})) as { id: string }[]).at(-1)?.id;
    const seqNow = async () => ((await hostCall(host, 'terminals.attach', { term })) as { seq: number }).seq;
    const seq0 = await seqNow();
    const bytes = megabytes * 1_000_000;
    const before = acked;
    const cpu = userCpu();
    await cpu.ready;
    const t0 = Date.now();
    await page.keyboard.type(`head -c ${bytes} /dev/zero | tr '\\0' x; echo`);
    await page.keyboard.press('Enter');
    const deadline = Date.now() + 600_000;
    while (acked - before < bytes && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const seconds = (lastAck - t0) / 1000;
    const cpuUse = await cpu.stop();
    const chunks = (await seqNow()) - seq0;
    const maxFrame = await page.evaluate(() => {
      const w = window as unknown as { __maxFrame: number; __stop: boolean };
      w.__stop = true;
      return w.__maxFrame;
    });
    const box = await page
      .getByRole('region', { name: 'Terminal' })
      .evaluate((el) => ({ width: el.clientWidth, height: el.clientHeight }));
    return {
      mbPerS: (acked - before) / 1_000_000 / seconds,
      seconds,
      /** CPU of the whole path (engine, host, Chromium) per MB shown. */
      cpuMsPerMb: (cpuUse.total * 1000) / megabytes,
      /** The same by kind of process. */
      cpuMsPerMbByRole: perMb(cpuUse, megabytes),
      maxFrame,
      echo,
      box,
      /** The host's chunks: its sequence numbers count them. */
      meanChunk: (acked - before) / Math.max(1, chunks),
      id,
    };
  } finally {
    await page.close();
    if (folder) {
      await engine.containers.remove(id, { force: true }).catch(() => undefined);
      await rm(folder, { recursive: true, force: true });
    }
  }
}

/** "Chromium 35.6, Burrow host 11.0, …", largest first. */
function formatRoles(byRole: Partial<Record<CpuRole, number>>): string {
  return Object.entries(byRole)
    .sort(([, a], [, b]) => b - a)
    .map(([role, ms]) => `${role} ${ms.toFixed(1)}`)
    .join(', ');
}

/** Each role's CPU in ms per MB shown. */
function perMb(use: CpuUse, megabytes: number): Partial<Record<CpuRole, number>> {
  return Object.fromEntries(
    Object.entries(use.byRole).map(([role, seconds]) => [role, (seconds * 1000) / megabytes]),
  );
}

async function hostCall(host: RunningHost, channel: string, args: unknown): Promise<unknown> {
  const res = await fetch(`${host.origin}/api/call`, {
    method: 'POST',
    headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ channel, args }),
  });
  const r = (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!r.ok) throw new Error(`${channel}: ${r.error?.message}`);
  return r.value;
}

/**
 * The renderer's physical limit: xterm.js alone (same version, options, addon-fit, box and viewport, same
 * Chromium) writing the same bytes in the same chunk size, with the same window in flight — no transport at all.
 */
async function xtermAlone(
  browser: Browser,
  box: { width: number; height: number },
  megabytes: number,
  chunk: number,
) {
  const root = process.env.BURROW_REPO_ROOT ?? process.cwd();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  try {
    await page.setContent(
      `<!doctype html><html><body style="margin:0"><div id="t" style="width:${box.width}px;height:${box.height}px"></div></body></html>`,
    );
    await page.addStyleTag({ path: join(root, 'node_modules/@xterm/xterm/css/xterm.css') });
    await page.addScriptTag({ path: join(root, 'node_modules/@xterm/xterm/lib/xterm.js') });
    await page.addScriptTag({ path: join(root, 'node_modules/@xterm/addon-fit/lib/addon-fit.js') });
    return await page.evaluate(
      async ({ bytes, chunk, windowBytes }) => {
        type Term = {
          open(el: Element): void;
          loadAddon(a: unknown): void;
          write(d: string, cb: () => void): void;
        };
        const w = window as unknown as {
          Terminal: new (o: object) => Term;
          FitAddon: { FitAddon: new () => { fit(): void } };
        };
        const term = new w.Terminal({
          fontFamily: 'ui-monospace, "DejaVu Sans Mono", monospace',
          fontSize: 13,
          scrollback: 5000,
          allowProposedApi: true,
        });
        const fit = new w.FitAddon.FitAddon();
        term.loadAddon(fit);
        term.open(document.getElementById('t') as Element);
        fit.fit();
        let maxFrame = 0;
        let last = performance.now();
        let stop = false;
        const tick = (t: number) => {
          maxFrame = Math.max(maxFrame, t - last);
          last = t;
          if (!stop) requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
        const data = 'x'.repeat(chunk);
        const t0 = performance.now();
        let written = 0;
        let inFlight = 0;
        await new Promise<void>((resolve) => {
          const pump = () => {
            while (written < bytes && inFlight < windowBytes) {
              const n = Math.min(chunk, bytes - written);
              written += n;
              inFlight += n;
              term.write(n === chunk ? data : data.slice(0, n), () => {
                inFlight -= n;
                if (written >= bytes && inFlight === 0) resolve();
                else pump();
              });
            }
          };
          pump();
        });
        const seconds = (performance.now() - t0) / 1000;
        stop = true;
        return { mbPerS: bytes / 1_000_000 / seconds, seconds, maxFrame };
      },
      { bytes: megabytes * 1_000_000, chunk: Math.max(1, Math.round(chunk)), windowBytes: HIGH_WATER },
    );
  } finally {
    await page.close();
  }
}

/**
 * The transport's limit: the same xterm.js page fed from this process the way Burrow's host feeds it — the
 * output as the wire's frames on a streamed response (`frames`, Burrow's path: core/model/wire-frames.ts), as its
 * JSON messages one line each on a streamed response (`lines`, the path before) or on the WebSocket (`websocket`,
 * the one before that), acknowledgements back on the WebSocket, the same chunk size, window and resume mark —
 * with no PTY, no engine and none of Burrow's code. What the browser's delivery costs on its own.
 */
async function xtermOverTransport(
  browser: Browser,
  box: { width: number; height: number },
  megabytes: number,
  chunk: number,
  via: 'frames' | 'lines' | 'websocket',
) {
  const root = process.env.BURROW_REPO_ROOT ?? process.cwd();
  const files: Record<string, [string, string]> = {
    '/': [
      'text/html',
      `<!doctype html><html><head><link rel="stylesheet" href="/xterm.css"><script src="/xterm.js"></script><script src="/fit.js"></script></head><body style="margin:0"><div id="t" style="width:${box.width}px;height:${box.height}px"></div></body></html>`,
    ],
    '/xterm.css': ['text/css', readFileSync(join(root, 'node_modules/@xterm/xterm/css/xterm.css'), 'utf8')],
    '/xterm.js': [
      'text/javascript',
      readFileSync(join(root, 'node_modules/@xterm/xterm/lib/xterm.js'), 'utf8'),
    ],
    '/fit.js': [
      'text/javascript',
      readFileSync(join(root, 'node_modules/@xterm/addon-fit/lib/addon-fit.js'), 'utf8'),
    ],
  };
  const bytes = megabytes * 1_000_000;
  const size = Math.max(1, Math.round(chunk));
  const data = 'x'.repeat(size);
  let sent = 0;
  let unacked = 0;
  let seq = 0;
  let paused = false;
  let out: ((line: string) => void) | undefined;
  let outBin: ((b: Uint8Array) => void) | undefined;
  const dataBuf = Buffer.from(data);
  const pump = () => {
    if (!out || (paused && unacked >= LOW_WATER)) return;
    paused = false;
    while (sent < bytes) {
      if (unacked > HIGH_WATER) {
        paused = true;
        return;
      }
      const n = Math.min(size, bytes - sent);
      sent += n;
      unacked += n;
      const text = n === size ? data : data.slice(0, n);
      if (outBin) {
        outBin(encodeTerminalData(1, ++seq, n === size ? dataBuf : dataBuf.subarray(0, n)));
        continue;
      }
      out(JSON.stringify({ t: 'data', id: 1, data: { kind: 'data', seq: ++seq, data: text } }));
    }
  };
  const server = createServer((req, res) => {
    if (req.url === '/frames') {
      res.writeHead(200, { 'content-type': FRAMES_CONTENT_TYPE, 'cache-control': 'no-store' });
      out = () => undefined;
      outBin = (b) => res.write(b);
      return pump();
    }
    if (req.url === '/lines') {
      res.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' });
      out = (line) => res.write(`${line}\n`);
      return pump();
    }
    const f = files[req.url ?? '/'];
    if (!f) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': f[0] }).end(f[1]);
  });
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws) => {
    ws.on('message', (m) => {
      unacked -= (JSON.parse(String(m)) as { args: { bytes: number } }).args.bytes;
      pump();
    });
    if (via === 'websocket') {
      out = (line) => ws.send(line);
      pump();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  try {
    await page.goto(`http://127.0.0.1:${port}/`);
    return await page.evaluate(
      ({ bytes, url, via }) =>
        new Promise<{ mbPerS: number; maxFrame: number }>((resolve) => {
          type Term = {
            open(el: Element): void;
            loadAddon(a: unknown): void;
            write(d: string, cb: () => void): void;
          };
          const w = window as unknown as {
            Terminal: new (o: object) => Term;
            FitAddon: { FitAddon: new () => { fit(): void } };
          };
          const term = new w.Terminal({
            fontFamily: 'ui-monospace, "DejaVu Sans Mono", monospace',
            fontSize: 13,
            scrollback: 5000,
            allowProposedApi: true,
          });
          const fit = new w.FitAddon.FitAddon();
          term.loadAddon(fit);
          term.open(document.getElementById('t') as Element);
          fit.fit();
          let maxFrame = 0;
          let last = performance.now();
          let stop = false;
          const tick = (t: number) => {
            maxFrame = Math.max(maxFrame, t - last);
            last = t;
            if (!stop) requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
          const ws = new WebSocket(url);
          let t0 = 0;
          let done = 0;
          let unsent = 0;
          const onData = (d: string | Uint8Array, n: number) => {
            t0 ||= performance.now();
            (term as unknown as { write(d: string | Uint8Array, cb: () => void): void }).write(d, () => {
              done += n;
              if (unsent === 0)
                queueMicrotask(() => {
                  ws.send(
                    JSON.stringify({
                      t: 'send',
                      message: 'terminals.ack',
                      args: { term: 't1', bytes: unsent },
                    }),
                  );
                  unsent = 0;
                });
              unsent += n;
              if (done < bytes) return;
              stop = true;
              ws.close();
              resolve({ mbPerS: bytes / 1e6 / ((performance.now() - t0) / 1000), maxFrame });
            });
          };
          const onLine = (line: string) => {
            const text = (JSON.parse(line) as { data: { data: string } }).data.data;
            onData(text, text.length);
          };
          if (via === 'websocket') ws.onmessage = (m) => onLine(String(m.data));
          // Read the frames the way the page's wire does (core/model/wire-frames.ts): kind, length, then a
          // terminal frame's id and seq before its bytes.
          else if (via === 'frames')
            ws.onopen = async () => {
              const res = await fetch('/frames');
              const reader = (res.body as ReadableStream<Uint8Array>).getReader();
              let buf: Uint8Array = new Uint8Array(0);
              for (;;) {
                const { value, done: end } = await reader.read();
                if (end) break;
                if (buf.length) {
                  const j = new Uint8Array(buf.length + value.length);
                  j.set(buf);
                  j.set(value, buf.length);
                  buf = j;
                } else buf = value;
                const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
                let off = 0;
                while (buf.length - off >= 5 && buf.length - off >= 5 + view.getUint32(off + 1)) {
                  const n = view.getUint32(off + 1);
                  onData(buf.subarray(off + 13, off + 5 + n), n - 8);
                  off += 5 + n;
                }
                buf = buf.subarray(off);
              }
            };
          // Read and split the way the page's wire does (renderer/src/api/ws-wire.ts).
          else
            ws.onopen = async () => {
              const res = await fetch('/lines');
              const reader = (res.body as ReadableStream).pipeThrough(new TextDecoderStream()).getReader();
              let buf = '';
              for (;;) {
                const { value, done: end } = await reader.read();
                if (end) break;
                buf += value;
                let nl = buf.indexOf('\n');
                while (nl >= 0) {
                  onLine(buf.slice(0, nl));
                  buf = buf.slice(nl + 1);
                  nl = buf.indexOf('\n');
                }
              }
            };
        }),
      { bytes, url: `ws://127.0.0.1:${port}/`, via },
    );
  } finally {
    await page.close();
    wss.close();
    server.closeAllConnections();
    server.close();
  }
}

/** The engine's limit for the same output: `podman exec -t` through the same service, to /dev/null. */
async function engineLimit(socketPath: string, id: string, megabytes: number) {
  const bytes = megabytes * 1_000_000;
  const t0 = performance.now();
  await new Promise<void>((resolve, reject) => {
    const c = spawn(
      'podman',
      [
        '--remote',
        '--url',
        `unix://${socketPath}`,
        'exec',
        '-t',
        id,
        'sh',
        '-c',
        `head -c ${bytes} /dev/zero | tr '\\0' x`,
      ],
      { stdio: 'ignore' },
    );
    c.once('error', reject);
    c.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`podman exec exited with ${code}`))));
  });
  return bytes / 1_000_000 / ((performance.now() - t0) / 1000);
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

export interface UiOptions {
  quick: boolean;
  /** Container counts for the growth curves, grown in this order (never shrunk). */
  sizes: number[];
  /** cockpit-podman is measured beside Burrow at sizes up to this (its page takes ~5 s at 1000). */
  cockpitUpTo: number;
  /** Only the terminal rows (no growth curves, startup or idle CPU). */
  terminalOnly?: boolean;
}

/** One size of the growth curves: what Burrow costs with this many containers. */
export interface GrowthPoint {
  containers: number;
  eventP50: number;
  eventP95: number;
  floorP50: number;
  floorP95: number;
  firstRenderP50: number;
  filterP50: number;
  filterP95: number;
  heapMb: number;
  hostRssMb: number;
  /** CPU the host process used per page load (its list, serialisation, the socket). */
  hostCpuMsPerLoad: number;
  /** A rebuild of the live list (one uncached libpod list) and one container's inspect, from Node. */
  rebuildP50: number;
  inspectP50: number;
  cockpit?: { eventP50: number; eventP95: number; firstRender: number; filterP50: number; heapMb: number };
}

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
}

/** Launch → first row: a new host process (its own private Podman service started with it), a fresh page. */
async function startupToFirstRow(browser: Browser, socketDir: string): Promise<number> {
  const t0 = Date.now();
  const host = await startHost(['--service-socket', join(socketDir, 'podman.sock')]);
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(host.url);
    await page.waitForSelector(BURROW_UI.rows, { timeout: 120_000 });
    const t = Date.now() - t0;
    await page.close();
    return t;
  } finally {
    await stopHost(host);
  }
}

export async function uiBenchmarks(
  engine: Engine,
  opts: UiOptions,
): Promise<{ rows: UiRow[]; growth: GrowthPoint[] }> {
  const rows: UiRow[] = [];
  const growth: GrowthPoint[] = [];
  const changes = opts.quick ? 8 : 32;
  if (!existsSync('/usr/bin/chromium')) {
    console.log('bench: /usr/bin/chromium missing (apt-get install chromium): UI benchmarks skipped');
    return { rows, growth };
  }
  const hasCockpit = existsSync('/usr/lib/cockpit/cockpit-ws') && existsSync('/usr/share/cockpit/podman');
  if (!hasCockpit)
    console.log('bench: cockpit-podman missing (apt-get install cockpit-ws cockpit-bridge cockpit-podman)');
  const runtime = process.env.XDG_RUNTIME_DIR ?? '/tmp';
  const serviceSocket = join(runtime, `burrow-bench-ui-${process.pid}`, 'podman.sock');
  const host = await startHost(['--service-socket', serviceSocket]);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const cockpit = new Cockpit();
  const conn = {
    socketPath: engine.connection().socketPath ?? '',
    apiVersion: engine.connection().apiVersion,
  };
  const hostPid = host.child.pid ?? 0;
  try {
    if (hasCockpit) await cockpit.startService();
    for (const size of [...opts.sizes].sort((a, b) => a - b)) {
      console.log(`bench: ${size} containers`);
      try {
        await populate(engine, size);
      } catch (e) {
        // Podman's default lock count (2048) caps containers + pods + volumes: say how to raise it, measure the rest.
        const locks = /num_locks/.test(String((e as { engineMessage?: string }).engineMessage ?? e));
        console.log(
          `bench: could not create ${size} containers (${e instanceof Error ? e.message : String(e)})${locks ? ': raise [engine] num_locks in ~/.config/containers/containers.conf, then `podman system renumber`' : ''}; larger sizes skipped`,
        );
        rows.push({
          name: `${size} containers: not measured`,
          subject: summarize([]),
          note: 'could not create them',
        });
        break;
      }
      // Node side: a rebuild of the live list, and the per-event fetch (one inspect) at this size.
      const probe = (
        await engine.containers.list({ all: true, filters: { label: [`${BENCH_LABEL}=1`] } })
      )[0];
      const rebuild = await measure(() => engine.containers.list({ all: true }), { runs: 3, warmup: 1 });
      const inspect = await measure(() => engine.containers.summary(probe?.id ?? ''), {
        runs: 10,
        warmup: 2,
      });
      // First render (fresh page loads), the host's CPU for them and its memory after.
      const loads = opts.quick ? 2 : 3;
      const cpu0 = await cpuSeconds(hostPid);
      const renders: number[] = [];
      let b = await firstRender(browser, host.url, BURROW_UI);
      renders.push(b.firstRow);
      for (let k = 1; k < loads; k++) {
        await b.page.close();
        b = await firstRender(browser, host.url, BURROW_UI);
        renders.push(b.firstRow);
      }
      const hostCpuMsPerLoad = (((await cpuSeconds(hostPid)) - cpu0) * 1000) / loads;
      const filter = summarize(await filterKeystroke(b.page, BURROW_UI, opts.quick ? 5 : 10));
      const heap = await heapMb(b.page);
      await b.page.close();
      const hostRssMb = await rssMb(hostPid);
      // Event → row, paired with the raw stream for the same changes.
      const page = await openBurrow(browser, host);
      const ev = await eventLatency(page, BURROW_UI, `bench-ev-b-${size}-`, changes, conn);
      await page.close();
      const evS = summarize(ev.ui);
      const floorS = summarize(ev.floor);
      const render = summarize(renders);
      const point: GrowthPoint = {
        containers: size,
        eventP50: evS.p50,
        eventP95: evS.p95,
        floorP50: floorS.p50,
        floorP95: floorS.p95,
        firstRenderP50: render.p50,
        filterP50: filter.p50,
        filterP95: filter.p95,
        heapMb: heap,
        hostRssMb,
        hostCpuMsPerLoad,
        rebuildP50: rebuild.p50,
        inspectP50: inspect.p50,
      };
      rows.push({
        name: `event → UI row, ${size} containers: Burrow vs raw libpod stream (same changes)`,
        subject: evS,
        baseline: floorS,
        baselineName: 'raw libpod event stream',
        note: `p95 over floor p95: +${(evS.p95 - floorS.p95).toFixed(0)} ms; samples over floor + ${TAIL_MS} ms: ${ev.tails.map((x) => `${x.action} ${x.ui}/${x.floor} ms${x.rotated ? ' (event log rotated)' : ''}`).join(', ') || 'none'}`,
      });
      rows.push({ name: `${size} containers: navigation → first row (${loads} loads)`, subject: render });
      rows.push({ name: `${size} containers: filter keystroke → painted`, subject: filter });
      rows.push({
        name: `${size} containers: JS heap after GC (MB)`,
        subject: summarize([heap]),
        unit: 'MB',
      });
      rows.push({
        name: `${size} containers: host RSS (MB) / CPU per page load (ms)`,
        subject: summarize([hostRssMb]),
        unit: 'MB',
        note: `${hostCpuMsPerLoad.toFixed(0)} ms CPU per load`,
      });
      rows.push({
        name: `${size} containers: live-list rebuild (uncached list) vs one inspect (the per-event fetch)`,
        subject: inspect,
        baseline: rebuild,
        baselineName: 'uncached libpod list',
      });
      if (hasCockpit && size <= opts.cockpitUpTo) {
        await cockpit.startWs();
        const c = await firstRender(browser, cockpit.url, COCKPIT_UI);
        await c.page.waitForTimeout(3000);
        const cFilter = summarize(await filterKeystroke(c.page, COCKPIT_UI, 5));
        const cHeap = await heapMb(c.page);
        await c.page.close();
        const cp = await openCockpit(browser, cockpit);
        const cEv = await eventLatency(cp, COCKPIT_UI, `bench-ev-c-${size}-`, opts.quick ? 4 : 12, conn);
        await cp.close();
        const cEvS = summarize(cEv.ui);
        point.cockpit = {
          eventP50: cEvS.p50,
          eventP95: cEvS.p95,
          firstRender: c.firstRow,
          filterP50: cFilter.p50,
          heapMb: cHeap,
        };
        rows.push({
          name: `event → UI row, ${size} containers: Burrow vs cockpit-podman`,
          subject: evS,
          baseline: cEvS,
          baselineName: 'cockpit-podman',
        });
        rows.push({
          name: `${size} containers: first row / filter / heap, cockpit-podman`,
          subject: summarize([c.firstRow]),
          note: `filter ${cFilter.p50.toFixed(0)} ms, heap ${cHeap.toFixed(0)} MB`,
        });
      }
      growth.push(point);
      console.log(JSON.stringify(point));
    }
    const startupAt = opts.sizes.includes(1000) ? 1000 : Math.max(...opts.sizes);
    if (opts.sizes.includes(startupAt)) {
      // Startup at 1000 (or the largest size asked): cold = the first launch with a new private service; warm =
      // two more launches right after (the engine's storage in the page cache).
      await cleanupAbove(engine, startupAt);
      console.log(`bench: startup to first row with ${startupAt} containers`);
      const dir = join(runtime, `burrow-bench-start-${process.pid}`);
      const cold = await startupToFirstRow(browser, join(dir, 'cold'));
      const warm = [
        await startupToFirstRow(browser, join(dir, 'w1')),
        await startupToFirstRow(browser, join(dir, 'w2')),
      ];
      await rm(dir, { recursive: true, force: true });
      rows.push({
        name: `startup → first row, ${startupAt} containers: cold (first launch)`,
        subject: summarize([cold]),
      });
      rows.push({
        name: `startup → first row, ${startupAt} containers: warm (next 2 launches)`,
        subject: summarize(warm),
      });
    }
    await cleanupAbove(engine, 0);
    console.log('bench: terminal throughput and echo, beside xterm.js alone and podman exec');
    const mb = opts.quick ? 20 : 100;
    const term = await terminalBench(browser, host, engine, mb);
    const unshared = await terminalBench(browser, host, engine, mb, 'unshare');
    const aloneCpu = userCpu();
    await aloneCpu.ready;
    const alone = await xtermAlone(browser, term.box, mb, term.meanChunk);
    const aloneCpuUse = await aloneCpu.stop();
    const aloneCpuMsPerMb = (aloneCpuUse.total * 1000) / mb;
    const cores = availableParallelism();
    const overFrames = await xtermOverTransport(browser, term.box, mb, term.meanChunk, 'frames');
    const overLines = await xtermOverTransport(browser, term.box, mb, term.meanChunk, 'lines');
    const overWs = await xtermOverTransport(browser, term.box, mb, term.meanChunk, 'websocket');
    const limit = await engineLimit(serviceSocket, term.id, mb);
    await engine.containers.remove(term.id, { force: true }).catch(() => undefined);
    rows.push({
      name: `terminal: ${mb} MB through PTY → streamed response → xterm.js vs xterm.js alone (MB/s)`,
      subject: summarize([term.mbPerS]),
      baseline: summarize([alone.mbPerS]),
      baselineName: 'xterm.js alone, same page setup',
      unit: 'MB/s',
      note: `Burrow/alone ${(term.mbPerS / alone.mbPerS).toFixed(2)}×; ${term.seconds.toFixed(1)} s; mean chunk ${term.meanChunk.toFixed(0)} B; alone's longest frame ${alone.maxFrame.toFixed(0)} ms`,
    });
    rows.push({
      name: `terminal: the same ${mb} MB from a podman unshare shell: Burrow's PTY, host and page with no engine in the path (MB/s)`,
      subject: summarize([unshared.mbPerS]),
      unit: 'MB/s',
      note: `${(unshared.mbPerS / alone.mbPerS).toFixed(2)}× xterm.js alone; ${unshared.cpuMsPerMb.toFixed(0)} ms of CPU per MB; longest frame ${unshared.maxFrame.toFixed(0)} ms`,
    });
    rows.push({
      name: `terminal: the same xterm.js page fed the wire's frames on a streamed response, no PTY or Burrow (the transport's limit, MB/s)`,
      subject: summarize([overFrames.mbPerS]),
      unit: 'MB/s',
      note: `${(overFrames.mbPerS / alone.mbPerS).toFixed(2)}× xterm.js alone; Burrow is ${(term.mbPerS / overFrames.mbPerS).toFixed(2)}× of it; longest frame ${overFrames.maxFrame.toFixed(0)} ms`,
    });
    rows.push({
      name: `terminal: the same, JSON lines on a streamed response (the path before; MB/s)`,
      subject: summarize([overLines.mbPerS]),
      unit: 'MB/s',
      note: `${(overLines.mbPerS / alone.mbPerS).toFixed(2)}× xterm.js alone; longest frame ${overLines.maxFrame.toFixed(0)} ms`,
    });
    rows.push({
      name: `terminal: the same, JSON on a WebSocket (the path before that; MB/s)`,
      subject: summarize([overWs.mbPerS]),
      unit: 'MB/s',
      note: `${(overWs.mbPerS / alone.mbPerS).toFixed(2)}× xterm.js alone; longest frame ${overWs.maxFrame.toFixed(0)} ms`,
    });
    // What each MB costs the whole machine: on a machine whose cores are all busy moving output, this (not any one
    // process) bounds the rate. xterm.js alone needs only its renderer; Burrow's path adds the engine's processes
    // (conmon, the service, the `podman exec` client), the PTY, the host and Chromium's network process.
    rows.push({
      name: `terminal: CPU per MB shown, every process of the path (ms of CPU per MB)`,
      subject: summarize([term.cpuMsPerMb]),
      baseline: summarize([aloneCpuMsPerMb]),
      baselineName: 'xterm.js alone',
      note: `on ${cores} cores Burrow's path moves at most ${((cores * 1000) / term.cpuMsPerMb).toFixed(1)} MB/s at this cost (cores ÷ CPU per MB; 0.9× xterm.js alone would be ${(0.9 * alone.mbPerS).toFixed(1)})`,
    });
    // Where each MB goes, and the floor the machine sets: the program writing the output, the engine's conmon and
    // service, and a page no dearer than xterm.js alone's or Burrow's own, whichever is cheaper — with Burrow's
    // host and the `podman exec` client counted as nothing. If the cores cannot carry even that at 0.9× xterm.js
    // alone's rate, nothing Burrow's host does can reach it here.
    const r = term.cpuMsPerMbByRole;
    const pageMs = Math.min(r.Chromium ?? 0, ((aloneCpuUse.byRole.Chromium ?? 0) * 1000) / mb);
    const floor =
      (r.program ?? 0) + (r.conmon ?? 0) + (r['podman service'] ?? 0) + (r['engine, other'] ?? 0) + pageMs;
    rows.push({
      name: `terminal: where each MB's CPU goes in Burrow's path, and the floor without Burrow's host or the exec client (ms of CPU per MB)`,
      subject: summarize([floor]),
      note:
        `${formatRoles(r)}; xterm.js alone's Chromium ${(((aloneCpuUse.byRole.Chromium ?? 0) * 1000) / mb).toFixed(1)}; ` +
        `the floor allows at most ${((cores * 1000) / floor).toFixed(1)} MB/s on ${cores} cores (0.9× xterm.js alone: ${(0.9 * alone.mbPerS).toFixed(1)}); ` +
        `the unshare shell's: ${formatRoles(unshared.cpuMsPerMbByRole)}`,
    });
    rows.push({
      name: `terminal: podman exec -t, same ${mb} MB to /dev/null (the engine's limit, MB/s)`,
      subject: summarize([limit]),
      unit: 'MB/s',
    });
    rows.push({
      name: 'terminal: longest frame while streaming (ms)',
      subject: summarize([term.maxFrame]),
    });
    rows.push({
      name: 'terminal: keystroke echo (keydown to the page reading it)',
      subject: summarize(term.echo),
    });
    if (opts.terminalOnly) return { rows, growth };
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
  return { rows, growth };
}

/** Remove bench containers beyond `keep` (the growth loop leaves the largest size behind). */
async function cleanupAbove(engine: Engine, keep: number): Promise<void> {
  const mine = await engine.containers.list({ all: true, filters: { label: [`${BENCH_LABEL}=1`] } });
  await inParallel(mine.slice(keep), 8, (c) =>
    engine.containers.remove(c.id, { force: true }).catch(() => undefined),
  );
}
