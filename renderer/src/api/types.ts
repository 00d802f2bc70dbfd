// What the views use: the contract's API object (call, subscribe, send) with the transport's link state, and
// `invoke`, which unwraps a result or throws an ApiError carrying core's code, hint and field.
import type {
  ArgsOf,
  BurrowApi,
  BurrowErrorData,
  Channel,
  Result,
  ResultOf,
} from '../../../electron/contract/index.js';

export type { BurrowApi, Result };
export type {
  TerminalInfo,
  TerminalOutput,
  TerminalSnapshot,
  TerminalSpec,
} from '../../../electron/contract/index.js';

export interface Transport extends BurrowApi {
  kind: 'ipc' | 'websocket';
  /** Connection state of the link itself (the WebSocket); IPC is always up. */
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
