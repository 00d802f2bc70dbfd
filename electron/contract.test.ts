import { describe, expect, it } from 'vitest';
import type { Engine } from '../core/engine-api.js';
import { channels, domains, messages, topics } from './contract/index.js';
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
      'engineStatus',
      'events',
      'focus',
      'images.build',
      'images.load',
      'images.pull',
      'images.push',
      'images.save',
      'logs',
      'notifications',
      'oneShot',
      'settings',
      'stats',
      'terminal',
      'volumes.export',
      'volumes.import',
    ]);
  });

  it.each(Object.keys(messages))('%s refuses malformed arguments without running anything', (message) => {
    for (const bad of [...MALFORMED, undefined, {}])
      expect(router.send('o', message, bad)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', field: expect.any(String) },
      });
    expect(router.callCount).toBe(0);
  });

  it('refuses unknown messages, and terminal arguments out of range', async () => {
    for (const m of ['terminals.kill', 'toString', '__proto__', 3])
      expect(router.send('o', m, { term: 't1' })).toMatchObject({
        ok: false,
        error: { code: 'not_found', field: 'message' },
      });
    const refused: [string, unknown, string][] = [
      ['terminals.open', { kind: 'exec' }, 'container'],
      ['terminals.open', { kind: 'run', container: 'x' }, 'image'],
      ['terminals.open', { kind: 'exec', container: '-it' }, 'container'],
      ['terminals.open', { kind: 'shell', container: 'x' }, 'kind'],
      ['terminals.open', { kind: 'exec', container: 'x', cols: 0 }, 'cols'],
      ['terminals.open', { kind: 'exec', container: 'x', extra: 1 }, ''],
      ['terminals.attach', { term: '' }, 'term'],
      ['terminals.close', {}, 'term'],
    ];
    for (const [channel, args, field] of refused) {
      const r = await router.call(channel, args);
      expect({ channel, args, r }).toMatchObject({ r: { ok: false, error: { code: 'invalid_input' } } });
      if (field) expect(r.ok ? '' : r.error.field).toBe(field);
    }
    expect(router.send('o', 'terminals.resize', { term: 't1', cols: 2000, rows: 10 })).toMatchObject({
      ok: false,
      error: { field: 'cols' },
    });
    expect(router.callCount).toBe(0);
  });

  it('names every channel and message after its domain, once', () => {
    let nChannels = 0;
    let nTopics = 0;
    let nMessages = 0;
    for (const [domain, m] of Object.entries(domains)) {
      for (const name of [...Object.keys(m.channels), ...Object.keys(m.messages)])
        expect(name.split('.')[0]).toBe(domain);
      nChannels += Object.keys(m.channels).length;
      nTopics += Object.keys(m.topics).length;
      nMessages += Object.keys(m.messages).length;
    }
    // The assembled maps are spreads: a name declared in two domains would silently shadow the other.
    expect(Object.keys(channels)).toHaveLength(nChannels);
    expect(Object.keys(topics)).toHaveLength(nTopics);
    expect(Object.keys(messages)).toHaveLength(nMessages);
  });
});
