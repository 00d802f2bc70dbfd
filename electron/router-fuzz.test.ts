// 10,000 random payloads against the router: no crash, every answer a well-formed result, and no engine call
// for anything outside the contract (the engine here throws if it is touched at all).
import { describe, expect, it } from 'vitest';
import type { Engine } from '../core/engine-api.js';
import { channels, messages, topics } from './contract/index.js';
import type { Terminals } from './handlers/index.js';
import { Router } from './router.js';

// Every engine method throws on its first call, so each accepted request reaches the engine at most once.
let invoked = 0;
const trap: ProxyHandler<object> = {
  get(_t, prop) {
    if (prop === 'then') return undefined;
    return new Proxy(() => undefined, trap);
  },
  apply() {
    invoked += 1;
    throw new Error('engine touched');
  },
};
const engine = new Proxy({}, trap) as Engine;
// The terminals are a trap of the same kind: a message or terminal call the contract refused never reaches them.
const terminals = new Proxy({}, trap) as Terminals;

// A small deterministic PRNG so a failure can be replayed.
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomValue(r: () => number, depth = 0): unknown {
  const pick = Math.floor(r() * 12);
  switch (pick) {
    case 0:
      return null;
    case 1:
      return undefined;
    case 2:
      return Math.floor(r() * 2 ** 32) - 2 ** 31;
    case 3:
      return r() < 0.5 ? Number.NaN : Infinity;
    case 4:
      return r() < 0.5;
    case 5:
      return ['', 'x', '../../etc/passwd', '__proto__', 'constructor', '🙂', 'a'.repeat(5000), '{"$gt":1}'][
        Math.floor(r() * 8)
      ];
    case 6:
    case 7:
      return depth > 3 ? [] : Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
    default: {
      if (depth > 3) return {};
      const o: Record<string, unknown> = {};
      const keys = [
        'id',
        'name',
        'image',
        'all',
        'filters',
        'force',
        'command',
        'ports',
        'limits',
        'userns',
        'term',
        'data',
        'bytes',
        'cols',
        'kind',
        '__proto__',
        'constructor',
        'x',
      ];
      for (let i = 0; i < Math.floor(r() * 4); i++)
        o[keys[Math.floor(r() * keys.length)] as string] = randomValue(r, depth + 1);
      return o;
    }
  }
}

describe('router fuzz', () => {
  it('survives 10,000 random payloads without touching the engine outside the contract', async () => {
    const router = new Router(engine, { mode: 'headless', version: 'fuzz', terminals });
    const r = rng(20261124);
    const names = [
      ...Object.keys(channels),
      'nope',
      '',
      'containers',
      'containers.list.extra',
      '__proto__',
      'toString',
    ];
    const topicNames = [...Object.keys(topics), 'nope', 'hasOwnProperty'];
    const messageNames = [...Object.keys(messages), 'terminals', 'terminals.kill', 'valueOf'];
    let refused = 0;
    for (let i = 0; i < 10_000; i++) {
      if (i % 10 === 0) {
        const res = router.subscribe(
          'fuzz',
          i,
          topicNames[Math.floor(r() * topicNames.length)],
          randomValue(r),
          { data: () => undefined, end: () => undefined },
        );
        expect(typeof res.ok).toBe('boolean');
        router.unsubscribe('fuzz', i);
        continue;
      }
      if (i % 10 === 5) {
        // Fire-and-forget: answered to the router's caller only, and never with a throw.
        const name = r() < 0.05 ? randomValue(r) : messageNames[Math.floor(r() * messageNames.length)];
        const res = router.send('fuzz', name, randomValue(r));
        expect(typeof res.ok).toBe('boolean');
        if (!res.ok) refused += 1;
        continue;
      }
      const channel = r() < 0.05 ? randomValue(r) : names[Math.floor(r() * names.length)];
      const res = await router.call(channel, randomValue(r));
      expect(typeof res.ok).toBe('boolean');
      if (!res.ok) {
        expect(typeof res.error.code).toBe('string');
        expect(typeof res.error.message).toBe('string');
        refused += 1;
      }
    }
    // Only requests the contract accepted may reach the engine.
    await new Promise((res) => setTimeout(res, 50));
    expect(invoked).toBeLessThanOrEqual(router.callCount);
    expect(refused).toBeGreaterThan(8000);
    router.disposeAll();
    expect(router.subscriptionCount).toBe(0);
  });
});
