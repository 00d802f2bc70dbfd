// Data fetching for views: every read of the engine is a query keyed by [channel, args] (TanStack Query), so a
// view that changes its container shows only that container's answer, two views asking the same thing share
// one call (host facts, for instance), and errors arrive as ApiError with core's code and hint. Engine events
// invalidate the queries they make stale (store/store.ts), so views re-read without polling.
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { ArgsOf, Channel, ResultOf } from '../../../electron/contract/index.js';
import { ApiError, invoke } from '../api/types.js';
import { useStore } from '../store/store.js';
import { invalidate } from './query-client.js';

export function channelKey<C extends Channel>(channel: C, args: ArgsOf<C>): readonly [C, unknown] {
  return [channel, args ?? {}] as const;
}

export interface ChannelQueryOptions {
  enabled?: boolean;
  /** Facts that only change with the connection (host facts) never go stale by time. */
  staleTime?: number;
  refetchInterval?: number | false;
}

/** Read a channel while the calling view is mounted. */
export function useChannel<C extends Channel>(
  channel: C,
  args: ArgsOf<C>,
  opts: ChannelQueryOptions = {},
): UseQueryResult<ResultOf<C>, ApiError> {
  const api = useStore((s) => s.api);
  return useQuery<ResultOf<C>, ApiError>({
    queryKey: channelKey(channel, args),
    queryFn: () => {
      if (!api) throw new ApiError({ code: 'engine_unreachable', message: 'Not connected to Burrow' });
      return invoke(api, channel, args);
    },
    enabled: api !== undefined && (opts.enabled ?? true),
    ...(opts.staleTime !== undefined ? { staleTime: opts.staleTime } : {}),
    ...(opts.refetchInterval !== undefined ? { refetchInterval: opts.refetchInterval } : {}),
  });
}

/** Host facts change only with the connection (a resync invalidates everything). */
export function useHostFacts() {
  return useChannel('system.hostFacts', {}, { staleTime: Infinity }).data;
}

/** The same as `runAction`, for the common case of one channel call. */
export function runChannel<C extends Channel>(
  channel: C,
  args: ArgsOf<C>,
  opts: {
    done?: string | ((value: ResultOf<C>) => string);
    invalidates?: string[];
    then?(value: ResultOf<C>): void;
  } = {},
): Promise<boolean> {
  return runAction(() => {
    const api = useStore.getState().api;
    if (!api) throw new ApiError({ code: 'engine_unreachable', message: 'Not connected to Burrow' });
    return invoke(api, channel, args);
  }, opts);
}

/**
 * Run a user action: toast its outcome (core's message and hint on failure), then mark the named channels
 * stale. Resolves true when it worked (`then` has seen its value), false when it failed (already reported).
 */
export async function runAction<T>(
  fn: () => Promise<T>,
  opts: { done?: string | ((value: T) => string); invalidates?: string[]; then?(value: T): void } = {},
): Promise<boolean> {
  let value: T;
  try {
    value = await fn();
  } catch (e) {
    useStore.getState().error(e);
    return false;
  }
  const done = typeof opts.done === 'function' ? opts.done(value) : opts.done;
  if (done) useStore.getState().toast('success', done);
  if (opts.invalidates?.length) invalidate(...opts.invalidates);
  opts.then?.(value);
  return true;
}
