import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseArgs } from './args.js';
import { persistentToken } from './token-file.js';

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
    expect(() => parseArgs(['--token-file'])).toThrow(/--token-file needs a value/);
    expect(() => parseArgs(['--bogus'])).toThrow(/--bogus/);
    expect(() => parseArgs(['stray'])).toThrow(/stray/);
    // A value that looks like an option must use the = form; Node's parser says so, naming --port.
    expect(() => parseArgs(['--port', '-1'])).toThrow(/--port/);
  });

  it.each([
    [['--port', '8123'], 8123],
    [['--port=8123'], 8123],
    [['--port', '0'], 0],
    [['--port=65535'], 65535],
  ])('takes the port in both forms: %j', (argv, port) => {
    expect(parseArgs(argv).port).toBe(port);
  });

  it.each([
    ['--port', '70000'],
    ['--port=70000'],
    ['--port=-1'],
    ['--port=8o'],
    ['--port='],
    ['--port', '1e3'],
  ])('checks the port range in both forms: %j', (...argv) => {
    expect(() => parseArgs(argv)).toThrow(/--port must be 0..65535/);
  });

  it('reads host, remote and doctor flags in both forms', () => {
    expect(parseArgs(['--host=::1', '--allow-remote', '--doctor'])).toMatchObject({
      host: '::1',
      allowRemote: true,
      doctor: true,
    });
    expect(parseArgs(['--host', '0.0.0.0'])).toMatchObject({ host: '0.0.0.0', allowRemote: false, port: 0 });
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
