// Pick the transport at start: Electron's preload (window.burrow) or the headless host's WebSocket.
import type { BurrowErrorData } from '../../../core/errors.js';
import type { TerminalApi, TerminalEvent, Transport } from './types.js';
import { createWsTransport } from './ws-transport.js';

interface PreloadApi {
  transport: 'ipc';
  call(channel: string, args: unknown): Promise<unknown>;
  subscribe(
    topic: string,
    args: unknown,
    onData: (d: unknown) => void,
    onEnd?: (e?: BurrowErrorData) => void,
  ): () => void;
  terminal(op: string, payload: unknown): Promise<{ ok: boolean; value?: unknown; error?: BurrowErrorData }>;
  onTerminalEvent(fn: (ev: unknown) => void): () => void;
}

declare global {
  interface Window {
    burrow?: PreloadApi;
  }
}

function ipcTransport(p: PreloadApi): Transport {
  const op = async (name: string, payload: unknown) => {
    const r = await p.terminal(name, payload);
    if (!r.ok) throw new Error(r.error?.message ?? 'terminal error');
    return r.value;
  };
  const terminals: TerminalApi = {
    open: (spec) => op('open', { spec }) as ReturnType<TerminalApi['open']>,
    attach: (term) => op('attach', { term }) as ReturnType<TerminalApi['attach']>,
    list: () => op('list', {}) as ReturnType<TerminalApi['list']>,
    input: (term, data) => void op('input', { term, data }),
    resize: (term, cols, rows) => void op('resize', { term, cols, rows }),
    ack: (term, bytes) => void op('ack', { term, bytes }),
    close: (term) => void op('close', { term }),
    onEvent: (fn) => p.onTerminalEvent((ev) => fn(ev as TerminalEvent)),
  };
  return {
    kind: 'ipc',
    call: (channel, args) => p.call(channel, args) as never,
    subscribe: (topic, args, onData, onEnd) =>
      p.subscribe(topic, args, onData as (d: unknown) => void, onEnd),
    terminals,
    onConnection(fn) {
      fn(true);
      return () => undefined;
    },
  };
}

/** The token comes in the page URL once; it is kept for reloads of this tab only. */
export function headlessUrl(loc: Location, storage: Storage): string {
  const params = new URLSearchParams(loc.search);
  const token = params.get('token') ?? storage.getItem('burrow.token') ?? '';
  if (params.get('token')) storage.setItem('burrow.token', token);
  const proto = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${proto}//${loc.host}/ws?token=${encodeURIComponent(token)}`;
}

export function createTransport(): Transport {
  if (window.burrow) return ipcTransport(window.burrow);
  return createWsTransport(headlessUrl(window.location, window.sessionStorage));
}
