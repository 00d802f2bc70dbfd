import type { Engine } from '../../core/engine-api.js';
import { readKubeFile } from '../../core/kube/file.js';
import { kubePlay } from '../../core/kube/play.js';
import type * as contract from '../contract/kube.js';
import type { DomainHandlers } from './types.js';

export function kubeHandlers(e: Engine): DomainHandlers<typeof contract> {
  return {
    calls: {
      'kube.readFile': (a) => readKubeFile(a.file),
      'kube.down': (a) => e.kube.down(a.yaml, { removeVolumes: a.removeVolumes ?? false }),
      'kube.generate': async (a) => ({
        yaml: await e.kube.generate(a.names, { service: a.service ?? false }),
      }),
    },
    topics: {
      'kube.play': (a, signal) => kubePlay(e, a.yaml, { signal, ...(a.replace ? { replace: true } : {}) }),
    },
    messages: {},
  };
}
