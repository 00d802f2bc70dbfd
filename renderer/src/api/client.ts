// The renderer's one client of the contract, over either wire: calls matched to results by id, subscriptions
// (re-established after the link comes back), and fire-and-forget messages. When the link drops, calls in
// flight fail with engine_unreachable error data (the same shape as any other error), and sends are dropped:
// nothing here ever rejects or waits forever.
import type { BurrowErrorData, ClientMessage, Result } from '../../../electron/contract/index.js';
import type { Transport } from './types.js';
import { preloadWire, type Wire } from './wire.js';
import { headlessEndpoints, webSocketWire } from './ws-wire.js';

export const LINK_LOST: BurrowErrorData = {
  code: 'engine_unreachable',
  message: 'Lost the connection to Burrow',
  hint: 'Reconnecting…',
};

interface Pending {
  resolve(r: Result<unknown>): void;
  /** Sent on the current link (else it waits for the link to come up). */
  sent: boolean;
  message: ClientMessage;
}

interface Sub {
  topic: string;
  args: unknown;
  onData(d: unknown): void;
  onEnd?(e?: BurrowErrorData): void;
}

export function createClient(wire: Wire): Transport {
  let up = false;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const subs = new Map<number, Sub>();
  const connListeners = new Set<(up: boolean) => void>();

  const setUp = (v: boolean) => {
    if (up === v) return;
    up = v;
    for (const l of connListeners) l(v);
  };

  wire.start({
    message(m) {
      if (m.t === 'result') {
        const p = pending.get(m.id);
        pending.delete(m.id);
        p?.resolve(m.result);
      } else if (m.t === 'data') {
        subs.get(m.id)?.onData(m.data);
      } else if (m.t === 'end') {
        const s = subs.get(m.id);
        subs.delete(m.id);
        s?.onEnd?.(m.error);
      }
    },
    up() {
      for (const [id, s] of subs) wire.send({ t: 'sub', id, topic: s.topic, args: s.args });
      for (const p of pending.values())
        if (!p.sent) {
          p.sent = true;
          wire.send(p.message);
        }
      setUp(true);
    },
    down() {
      for (const [id, p] of pending)
        if (p.sent) {
          pending.delete(id);
          p.resolve({ ok: false, error: LINK_LOST });
        }
      setUp(false);
    },
  });

  return {
    kind: wire.kind,
    call(channel, args) {
      const id = nextId++;
      const message: ClientMessage = { t: 'call', id, channel, args };
      return new Promise((resolve) => {
        pending.set(id, { resolve: resolve as Pending['resolve'], sent: up, message });
        if (up) wire.send(message);
      });
    },
    subscribe(topic, args, onData, onEnd) {
      const id = nextId++;
      subs.set(id, { topic, args, onData: onData as Sub['onData'], ...(onEnd ? { onEnd } : {}) });
      // While down, `up` subscribes everything in `subs`: one `sub` per id, never two.
      if (up) wire.send({ t: 'sub', id, topic, args });
      return () => {
        if (subs.delete(id) && up) wire.send({ t: 'unsub', id });
      };
    },
    send(message, args) {
      if (!up) return; // a keystroke or an ack for a link that is gone means nothing to the next one
      try {
        wire.send({ t: 'send', message, args });
      } catch {
        // fire-and-forget: a failing link is reported by `down`, not here
      }
    },
    onConnection(fn) {
      connListeners.add(fn);
      fn(up);
      return () => connListeners.delete(fn);
    },
  };
}

/** Pick the wire at start: Electron's preload (window.burrow) or the headless host's WebSocket. */
export function createTransport(): Transport {
  if (window.burrow) return createClient(preloadWire(window.burrow));
  return createClient(webSocketWire(headlessEndpoints(window.location, window.sessionStorage)));
}
