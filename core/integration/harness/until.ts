// Convergence without a time budget: a test waits until the engine (or the UI) has caught up, and only the test's
// own timeout ends the wait. How long convergence takes is a benchmark's figure, never a test's assertion.
import { setTimeout as sleep } from 'node:timers/promises';

/** Read until `ok` holds for what was read; returns that value. `pauseMs` spaces the reads, nothing more. */
export async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, pauseMs = 100): Promise<T> {
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    await sleep(pauseMs);
  }
}
