// The WebSocket wire against a scripted socket: JSON frames both ways, up/down as the socket opens and closes,
// a new socket after a drop, and frames that are not JSON ignored.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServerMessage } from '../../../electron/contract/index.js';
import { webSocketWire } from './ws-wire.js';

class FakeSocket {
  static OPEN = 1;
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: string[] = [];
  onopen?: () => void;
  onclose?: () => void;
  onmessage?: (ev: { data: string }) => void;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(s: string) {
    this.sent.push(s);
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

describe('WebSocket wire', () => {
  beforeEach(() => {
    FakeSocket.all = [];
    vi.stubGlobal('WebSocket', FakeSocket);
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('frames messages as JSON, reports up and down, and opens a new socket after a drop', () => {
    const w = webSocketWire('ws://x/ws?token=t');
    const events: string[] = [];
    const got: ServerMessage[] = [];
    w.start({ up: () => events.push('up'), down: () => events.push('down'), message: (m) => got.push(m) });
    const first = FakeSocket.all[0]!;
    expect(first.url).toBe('ws://x/ws?token=t');
    w.send({ t: 'unsub', id: 1 });
    expect(first.sent).toEqual([]); // not open yet: the client only sends while up
    first.open();
    w.send({ t: 'send', message: 'terminals.ack', args: { term: 't1', bytes: 3 } });
    expect(first.sent).toEqual(['{"t":"send","message":"terminals.ack","args":{"term":"t1","bytes":3}}']);
    first.onmessage?.({ data: 'not json' });
    first.onmessage?.({ data: '{"t":"result","id":1,"result":{"ok":true,"value":null}}' });
    expect(got).toEqual([{ t: 'result', id: 1, result: { ok: true, value: null } }]);
    first.drop();
    expect(events).toEqual(['up', 'down']);
    vi.advanceTimersByTime(200);
    FakeSocket.all[1]!.open();
    expect(events).toEqual(['up', 'down', 'up']);
  });
});
