import type { Engine } from '../../core/engine-api.js';
import { defaultCapabilityTable } from '../../core/model/hardened.js';
import { runOneShot } from '../../core/insight/one-shot.js';
import {
  containerMapping,
  doctor,
  previewCreate,
  quadletFor,
  saveQuadletFor,
} from '../../core/insight/service.js';
import type * as contract from '../contract/insight.js';
import type { DomainHandlers } from './types.js';

export function insightHandlers(e: Engine): DomainHandlers<typeof contract> {
  return {
    calls: {
      'insight.doctor': () => doctor(e),
      'insight.mapping': (a) => containerMapping(e, a.id),
      'insight.previewCreate': (a) => previewCreate(e, a),
      'insight.quadlet': (a) => quadletFor(e, a.id),
      'insight.saveQuadlet': (a) => saveQuadletFor(e, a.id, a.overwrite ?? false),
      'insight.capabilities': async () => defaultCapabilityTable(),
    },
    topics: {
      oneShot: (a, signal) => runOneShot(e, a, signal),
    },
    messages: {},
  };
}
