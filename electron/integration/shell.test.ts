// The shell against real rootless Podman, built by the composition root exactly as the CLI builds it: the
// router, the headless host's security and WebSocket protocol (terminals included), and the tray acting on
// real containers.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ConnectionStore } from '../../core/connection/connections.js';
import { privateServiceStrategy } from '../../core/connection/discovery.js';
import type { Engine } from '../../core/engine-api.js';
import type { ContainerSummary } from '../../core/model/types.js';
import { testSocketPath } from '../../core/integration/harness/engine.js';
import {
  FIXTURE_IMAGE,
  listEngineObjects,
  podmanCli,
  podmanSleeper,
  TEST_LABELS,
  uniqueName,
} from '../../core/integration/harness/fixtures.js';
import { openBadInputEnv } from '../../core/integration/harness/bad-input-env.js';
import { BAD_INPUTS, VALID_BASE } from '../../core/model/bad-inputs.js';
import { FrameDecoder, FRAMES_CONTENT_TYPE } from '../../core/model/wire-frames.js';
import { createBurrowApp, type BurrowApp } from '../app.js';
import type { ServerMessage } from '../contract/index.js';
import { startHeadlessHost, type HeadlessHost } from '../headless/server.js';
import type { LiveEngine } from '../../core/live-list.js';
import type { Router } from '../router.js';
import { until, WireClient } from './wire-client.js';
import { TrayController } from '../tray-controller.js';
import { flattenActions, type TrayModel } from '../tray-model.js';

let app: BurrowApp;
let engine: Engine;
let router: Router;
let live: LiveEngine;
let host: HeadlessHost;
let staticDir: string;
const created: string[] = [];

beforeAll(async () => {
  staticDir = await mkdtemp(join(tmpdir(), 'burrow-static-'));
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Burrow</title>');
  // "local" for this file is a private service of its own, like every integration file.
  app = await createBurrowApp({
    mode: 'headless',
    version: 'test',
    statusIntervalMs: 200,
    store: new ConnectionStore(join(staticDir, 'connections.json')),
    connect: { strategies: [privateServiceStrategy({ socketPath: testSocketPath('shell') })] },
  });
  ({ router, engine: live, switchable: engine } = app);
  host = await startHeadlessHost({ router, staticDir });
});

afterAll(async () => {
  for (const n of created) await podmanCli(['rm', '-f', '-t', '0', n]).catch(() => undefined);
  await host?.close();
  await app?.dispose();
  await rm(staticDir, { recursive: true, force: true });
});

function openWs(opts: { token?: string; origin?: string } = {}): Promise<WebSocket> {
  const token = opts.token ?? host.token;
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${encodeURIComponent(token)}`, {
      headers: { Origin: opts.origin ?? host.origin },
    });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function next(
  ws: WebSocket,
  pred: (m: ServerMessage) => boolean,
  timeoutMs = 20_000,
): Promise<ServerMessage> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('timed out waiting for a message')), timeoutMs);
    const on = (raw: WebSocket.RawData) => {
      const m = JSON.parse(raw.toString()) as ServerMessage;
      if (pred(m)) {
        clearTimeout(t);
        ws.off('message', on);
        resolve(m);
      }
    };
    ws.on('message', on);
  });
}

describe('router against the real engine', () => {
  it('lists, creates, starts and stops through the router', async () => {
    const name = uniqueName('router');
    const c = await router.call('containers.create', {
      image: FIXTURE_IMAGE,
      name,
      command: ['sleep', '600'],
      labels: TEST_LABELS,
    });
    expect(c.ok).toBe(true);
    created.push(name);
    const id = c.ok ? (c.value as { id: string }).id : '';
    expect(await router.call('containers.start', { id })).toEqual({ ok: true, value: null });
    const list = await router.call('containers.list', { all: true, filters: { name: [name] } });
    expect(list.ok && (list.value as ContainerSummary[])[0]?.state).toBe('running');
    expect(await router.call('containers.stop', { id, timeoutSeconds: 0 })).toEqual({
      ok: true,
      value: null,
    });
    const after = await router.call('containers.inspect', { id });
    expect(after.ok && (after.value as { state: string }).state).toBe('exited');
    const bad = await router.call('containers.create', { image: FIXTURE_IMAGE, name, command: ['true'] });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'name', hint: expect.any(String) },
    });
  });
});

describe('headless host', () => {
  it('answers 401 without the token, on HTTP and on the WebSocket', async () => {
    expect((await fetch(`${host.origin}/`)).status).toBe(401);
    expect(
      (await fetch(`${host.origin}/api/call`, { method: 'POST', body: '{"channel":"containers.list"}' }))
        .status,
    ).toBe(401);
    expect((await fetch(`${host.origin}/?token=wrong`)).status).toBe(401);
    await expect(openWs({ token: 'wrong' })).rejects.toThrow('HTTP 401');
    await expect(openWs({ token: '' })).rejects.toThrow('HTTP 401');
  });

  it('refuses a foreign Origin', async () => {
    const r = await fetch(`${host.origin}/api/call?token=${host.token}`, {
      method: 'POST',
      headers: { Origin: 'http://evil.example' },
      body: '{"channel":"system.ping"}',
    });
    expect(r.status).toBe(403);
    await expect(openWs({ origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
  });

  it('binds to loopback and refuses other addresses without the explicit flag', async () => {
    expect(host.host).toBe('127.0.0.1');
    await expect(startHeadlessHost({ router, staticDir, host: '0.0.0.0' })).rejects.toThrow(/allow-remote/);
  });

  it('serves the app with the token and a strict CSP, and sets a cookie for its assets', async () => {
    const r = await fetch(`${host.url}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(r.headers.get('content-security-policy')).not.toContain('unsafe-eval');
    const cookie = r.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect((await fetch(`${host.origin}/`, { headers: { cookie: cookie.split(';')[0] ?? '' } })).status).toBe(
      200,
    );
  });

  it('round-trips the container list over the WebSocket', async () => {
    const ws = await openWs();
    ws.send(JSON.stringify({ t: 'call', id: 1, channel: 'containers.list', args: { all: true } }));
    const m = await next(ws, (x) => x.t === 'result' && x.id === 1);
    expect(m.t === 'result' && m.result.ok).toBe(true);
    const cli = (await podmanCli(['ps', '-a', '--format', '{{.ID}}'])).split('\n').filter(Boolean).length;
    expect(m.t === 'result' && m.result.ok ? (m.result.value as unknown[]).length : -1).toBe(cli);
    ws.close();
  });

  it('delivers a real engine event to a subscription, and stops after dispose', async () => {
    const ws = await openWs();
    ws.send(JSON.stringify({ t: 'sub', id: 7, topic: 'events', args: {} }));
    await new Promise((r) => setTimeout(r, 500));
    const name = uniqueName('evt');
    created.push(name);
    const got = next(ws, (x) => x.t === 'data' && x.id === 7 && (x.data as { name?: string }).name === name);
    await podmanCli(['create', '--name', name, '--label', 'burrow.test=1', FIXTURE_IMAGE, 'true']);
    const m = await got;
    expect(m.t === 'data' && (m.data as { action: string }).action).toBe('create');
    expect(router.subscriptionCount).toBeGreaterThan(0);
    ws.send(JSON.stringify({ t: 'unsub', id: 7 }));
    await new Promise((r) => setTimeout(r, 300));
    const before = router.subscriptionCount;
    let late = 0;
    ws.on('message', () => (late += 1));
    await podmanCli(['rm', '-f', name]);
    await new Promise((r) => setTimeout(r, 800));
    expect(late).toBe(0);
    ws.close();
    await new Promise((r) => setTimeout(r, 300));
    expect(router.subscriptionCount).toBeLessThanOrEqual(before);
  });

  it('refuses every bad create input over /api/call, naming the field, and creates nothing', async () => {
    const env = await openBadInputEnv(engine);
    try {
      const before = await listEngineObjects();
      for (const row of BAD_INPUTS) {
        if (!(await env.applies(row))) continue;
        const res = await fetch(`${host.origin}/api/call`, {
          method: 'POST',
          headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            channel: 'containers.create',
            args: { ...VALID_BASE, labels: TEST_LABELS, ...env.materialise(row) },
          }),
        });
        const body = (await res.json()) as {
          ok: boolean;
          error?: { code: string; field?: string; message: string };
        };
        expect({ row: row.name, ok: body.ok, code: body.error?.code, field: body.error?.field }).toEqual({
          row: row.name,
          ok: false,
          code: 'invalid_input',
          field: row.field,
        });
        expect(body.error?.message.length).toBeGreaterThan(5);
      }
      expect(await listEngineObjects()).toEqual(before);
    } finally {
      await env.close();
    }
  });

  it('a closed socket leaves no subscription behind', async () => {
    const base = router.subscriptionCount;
    const ws = await openWs();
    ws.send(JSON.stringify({ t: 'sub', id: 1, topic: 'events', args: {} }));
    ws.send(JSON.stringify({ t: 'sub', id: 2, topic: 'engineStatus', args: {} }));
    await next(ws, (x) => x.t === 'data' && x.id === 2);
    expect(router.subscriptionCount).toBe(base + 2);
    ws.close();
    await new Promise((r) => setTimeout(r, 500));
    expect(router.subscriptionCount).toBe(base);
  });
});

describe('terminals over the WebSocket', () => {
  function client(ws: WebSocket): WireClient {
    const c = new WireClient((m) => ws.send(JSON.stringify(m)));
    ws.on('message', (raw) => c.receive(JSON.parse(raw.toString()) as ServerMessage));
    return c;
  }

  it('opens a shell, echoes, resizes, outlives its socket with scrollback, and ends when closed', async () => {
    const name = uniqueName('wsterm');
    created.push(name);
    await podmanSleeper('run', name);
    const ws = await openWs();
    const c = client(ws);
    const bad = await c.result('terminals.open', { kind: 'exec', container: `${name};id` });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'container' } });
    const missing = await c.result('terminals.attach', { term: 'nope' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found', field: 'terminal' } });
    const info = await c.call<{ id: string; kind: string }>('terminals.open', {
      kind: 'exec',
      container: name,
      cols: 80,
      rows: 24,
    });
    expect(info.kind).toBe('exec');
    const shell = await c.attachTerminal(info.id);
    shell.type('echo ws-$((6*7))\r');
    await shell.waitFor('ws-42');
    c.send('terminals.resize', { term: info.id, cols: 131, rows: 37 });
    await new Promise((r) => setTimeout(r, 300));
    shell.type('stty size\r');
    await shell.waitFor('37 131');
    const subs = router.subscriptionCount;
    ws.close();
    await until(() => router.subscriptionCount === subs - 1);
    // A new socket (a reloaded page) finds the session and its scrollback; the shell still answers.
    const ws2 = await openWs();
    const c2 = client(ws2);
    expect((await c2.call<{ id: string }[]>('terminals.list', {})).map((t) => t.id)).toContain(info.id);
    const again = await c2.attachTerminal(info.id);
    expect(again.output()).toContain('ws-42');
    again.type('echo back-$((1+2))\r');
    await again.waitFor('back-3');
    await c2.call('terminals.close', { term: info.id });
    expect(await again.ended).toBeUndefined();
    expect((await c2.call<{ id: string }[]>('terminals.list', {})).map((t) => t.id)).not.toContain(info.id);
    ws2.close();
  });
});

describe('a subscription streamed on its own response (POST /api/subscribe)', () => {
  /** The response's frames as wire messages, as they arrive (a terminal's output decoded to text here). */
  function frames(res: Response): {
    all: ServerMessage[];
    until(p: (m: ServerMessage) => boolean): Promise<void>;
  } {
    const all: ServerMessage[] = [];
    void (async () => {
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new FrameDecoder();
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done || !value) return;
        for (const f of decoder.push(value))
          all.push(
            f.kind === 'message'
              ? (f.message as ServerMessage)
              : {
                  t: 'data',
                  id: f.id,
                  data: { kind: 'data', seq: f.seq, data: new TextDecoder().decode(f.bytes) },
                },
          );
      }
    })();
    return { all, until: (p) => until(() => all.some(p)) };
  }
  const subscribe = (body: unknown, opts: { token?: string; signal?: AbortSignal } = {}) =>
    fetch(`${host.origin}/api/subscribe`, {
      method: 'POST',
      headers: { authorization: `Bearer ${opts.token ?? host.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });

  it('refuses a missing token, a foreign Origin and anything but one sub message', async () => {
    const sub = { t: 'sub', id: 1, topic: 'events', args: {} };
    expect((await subscribe(sub, { token: 'wrong' })).status).toBe(401);
    const foreign = await fetch(`${host.origin}/api/subscribe?token=${host.token}`, {
      method: 'POST',
      headers: { Origin: 'http://evil.example' },
      body: JSON.stringify(sub),
    });
    expect(foreign.status).toBe(403);
    expect((await subscribe({ t: 'call', id: 1, channel: 'containers.list' })).status).toBe(400);
    expect((await subscribe({ t: 'sub', topic: 'events' })).status).toBe(400);
    expect((await fetch(`${host.origin}/api/subscribe?token=${host.token}`)).status).toBe(405);
    // A topic the contract does not have: the stream's one frame says so, and the response ends.
    const unknown = frames(await subscribe({ t: 'sub', id: 4, topic: 'nope', args: {} }));
    await unknown.until((m) => m.t === 'end');
    expect(unknown.all).toEqual([
      { t: 'end', id: 4, error: expect.objectContaining({ code: 'not_found', field: 'topic' }) },
    ]);
  });

  it("carries a shell's output while the socket carries its keys, and aborting it ends the subscription", async () => {
    const name = uniqueName('streamterm');
    created.push(name);
    await podmanSleeper('run', name);
    const ws = await openWs();
    const c = new WireClient((m) => ws.send(JSON.stringify(m)));
    ws.on('message', (raw) => c.receive(JSON.parse(raw.toString()) as ServerMessage));
    const info = await c.call<{ id: string }>('terminals.open', {
      kind: 'exec',
      container: name,
      cols: 80,
      rows: 24,
    });
    // Let the shell print everything it has to say first: the stream must answer even with nothing to send.
    const ws1 = await c.attachTerminal(info.id);
    ws1.type('echo ready-$((1+1))\r');
    await ws1.waitFor('ready-2');
    await new Promise((r) => setTimeout(r, 300));
    const { seq } = await c.call<{ seq: number }>('terminals.attach', { term: info.id });
    const subs = router.subscriptionCount;
    const ac = new AbortController();
    const res = await subscribe(
      { t: 'sub', id: 9, topic: 'terminal', args: { term: info.id, after: seq } },
      { signal: ac.signal },
    );
    expect(res.headers.get('content-type')).toBe(FRAMES_CONTENT_TYPE);
    const out = frames(res);
    expect(host.streams()).toBe(1);
    await until(() => router.subscriptionCount === subs + 1);
    const text = () =>
      out.all
        .map((m) => (m.t === 'data' && m.id === 9 ? ((m.data as { data?: string }).data ?? '') : ''))
        .join('');
    c.send('terminals.input', { term: info.id, data: 'echo st-$((6*7))\r' });
    await until(() => text().includes('st-42'));
    // Only this subscription's messages, each once, in order.
    const seqs = out.all.map((m) => (m.t === 'data' ? (m.data as { seq: number }).seq : -1));
    expect(seqs.every((n, i) => n > seq && (i === 0 || n > (seqs[i - 1] as number)))).toBe(true);
    ac.abort();
    await until(() => router.subscriptionCount === subs && host.streams() === 0);
    // A terminal that has gone: its stream ends at once with why.
    await c.call('terminals.close', { term: info.id });
    const gone = frames(await subscribe({ t: 'sub', id: 10, topic: 'terminal', args: { term: info.id } }));
    await gone.until((m) => m.t === 'end');
    expect(gone.all.at(-1)).toMatchObject({ t: 'end', id: 10, error: { code: 'not_found' } });
    ws.close();
  });
});

describe('tray', () => {
  it('reflects real state, and its Start/Stop items start and stop a real container', async () => {
    const name = uniqueName('tray');
    created.push(name);
    await podmanSleeper('create', name);
    const models: TrayModel[] = [];
    const tray = new TrayController(live, { onModel: (m) => models.push(m), maxItems: 100 });
    try {
      await tray.start();
      // Created from the CLI a moment ago: it reaches the tray's list with its event.
      const until = Date.now() + 10_000;
      while (Date.now() < until && !flattenActions(tray.model.items).some((i) => i.label === `Start ${name}`))
        await new Promise((r) => setTimeout(r, 50));
      const start = flattenActions(tray.model.items).find((i) => i.label === `Start ${name}`);
      expect(start).toBeDefined();
      await tray.run(start!.action);
      expect((await podmanCli(['inspect', '-f', '{{.State.Status}}', name])).trim()).toBe('running');
      const stop = flattenActions(tray.model.items).find((i) => i.label === `Stop ${name}`);
      expect(stop).toBeDefined();
      await tray.run(stop!.action);
      expect((await podmanCli(['inspect', '-f', '{{.State.Status}}', name])).trim()).toBe('exited');
      // An outside change reaches the tray through the event stream.
      await podmanCli(['start', name]);
      const deadline = Date.now() + 10_000;
      while (
        Date.now() < deadline &&
        !flattenActions(tray.model.items).some((i) => i.label === `Stop ${name}`)
      )
        await new Promise((r) => setTimeout(r, 100));
      expect(flattenActions(tray.model.items).some((i) => i.label === `Stop ${name}`)).toBe(true);
      expect(tray.model.icon).toBe('normal');
    } finally {
      tray.dispose();
    }
  });
});
