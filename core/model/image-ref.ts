// Image references, parsed once for core and the renderer (no Node imports here): the grammar of
// distribution/reference, [registry[:port]/]path[:tag][@sha256:digest]. A registry is told apart from the first
// path component the way Podman does: it has a "." or a ":" in it, or it is "localhost".

export interface ImageRef {
  /** Registry host[:port], when the reference names one. */
  registry?: string;
  /** Repository path without the registry: "library/alpine", "burrow-test/busybox". */
  path: string;
  tag?: string;
  digest?: string;
}

const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const PATH_RE = new RegExp(`^${COMPONENT}(?:/${COMPONENT})*$`);
const REGISTRY_RE =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::\d+)?$/;
const TAG_RE = /^[\w][\w.-]{0,127}$/;
const DIGEST_RE = /^sha256:[a-f0-9]{64}$/;

function looksLikeRegistry(component: string): boolean {
  return component.includes('.') || component.includes(':') || component === 'localhost';
}

/** The parts of a reference, or undefined when it is not one. */
export function parseImageRef(input: string): ImageRef | undefined {
  const ref = input.trim();
  if (!ref || ref.length > 255) return undefined;
  const at = ref.indexOf('@');
  const digest = at >= 0 ? ref.slice(at + 1) : undefined;
  if (digest !== undefined && !DIGEST_RE.test(digest)) return undefined;
  let name = at >= 0 ? ref.slice(0, at) : ref;
  let registry: string | undefined;
  const slash = name.indexOf('/');
  if (slash > 0 && looksLikeRegistry(name.slice(0, slash))) {
    registry = name.slice(0, slash);
    name = name.slice(slash + 1);
    if (!REGISTRY_RE.test(registry)) return undefined;
  }
  // A tag follows the last ':' of the last path component (a registry's port has been split off above).
  const lastSlash = name.lastIndexOf('/');
  const colon = name.indexOf(':', lastSlash + 1);
  const tag = colon >= 0 ? name.slice(colon + 1) : undefined;
  const path = colon >= 0 ? name.slice(0, colon) : name;
  if (!PATH_RE.test(path) || (tag !== undefined && !TAG_RE.test(tag))) return undefined;
  return {
    ...(registry !== undefined ? { registry } : {}),
    path,
    ...(tag !== undefined ? { tag } : {}),
    ...(digest !== undefined ? { digest } : {}),
  };
}

/** The repository a reference names, registry included ("localhost:5000/img" of "localhost:5000/img:v1"). */
export function repositoryOf(ref: ImageRef): string {
  return ref.registry ? `${ref.registry}/${ref.path}` : ref.path;
}

export function formatImageRef(ref: ImageRef): string {
  return `${repositoryOf(ref)}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}

/** Why a reference is not valid, for a field hint. */
export function imageRefHint(input: string): string {
  const last = input.trim().split('/').slice(-1)[0]?.split(':')[0] ?? '';
  return /[A-Z]/.test(last)
    ? 'Repository names must be lowercase.'
    : 'An image reference looks like [registry/]name[:tag][@sha256:digest], e.g. docker.io/library/alpine:3.20.';
}
