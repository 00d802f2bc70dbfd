// The edit form's starting point: a container's settings as the create request that made it, read from inspect
// with its image's defaults to leave out (model/edit-spec.ts decides what is the user's).
import type { Engine } from '../engine-api.js';
import { specFromDetail, type RecreateMode } from '../model/edit-spec.js';
import type { CreateContainerSpec } from '../model/types.js';

export async function editSpec(engine: Engine, id: string, mode: RecreateMode): Promise<CreateContainerSpec> {
  const [detail, facts] = await Promise.all([engine.containers.inspect(id), engine.system.hostFacts()]);
  // The image may be gone (removed after the container was made): then nothing is left out for it.
  const image = await engine.images.inspect(detail.image).catch(() => undefined);
  return specFromDetail(detail, image, facts, mode);
}
