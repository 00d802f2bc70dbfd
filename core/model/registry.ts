// Registries as the user names them, for core and the renderer (no Node imports here): the key Podman files
// credentials under in auth.json, and what a search or a login list shows. Passwords never appear in these shapes.
import { invalidInput } from '../errors.js';

/** One registry (or registry namespace) the user is logged in to, as `podman login` stored it. */
export interface RegistryLogin {
  /** The auth.json key: host[:port], or host[:port]/namespace for a per-namespace login. */
  registry: string;
  username: string;
  /** The file the entry was read from (the first one that has it, as Podman reads them). */
  file: string;
  /** False for entries in a fallback file (~/.docker/config.json, ~/.config/containers/auth.json): Burrow
   * uses them but logs out only from the file `podman login` writes. */
  primary: boolean;
}

export interface ImageSearchResult {
  /** host[:port] the result came from. */
  index: string;
  /** Full repository name, registry included: "127.0.0.1:5000/team/app", "docker.io/library/alpine". */
  name: string;
  description: string;
  stars: number;
  official: boolean;
  automated: boolean;
  /** Set when tags were listed: one result per tag. */
  tag?: string;
}

const HOST_RE =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::(\d{1,5}))?$/;
const NAMESPACE_RE = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
/** Docker Hub's other names; Podman files them all under "docker.io". */
const DOCKER_HUB_ALIASES = new Set(['index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

/**
 * The auth.json key for what the user typed: "https://Registry.example.com:5000/" → "registry.example.com:5000",
 * "index.docker.io" → "docker.io", "quay.io/team" stays a per-namespace key. Throws invalid_input on `field`.
 */
export function registryKey(input: string, field = 'registry'): string {
  let s = input.trim();
  if (!s)
    throw invalidInput(field, 'A registry is required', 'For example quay.io, docker.io or 127.0.0.1:5000.');
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(s);
  if (scheme) {
    if (!/^https?$/i.test(scheme[1] ?? ''))
      throw invalidInput(field, `"${input}" is not a registry address`, 'Give host[:port], e.g. quay.io.');
    // A URL names a whole registry (Podman ignores its path), as in `podman login https://quay.io/v2/`.
    s = (s.slice(scheme[0].length).split('/')[0] ?? '').trim();
  }
  s = s.replace(/\/+$/, '');
  const [hostPart = '', ...namespace] = s.split('/');
  const host = hostPart.toLowerCase();
  const m = HOST_RE.exec(host);
  const port = m?.[1] !== undefined ? Number(m[1]) : undefined;
  if (!m || (port !== undefined && (port < 1 || port > 65535)) || /\s/.test(s))
    throw invalidInput(
      field,
      `"${input}" is not a registry address`,
      'A registry is host[:port] with an optional /namespace, e.g. quay.io, 127.0.0.1:5000 or quay.io/team.',
    );
  if (namespace.some((c) => !NAMESPACE_RE.test(c)))
    throw invalidInput(
      field,
      `"${input}" has an invalid namespace`,
      'Namespaces are lowercase letters, digits and . _ - separated by "/", e.g. quay.io/team.',
    );
  const base = DOCKER_HUB_ALIASES.has(host) ? 'docker.io' : host;
  return [base, ...namespace].join('/');
}

/** The registry part of a key ("quay.io/team" → "quay.io"): what the engine talks to when checking a login. */
export function registryHost(key: string): string {
  return key.split('/')[0] ?? key;
}

/** Which stored login applies to an image's repository: the longest key that is a prefix of it (Podman's rule). */
export function loginFor(
  logins: readonly Pick<RegistryLogin, 'registry'>[],
  repository: string,
): string | undefined {
  let best: string | undefined;
  for (const { registry } of logins) {
    const applies = repository === registry || repository.startsWith(`${registry}/`);
    if (applies && (!best || registry.length > best.length)) best = registry;
  }
  return best;
}

/** A user name as registries accept it in HTTP basic auth (a ":" would split it). */
export function validateUsername(username: string, field = 'username'): string {
  if (!username) throw invalidInput(field, 'A user name is required', 'The account name on that registry.');
  if (username.includes(':') || /[\r\n]/.test(username))
    throw invalidInput(field, 'A user name cannot contain ":" or line breaks', 'Check what you typed.');
  if (username.length > 512)
    throw invalidInput(field, 'The user name is longer than 512 characters', 'Check what you typed.');
  return username;
}

export function validatePassword(password: string, field = 'password'): string {
  if (!password)
    throw invalidInput(
      field,
      'A password (or access token) is required',
      'Registries that use tokens take them here.',
    );
  if (password.length > 16_384)
    throw invalidInput(field, 'The password is longer than 16 KB', 'Paste the password or token itself.');
  return password;
}
