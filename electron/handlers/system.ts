import type { Engine } from '../../core/engine-api.js';
import { BurrowError } from '../../core/errors.js';
import { sleep } from '../../core/sleep.js';
import { prunePlan } from '../../core/insight/prune-plan.js';
import type * as contract from '../contract/system.js';
import type { EngineStatus } from '../contract/system.js';
import type { DomainHandlers } from './types.js';

export function systemHandlers(
  e: Engine,
  opts: { statusIntervalMs?: number } = {},
): DomainHandlers<typeof contract> {
  return {
    calls: {
      'system.ping': () => e.system.ping(),
      'system.version': () => e.system.version(),
      'system.info': () => e.system.info(),
      'system.hostFacts': () => e.system.hostFacts(),
      'system.diskUsage': () => e.system.diskUsage(),
      'system.connection': async () => e.connection(),
      'system.prunePlan': (a) =>
        prunePlan(e, { scope: 'system', all: a?.all ?? false, volumes: a?.volumes ?? false }),
      'system.prune': (a) => e.system.prune({ all: a?.all ?? false, volumes: a?.volumes ?? false }),
    },
    topics: {
      events: (_a, signal) => e.events.stream({ signal }),
      engineStatus: (_a, signal) => statusStream(e, opts.statusIntervalMs ?? 1000, signal),
    },
    messages: {},
  };
}

/** Ping every `interval`; yield when reachability changes (and once at the start). */
async function* statusStream(e: Engine, interval: number, signal: AbortSignal): AsyncGenerator<EngineStatus> {
  let last: boolean | undefined;
  while (!signal.aborted) {
    let reachable = false;
    let message: string | undefined;
    try {
      reachable = await e.system.ping();
    } catch (err) {
      message = err instanceof BurrowError ? err.message : String(err);
    }
    if (reachable !== last) {
      last = reachable;
      yield {
        reachable,
        ...(reachable ? { connection: e.connection() } : {}),
        ...(message ? { message } : {}),
      };
    }
    await sleep(interval, signal);
  }
}
