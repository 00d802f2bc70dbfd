// The facts validation needs from the engine and the host, read the cheapest way: existence endpoints for
// engine objects, a trial bind for ports, stat for host paths. Host checks only make sense for a local engine.
import { createSocket } from 'node:dgram';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { BurrowError } from '../errors.js';
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

/** Try to bind the port: EADDRINUSE means taken. Other errors (EACCES below the unprivileged start) are not "in use". */
export function portInUse(ip: string, port: number, proto: 'tcp' | 'udp'): Promise<boolean> {
  return new Promise((resolve) => {
    if (proto === 'udp') {
      const s = createSocket(ip.includes(':') ? 'udp6' : 'udp4');
      s.once('error', (e: NodeJS.ErrnoException) => {
        s.close();
        resolve(e.code === 'EADDRINUSE');
      });
      s.bind(port, ip, () => s.close(() => resolve(false)));
      return;
    }
    const srv = createServer();
    srv.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'EADDRINUSE'));
    srv.listen({ port, host: ip, exclusive: true }, () => srv.close(() => resolve(false)));
  });
}

export function createValidationProbe(
  api: ApiClient,
  local: boolean,
  hostFacts: () => Promise<HostFacts>,
): ValidationProbe {
  return {
    containerNameExists: (n) => exists(api, E.containerExists, n),
    imageExists: (r) => exists(api, E.imageExists, r),
    networkExists: (n) => exists(api, E.networkExists, n),
    volumeExists: (n) => exists(api, E.volumeExists, n),
    podExists: (n) => exists(api, E.podExists, n),
    hostFacts,
    async hostPathExists(p) {
      if (!local) return true; // a remote engine's paths are not ours to check; the engine will say
      return stat(p).then(
        () => true,
        () => false,
      );
    },
    async hostPortInUse(ip, port, proto) {
      if (!local) return false;
      return portInUse(ip, port, proto);
    },
    async unprivilegedPortStart() {
      return (await hostFacts()).unprivilegedPortStart;
    },
    readFile: (p) => readFile(p, 'utf8'),
  };
}
