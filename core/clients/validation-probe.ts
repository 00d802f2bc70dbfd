// The facts validation needs from the engine and the host, read the cheapest way: existence endpoints for
// engine objects, a trial bind for ports, stat for host paths. Host checks only make sense for a local engine,
// which `host` (the engine's one answer to "where do you run?") says.
import { readFile } from 'node:fs/promises';
import { BurrowError } from '../errors.js';
import type { HostAccess } from '../host-access.js';
import type { HostFacts } from '../model/types.js';
import type { ValidationProbe } from '../model/validate-create.js';
import { defineEndpoints, type ApiClient } from '../transport/api-client.js';

const E = defineEndpoints({
  containerExists: {
    method: 'GET',
    path: '/libpod/containers/{id}/exists',
    response: 'none',
    name: 'container exists',
  },
  imageExists: { method: 'GET', path: '/libpod/images/{id}/exists', response: 'none', name: 'image exists' },
  networkExists: {
    method: 'GET',
    path: '/libpod/networks/{id}/exists',
    response: 'none',
    name: 'network exists',
  },
  volumeExists: {
    method: 'GET',
    path: '/libpod/volumes/{id}/exists',
    response: 'none',
    name: 'volume exists',
  },
  // Podman 4.3 has no secret exists endpoint: inspect answers 404 the same way (and never carries the value).
  secretExists: {
    method: 'GET',
    path: '/libpod/secrets/{id}/json',
    response: 'none',
    name: 'secret inspect',
  },
  podExists: { method: 'GET', path: '/libpod/pods/{id}/exists', response: 'none', name: 'pod exists' },
});

async function exists(api: ApiClient, ep: (typeof E)[keyof typeof E], id: string): Promise<boolean> {
  try {
    await api.call(ep, { params: { id } });
    return true;
  } catch (e) {
    if (e instanceof BurrowError && e.code === 'not_found') return false;
    throw e;
  }
}

export function createValidationProbe(
  api: ApiClient,
  host: HostAccess,
  hostFacts: () => Promise<HostFacts>,
): ValidationProbe {
  return {
    containerNameExists: (n) => exists(api, E.containerExists, n),
    imageExists: (r) => exists(api, E.imageExists, r),
    networkExists: (n) => exists(api, E.networkExists, n),
    volumeExists: (n) => exists(api, E.volumeExists, n),
    secretExists: (n) => exists(api, E.secretExists, n),
    podExists: (n) => exists(api, E.podExists, n),
    hostFacts,
    async hostPathExists(p) {
      // A remote engine's paths are not ours to check; the engine will say.
      return host.local ? (await host.local.stat(p)) !== undefined : true;
    },
    async hostPortInUse(ip, port, proto) {
      return host.local ? host.local.portInUse(ip, port, proto) : false;
    },
    async unprivilegedPortStart() {
      return (await hostFacts()).unprivilegedPortStart;
    },
    // Podman reads the seccomp profile on its own host: a remote engine's files are not ours to check.
    readFile: async (p) => (host.local ? readFile(p, 'utf8') : undefined),
  };
}
