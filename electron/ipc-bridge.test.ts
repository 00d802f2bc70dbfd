// The Electron wiring against a minimal stand-in for Electron's ipcMain and webContents (the binary cannot
// run here). Only the glue is tested this way; the router and the dispatcher behind it are the same ones the
// headless host serves, tested against the real engine.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { IpcMain } from 'electron';
import type { Engine } from '../core/engine-api.js';
import { BurrowError } from '../core/errors.js';
import type { EngineEvent } from '../core/model/types.js';
import type { ServerMessage, TerminalInfo, TerminalOutput } from './contract/index.js';
import type { Terminals } from './handlers/index.js';
import { installIpcBridge, IPC } from './ipc-bridge.js';
import { Router } from './router.js';

type Listener = (e: unknown, ...args: unknown[]) => void;

class FakeIpcMain {
  listeners = new Map<string, Listener>();
  on(ch: string, fn: Listener) {
    this.listeners.set(ch, fn);
  }
  removeAllListeners(ch: string) {
    this.listeners.delete(ch);
  }
}

class FakeWebContents extends EventEmitter {
  sent: ServerMessage[] = [];
  destroyed = false;
  constructor(
    readonly id: number,
    private url: string,
  ) {
    super();
  }
  getURL() {
    return this.url;
  }
  isDestroyed() {
    return this.destroyed;
  }
  send(channel: string, m: ServerMessage) {
    if (channel === IPC.message) this.sent.push(m);
  }
}

// A stream that stays open, quietly, until its subscription is disposed.
function idle<T>(signal: AbortSignal): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator]: () => ({
      next: () =>
        new Promise<IteratorResult<T>>((r) =>
          signal.addEventListener('abort', () => r({ done: true, value: undefined }), { once: true }),
        ),
    }),
  };
}

function fakeEngine(): Engine {
  return {
    containers: { list: async () => [] },
    events: { stream: (o?: { signal?: AbortSignal }) => idle<EngineEvent>(o!.signal!) },
  } as unknown as Engine;
}

/** Terminals that record what reaches them. */
function fakeTerminals(log: string[]): Terminals {
  const info: TerminalInfo = { id: 't1', kind: 'exec', title: 'exec c', pid: 1, exited: false };
  const known = (term: string) => {
    if (term !== 't1')
      throw new BurrowError({ code: 'not_found', field: 'terminal', message: `No terminal ${term}` });
  };
  return {
    validate: async () => undefined,
    open: (owner, spec) => {
      log.push(`open ${owner} ${spec.container}`);
      return info;
    },
    snapshot: (term) => {
      known(term);
      return { info, scrollback: 'hello', seq: 3 };
    },
    list: () => [info],
    close: (term) => void log.push(`close ${term}`),
    output: (term, o) => {
      known(term);
      log.push(`output ${term} after ${o.after}`);
      return idle<TerminalOutput>(o.signal);
    },
    write: (term, data) => {
      known(term);
      log.push(`input ${term} ${JSON.stringify(data)}`);
    },
    resize: (term, cols, rows) => void log.push(`resize ${term} ${cols}x${rows}`),
    ack: (term, bytes) => void log.push(`ack ${term} ${bytes}`),
  };
}

const TRUSTED = 'file:///opt/burrow/dist/renderer/index.html';
const tick = () => new Promise((r) => setImmediate(r));

describe('IPC bridge (Electron stand-in)', () => {
  const setup = () => {
    const ipc = new FakeIpcMain();
    const log: string[] = [];
    const router = new Router(fakeEngine(), {
      mode: 'electron',
      version: 'test',
      terminals: fakeTerminals(log),
    });
    installIpcBridge({ ipcMain: ipc as unknown as IpcMain, router, isTrustedUrl: (u) => u === TRUSTED });
    const page = (id: number, url = TRUSTED) => {
      const wc = new FakeWebContents(id, url);
      const send = (m: unknown) => ipc.listeners.get(IPC.message)!({ sender: wc, senderFrame: { url } }, m);
      return { wc, send };
    };
    return { router, log, page };
  };

  it('answers Burrow’s own page and refuses any other sender', async () => {
    const { page, router } = setup();
    const own = page(1);
    own.send({ t: 'call', id: 1, channel: 'containers.list', args: {} });
    await tick();
    expect(own.wc.sent).toEqual([{ t: 'result', id: 1, result: { ok: true, value: [] } }]);
    const evil = page(2, 'https://evil.example/');
    evil.send({ t: 'call', id: 1, channel: 'containers.list', args: {} });
    evil.send({ t: 'sub', id: 2, topic: 'events', args: {} });
    evil.send({ t: 'send', message: 'terminals.input', args: { term: 't1', data: 'rm -rf ~\r' } });
    await tick();
    expect(evil.wc.sent).toMatchObject([
      { t: 'result', id: 1, result: { ok: false, error: { code: 'permission' } } },
      { t: 'end', id: 2, error: { code: 'permission' } },
    ]);
    expect(router.callCount).toBe(1);
  });

  it('disposes a page’s subscriptions on reload and when destroyed, but not on a hash route change', async () => {
    const { page, router } = setup();
    const { wc, send } = page(3);
    send({ t: 'sub', id: 1, topic: 'events', args: {} });
    send({ t: 'sub', id: 2, topic: 'events', args: {} });
    expect(router.subscriptionCount).toBe(2);
    wc.emit('did-start-navigation', {}, `${TRUSTED}#/images`, true, true);
    expect(router.subscriptionCount).toBe(2);
    wc.emit('did-start-navigation', {}, TRUSTED, false, true);
    expect(router.subscriptionCount).toBe(0);
    // The reloaded page starts its ids again at 1: its own peer, no clash with the old one.
    send({ t: 'sub', id: 1, topic: 'events', args: {} });
    expect(router.subscriptionCount).toBe(1);
    wc.emit('destroyed');
    expect(router.subscriptionCount).toBe(0);
  });

  it('unsubscribes on request and ignores requests without a usable id', async () => {
    const { page, router } = setup();
    const { wc, send } = page(4);
    send({ t: 'sub', id: 9, topic: 'events', args: {} });
    expect(router.subscriptionCount).toBe(1);
    send({ t: 'unsub', id: 9 });
    expect(router.subscriptionCount).toBe(0);
    for (const bad of [
      { t: 'sub', id: 'x', topic: 'events' },
      { t: 'call', channel: 'containers.list' },
      'text',
      null,
    ])
      send(bad);
    send({ t: 'bogus', id: 5 });
    await tick();
    expect(router.subscriptionCount).toBe(0);
    expect(wc.sent).toEqual([
      {
        t: 'result',
        id: 5,
        result: { ok: false, error: expect.objectContaining({ code: 'invalid_input', field: 't' }) },
      },
    ]);
  });

  it('carries terminals as contract channels, a topic and validated fire-and-forget messages', async () => {
    const { page, log, router } = setup();
    const { wc, send } = page(5);
    send({
      t: 'call',
      id: 1,
      channel: 'terminals.open',
      args: { kind: 'exec', container: 'web', cols: 80, rows: 24 },
    });
    // Opening is checked against the engine first (async), as the renderer waits for it before any input.
    await tick();
    send({ t: 'call', id: 2, channel: 'terminals.open', args: { kind: 'exec', container: '--privileged' } });
    send({ t: 'call', id: 3, channel: 'terminals.attach', args: { term: 't9' } });
    send({ t: 'sub', id: 4, topic: 'terminal', args: { term: 't1', after: 3 } });
    send({ t: 'send', message: 'terminals.input', args: { term: 't1', data: 'ls\r' } });
    send({ t: 'send', message: 'terminals.resize', args: { term: 't1', cols: 120, rows: 40 } });
    send({ t: 'send', message: 'terminals.ack', args: { term: 't1', bytes: 5 } });
    // Refused by the contract: none of these reaches the terminals, and none is answered.
    send({ t: 'send', message: 'terminals.resize', args: { term: 't1', cols: 'wide', rows: 40 } });
    send({ t: 'send', message: 'terminals.ack', args: { term: 't1', bytes: -5 } });
    send({ t: 'send', message: 'terminals.input', args: { term: 't1' } });
    send({ t: 'send', message: 'terminals.destroy', args: { term: 't1' } });
    await tick();
    expect(log).toEqual([
      'open wc-5.1 web',
      'output t1 after 3',
      'input t1 "ls\\r"',
      'resize t1 120x40',
      'ack t1 5',
    ]);
    const results = Object.fromEntries(
      wc.sent.filter((m) => m.t === 'result').map((m) => [m.id, m.t === 'result' ? m.result : undefined]),
    );
    expect(results[1]).toMatchObject({ ok: true, value: { id: 't1' } });
    expect(results[2]).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'container' } });
    // The terminal's own error keeps its code across IPC (it used to arrive as `internal`).
    expect(results[3]).toMatchObject({ ok: false, error: { code: 'not_found', field: 'terminal' } });
    expect(router.subscriptionCount).toBe(1);
    // The page reloads: its output subscription ends, the session lives on (nothing closed it).
    wc.emit('did-start-navigation', {}, TRUSTED, false, true);
    expect(router.subscriptionCount).toBe(0);
    expect(log).not.toContain('close t1');
  });
});
