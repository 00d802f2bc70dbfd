// Terminals against real containers: exec round trip, keep-id, resize, exit codes, bounded buffering under
// 50 MB of output, UTF-8 integrity across chunks, and no stray `podman exec` after close.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../core/engine-api.js';
import { openTestEngine } from '../../core/integration/harness/engine.js';
import { FIXTURE_IMAGE, TEST_LABELS, uniqueName } from '../../core/integration/harness/fixtures.js';
import type { TerminalSpec } from '../contract/index.js';
import { HIGH_WATER, TerminalManager } from '../terminals/manager.js';

let engine: Engine;
let terms: TerminalManager;
let plain: string;
let keepId: string;

beforeAll(async () => {
  engine = await openTestEngine({ tag: 'terminals' });
  terms = new TerminalManager(engine);
  const a = await engine.containers.create({
    image: FIXTURE_IMAGE,
    name: uniqueName('term'),
    command: ['sleep', '600'],
    labels: TEST_LABELS,
  });
  const b = await engine.containers.create({
    image: FIXTURE_IMAGE,
    name: uniqueName('termk'),
    command: ['sleep', '600'],
    userns: { kind: 'keep-id' },
    labels: TEST_LABELS,
  });
  plain = a.id;
  keepId = b.id;
  await engine.containers.start(plain);
  await engine.containers.start(keepId);
});

afterAll(async () => {
  terms?.disposeAll();
  for (const id of [plain, keepId])
    if (id) await engine.containers.remove(id, { force: true }).catch(() => undefined);
  await engine?.close();
});

interface Session {
  id: string;
  output(): string;
  /** The last bytes only: polling the whole of a 50 MB output copies it on every poll. */
  tail(): string;
  exited: Promise<number>;
  received(): number;
}

function open(spec: TerminalSpec, opts: { ack?: boolean } = {}): Session {
  const info = terms.open('test', spec);
  let out = '';
  let tail = '';
  let bytes = 0;
  let resolveExit: (c: number) => void = () => undefined;
  const exited = new Promise<number>((r) => (resolveExit = r));
  terms.attach(info.id, 'test/client', {
    data(chunk) {
      out += chunk;
      tail = (tail + chunk).slice(-256);
      const n = Buffer.byteLength(chunk);
      bytes += n;
      if (opts.ack !== false) terms.ack(info.id, n);
    },
    exit: (code) => resolveExit(code),
  });
  return { id: info.id, output: () => out, tail: () => tail, exited, received: () => bytes };
}

async function until(pred: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

function podmanExecProcesses(): number {
  try {
    return execFileSync('pgrep', ['-u', String(process.getuid?.()), '-f', 'podman --remote .* exec'], {
      encoding: 'utf8',
    })
      .split('\n')
      .filter(Boolean).length;
  } catch {
    return 0;
  }
}

describe('terminals', () => {
  it('round-trips input and output in an exec shell', async () => {
    const s = open({ kind: 'exec', container: plain });
    terms.write(s.id, 'echo hello-$((6*7))\r');
    await until(() => s.output().includes('hello-42'));
    terms.write(s.id, 'exit 5\r');
    expect(await s.exited).toBe(5);
    terms.close(s.id);
  });

  it('runs as the user under keep-id', async () => {
    const s = open({ kind: 'exec', container: keepId, command: ['id', '-u'] });
    expect(await s.exited).toBe(0);
    expect(s.output()).toContain(String(process.getuid?.()));
    terms.close(s.id);
  });

  it('passes the terminal size to the container’s TTY', async () => {
    const s = open({ kind: 'exec', container: plain, cols: 80, rows: 24 });
    terms.resize(s.id, 123, 45);
    await new Promise((r) => setTimeout(r, 300));
    terms.write(s.id, 'stty size\r');
    await until(() => s.output().includes('45 123'));
    terms.write(s.id, 'exit\r');
    await s.exited;
    terms.close(s.id);
  });

  it('keeps a multi-byte character whole across chunk boundaries', async () => {
    // 4-byte emoji with odd-sized padding so PTY reads split it somewhere.
    const s = open({
      kind: 'exec',
      container: plain,
      command: ['sh', '-c', 'i=0; while [ $i -lt 2000 ]; do printf "x😀é€"; i=$((i+1)); done; echo END'],
    });
    await s.exited;
    const out = s.output();
    expect(out).toContain('END');
    expect(out).not.toContain('\uFFFD');
    expect((out.match(/😀/g) ?? []).length).toBe(2000);
    terms.close(s.id);
  });

  it('pushes 50 MB through with bounded buffering, pausing without acknowledgements', async () => {
    const s = open(
      {
        kind: 'exec',
        container: plain,
        command: ['sh', '-c', 'head -c 52428800 /dev/zero | tr "\\0" "a"; echo; echo DONE'],
      },
      { ack: false },
    );
    // Without acks the PTY must pause near the high-water mark instead of buffering everything.
    await new Promise((r) => setTimeout(r, 1500));
    const stalled = terms.stats(s.id);
    expect(stalled.paused).toBe(true);
    expect(s.received()).toBeLessThan(HIGH_WATER + 1024 * 1024);
    // Acknowledge everything from now on: it completes.
    terms.ack(s.id, s.received());
    const timer = setInterval(() => terms.ack(s.id, terms.stats(s.id).unacked), 20);
    try {
      await until(() => s.tail().includes('DONE'), 120_000);
    } finally {
      clearInterval(timer);
    }
    expect(s.received()).toBeGreaterThan(50 * 1024 * 1024);
    expect(terms.stats(s.id).scrollbackBytes).toBeLessThanOrEqual(512 * 1024);
    terms.close(s.id);
  }, 180_000);

  it('closing a session ends its podman exec process', async () => {
    const before = podmanExecProcesses();
    const s = open({ kind: 'exec', container: plain });
    await until(() => podmanExecProcesses() > before);
    terms.close(s.id);
    await until(() => podmanExecProcesses() === before, 10_000);
    expect(podmanExecProcesses()).toBe(before);
  });

  it('hands a live shell over from its snapshot to its output: what came in between arrives once', async () => {
    const info = terms.open('test', { kind: 'exec', container: plain });
    await until(() => terms.snapshot(info.id).scrollback.length > 0);
    const snap = terms.snapshot(info.id);
    // Nobody follows the output yet: this only reaches the scrollback.
    terms.write(info.id, 'echo mid-$((0+1))\r');
    await until(() => terms.snapshot(info.id).scrollback.includes('mid-1'));
    const ac = new AbortController();
    let followed = '';
    const done = (async () => {
      for await (const o of terms.output(info.id, { after: snap.seq, signal: ac.signal }))
        if (o.kind === 'data') {
          followed += o.data;
          terms.ack(info.id, Buffer.byteLength(o.data));
        }
    })();
    terms.write(info.id, 'echo after-$((1+1))\r');
    await until(() => followed.includes('after-2'));
    ac.abort();
    await done;
    expect(followed.match(/mid-1/g)).toHaveLength(1);
    expect(snap.scrollback + followed).toBe(terms.snapshot(info.id).scrollback);
    terms.close(info.id);
  });

  it('opens a podman unshare shell on this machine, in the directory asked for, taken literally', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'burrow unshare $(id) '));
    try {
      const s = open({ kind: 'unshare', workdir: dir });
      terms.write(s.id, 'echo "uid=$(id -u) dir=$(pwd)"; exit\r');
      expect(await s.exited).toBe(0);
      expect(s.output()).toContain(`uid=0 dir=${dir}`);
      terms.close(s.id);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reports the end of an attach when the container stops', async () => {
    const c = await engine.containers.create({
      image: FIXTURE_IMAGE,
      name: uniqueName('tty'),
      command: ['sh'],
      tty: true,
      stdin: true,
      labels: TEST_LABELS,
    });
    try {
      await engine.containers.start(c.id);
      const s = open({ kind: 'attach', container: c.id });
      await new Promise((r) => setTimeout(r, 500));
      terms.write(s.id, 'echo attached-$((1+1))\r');
      await until(() => s.output().includes('attached-2'));
      terms.write(s.id, 'exit 3\r');
      expect(await s.exited).toBe(3);
      terms.close(s.id);
    } finally {
      await engine.containers.remove(c.id, { force: true });
    }
  });
});
