// The prune plan from the engine's lists and sizes (model/prune.ts decides), so the UI can say what a prune will
// remove and roughly how much it frees before the user agrees to it.
import type { Engine } from '../engine-api.js';
import { planPrune, type PruneInputs, type PruneOptions, type PrunePlan } from '../model/prune.js';

/** Containers inspected for their named volumes at most (a volume prune plan needs to know who uses what). */
const INSPECT_LIMIT = 500;

export async function prunePlan(engine: Engine, opts: PruneOptions): Promise<PrunePlan> {
  const system = opts.scope === 'system';
  const [containers, usage, pods, images, networks, volumes] = await Promise.all([
    engine.containers.list({ all: true }),
    engine.system.usage(),
    system ? engine.pods.list() : Promise.resolve([]),
    system ? engine.images.list() : Promise.resolve([]),
    system ? engine.networks.list() : Promise.resolve([]),
    system && opts.volumes ? engine.volumes.list() : Promise.resolve([]),
  ]);
  const sizeOf = new Map(usage.containers.map((c) => [c.id, c]));
  const volumeUsers = new Map<string, string[]>();
  if (system && opts.volumes) {
    const withVolumes = containers
      .filter((c) => (sizeOf.get(c.id)?.localVolumes ?? 1) > 0)
      .slice(0, INSPECT_LIMIT);
    await Promise.all(
      withVolumes.map(async (c) => {
        const d = await engine.containers.inspect(c.id).catch(() => undefined);
        volumeUsers.set(
          c.id,
          (d?.mounts ?? []).flatMap((m) => (m.type === 'volume' ? [m.name] : [])),
        );
      }),
    );
  }
  const imageSize = new Map(usage.images.map((i) => [i.id, i.size]));
  const volumeSize = new Map(usage.volumes.map((v) => [v.name, v.size]));
  const input: PruneInputs = {
    containers: containers.map((c) => ({
      id: c.id,
      name: c.name,
      state: c.state,
      ...(c.pod ? { pod: c.pod } : {}),
      imageId: c.imageId,
      networks: c.networks,
      labels: c.labels,
      size: sizeOf.get(c.id)?.size ?? 0,
      volumes: volumeUsers.get(c.id) ?? [],
    })),
    pods: pods.map((p) => ({
      id: p.id,
      name: p.name,
      status: p.status,
      containers: p.containers.map((c) => c.id),
    })),
    images: images.map((i) => ({ id: i.id, tags: i.tags, size: imageSize.get(i.id) ?? i.size, labels: {} })),
    networks: networks.map((n) => ({ name: n.name, labels: n.labels })),
    volumes: volumes.map((v) => ({ name: v.name, size: volumeSize.get(v.name) ?? 0, labels: v.labels })),
  };
  return planPrune(input, opts);
}
