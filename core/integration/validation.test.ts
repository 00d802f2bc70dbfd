// Every bad input through the real engine's create: refused with the field named, and nothing new exists
// afterwards (containers, networks, volumes, pods).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine-api.js';
import { BurrowError } from '../errors.js';
import { BAD_INPUTS, VALID_BASE } from '../model/bad-inputs.js';
import { openBadInputEnv, type BadInputEnv } from './harness/bad-input-env.js';
import { openTestEngine } from './harness/engine.js';
import { listEngineObjects, TEST_LABELS, type EngineObjects } from './harness/fixtures.js';
import { onGuest } from './harness/target.js';

let engine: Engine;
let env: BadInputEnv;
let before: EngineObjects;

beforeAll(async () => {
  engine = await openTestEngine({ tag: 'validation' });
  env = await openBadInputEnv(engine);
  before = await listEngineObjects();
});

afterAll(async () => {
  await env?.close();
  await engine?.close();
});

/** The error a create is refused with (a create that succeeds fails the test). */
async function refusal(spec: Record<string, unknown>): Promise<BurrowError> {
  const res = await engine.containers.create(spec as never).then(
    (r) => new Error(`created ${r.id}`),
    (e: unknown) => e,
  );
  if (!(res instanceof BurrowError)) throw res;
  return res;
}

describe('bad inputs through the real engine', () => {
  it.each(BAD_INPUTS.map((r) => [r.name, r] as const))('%s', async (_n, row) => {
    if (!(await env.applies(row))) return;
    const spec = { ...VALID_BASE, labels: TEST_LABELS, ...env.materialise(row) };
    await expect(engine.containers.create(spec as never)).rejects.toMatchObject({
      code: 'invalid_input',
      field: row.field,
    });
  });

  it('several bad fields come back together, each at its field with a hint', async () => {
    const spec = env.materialise({
      name: 'several',
      field: '',
      spec: {
        name: '__EXISTING__',
        ports: [{ containerPort: 80, hostPort: -1, protocol: 'tcp' }],
        mounts: [{ type: 'bind', source: '/nonexistent/burrow/dir', target: '/data' }],
        network: { kind: 'bridge', networks: ['bt-no-such-network'] },
      },
    });
    const err = await refusal({ ...VALID_BASE, labels: TEST_LABELS, ...spec });
    // A remote engine's ports and paths are its own, so only the engine's facts are checked there.
    expect(err.issues?.map((i) => i.field)).toEqual(
      onGuest ? ['name', 'network'] : ['name', 'ports[0].hostPort', 'mounts[0].source', 'network'],
    );
    for (const i of err.issues ?? []) expect(i.hint, i.field).toBeTruthy();
    const structural = await refusal({ ...VALID_BASE, name: 'a/b', limits: { memory: '1m' }, dns: ['x'] });
    expect(structural.issues?.map((i) => i.field)).toEqual(['name', 'limits.memory', 'dns[0]']);
  });

  it('left nothing behind', async () => {
    expect(await listEngineObjects()).toEqual(before);
  });
});
