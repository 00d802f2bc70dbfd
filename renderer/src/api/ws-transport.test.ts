// The WebSocket transport against a scripted socket: one `sub` per subscription whatever the timing, and every
// live subscription sent again after a reconnect.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWsTransport } from './ws-transport.js';

class FakeSocket {
  static OPEN = 1;
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: Record<string, unknown>[] = [];
  onopen?: () => void;
  onclose?: () => void;
  onmessage?: (ev: { data: string }) => void;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(s: string) {
    this.sent.push(JSON.parse(s) as Record<string, unknown>);
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  drop() {
    this.readyState = 3;
    this.onclose?.();
  }
}

describe('ws transport', () => {
  beforeEach(() => {
    FakeSocket.all = [];
    vi.stubGlobal('WebSocket', FakeSocket);
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('subscribes once when subscribing before the socket opens, and again after a reconnect', () => {
    const t = createWsTransport('ws://x/ws');
    const ups: boolean[] = [];
    t.onConnection((u) => ups.push(u));
    const off = t.subscribe('engineStatus', {}, () => undefined);
    t.subscribe('events', {}, () => undefined);
    const first = FakeSocket.all[0]!;
    first.open();
    expect(first.sent.filter((m) => m.t === 'sub').map((m) => m.topic)).toEqual(['engineStatus', 'events']);
    first.drop();
    vi.advanceTimersByTime(200);
    const second = FakeSocket.all[1]!;
    second.open();
    expect(second.sent.filter((m) => m.t === 'sub').map((m) => m.topic)).toEqual(['engineStatus', 'events']);
    expect(ups).toEqual([false, true, false, true]);
    off();
    expect(second.sent.at(-1)).toMatchObject({ t: 'unsub' });
    t.subscribe('logs', { id: 'c' }, () => undefined);
    expect(second.sent.at(-1)).toMatchObject({ t: 'sub', topic: 'logs' });
  });
});
