import { describe, expect, it } from 'vitest';
import type { Engine } from '../core/engine-api.js';
import { channels, topics } from './contract.js';
import { Router } from './router.js';

// An engine whose every method throws: a refused request must never reach it.
const untouchable = new Proxy({} as Engine, {
  get() {
    return new Proxy(() => undefined, {
      get() {
        throw new Error('the engine was called');
      },
      apply() {
        throw new Error('the engine was called');
      },
    });
  },
});

const MALFORMED: unknown[] = [
  42,
  'text',
  [1, 2],
  { id: 7 },
  { name: { nested: true } },
  { __proto__: null, extra: () => 1 },
];

describe('contract', () => {
  const router = new Router(untouchable, { mode: 'headless', version: 'test' });

  it.each(Object.keys(channels))('%s rejects malformed arguments with invalid_input', async (channel) => {
    let rejected = 0;
    for (const bad of MALFORMED) {
      const r = await router.call(channel, bad);
      if (!r.ok) {
        expect(r.error.code).toBe('invalid_input');
        expect(r.error.field).toBeTruthy();
        rejected += 1;
      }
    }
    // Every channel refuses at least the non-object payloads.
    expect(rejected).toBeGreaterThanOrEqual(3);
    expect(router.callCount).toBe(0);
  });

  it('refuses unknown channels and topics without touching the engine', async () => {
    for (const ch of ['nope', 'containers.destroyEverything', '__proto__', 'constructor', 42, undefined]) {
      const r = await router.call(ch, {});
      expect(r).toMatchObject({ ok: false, error: { code: 'not_found', field: 'channel' } });
    }
    const sink = { data: () => undefined, end: () => undefined };
    expect(router.subscribe('o', 1, 'toString', {}, sink)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(router.subscribe('o', 2, 'logs', { id: 3 }, sink)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'id' },
    });
    expect(router.callCount).toBe(0);
    expect(router.subscriptionCount).toBe(0);
  });

  it('names the nested field at fault', async () => {
    const r = await router.call('containers.create', {
      image: 'x',
      ports: [{ containerPort: 'eighty', protocol: 'tcp' }],
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'ports[0].containerPort' } });
  });

  it('returns every problem with a create spec at once, each with its field and hint', async () => {
    const r = await router.call('containers.create', {
      image: 'Not A Ref',
      ports: [{ containerPort: 70000, protocol: 'tcp' }],
      limits: { memory: '12zb' },
      restartPolicy: 'sometimes',
    });
    expect(r.ok).toBe(false);
    const issues = r.ok ? [] : (r.error.issues ?? []);
    expect(issues.map((i) => i.field)).toEqual([
      'image',
      'ports[0].containerPort',
      'limits.memory',
      'restartPolicy',
    ]);
    for (const i of issues) expect(i.hint, i.field).toBeTruthy();
    expect(router.callCount).toBe(0);
  });

  it('declares every topic with a schema', () => {
    expect(Object.keys(topics).sort()).toEqual([
      'build',
      'engineStatus',
      'events',
      'logs',
      'oneShot',
      'pull',
      'stats',
    ]);
  });
});
