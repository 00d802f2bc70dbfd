// Registry credentials where Podman keeps them, so `podman login` and Burrow share one set: written to the file
// `podman login` writes (REGISTRY_AUTH_FILE, else $XDG_RUNTIME_DIR/containers/auth.json), read from the same
// files in the same order as containers/image (pkg/docker/config): that file, then
// $XDG_CONFIG_HOME/containers/auth.json and Docker's config.json unless REGISTRY_AUTH_FILE names the only one.
// The engine never reads these files itself for Burrow's requests: they travel with each pull, push and search
// in the X-Registry-Auth header, as `podman --remote` sends them, so a remote engine gets them too.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { BurrowError } from '../errors.js';
import type { RegistryLogin } from '../model/registry.js';

export interface AuthFileLocation {
  /** Where logins are written and removed. */
  primary: string;
  /** Read after the primary, in order; empty when REGISTRY_AUTH_FILE names the only file. */
  fallbacks: string[];
}

export function authFileLocation(
  env: NodeJS.ProcessEnv = process.env,
  uid: number = process.getuid?.() ?? 0,
  home: string = env.HOME || homedir(),
): AuthFileLocation {
  if (env.REGISTRY_AUTH_FILE) return { primary: env.REGISTRY_AUTH_FILE, fallbacks: [] };
  const primary = env.XDG_RUNTIME_DIR
    ? join(env.XDG_RUNTIME_DIR, 'containers', 'auth.json')
    : `/run/containers/${uid}/auth.json`;
  const config = env.XDG_CONFIG_HOME || join(home, '.config');
  const docker = env.DOCKER_CONFIG
    ? join(env.DOCKER_CONFIG, 'config.json')
    : join(home, '.docker', 'config.json');
  return { primary, fallbacks: [join(config, 'containers', 'auth.json'), docker] };
}

export interface Credential {
  username: string;
  password: string;
  identityToken?: string;
}

interface AuthEntry {
  auth?: string;
  identitytoken?: string;
}

interface AuthDocument {
  auths?: Record<string, AuthEntry>;
  [other: string]: unknown;
}

/** Docker's config.json files keys as URLs ("https://index.docker.io/v1/"); Podman normalises them the same way. */
export function normaliseKey(key: string): string {
  let k = key;
  if (/^https?:\/\//.test(k)) k = k.replace(/^https?:\/\//, '').split('/')[0] ?? k;
  return k === 'index.docker.io' || k === 'registry-1.docker.io' ? 'docker.io' : k;
}

export function decodeEntry(entry: AuthEntry | undefined): Credential | undefined {
  if (!entry || typeof entry !== 'object') return undefined;
  const token =
    typeof entry.identitytoken === 'string' && entry.identitytoken ? entry.identitytoken : undefined;
  if (typeof entry.auth !== 'string' || !entry.auth)
    return token ? { username: '', password: '', identityToken: token } : undefined;
  const plain = Buffer.from(entry.auth, 'base64').toString('utf8');
  const colon = plain.indexOf(':');
  if (colon < 0) return undefined;
  return {
    username: plain.slice(0, colon),
    password: plain.slice(colon + 1),
    ...(token ? { identityToken: token } : {}),
  };
}

export function encodeEntry(username: string, password: string): AuthEntry {
  return { auth: Buffer.from(`${username}:${password}`, 'utf8').toString('base64') };
}

function parseDocument(text: string, file: string): AuthDocument {
  if (!text.trim()) return {};
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new BurrowError({
      code: 'engine_error',
      message: `${file} is not valid JSON`,
      hint: 'Fix or remove that file (it holds registry logins); `podman login` refuses it too.',
    });
  }
  if (!v || typeof v !== 'object' || Array.isArray(v))
    throw new BurrowError({
      code: 'engine_error',
      message: `${file} is not an auth file (expected an object)`,
    });
  return v as AuthDocument;
}

async function readDocument(file: string): Promise<AuthDocument | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new BurrowError({
      code: 'permission',
      message: `Cannot read ${file}: ${(e as Error).message}`,
      hint: 'Registry logins are kept there; check its owner and mode (it should be yours, mode 600).',
    });
  }
  return parseDocument(text, file);
}

/**
 * The X-Registry-Auth value: a JSON map registry → credentials in URL-safe base64 *with* padding (Go's
 * base64.URLEncoding, which podman's pkg/auth decodes; Node's "base64url" drops the padding and Podman then
 * fails with "unexpected EOF").
 */
export function registryAuthHeader(creds: ReadonlyMap<string, Credential>): string {
  const map: Record<string, { username: string; password: string; identitytoken?: string }> = {};
  for (const [key, c] of creds)
    map[key] = {
      username: c.username,
      password: c.password,
      ...(c.identityToken ? { identitytoken: c.identityToken } : {}),
    };
  return Buffer.from(JSON.stringify(map), 'utf8').toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

export class AuthFile {
  constructor(readonly location: AuthFileLocation = authFileLocation()) {}

  /** Every stored credential, first file wins per key (as Podman reads them). Never leaves core. */
  async credentials(): Promise<Map<string, Credential & { file: string }>> {
    const out = new Map<string, Credential & { file: string }>();
    for (const file of [this.location.primary, ...this.location.fallbacks]) {
      const doc = await readDocument(file).catch((e: unknown) => {
        // A broken fallback (someone's old Docker config) must not stop pulls; a broken primary must.
        if (file === this.location.primary) throw e;
        return undefined;
      });
      for (const [rawKey, entry] of Object.entries(doc?.auths ?? {})) {
        const key = normaliseKey(rawKey);
        if (out.has(key)) continue;
        const c = decodeEntry(entry);
        if (c) out.set(key, { ...c, file });
      }
    }
    return out;
  }

  async list(): Promise<RegistryLogin[]> {
    const creds = await this.credentials();
    return [...creds.entries()]
      .map(([registry, c]) => ({
        registry,
        username: c.username,
        file: c.file,
        primary: c.file === this.location.primary,
      }))
      .sort((a, b) => a.registry.localeCompare(b.registry));
  }

  async header(): Promise<string> {
    return registryAuthHeader(await this.credentials());
  }

  /** Store a login in the primary file, keeping every other entry and field of it. */
  async store(key: string, username: string, password: string): Promise<void> {
    const file = this.location.primary;
    const doc = (await readDocument(file)) ?? {};
    const auths = { ...(doc.auths ?? {}) };
    // Replace an entry filed under a URL form of the same registry, as podman login does.
    for (const k of Object.keys(auths)) if (k !== key && normaliseKey(k) === key) delete auths[k];
    auths[key] = encodeEntry(username, password);
    await this.write({ ...doc, auths });
  }

  /** Remove a login from the primary file; false when it had none for that key. */
  async remove(key: string): Promise<boolean> {
    const file = this.location.primary;
    const doc = await readDocument(file);
    const auths = { ...(doc?.auths ?? {}) };
    const keys = Object.keys(auths).filter((k) => normaliseKey(k) === key);
    if (!doc || keys.length === 0) return false;
    for (const k of keys) delete auths[k];
    await this.write({ ...doc, auths });
    return true;
  }

  /** Written whole to a private temporary file beside it, then renamed: a reader never sees half a file. */
  private async write(doc: AuthDocument): Promise<void> {
    const file = this.location.primary;
    const dir = dirname(file);
    try {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const tmp = join(dir, `.auth.json.${randomBytes(6).toString('hex')}.tmp`);
      try {
        await writeFile(tmp, `${JSON.stringify(doc, null, '\t')}\n`, { mode: 0o600, flag: 'wx' });
        await chmod(tmp, 0o600);
        await rename(tmp, file);
      } catch (e) {
        await rm(tmp, { force: true });
        throw e;
      }
    } catch (e) {
      throw new BurrowError({
        code: 'permission',
        message: `Cannot write ${file}: ${(e as Error).message}`,
        hint: 'Registry logins are kept there, as `podman login` keeps them; check that the directory is yours.',
      });
    }
  }
}
