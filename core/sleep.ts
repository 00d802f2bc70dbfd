// The one way Burrow waits: polls, retry backoffs and status ticks. `node:timers/promises` removes its abort
// listener when the timer fires, so a loop that sleeps on a long-lived signal leaves nothing behind (a
// hand-written `addEventListener('abort', …)` per tick leaked one closure per tick).
import { setTimeout as delay } from 'node:timers/promises';

/** Wait `ms`; resolves true when the time passed, false at once when `signal` aborts. Never rejects on abort. */
export async function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return false;
  try {
    await delay(ms, undefined, signal ? { signal } : undefined);
    return true;
  } catch (e) {
    if (signal?.aborted) return false;
    throw e;
  }
}
