// The wire: the same messages over Electron IPC (structured clone, one channel each way) and over the headless
// host's WebSocket (JSON). Calls and subscriptions carry a client-chosen id; fire-and-forget messages carry none.
import type { BurrowErrorData } from '../../core/errors.js';
import type { Result } from './define.js';

export type ClientMessage =
  | { t: 'call'; id: number; channel: string; args?: unknown }
  | { t: 'sub'; id: number; topic: string; args?: unknown }
  | { t: 'unsub'; id: number }
  | { t: 'send'; message: string; args?: unknown };

export type ServerMessage =
  | { t: 'result'; id: number; result: Result<unknown> }
  | { t: 'data'; id: number; data: unknown }
  | { t: 'end'; id: number; error?: BurrowErrorData };
