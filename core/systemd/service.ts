// Quadlet and auto-update for an Engine: its host's shell and Podman version, and a container turned into a unit
// (the export, checked by the generator on the engine's host; saved there, where systemd will run it).
import type { Engine } from '../engine-api.js';
import { toErrorData } from '../errors.js';
import { toQuadlet } from '../insight/quadlet.js';
import type { QuadletUnit, QuadletValidation } from '../model/insight.js';
import type { AutoUpdatePolicy, QuadletWriteResult } from '../model/systemd.js';
import { checkUnit, listUnits, writeUnit, type EngineHost } from './quadlet-host.js';

export function engineHost(engine: Engine): EngineHost {
  return { shell: engine.shell, podmanVersion: engine.connection().podmanVersion };
}

/** A container as a `.container` unit, with what the engine host's generator says of it. */
export async function exportUnit(
  engine: Engine,
  id: string,
  opts: { autoUpdate?: AutoUpdatePolicy } = {},
): Promise<{ unit: QuadletUnit; validation: QuadletValidation }> {
  const unit = toQuadlet(
    await engine.containers.inspect(id),
    opts.autoUpdate ? { autoUpdate: opts.autoUpdate } : {},
  );
  const h = engineHost(engine);
  const { support } = await listUnits(h);
  if (!support.quadlet.available)
    return { unit, validation: { checked: false, reason: support.quadlet.reason } };
  try {
    const check = await checkUnit(h, unit.fileName, unit.text);
    return {
      unit,
      validation: check.ok
        ? { checked: true, ok: true, service: check.service ?? unit.serviceName }
        : { checked: true, ok: false, error: check.error ?? 'refused' },
    };
  } catch (e) {
    return { unit, validation: { checked: false, reason: toErrorData(e).message } };
  }
}

/** Save a container's unit on the engine's host (checked first; systemd reloaded so the service exists). */
export async function writeUnitFor(
  engine: Engine,
  id: string,
  opts: { autoUpdate?: AutoUpdatePolicy; overwrite?: boolean } = {},
): Promise<QuadletWriteResult> {
  const unit = toQuadlet(
    await engine.containers.inspect(id),
    opts.autoUpdate ? { autoUpdate: opts.autoUpdate } : {},
  );
  return writeUnit(engineHost(engine), {
    fileName: unit.fileName,
    text: unit.text,
    ...(opts.overwrite ? { overwrite: true } : {}),
  });
}
