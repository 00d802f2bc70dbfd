// One dispatcher for every transport: it turns the wire's messages (contract/wire.ts) into router calls,
// subscriptions and fire-and-forget sends for one peer — a window over Electron IPC, a WebSocket of the headless
// host — and everything that peer started ends when it goes away. Transports only move the messages (structured
// clone over IPC, JSON over the socket) and say when a peer has gone.
import type { BurrowErrorData } from '../core/errors.js';
import type { ServerMessage } from './contract/index.js';
import type { Router } from './router.js';

export interface Peer {
  /** One message from the peer, as it came off the wire (not trusted: anything may arrive). */
  receive(message: unknown): void;
  /** The peer has gone: its subscriptions end; later messages are ignored. */
  close(): void;
}

type Send = (m: ServerMessage) => void;

function fields(message: unknown): Record<string, unknown> | undefined {
  return message && typeof message === 'object' && !Array.isArray(message)
    ? (message as Record<string, unknown>)
    : undefined;
}

export function connectPeer(router: Router, owner: string, send: Send): Peer {
  let open = true;
  const reply: Send = (m) => {
    if (open) send(m);
  };
  return {
    receive(message) {
      const m = fields(message);
      if (!open || !m) return;
      const id = typeof m.id === 'number' && Number.isSafeInteger(m.id) ? m.id : undefined;
      switch (m.t) {
        case 'call':
          if (id === undefined) return;
          void router.call(m.channel, m.args, owner).then((result) => reply({ t: 'result', id, result }));
          return;
        case 'sub': {
          if (id === undefined) return;
          const r = router.subscribe(owner, id, m.topic, m.args, {
            data: (data) => reply({ t: 'data', id, data }),
            end: (error) => reply({ t: 'end', id, ...(error ? { error } : {}) }),
          });
          if (!r.ok) reply({ t: 'end', id, error: r.error });
          return;
        }
        case 'unsub':
          if (id !== undefined) router.unsubscribe(owner, id);
          return;
        case 'send':
          router.send(owner, m.message, m.args);
          return;
        default:
          // An unknown request with an id still gets an answer, so a client never waits for nothing.
          if (id !== undefined)
            reply({
              t: 'result',
              id,
              result: {
                ok: false,
                error: {
                  code: 'invalid_input',
                  field: 't',
                  message: `Unknown message type ${JSON.stringify(m.t)}`,
                },
              },
            });
      }
    },
    close() {
      open = false;
      router.disposeOwner(owner);
    },
  };
}

/** Answer a refused peer's requests with `error` (calls get a result, subscriptions end) and run nothing. */
export function refuse(message: unknown, send: Send, error: BurrowErrorData): void {
  const m = fields(message);
  if (!m || typeof m.id !== 'number') return;
  if (m.t === 'call') send({ t: 'result', id: m.id, result: { ok: false, error } });
  else if (m.t === 'sub') send({ t: 'end', id: m.id, error });
}
