// What a terminal is asked to run is checked before any process starts (image, container, user, directories,
// arguments), each refusal naming its field; "run image in a terminal" (run --rm -it) runs and leaves nothing
// behind; exec as another user runs as that user.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../core/engine-api.js';
import { openTestEngine } from '../../core/integration/harness/engine.js';
import {
  FIXTURE_IMAGE,
  podmanCli,
  TEST_LABELS,
  uniqueName,
} from '../../core/integration/harness/fixtures.js';
import type { TerminalSpec } from '../contract/index.js';
import { TerminalManager } from '../terminals/manager.js';

let engine: Engine;
let terms: TerminalManager;
let running: string;
let stopped: string;
let dir: string;

beforeAll(async () => {
  engine = await openTestEngine({ tag: 'termchecks' });
  terms = new TerminalManager(engine);
  dir = await mkdtemp(join(tmpdir(), 'burrow-termchecks-'));
  running = (
    await engine.containers.create({
      image: FIXTURE_IMAGE,
      name: uniqueName('tc'),
      command: ['sleep', '600'],
      labels: TEST_LABELS,
    })
  ).id;
  await engine.containers.start(running);
  stopped = (
    await engine.containers.create({
      image: FIXTURE_IMAGE,
      name: uniqueName('tcs'),
      command: ['true'],
      labels: TEST_LABELS,
    })
  ).id;
});

afterAll(async () => {
  terms?.disposeAll();
  for (const id of [running, stopped])
    if (id) await engine.containers.remove(id, { force: true }).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
  await engine?.close();
});

async function run(spec: TerminalSpec): Promise<{ output: string; code: number }> {
  await terms.validate(spec);
  const info = terms.open('test', spec);
  let output = '';
  const code = await new Promise<number>((resolve) =>
    terms.attach(info.id, 'test/c', {
      data: (chunk) => {
        output += chunk;
        terms.ack(info.id, Buffer.byteLength(chunk));
      },
      exit: resolve,
    }),
  );
  terms.close(info.id);
  return { output, code };
}

describe('terminal checks', () => {
  it.each<[string, TerminalSpec, string]>([
    ['an invalid image', { kind: 'run', image: 'Not An Image' }, 'image'],
    ['an image not on this engine', { kind: 'run', image: 'localhost/burrow-test/no-such:latest' }, 'image'],
    ['a container that does not exist', { kind: 'exec', container: 'bt-no-such-container' }, 'container'],
    ['a user with spaces', { kind: 'run', image: FIXTURE_IMAGE, user: 'root --privileged' }, 'user'],
    [
      'an escape in an argument',
      { kind: 'run', image: FIXTURE_IMAGE, command: ['echo', '\u001b[2J'] },
      'command[1]',
    ],
    ['a relative working directory', { kind: 'run', image: FIXTURE_IMAGE, workdir: 'tmp' }, 'workdir'],
  ])('refuses %s by field, before anything runs', async (_n, spec, field) => {
    await expect(terms.validate(spec)).rejects.toMatchObject({
      code: 'invalid_input',
      field,
      hint: expect.any(String),
    });
  });

  it('refuses a stopped container and an unshare folder that does not exist', async () => {
    await expect(terms.validate({ kind: 'exec', container: stopped })).rejects.toMatchObject({
      field: 'container',
      message: expect.stringContaining('is not running'),
    });
    const local = engine.host.local !== undefined;
    const missing = terms.validate({ kind: 'unshare', workdir: join(dir, 'missing') });
    if (local) await expect(missing).rejects.toMatchObject({ field: 'workdir' });
    else await expect(missing).rejects.toMatchObject({ code: 'unsupported_on_host' });
  });

  it('runs an image in a terminal (run --rm -it) and leaves no container behind', async () => {
    const r = await run({
      kind: 'run',
      image: FIXTURE_IMAGE,
      command: ['sh', '-c', 'echo ran-$((6*7)); exit 7'],
    });
    expect(r.output).toContain('ran-42');
    expect(r.code).toBe(7);
    expect(
      await podmanCli(['ps', '-a', '--filter', 'label=io.burrow.terminal=run', '--format', '{{.Names}}']),
    ).toBe('');
  });

  it('closing a run terminal while its process still runs removes the container too', async () => {
    const spec: TerminalSpec = { kind: 'run', image: FIXTURE_IMAGE, command: ['sleep', '600'] };
    await terms.validate(spec);
    const info = terms.open('test', spec);
    const running = () =>
      podmanCli(['ps', '-a', '--filter', 'label=io.burrow.terminal=run', '--format', '{{.Names}}']);
    await expect.poll(running, { timeout: 30_000 }).toMatch(/^burrow-run-/);
    terms.close(info.id);
    await expect.poll(running, { timeout: 30_000 }).toBe('');
  });

  it('execs as another user', async () => {
    const r = await run({ kind: 'exec', container: running, user: '1001:1001', command: ['id', '-u'] });
    expect(r.output.trim()).toBe('1001');
    const named = await run({ kind: 'exec', container: running, user: 'nobody', command: ['id', '-un'] });
    expect(named.output.trim()).toBe('nobody');
  });
});
