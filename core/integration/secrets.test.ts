// Podman secrets against the real engine (here and on the guest): created from text and from a file on this
// machine, listed, inspected without their value, removed; bad input refused by field.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine-api.js';
import { BurrowError } from '../errors.js';
import { MAX_SECRET_BYTES } from '../clients/secrets.js';
import { openTestEngine } from './harness/engine.js';
import { FIXTURE_IMAGE, podmanCli, TEST_LABELS, uniqueName } from './harness/fixtures.js';

let engine: Engine;
let dir: string;
const made: string[] = [];
const containers: string[] = [];

beforeAll(async () => {
  engine = await openTestEngine({ tag: 'secrets' });
  dir = await mkdtemp(join(tmpdir(), 'burrow-secrets-'));
});

afterEach(async () => {
  for (const c of containers.splice(0)) await podmanCli(['rm', '-f', '-t', '0', c]).catch(() => undefined);
  for (const n of made.splice(0)) await podmanCli(['secret', 'rm', n]).catch(() => undefined);
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  await engine?.close();
});

async function failure(p: Promise<unknown>): Promise<BurrowError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof BurrowError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

describe('secrets', () => {
  it('creates from text and from a file; lists and inspects them without ever showing the value', async () => {
    const fromText = uniqueName('text');
    const fromFile = uniqueName('file');
    made.push(fromText, fromFile);
    const textValue = `text-value-${uniqueName('v')}`;
    const fileValue = `file-value-${uniqueName('v')}\nsecond line\n`;
    const file = join(dir, 'value');
    await writeFile(file, fileValue, { mode: 0o600 });

    const a = await engine.secrets.create({
      name: fromText,
      text: textValue,
      labels: { 'burrow.test': '1' },
    });
    expect(a).toMatchObject({ name: fromText, driver: 'file', labels: { 'burrow.test': '1' } });
    const b = await engine.secrets.create({ name: fromFile, file });
    expect(b.name).toBe(fromFile);

    const listed = await engine.secrets.list();
    expect(listed.map((s) => s.name)).toEqual(expect.arrayContaining([fromText, fromFile]));
    for (const name of [fromText, fromFile]) {
      const detail = await engine.secrets.inspect(name);
      expect(detail.name).toBe(name);
      const everything = JSON.stringify({ listed, detail });
      expect(everything).not.toContain(textValue);
      expect(everything).not.toContain('file-value-');
    }
    // The engine has the value: the CLI shows the same secret exists (the value itself stays in Podman's store).
    expect(await podmanCli(['secret', 'ls', '--format', '{{.Name}}'])).toContain(fromText);
  });

  it('refuses bad input by field with a hint, and a name in use', async () => {
    const name = uniqueName('dup');
    made.push(name);
    await engine.secrets.create({ name, text: 'x' });
    const big = join(dir, 'big');
    await writeFile(big, Buffer.alloc(MAX_SECRET_BYTES + 1, 1));
    const empty = join(dir, 'empty');
    await writeFile(empty, '');
    const cases: [Parameters<Engine['secrets']['create']>[0], string, string][] = [
      [{ name: '', text: 'x' }, 'invalid_input', 'name'],
      [{ name: 'a/b', text: 'x' }, 'invalid_input', 'name'],
      [{ name: 'a=b', text: 'x' }, 'invalid_input', 'name'],
      [{ name: ' padded', text: 'x' }, 'invalid_input', 'name'],
      [{ name: 'x'.repeat(254), text: 'x' }, 'invalid_input', 'name'],
      [{ name: uniqueName('n') }, 'invalid_input', 'text'],
      [{ name: uniqueName('n'), text: 'x', file: big }, 'invalid_input', 'file'],
      [{ name: uniqueName('n'), file: 'relative' }, 'invalid_input', 'file'],
      [{ name: uniqueName('n'), file: join(dir, 'missing') }, 'invalid_input', 'file'],
      [{ name: uniqueName('n'), file: big }, 'invalid_input', 'file'],
      [{ name: uniqueName('n'), file: empty }, 'invalid_input', 'file'],
      [{ name: uniqueName('n'), text: 'x'.repeat(MAX_SECRET_BYTES + 1) }, 'invalid_input', 'text'],
      [{ name, text: 'y' }, 'conflict', 'name'],
    ];
    for (const [spec, code, field] of cases) {
      const e = await failure(engine.secrets.create(spec));
      expect(
        [e.code, e.field, typeof e.hint],
        JSON.stringify({ ...spec, text: spec.text?.slice(0, 9) }),
      ).toEqual([code, field, 'string']);
    }
  });

  it('a container gets it as a file and as a variable; Burrow’s inspect never shows the value', async () => {
    const secret = uniqueName('use');
    made.push(secret);
    const value = `in-container-${uniqueName('v')}`;
    await engine.secrets.create({ name: secret, text: value });
    const name = uniqueName('secret-user');
    containers.push(name);
    const { id } = await engine.containers.create({
      image: FIXTURE_IMAGE,
      name,
      command: ['sleep', '600'],
      labels: TEST_LABELS,
      secrets: [
        { name: secret, as: 'file' },
        { name: secret, as: 'file', target: '/etc/app-key' },
        { name: secret, as: 'env', target: 'APP_SECRET' },
      ],
    });
    await engine.containers.start(id);
    const read = async (cmd: string[]) => (await engine.containers.exec(id, cmd)).stdout.trim();
    expect(await read(['cat', `/run/secrets/${secret}`])).toBe(value);
    expect(await read(['cat', '/etc/app-key'])).toBe(value);
    expect(await read(['sh', '-c', 'echo "$APP_SECRET"'])).toBe(value);
    expect(await read(['stat', '-c', '%a', `/run/secrets/${secret}`])).toBe('444');
    const detail = await engine.containers.inspect(id);
    expect(JSON.stringify(detail)).not.toContain(value);
    expect(detail.env).toContain('APP_SECRET=*******');
    expect(detail.secrets?.map((s) => `${s.name} ${s.as} ${s.target ?? ''}`)).toEqual([
      `${secret} file `,
      `${secret} file /etc/app-key`,
      `${secret} env APP_SECRET`,
    ]);
    expect(await podmanCli(['secret', 'inspect', secret])).not.toContain(value);
    // Podman's own inspect shows an env secret's value before 5.3 (containers/podman#23788): Burrow masks it
    // (above); from 5.3 Podman does too.
    const [major = 0, minor = 0] = engine.connection().podmanVersion.split('.').map(Number);
    const cliLeaks = major < 5 || (major === 5 && minor < 3);
    expect((await podmanCli(['inspect', name])).includes(value)).toBe(cliLeaks);
  });

  it('refuses a container with a secret that does not exist, on that secret’s field; nothing is created', async () => {
    const name = uniqueName('no-secret');
    containers.push(name);
    const e = await failure(
      engine.containers.create({
        image: FIXTURE_IMAGE,
        name,
        secrets: [{ name: uniqueName('missing'), as: 'file' }],
      }),
    );
    expect(e.code).toBe('invalid_input');
    expect(e.toData().issues?.map((i) => i.field)).toEqual(['secrets[0].name']);
    expect(await podmanCli(['ps', '-a', '--filter', `name=${name}`, '--format', '{{.Names}}'])).toBe('');
  });

  it('removes a secret; inspect then says not found', async () => {
    const name = uniqueName('rm');
    made.push(name);
    await engine.secrets.create({ name, text: 'gone soon' });
    await engine.secrets.remove(name);
    expect((await engine.secrets.list()).map((s) => s.name)).not.toContain(name);
    const e = await failure(engine.secrets.inspect(name));
    expect(e.code).toBe('not_found');
  });
});
