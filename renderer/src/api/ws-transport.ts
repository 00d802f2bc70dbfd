// The headless transport: one WebSocket to the host, calls and subscriptions multiplexed by id, reconnecting
// by itself (subscriptions are re-established, and the store reconciles on reconnect).
import type { BurrowErrorData } from '../../../core/errors.js';
import type { Result, ServerMessage } from '../../../electron/contract.js';
import type { TerminalApi, TerminalEvent, TerminalInfo, Transport } from './types.js';

interface Pending {
  resolve(r: Result<unknown>): void;
}

interface Sub {
  topic: string;
  args: unknown;
  onData(d: unknown): void;
  onEnd?(e?: BurrowErrorData): void;
}

export function createWsTransport(url: string): Transport {
  let ws: WebSocket | undefined;
  let up = false;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const subs = new Map<number, Sub>();
  const termPending = new Map<number, (m: Record<string, unknown>) => void>();
  const termListeners = new Set<(ev: TerminalEvent) => void>();
  const connListeners = new Set<(up: boolean) => void>();
  const queue: string[] = [];
  let retry = 0;

  const send = (m: object) => {
    const s = JSON.stringify(m);
    if (ws && ws.readyState === WebSocket.OPEN) ws.send(s);
    else queue.push(s);
  };

  const setUp = (v: boolean) => {
    if (up === v) return;
    up = v;
    for (const l of connListeners) l(v);
  };

  function connect(): void {
    const sock = new WebSocket(url);
    ws = sock;
    sock.onopen = () => {
      retry = 0;
      setUp(true);
      for (const [id, s] of subs) sock.send(JSON.stringify({ t: 'sub', id, topic: s.topic, args: s.args }));
      while (queue.length) sock.send(queue.shift() as string);
    };
    sock.onmessage = (ev) => {
      const m = JSON.parse(String(ev.data)) as ServerMessage | Record<string, unknown>;
      const t = (m as { t: string }).t;
      if (t === 'result') {
        const r = m as Extract<ServerMessage, { t: 'result' }>;
        pending.get(r.id)?.resolve(r.result);
        pending.delete(r.id);
      } else if (t === 'data') {
        const d = m as Extract<ServerMessage, { t: 'data' }>;
        subs.get(d.id)?.onData(d.data);
      } else if (t === 'end') {
        const d = m as Extract<ServerMessage, { t: 'end' }>;
        subs.get(d.id)?.onEnd?.(d.error);
        subs.delete(d.id);
      } else if (t === 'term.data' || t === 'term.exit') {
        const e = m as Record<string, unknown>;
        const ev: TerminalEvent = { t: t === 'term.data' ? 'data' : 'exit', term: String(e.term) };
        if (typeof e.data === 'string') ev.data = e.data;
        if (typeof e.code === 'number') ev.code = e.code;
        for (const l of termListeners) l(ev);
      } else if (t === 'term.opened' || t === 'term.error' || t === 'term.list') {
        const e = m as Record<string, unknown>;
        termPending.get(Number(e.id))?.(e);
        termPending.delete(Number(e.id));
      }
    };
    sock.onclose = () => {
      setUp(false);
      for (const [, p] of pending)
        p.resolve({
          ok: false,
          error: {
            code: 'engine_unreachable',
            message: 'Lost the connection to Burrow',
            hint: 'Reconnecting…',
          },
        });
      pending.clear();
      const delay = Math.min(2000, 100 * 2 ** retry++);
      setTimeout(connect, delay);
    };
  }
  connect();

  const termRequest = (m: Record<string, unknown>) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = nextId++;
      termPending.set(id, (reply) => {
        if (reply.t === 'term.error')
          reject(
            new Error(String((reply.error as BurrowErrorData | undefined)?.message ?? 'terminal error')),
          );
        else resolve(reply);
      });
      send({ ...m, id });
    });

  const terminals: TerminalApi = {
    async open(spec) {
      const r = await termRequest({ t: 'term.open', spec });
      return { info: r.info as TerminalInfo, scrollback: String(r.scrollback ?? '') };
    },
    async attach(term) {
      const r = await termRequest({ t: 'term.attach', term });
      return { info: r.info as TerminalInfo, scrollback: String(r.scrollback ?? '') };
    },
    async list() {
      const r = await termRequest({ t: 'term.list' });
      return (r.terminals as TerminalInfo[]) ?? [];
    },
    input: (term, data) => send({ t: 'term.input', term, data }),
    resize: (term, cols, rows) => send({ t: 'term.resize', term, cols, rows }),
    ack: (term, bytes) => send({ t: 'term.ack', term, bytes }),
    close: (term) => send({ t: 'term.close', term }),
    onEvent(fn) {
      termListeners.add(fn);
      return () => termListeners.delete(fn);
    },
  };

  return {
    kind: 'websocket',
    call(channel, args) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, { resolve: resolve as (r: Result<unknown>) => void });
        send({ t: 'call', id, channel, args });
      });
    },
    subscribe(topic, args, onData, onEnd) {
      const id = nextId++;
      subs.set(id, { topic, args, onData: onData as (d: unknown) => void, ...(onEnd ? { onEnd } : {}) });
      // Not queued while closed: `onopen` (re)subscribes everything in `subs`, and a second `sub` for the same
      // id would be refused by the host and end the subscription.
      if (ws?.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ t: 'sub', id, topic, args }));
      return () => {
        if (subs.delete(id) && ws?.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ t: 'unsub', id }));
      };
    },
    terminals,
    onConnection(fn) {
      connListeners.add(fn);
      fn(up);
      return () => connListeners.delete(fn);
    },
  };
}
