import type { Engine } from '../../core/engine-api.js';
import { autoUpdatePreview, autoUpdateRun, markAutoUpdate } from '../../core/systemd/auto-update.js';
import {
  checkUnit,
  listUnits,
  removeUnit,
  systemdSupport,
  unitAction,
  unitJournal,
  writeUnit,
} from '../../core/systemd/quadlet-host.js';
import { engineHost } from '../../core/systemd/service.js';
import type * as contract from '../contract/systemd.js';
import type { DomainHandlers } from './types.js';

/** Every call asks the engine in use now for its host (a connection switch changes it). */
export function systemdHandlers(e: Engine): DomainHandlers<typeof contract> {
  const h = () => engineHost(e);
  return {
    calls: {
      'systemd.support': () => systemdSupport(h()),
      'systemd.units': () => listUnits(h()),
      'systemd.unitAction': (a) => unitAction(h(), a.unit, a.action),
      'systemd.checkUnit': (a) => checkUnit(h(), a.fileName, a.text),
      'systemd.writeUnit': (a) =>
        writeUnit(h(), { fileName: a.fileName, text: a.text, ...(a.overwrite ? { overwrite: true } : {}) }),
      'systemd.removeUnit': (a) => removeUnit(h(), a.unit),
      'systemd.autoUpdatePreview': () => autoUpdatePreview(h()),
      'systemd.autoUpdateMark': (a) =>
        markAutoUpdate(h(), a.unit, a.policy === 'none' ? undefined : a.policy, {
          restart: a.restart ?? false,
        }),
    },
    topics: {
      'systemd.journal': (a, signal) =>
        unitJournal(h(), a.unit, {
          signal,
          ...(a.lines !== undefined ? { lines: a.lines } : {}),
          ...(a.follow ? { follow: true } : {}),
        }),
      'systemd.autoUpdate': (_a, signal) => autoUpdateRun(h(), signal),
    },
    messages: {},
  };
}
