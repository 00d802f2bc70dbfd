// The Electron wiring against a minimal stand-in for Electron's ipcMain and webContents (the binary cannot
// run here). Only the glue is tested this way; the router behind it is tested against the real engine.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { IpcMain } from 'electron';
import type { Engine } from '../core/engine-api.js';
import type { EngineEvent } from '../core/model/types.js';
import { installIpcBridge, IPC } from './ipc-bridge.js';
import { Router } from './router.js';

type Handler = (e: unknown, ...args: unknown[]) => unknown;

class FakeIpcMain {
  handlers = new Map<string, Handler>();
  listeners = new Map<string, Handler>();
  handle(ch: string, fn: Handler) {
    this.handlers.set(ch, fn);
  }
  removeHandler(ch: string) {
    this.handlers.delete(ch);
  }
  on(ch: string, fn: Handler) {
    this.listeners.set(ch, fn);
  }
  removeAllListeners(ch: string) {
    this.listeners.delete(ch);
  }
}

class FakeWebContents extends EventEmitter {
  sent: unknown[][] = [];
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
  send(...args: unknown[]) {
    this.sent.push(args);
  }
}

function fakeEngine(): Engine {
  // An event stream that stays open, quietly, until its subscription is disposed.
  const never = (signal?: AbortSignal): AsyncIterable<EngineEvent> => ({
    [Symbol.asyncIterator]: () => ({
      next: () =>
        new Promise<IteratorResult<EngineEvent>>((r) =>
          signal?.addEventListener('abort', () => r({ done: true, value: undefined })),
        ),
    }),
  });
  return {
    containers: { list: async () => [] },
    events: { stream: (o?: { signal?: AbortSignal }) => never(o?.signal) },
  } as unknown as Engine;
}

const TRUSTED = 'file:///opt/burrow/dist/renderer/index.html';

describe('IPC bridge (Electron stand-in)', () => {
  const setup = () => {
    const ipc = new FakeIpcMain();
    const router = new Router(fakeEngine(), { mode: 'electron', version: 'test' });
    installIpcBridge({ ipcMain: ipc as unknown as IpcMain, router, isTrustedUrl: (u) => u === TRUSTED });
    return { ipc, router };
  };

  it('answers Burrow’s own page and refuses any other sender', async () => {
    const { ipc } = setup();
    const call = ipc.handlers.get(IPC.call)!;
    const own = new FakeWebContents(1, TRUSTED);
    expect(await call({ sender: own, senderFrame: { url: TRUSTED } }, 'containers.list', {})).toEqual({
      ok: true,
      value: [],
    });
    const evil = new FakeWebContents(2, 'https://evil.example/');
    expect(
      await call({ sender: evil, senderFrame: { url: 'https://evil.example/' } }, 'containers.list', {}),
    ).toMatchObject({ ok: false, error: { code: 'permission' } });
  });

  it('disposes a window’s subscriptions on reload and when it is destroyed', async () => {
    const { ipc, router } = setup();
    const sub = ipc.handlers.get(IPC.sub)!;
    const wc = new FakeWebContents(3, TRUSTED);
    const ev = { sender: wc, senderFrame: { url: TRUSTED } };
    expect(await sub(ev, 1, 'events', {})).toEqual({ ok: true, value: null });
    expect(await sub(ev, 2, 'events', {})).toEqual({ ok: true, value: null });
    expect(router.subscriptionCount).toBe(2);
    wc.emit('did-start-navigation', {}, TRUSTED, false, true);
    expect(router.subscriptionCount).toBe(0);
    await sub(ev, 3, 'events', {});
    expect(router.subscriptionCount).toBe(1);
    wc.emit('destroyed');
    expect(router.subscriptionCount).toBe(0);
  });

  it('unsubscribes on request and rejects non-numeric ids', async () => {
    const { ipc, router } = setup();
    const wc = new FakeWebContents(4, TRUSTED);
    const ev = { sender: wc, senderFrame: { url: TRUSTED } };
    await ipc.handlers.get(IPC.sub)!(ev, 9, 'events', {});
    expect(router.subscriptionCount).toBe(1);
    ipc.listeners.get(IPC.unsub)!(ev, 9);
    expect(router.subscriptionCount).toBe(0);
    expect(await ipc.handlers.get(IPC.sub)!(ev, 'x', 'events', {})).toMatchObject({
      ok: false,
      error: { field: 'id' },
    });
  });
});
