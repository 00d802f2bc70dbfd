// Every bad input through the real engine's create: refused with the field named, and nothing new exists
// afterwards (containers, networks, volumes, pods).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine-api.js';
import { BAD_INPUTS, VALID_BASE } from '../model/bad-inputs.js';
import { openBadInputEnv, type BadInputEnv } from './harness/bad-input-env.js';
import { openTestEngine } from './harness/engine.js';
import { listEngineObjects, TEST_LABELS, type EngineObjects } from './harness/fixtures.js';

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

describe('bad inputs through the real engine', () => {
  it.each(BAD_INPUTS.map((r) => [r.name, r] as const))('%s', async (_n, row) => {
    if (!(await env.applies(row))) return;
    const spec = { ...VALID_BASE, labels: TEST_LABELS, ...env.materialise(row) };
    await expect(engine.containers.create(spec as never)).rejects.toMatchObject({
      code: 'invalid_input',
      field: row.field,
    });
  });

  it('left nothing behind', async () => {
    expect(await listEngineObjects()).toEqual(before);
  });
});
