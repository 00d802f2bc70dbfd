// A new container's stop timeout (the Settings' default for new containers reaches the create spec as
// `stopTimeout`) is the one Podman keeps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine-api.js';
import { openTestEngine } from './harness/engine.js';
import { FIXTURE_IMAGE, TEST_LABELS, uniqueName } from './harness/fixtures.js';

let engine: Engine;
const made: string[] = [];

beforeAll(async () => {
  engine = await openTestEngine({ tag: 'create-defaults' });
});

afterAll(async () => {
  for (const id of made) await engine.containers.remove(id, { force: true }).catch(() => undefined);
  await engine?.close();
});

describe('stop timeout of a new container', () => {
  it('is stored by Podman as given', async () => {
    const { id } = await engine.containers.create({
      image: FIXTURE_IMAGE,
      name: uniqueName('stopto'),
      command: ['sleep', '600'],
      labels: TEST_LABELS,
      stopTimeout: 2,
    });
    made.push(id);
    const raw = (await engine.containers.inspect(id)).raw as { Config?: { StopTimeout?: number } };
    expect(raw.Config?.StopTimeout).toBe(2);
  });

  it('out of range is refused with its field and hint, and nothing is created', async () => {
    const name = uniqueName('stopto-bad');
    await expect(
      engine.containers.create({ image: FIXTURE_IMAGE, name, labels: TEST_LABELS, stopTimeout: -1 }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'stopTimeout',
      hint: expect.stringMatching(/0 to 3600/),
    });
    expect(await engine.containers.list({ all: true, filters: { name: [name] } })).toEqual([]);
  });
});
