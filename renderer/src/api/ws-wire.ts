// The headless host's WebSocket as a wire: JSON frames, and a new socket after a drop (backing off to 2 s).
import type { ClientMessage, ServerMessage } from '../../../electron/contract/index.js';
import type { Wire } from './wire.js';

/** The token comes in the page URL once; it is kept for reloads of this tab only. */
export function headlessUrl(loc: Location, storage: Storage): string {
  const params = new URLSearchParams(loc.search);
  const token = params.get('token') ?? storage.getItem('burrow.token') ?? '';
  if (params.get('token')) storage.setItem('burrow.token', token);
  const proto = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${proto}//${loc.host}/ws?token=${encodeURIComponent(token)}`;
}

export function webSocketWire(url: string): Wire {
  let ws: WebSocket | undefined;
  let retry = 0;
  return {
    kind: 'websocket',
    send(m: ClientMessage) {
      if (ws?.readyState === WebSocket.OPEN) ws.send(JSON.stringify(m));
    },
    start(events) {
      const connect = () => {
        const sock = new WebSocket(url);
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
          events.down();
          setTimeout(connect, Math.min(2000, 100 * 2 ** retry++));
        };
      };
      connect();
    },
  };
}
