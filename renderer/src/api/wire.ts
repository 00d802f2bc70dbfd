// The wire under the renderer's one client: how the contract's messages move, and nothing else. Electron's
// preload (window.burrow) and the headless host's WebSocket are the two; the client does the protocol.
import type { ClientMessage, ServerMessage } from '../../../electron/contract/index.js';

export interface WireEvents {
  message(m: ServerMessage): void;
  /** The link is (again) up: the client re-subscribes and sends what waited. */
  up(): void;
  /** The link went down: whatever was in flight is lost. */
  down(): void;
}

export interface Wire {
  readonly kind: 'ipc' | 'websocket';
  /** Only called while the link is up. */
  send(m: ClientMessage): void;
  start(events: WireEvents): void;
}

/** What the sandboxed preload exposes (electron/preload.ts). */
export interface PreloadApi {
  transport: 'ipc';
  send(m: unknown): void;
  onMessage(fn: (m: unknown) => void): () => void;
}

declare global {
  interface Window {
    burrow?: PreloadApi;
  }
}

/** Electron IPC: up from the start, for the life of the page. */
export function preloadWire(p: PreloadApi): Wire {
  return {
    kind: 'ipc',
    send: (m) => p.send(m),
    start(events) {
      p.onMessage((m) => events.message(m as ServerMessage));
      events.up();
    },
  };
}
