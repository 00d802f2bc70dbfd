// The headless host's WebSocket as a wire: JSON frames, and a new socket after a drop (backing off to 2 s).
// Subscriptions to the topics in `STREAMED` do not use the socket: each is its own streaming HTTP response
// (POST /api/subscribe with the `sub` message; its `data`/`end` messages come back as frames, a terminal's output
// as its bytes: core/model/wire-frames.ts), because
// Chromium delivers a WebSocket's frames to the page through a small pipe read between the page's tasks, and a
// busy terminal then waits on delivery; a response body does not (+45 % end to end, bench/README.md).
// Each stream holds one of the browser's six connections to the host, so only bulky topics go this way.
import type { ClientMessage, ServerMessage } from '../../../electron/contract/index.js';
import { FrameDecoder } from '../../../core/model/wire-frames.js';
import type { Wire } from './wire.js';

/** Topics whose subscriptions are streamed responses rather than socket frames: the terminals' output. */
export const STREAMED: ReadonlySet<string> = new Set(['terminal']);

export interface HeadlessEndpoints {
  socket: string;
  /** POST a `sub` message here to receive that subscription as a stream of JSON lines. */
  subscribe: string;
  token: string;
}

/** The token comes in the page URL once; it is kept for reloads of this tab only. */
export function headlessEndpoints(loc: Location, storage: Storage): HeadlessEndpoints {
  const params = new URLSearchParams(loc.search);
  const token = params.get('token') ?? storage.getItem('burrow.token') ?? '';
  if (params.get('token')) storage.setItem('burrow.token', token);
  const proto = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  return {
    socket: `${proto}//${loc.host}/ws?token=${encodeURIComponent(token)}`,
    subscribe: `${loc.protocol}//${loc.host}/api/subscribe`,
    token,
  };
}

export function webSocketWire(endpoints: HeadlessEndpoints): Wire {
  let ws: WebSocket | undefined;
  let retry = 0;
  /** Streamed subscriptions of the current link, by id: aborting one unsubscribes it. */
  const streams = new Map<number, AbortController>();
  let deliver: (m: ServerMessage) => void = () => undefined;

  /**
   * One streamed subscription, until its `end` line, an unsubscribe or the link going down. A stream that breaks
   * without its end while the socket is up is opened again (the topic replays what the page already has, as after
   * any reconnect); one the host refuses ends the subscription with the reason.
   */
  const stream = (m: Extract<ClientMessage, { t: 'sub' }>, attempt = 0) => {
    const ac = new AbortController();
    streams.set(m.id, ac);
    let ended = false;
    const take = (msg: ServerMessage) => {
      if (msg.t === 'end') ended = true;
      if (!ac.signal.aborted) deliver(msg);
    };
    void (async () => {
      const res = await fetch(endpoints.subscribe, {
        method: 'POST',
        headers: { authorization: `Bearer ${endpoints.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(m),
        cache: 'no-store',
        signal: ac.signal,
      });
      if (!res.ok || !res.body) {
        ended = true;
        deliver({
          t: 'end',
          id: m.id,
          error: {
            code: res.status === 401 ? 'permission' : 'internal',
            message: `Burrow refused the subscription (HTTP ${res.status}): ${(await res.text()).slice(0, 200)}`,
          },
        });
        return;
      }
      const reader = res.body.getReader();
      const frames = new FrameDecoder();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const f of frames.push(value)) {
          if (f.kind === 'message') take(f.message as ServerMessage);
          // A terminal's output stays bytes: xterm.js takes them as they are (TerminalOutput).
          else take({ t: 'data', id: f.id, data: { kind: 'data', seq: f.seq, data: f.bytes } });
        }
      }
    })()
      .catch(() => undefined)
      .finally(() => {
        if (streams.get(m.id) !== ac) return;
        streams.delete(m.id);
        if (ended || ac.signal.aborted || ws?.readyState !== WebSocket.OPEN) return;
        // Held in the map while it waits, so an unsubscribe (or the link going down) in the meantime cancels it.
        const waiting = new AbortController();
        streams.set(m.id, waiting);
        setTimeout(
          () => {
            if (streams.get(m.id) === waiting && !waiting.signal.aborted) stream(m, attempt + 1);
          },
          Math.min(2000, 100 * 2 ** attempt),
        );
      });
  };

  const stopStreams = () => {
    for (const ac of streams.values()) ac.abort();
    streams.clear();
  };

  return {
    kind: 'websocket',
    send(m: ClientMessage) {
      if (m.t === 'sub' && STREAMED.has(m.topic)) return stream(m);
      if (m.t === 'unsub' && streams.has(m.id)) {
        streams.get(m.id)?.abort();
        streams.delete(m.id);
        return;
      }
      if (ws?.readyState === WebSocket.OPEN) ws.send(JSON.stringify(m));
    },
    start(events) {
      deliver = (m) => events.message(m);
      const connect = () => {
        const sock = new WebSocket(endpoints.socket);
        ws = sock;
        sock.onopen = () => {
          retry = 0;
          events.up();
        };
        sock.onmessage = (ev) => {
          let m: ServerMessage;
          try {
            m = JSON.parse(String(ev.data)) as ServerMessage;
          } catch {
            return;
          }
          events.message(m);
        };
        sock.onclose = () => {
          // The streams belong to this link: the client subscribes again when the next one is up.
          stopStreams();
          events.down();
          setTimeout(connect, Math.min(2000, 100 * 2 ** retry++));
        };
      };
      connect();
    },
  };
}
