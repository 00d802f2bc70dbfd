// The router's own behaviour with stand-in engines: what it does between the contract and core.
import { describe, expect, it } from 'vitest';
import type { Engine } from '../core/engine-api.js';
import { sleep } from '../core/sleep.js';
import { Router } from './router.js';

describe('router', () => {
  it('keeps a long-running engineStatus subscription free of piling-up abort listeners', async () => {
    let pings = 0;
    const engine = {
      system: {
        ping: async () => {
          pings += 1;
          return pings % 2 === 0;
        },
      },
      connection: () => ({ kind: 'private_service', uri: 'unix:///x', apiVersion: '5', podmanVersion: '5' }),
    } as unknown as Engine;
    const router = new Router(engine, { mode: 'headless', version: 'test', statusIntervalMs: 1 });
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      const seen: unknown[] = [];
      const r = router.subscribe(
        'o',
        1,
        'engineStatus',
        {},
        { data: (d) => seen.push(d), end: () => undefined },
      );
      expect(r.ok).toBe(true);
      // Node warns once more than 10 listeners sit on one signal: 40 ticks would have left 40.
      while (pings < 40) await sleep(2);
      expect(seen.length).toBeGreaterThan(10);
      router.unsubscribe('o', 1);
      await new Promise((res) => setImmediate(res));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.map((w) => w.name)).not.toContain('MaxListenersExceededWarning');
    expect(router.subscriptionCount).toBe(0);
  });
});
