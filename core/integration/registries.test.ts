// Registry logins, search, pull and push against a real registry that asks for a password (docker-registry with
// htpasswd, over TLS with a CA the user trusts through containers/certs.d), on this machine's Podman and on the
// guest's (which reaches the registry as 10.0.2.2). Logins go to the user's real auth.json, where
// `podman login` puts them; every entry a test makes is for this run's registry port and is removed at the end.
import { readFile, stat } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Engine } from '../engine-api.js';
import { BurrowError } from '../errors.js';
import type { PushProgress } from '../model/types.js';
import { authFileLocation } from '../registry/auth-file.js';
import { openTestEngine } from './harness/engine.js';
import { FIXTURE_IMAGE, podmanCli, uniqueName } from './harness/fixtures.js';
import {
  startLocalRegistry,
  startStalledRegistry,
  trustRegistryCa,
  type LocalRegistry,
  type StalledRegistry,
} from './harness/local-registry.js';
import { onGuest } from './harness/target.js';

const USER = 'burrow';
const PASSWORD = `pw-${uniqueName('secret')}`;

let engine: Engine;
let registry: LocalRegistry;
/** The registry as the engine reaches it. */
let address: string;
let repo: string;
const undo: (() => Promise<unknown>)[] = [];

async function failure(p: Promise<unknown> | AsyncIterable<unknown>): Promise<BurrowError> {
  try {
    if (p instanceof Promise) await p;
    else for await (const _ of p) void _;
  } catch (e) {
    if (e instanceof BurrowError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

async function drain<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

beforeAll(async () => {
  engine = await openTestEngine({ tag: 'registries' });
  registry = await startLocalRegistry({ auth: { username: USER, password: PASSWORD } });
  undo.push(() => registry.stop());
  address = onGuest ? registry.address.replace(/^127\.0\.0\.1:/, '10.0.2.2:') : registry.address;
  undo.push(await trustRegistryCa(address, registry.caCert ?? ''));
  repo = `${address}/burrow-test/${uniqueName('img')}`;
  // The registry's first image, pushed by the CLI with one-off credentials (stored nowhere).
  await podmanCli(['push', '--quiet', '--creds', `${USER}:${PASSWORD}`, FIXTURE_IMAGE, `${repo}:v1`], {
    timeoutMs: 180_000,
  });
}, 300_000);

afterAll(async () => {
  await engine?.registries.logout(address).catch(() => undefined);
  for (const ref of [`${repo}:v1`, `${repo}:pushed`])
    await podmanCli(['rmi', '-f', ref]).catch(() => undefined);
  for (const f of undo.reverse()) await f().catch(() => undefined);
  await engine?.close();
});

describe('registry login against a registry that asks for a password', () => {
  it('refuses a pull before login with the registry named and how to log in', async () => {
    expect((await engine.registries.list()).map((l) => l.registry)).not.toContain(address);
    const e = await failure(engine.images.pull(`${repo}:v1`));
    expect(e.code).toBe('permission');
    expect(e.field).toBe('image');
    expect(e.hint).toContain(`Log in to ${address}`);
    expect(e.hint).toContain('podman login');
  });

  it('refuses a wrong password on the password field, stores nothing', async () => {
    const e = await failure(
      engine.registries.login({ registry: address, username: USER, password: 'wrong' }),
    );
    expect(e.code).toBe('permission');
    expect(e.field).toBe('password');
    expect(JSON.stringify(e.toData())).not.toContain('wrong');
    expect((await engine.registries.list()).map((l) => l.registry)).not.toContain(address);
  });

  it('refuses bad input by field before asking the engine', async () => {
    for (const [args, field] of [
      [{ registry: '', username: USER, password: PASSWORD }, 'registry'],
      [{ registry: 'ftp://x', username: USER, password: PASSWORD }, 'registry'],
      [{ registry: 'host:99999', username: USER, password: PASSWORD }, 'registry'],
      [{ registry: address, username: '', password: PASSWORD }, 'username'],
      [{ registry: address, username: 'a:b', password: PASSWORD }, 'username'],
      [{ registry: address, username: USER, password: '' }, 'password'],
    ] as const) {
      const e = await failure(engine.registries.login(args));
      expect([e.code, e.field, typeof e.hint]).toEqual(['invalid_input', field, 'string']);
    }
  });

  it('logs in: the entry is in auth.json (mode 600) where podman keeps it, listed without the password', async () => {
    const login = await engine.registries.login({ registry: address, username: USER, password: PASSWORD });
    expect(login).toMatchObject({ registry: address, username: USER, primary: true });
    const file = authFileLocation().primary;
    expect(login.file).toBe(file);
    expect(file).toBe(`${process.env.XDG_RUNTIME_DIR}/containers/auth.json`);
    const doc = JSON.parse(await readFile(file, 'utf8')) as { auths: Record<string, { auth: string }> };
    expect(Buffer.from(doc.auths[address]?.auth ?? '', 'base64').toString()).toBe(`${USER}:${PASSWORD}`);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const listed = await engine.registries.list();
    expect(listed.find((l) => l.registry === address)).toMatchObject({ username: USER });
    expect(JSON.stringify(listed)).not.toContain(PASSWORD);
  });

  it.skipIf(onGuest)('the podman CLI pulls with the login Burrow stored (one auth.json)', async () => {
    await podmanCli(['pull', '--quiet', `${repo}:v1`], { timeoutMs: 120_000 });
    await podmanCli(['rmi', `${repo}:v1`]);
  });

  it('searches the registry and lists the tags of a result', async () => {
    const found = await engine.images.search(`${address}/burrow-test`);
    expect(found.map((r) => r.name)).toContain(repo);
    const tags = await engine.images.search(repo, { listTags: true });
    expect(tags.map((t) => t.tag)).toContain('v1');
  });

  it('pulls after login with per-layer progress, ending with the outcome', async () => {
    const events = await drain(engine.images.pull(`${repo}:v1`));
    expect(events.some((p) => p.layer)).toBe(true);
    const last = events.at(-1);
    expect(last?.imageId).toMatch(/^[0-9a-f]{64}$/);
    expect(last?.outcome).toContain(`Pulled ${repo}:v1`);
  });

  it('pushes with per-layer progress; the pushed tag pulls back', async () => {
    const events: PushProgress[] = await drain(engine.images.push(FIXTURE_IMAGE, `${repo}:pushed`));
    const layers = new Set(events.filter((p) => p.layer).map((p) => p.layer));
    expect(layers.size).toBeGreaterThan(0);
    for (const l of layers)
      expect(events.filter((p) => p.layer === l).map((p) => p.status)).toContain('Upload complete');
    expect(events.at(-1)?.outcome).toBe(
      `Pushed ${FIXTURE_IMAGE} to ${repo}:pushed`.concat(
        events.at(-1)?.digest ? ` (${events.at(-1)?.digest?.slice(0, 19)})` : '',
      ),
    );
    const tags = await engine.images.search(repo, { listTags: true });
    expect(tags.map((t) => t.tag)).toContain('pushed');
  });

  it('refuses a push of an image that does not exist, on the image field', async () => {
    const e = await failure(engine.images.push('localhost/bt-no-such-image:1', `${repo}:x`));
    expect([e.code, e.field]).toEqual(['not_found', 'image']);
  });

  it('logs out: gone from auth.json and the list; the pull is refused again', async () => {
    await engine.images.remove(`${repo}:v1`, { force: true });
    await engine.registries.logout(address);
    expect((await engine.registries.list()).map((l) => l.registry)).not.toContain(address);
    const e = await failure(engine.images.pull(`${repo}:v1`));
    expect([e.code, e.field]).toEqual(['permission', 'image']);
    const again = await failure(engine.registries.logout(address));
    expect([again.code, again.field]).toEqual(['not_found', 'registry']);
  });

  it('refuses a push after logout on the destination field with the login hint', async () => {
    const e = await failure(engine.images.push(FIXTURE_IMAGE, `${repo}:after-logout`));
    expect([e.code, e.field]).toEqual(['permission', 'destination']);
    expect(e.hint).toContain(`Log in to ${address}`);
  });
});

describe('Cancel on a pull or push that hangs', () => {
  let stalled: StalledRegistry;
  let seen: string;
  beforeAll(async () => {
    stalled = await startStalledRegistry();
    seen = onGuest ? stalled.address.replace(/^127\.0\.0\.1:/, '10.0.2.2:') : stalled.address;
  });
  afterAll(() => stalled?.stop());

  for (const op of ['pull', 'push'] as const)
    it(`a cancelled ${op} stops in the engine: it drops its request to the registry`, async () => {
      const ac = new AbortController();
      const ref = `${seen}/burrow-test/hangs:${op}`;
      const before = stalled.requests.length;
      const events =
        op === 'pull'
          ? engine.images.pull(ref, { signal: ac.signal })
          : engine.images.push(FIXTURE_IMAGE, ref, { signal: ac.signal });
      const ended = drain(events as AsyncIterable<unknown>).then(
        () => new Error('it finished'),
        (e: unknown) => e,
      );
      await vi.waitFor(() => expect(stalled.open()).toBeGreaterThan(0), { timeout: 60_000, interval: 100 });
      expect(stalled.requests.slice(before)[0]).toMatch(/^GET \/v2\/ /);
      ac.abort();
      expect(await ended).toMatchObject({ name: 'AbortError' });
      // Not only Burrow stopped listening: the engine gave up the request it was waiting on.
      await vi.waitFor(() => expect(stalled.open()).toBe(0), { timeout: 60_000, interval: 100 });
    });
});
