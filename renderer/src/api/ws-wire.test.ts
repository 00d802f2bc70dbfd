// The WebSocket wire against a scripted socket and a scripted fetch: JSON frames both ways, up/down as the socket
// opens and closes, a new socket after a drop, frames that are not JSON ignored; a terminal's subscription as its
// own streamed response (binary frames split anywhere, unsubscribe, a broken stream opened again, a refusal).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServerMessage } from '../../../electron/contract/index.js';
import { concatBytes, encodeMessage, encodeTerminalData } from '../../../core/model/wire-frames.js';
import { webSocketWire, type HeadlessEndpoints } from './ws-wire.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

const ENDPOINTS: HeadlessEndpoints = {
  socket: 'ws://x/ws?token=t',
  subscribe: 'http://x/api/subscribe',
  token: 't',
};

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
    const w = webSocketWire(ENDPOINTS);
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

  /** A scripted fetch: each call's response body is fed by the test. */
  function scriptedFetch(status = 200) {
    const calls: {
      url: string;
      init: RequestInit;
      push(b: Uint8Array): void;
      close(): void;
      fail(): void;
    }[] = [];
    const fn = vi.fn((url: string, init: RequestInit) => {
      let ctl!: ReadableStreamDefaultController<Uint8Array>;
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          ctl = c;
        },
      });
      init.signal?.addEventListener('abort', () => ctl.error(new DOMException('aborted', 'AbortError')));
      calls.push({
        url,
        init,
        push: (b) => ctl.enqueue(b),
        close: () => ctl.close(),
        fail: () => ctl.error(new TypeError('network error')),
      });
      return Promise.resolve(status === 200 ? new Response(body) : new Response('unauthorized', { status }));
    });
    vi.stubGlobal('fetch', fn);
    return calls;
  }

  function started() {
    const w = webSocketWire(ENDPOINTS);
    const got: ServerMessage[] = [];
    w.start({ up: () => undefined, down: () => undefined, message: (m) => got.push(m) });
    FakeSocket.all[0]!.open();
    return { w, got, socket: FakeSocket.all[0]! };
  }

  const flush = () => vi.advanceTimersByTimeAsync(0);

  it("streams a terminal's subscription on its own response, frames split anywhere, output as bytes; other topics stay on the socket", async () => {
    const calls = scriptedFetch();
    const { w, got, socket } = started();
    const sub = { t: 'sub', id: 5, topic: 'terminal', args: { term: 't1', after: 0 } } as const;
    w.send(sub);
    w.send({ t: 'sub', id: 6, topic: 'containers', args: {} });
    expect(socket.sent).toEqual(['{"t":"sub","id":6,"topic":"containers","args":{}}']);
    expect(calls).toHaveLength(1);
    const call = calls[0]!;
    expect(call.url).toBe('http://x/api/subscribe');
    expect(call.init.method).toBe('POST');
    expect((call.init.headers as Record<string, string>).authorization).toBe('Bearer t');
    expect(JSON.parse(String(call.init.body))).toEqual(sub);
    await flush();
    const both = concatBytes([encodeTerminalData(5, 1, utf8('héllo')), encodeTerminalData(5, 2, utf8('x'))]);
    // Split inside the first frame's head and again inside the é.
    call.push(both.subarray(0, 3));
    call.push(both.subarray(3, 15));
    call.push(both.subarray(15));
    await flush();
    // The output stays bytes (xterm.js takes them as they are).
    const asText = got.map((m) => {
      const d = (m as { data: { data: Uint8Array } }).data;
      expect(ArrayBuffer.isView(d.data)).toBe(true);
      return { ...m, data: { ...d, data: new TextDecoder().decode(d.data) } };
    });
    expect(asText).toEqual([
      { t: 'data', id: 5, data: { kind: 'data', seq: 1, data: 'héllo' } },
      { t: 'data', id: 5, data: { kind: 'data', seq: 2, data: 'x' } },
    ]);
    call.push(encodeMessage({ t: 'end', id: 5 }));
    call.close();
    await flush();
    expect(got.at(-1)).toEqual({ t: 'end', id: 5 });
    // Ended by the host: never opened again.
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls).toHaveLength(1);
  });

  it('unsubscribing aborts the stream and says nothing on the socket', async () => {
    const calls = scriptedFetch();
    const { w, got, socket } = started();
    w.send({ t: 'sub', id: 7, topic: 'terminal', args: { term: 't1' } });
    await flush();
    w.send({ t: 'unsub', id: 7 });
    expect(calls[0]!.init.signal?.aborted).toBe(true);
    expect(socket.sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls).toHaveLength(1);
    expect(got).toEqual([]);
  });

  it('a stream that breaks without its end is opened again while the socket is up; the socket dropping stops it', async () => {
    const calls = scriptedFetch();
    const { w, got, socket } = started();
    w.send({ t: 'sub', id: 8, topic: 'terminal', args: { term: 't1', after: 3 } });
    await flush();
    calls[0]!.push(encodeTerminalData(8, 4, utf8('a')));
    calls[0]!.fail();
    await flush();
    expect(got).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toHaveLength(2);
    expect(JSON.parse(String(calls[1]!.init.body))).toEqual({
      t: 'sub',
      id: 8,
      topic: 'terminal',
      args: { term: 't1', after: 3 },
    });
    // The link goes down: its streams end with it (the client subscribes again on the next link).
    socket.drop();
    expect(calls[1]!.init.signal?.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls).toHaveLength(2);
  });

  it('a stream the host refuses ends the subscription with the reason', async () => {
    scriptedFetch(401);
    const { w, got } = started();
    w.send({ t: 'sub', id: 9, topic: 'terminal', args: { term: 't1' } });
    await flush();
    await flush();
    expect(got).toEqual([
      {
        t: 'end',
        id: 9,
        error: {
          code: 'permission',
          message: 'Burrow refused the subscription (HTTP 401): unauthorized',
        },
      },
    ]);
  });
});
