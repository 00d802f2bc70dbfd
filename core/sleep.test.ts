import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { sleep } from './sleep.js';

describe('sleep', () => {
  it('leaves no abort listener behind on a long-lived signal, however many times it waits', async () => {
    const ac = new AbortController();
    for (let i = 0; i < 25; i++) expect(await sleep(0, ac.signal)).toBe(true);
    expect(getEventListeners(ac.signal, 'abort')).toHaveLength(0);
  });

  it('ends early, without throwing, when the signal aborts', async () => {
    const ac = new AbortController();
    const waiting = sleep(60_000, ac.signal);
    ac.abort();
    expect(await waiting).toBe(false);
    expect(await sleep(10, ac.signal)).toBe(false);
    expect(await sleep(1)).toBe(true);
  });
});
