import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseArgs, persistentToken } from './cli.js';

describe('headless command line', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'burrow-cli-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('parses the restart-friendly options', () => {
    expect(
      parseArgs([
        '--headless',
        '--port',
        '8123',
        '--token-file',
        '/t',
        '--service-socket',
        '/s',
        '--connection=guest',
      ]),
    ).toMatchObject({ port: 8123, tokenFile: '/t', serviceSocket: '/s', connection: 'guest' });
    expect(() => parseArgs(['--port', '70000'])).toThrow(/--port/);
    expect(() => parseArgs(['--token-file'])).toThrow(/needs a value/);
  });

  it('keeps one token across restarts in a 0600 file, and refuses a weak or exposed one', async () => {
    const f = join(dir, 'sub', 'token');
    const first = await persistentToken(f);
    expect(first).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await persistentToken(f)).toBe(first);
    expect((await readFile(f, 'utf8')).trim()).toBe(first);
    await chmod(f, 0o644);
    await expect(persistentToken(f)).rejects.toThrow(/chmod 600/);
    const weak = join(dir, 'weak');
    await writeFile(weak, 'abc', { mode: 0o600 });
    await expect(persistentToken(weak)).rejects.toThrow(/no valid token/);
  });
});
