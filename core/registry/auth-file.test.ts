import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthFile, authFileLocation, decodeEntry, normaliseKey, registryAuthHeader } from './auth-file.js';

describe('authFileLocation: the files podman reads, in its order', () => {
  it('REGISTRY_AUTH_FILE is the only file when set', () => {
    expect(
      authFileLocation({ REGISTRY_AUTH_FILE: '/x/auth.json', XDG_RUNTIME_DIR: '/run/user/7' }, 7, '/h'),
    ).toEqual({ primary: '/x/auth.json', fallbacks: [] });
  });
  it('else $XDG_RUNTIME_DIR/containers/auth.json, then the config and Docker files', () => {
    expect(authFileLocation({ XDG_RUNTIME_DIR: '/run/user/7' }, 7, '/h')).toEqual({
      primary: '/run/user/7/containers/auth.json',
      fallbacks: ['/h/.config/containers/auth.json', '/h/.docker/config.json'],
    });
    expect(
      authFileLocation({ XDG_RUNTIME_DIR: '/r', XDG_CONFIG_HOME: '/cfg', DOCKER_CONFIG: '/dk' }, 7, '/h')
        .fallbacks,
    ).toEqual(['/cfg/containers/auth.json', '/dk/config.json']);
  });
  it('without a runtime directory: /run/containers/<uid>/auth.json', () => {
    expect(authFileLocation({}, 1234, '/h').primary).toBe('/run/containers/1234/auth.json');
  });
});

describe('entries', () => {
  it('normalises Docker URL keys and Hub aliases', () => {
    expect(normaliseKey('https://index.docker.io/v1/')).toBe('docker.io');
    expect(normaliseKey('registry-1.docker.io')).toBe('docker.io');
    expect(normaliseKey('quay.io/team')).toBe('quay.io/team');
  });
  it('decodes user:password (a password may hold ":") and keeps identity tokens', () => {
    const auth = Buffer.from('bob:p:w').toString('base64');
    expect(decodeEntry({ auth })).toEqual({ username: 'bob', password: 'p:w' });
    expect(decodeEntry({ auth, identitytoken: 't' })).toMatchObject({ identityToken: 't' });
    expect(decodeEntry({ auth: Buffer.from('nocolon').toString('base64') })).toBeUndefined();
    expect(decodeEntry({})).toBeUndefined();
  });
  it('the header is URL-safe base64 with padding (Go URLEncoding), decoding to the map', () => {
    const h = registryAuthHeader(new Map([['r:1', { username: 'u', password: '?>?>' }]]));
    expect(h).toMatch(/^[A-Za-z0-9_-]+=*$/);
    expect(h.length % 4).toBe(0);
    const decoded = JSON.parse(
      Buffer.from(h.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString(),
    ) as unknown;
    expect(decoded).toEqual({ 'r:1': { username: 'u', password: '?>?>' } });
    expect(registryAuthHeader(new Map())).toBe('e30=');
  });
});

describe('AuthFile on disk', () => {
  let dir: string;
  let file: AuthFile;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'burrow-auth-'));
    file = new AuthFile({
      primary: join(dir, 'run', 'containers', 'auth.json'),
      fallbacks: [join(dir, 'config.json')],
    });
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('stores a login (dir 700, file 600), keeping other entries and fields; removes it again', async () => {
    await mkdir(join(dir, 'run', 'containers'), { recursive: true });
    await writeFile(
      file.location.primary,
      JSON.stringify({
        auths: { 'other.io': { auth: Buffer.from('o:p').toString('base64') } },
        credHelpers: { x: 'y' },
      }),
    );
    await file.store('quay.io', 'alice', 's3cret');
    const doc = JSON.parse(await readFile(file.location.primary, 'utf8')) as Record<string, unknown>;
    expect(doc.credHelpers).toEqual({ x: 'y' });
    expect(Object.keys(doc.auths as object).sort()).toEqual(['other.io', 'quay.io']);
    expect((await stat(file.location.primary)).mode & 0o777).toBe(0o600);
    expect((await file.list()).map((l) => [l.registry, l.username, l.primary])).toEqual([
      ['other.io', 'o', true],
      ['quay.io', 'alice', true],
    ]);
    expect(await file.remove('quay.io')).toBe(true);
    expect(await file.remove('quay.io')).toBe(false);
    expect((await file.list()).map((l) => l.registry)).toEqual(['other.io']);
  });

  it('creates the directory private when it is missing', async () => {
    await file.store('r:5000', 'u', 'p');
    expect((await stat(join(dir, 'run', 'containers'))).mode & 0o777).toBe(0o700);
  });

  it('replaces an entry filed under a URL form of the same registry', async () => {
    await mkdir(join(dir, 'run', 'containers'), { recursive: true });
    await writeFile(
      file.location.primary,
      JSON.stringify({ auths: { 'https://index.docker.io/v1/': { auth: 'eDp5' } } }),
    );
    await file.store('docker.io', 'u', 'p');
    const doc = JSON.parse(await readFile(file.location.primary, 'utf8')) as { auths: object };
    expect(Object.keys(doc.auths)).toEqual(['docker.io']);
  });

  it('reads fallbacks after the primary, first file wins per key; a broken fallback is skipped', async () => {
    await writeFile(
      join(dir, 'config.json'),
      JSON.stringify({
        auths: {
          'https://index.docker.io/v1/': { auth: Buffer.from('dock:er').toString('base64') },
          'quay.io': { auth: Buffer.from('old:pw').toString('base64') },
        },
      }),
    );
    await file.store('quay.io', 'new', 'pw');
    const creds = await file.credentials();
    expect(creds.get('quay.io')).toMatchObject({ username: 'new', password: 'pw' });
    expect(creds.get('docker.io')).toMatchObject({ username: 'dock', file: join(dir, 'config.json') });
    expect((await file.list()).find((l) => l.registry === 'docker.io')?.primary).toBe(false);
    await writeFile(join(dir, 'config.json'), '{broken');
    expect([...(await file.credentials()).keys()]).toEqual(['quay.io']);
  });

  it('a broken primary file is an error naming it', async () => {
    await mkdir(join(dir, 'run', 'containers'), { recursive: true });
    await writeFile(file.location.primary, 'not json');
    await expect(file.list()).rejects.toMatchObject({
      message: expect.stringContaining(file.location.primary),
    });
    await expect(file.store('a.io', 'u', 'p')).rejects.toMatchObject({ hint: expect.any(String) });
    expect(await readFile(file.location.primary, 'utf8')).toBe('not json');
  });
});
