// Every bad input through the real engine's create: refused with the field named, and nothing new exists
// afterwards (containers, networks, volumes, pods).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine-api.js';
import { BAD_INPUTS, VALID_BASE } from '../model/bad-inputs.js';
import { openTestEngine } from './harness/engine.js';
import {
  FIXTURE_IMAGE,
  listEngineObjects,
  TEST_LABELS,
  uniqueName,
  type EngineObjects,
} from './harness/fixtures.js';

let engine: Engine;
let dir: string;
let server: Server;
let busyPort = 0;
let existing = '';
let before: EngineObjects;

beforeAll(async () => {
  engine = await openTestEngine({ tag: 'validation' });
  dir = await mkdtemp(join(tmpdir(), 'burrow-bad-'));
  await writeFile(join(dir, 'bad.json'), 'this is not json');
  await writeFile(join(dir, 'nodefault.json'), '{"syscalls": []}');
  server = createServer();
  await new Promise<void>((r) => server.listen(0, '0.0.0.0', () => r()));
  const addr = server.address();
  busyPort = typeof addr === 'object' && addr ? addr.port : 0;
  existing = uniqueName('existing');
  await engine.containers.create({
    image: FIXTURE_IMAGE,
    name: existing,
    command: ['true'],
    labels: TEST_LABELS,
  });
  before = await listEngineObjects();
});

afterAll(async () => {
  await engine?.containers.remove(existing, { force: true }).catch(() => undefined);
  server?.close();
  await rm(dir, { recursive: true, force: true });
  await engine?.close();
});

function materialise(spec: Record<string, unknown>): Record<string, unknown> {
  const text = JSON.stringify(spec)
    .replace('__EXISTING__', existing)
    .replace('"hostPort":-1', `"hostPort":${busyPort}`)
    .replace('__BAD_SECCOMP__', join(dir, 'bad.json'))
    .replace('__NO_DEFAULT_SECCOMP__', join(dir, 'nodefault.json'));
  return JSON.parse(text) as Record<string, unknown>;
}

describe('bad inputs through the real engine', () => {
  it.each(BAD_INPUTS.map((r) => [r.name, r] as const))('%s', async (_n, row) => {
    const spec = { ...VALID_BASE, labels: TEST_LABELS, ...materialise(row.spec) };
    // The privileged-port row only applies where the sysctl keeps low ports privileged.
    const facts = await engine.system.hostFacts();
    if (row.needs === 'privileged-port' && (facts.unprivilegedPortStart ?? 1024) <= 80) return;
    await expect(engine.containers.create(spec as never)).rejects.toMatchObject({
      code: 'invalid_input',
      field: row.field,
    });
  });

  it('left nothing behind', async () => {
    expect(await listEngineObjects()).toEqual(before);
  });
});
