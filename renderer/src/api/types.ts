import type { OpenTerminal as TerminalSpec, TerminalInfo } from '../../../electron/terminals/manager.js';
import type { BurrowErrorData } from '../../../core/errors.js';
import type { ArgsOf, BurrowApi, Channel, Result, ResultOf } from '../../../electron/contract.js';

export type { BurrowApi, Result };

export interface TerminalEvent {
  t: 'data' | 'exit';
  term: string;
  data?: string;
  code?: number;
}

/** The main process's terminal types (type-only: nothing of node-pty reaches the renderer). */
export type { TerminalInfo, OpenTerminal as TerminalSpec } from '../../../electron/terminals/manager.js';

/** Terminal operations: the same verbs over IPC (preload) and over the headless WebSocket. */
export interface TerminalApi {
  open(spec: TerminalSpec): Promise<{ info: TerminalInfo; scrollback: string }>;
  attach(term: string): Promise<{ info: TerminalInfo; scrollback: string }>;
  list(): Promise<TerminalInfo[]>;
  input(term: string, data: string): void;
  resize(term: string, cols: number, rows: number): void;
  ack(term: string, bytes: number): void;
  close(term: string): void;
  onEvent(fn: (ev: TerminalEvent) => void): () => void;
}

export interface Transport extends BurrowApi {
  kind: 'ipc' | 'websocket';
  terminals: TerminalApi;
  /** Connection state of the transport itself (the WebSocket); IPC is always up. */
  onConnection(fn: (up: boolean) => void): () => void;
}

export class ApiError extends Error {
  constructor(readonly data: BurrowErrorData) {
    super(data.message);
  }
}

/** Core's error data from whatever a call threw (ApiError keeps code, hint and field). */
export function errorData(e: unknown): BurrowErrorData {
  if (e instanceof ApiError) return e.data;
  return { code: 'internal', message: e instanceof Error ? e.message : String(e) };
}

/** Call and unwrap: throws ApiError with core's code, hint and field. */
export async function invoke<C extends Channel>(
  api: BurrowApi,
  channel: C,
  args: ArgsOf<C>,
): Promise<ResultOf<C>> {
  const r = await api.call(channel, args);
  if (!r.ok) throw new ApiError(r.error);
  return r.value;
}
