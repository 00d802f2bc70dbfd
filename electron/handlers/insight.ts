import type { Engine } from '../../core/engine-api.js';
import { defaultCapabilityTable } from '../../core/model/hardened.js';
import { runOneShot } from '../../core/insight/one-shot.js';
import { containerMapping, doctor, previewCreate } from '../../core/insight/service.js';
import { exportUnit, writeUnitFor } from '../../core/systemd/service.js';
import type * as contract from '../contract/insight.js';
import type { DomainHandlers } from './types.js';

export function insightHandlers(e: Engine): DomainHandlers<typeof contract> {
  return {
    calls: {
      'insight.doctor': () => doctor(e),
      'insight.mapping': (a) => containerMapping(e, a.id),
      'insight.previewCreate': (a) => previewCreate(e, a),
      // Checked and saved where the container's systemd runs: this machine, or the engine's host over SSH.
      'insight.quadlet': (a) => exportUnit(e, a.id, a.autoUpdate ? { autoUpdate: a.autoUpdate } : {}),
      'insight.saveQuadlet': (a) =>
        writeUnitFor(e, a.id, {
          ...(a.autoUpdate ? { autoUpdate: a.autoUpdate } : {}),
          ...(a.overwrite ? { overwrite: true } : {}),
        }),
      'insight.capabilities': async () => defaultCapabilityTable(),
    },
    topics: {
      oneShot: (a, signal) => runOneShot(e, a, signal),
    },
    messages: {},
  };
}
