// Rootless insight over a live engine: what the UI and the router call. Each function combines engine facts
// with the pure logic beside it.
import type { Engine } from '../engine-api.js';
import { BurrowError, invalidInput } from '../errors.js';
import type { CreateContainerSpec } from '../model/types.js';
import { parseSubIds, runDoctor } from './doctor.js';
import { previewProcess } from './mapping-preview.js';
import { predictAccess, type ProcessIdentity } from './permission-predictor.js';
import { saveQuadlet, toQuadlet, validateQuadlet } from './quadlet.js';
import { composeIdMaps, describeMapping, parseIdMap, readProcessMaps } from './uid-mapping.js';
import type {
  CreatePreview,
  DoctorReport,
  HostPathCheck,
  MappingView,
  MountPrediction,
  QuadletUnit,
  QuadletValidation,
} from '../model/insight.js';

export async function doctor(engine: Engine): Promise<DoctorReport> {
  return runDoctor(await engine.system.hostFacts(), engine.host.local);
}

export async function containerMapping(engine: Engine, id: string): Promise<MappingView> {
  const d = await engine.containers.inspect(id);
  if (!d.pid || d.state !== 'running') {
    throw new BurrowError({
      code: 'conflict',
      message: `${d.name} is not running`,
      hint: 'Start it to see its live UID/GID mapping.',
    });
  }
  const processUids = [0];
  const userId = /^(\d+)/.exec(d.user)?.[1];
  if (userId) processUids.push(Number(userId));
  const host = engine.host.local;
  if (!host) return remoteContainerMapping(engine, d, processUids);
  const { uidMap, gidMap } = await readProcessMaps(d.pid);
  const u = host.user();
  const subuids = parseSubIds(await host.readFile('/etc/subuid'))
    .filter((r) => r.owner === u.name || r.owner === String(u.uid))
    .map((r) => ({ start: r.start, size: r.size }));
  return describeMapping(uidMap, gidMap, { uid: u.uid, gid: u.gid, name: u.name, subuids }, processUids);
}

/**
 * A remote engine's /proc is not ours to read. The container reads its own maps (relative to its parent
 * namespace), and the engine reports the rootless namespace's maps (relative to the host) in /libpod/info:
 * composing the two gives the host view. A container with userns=host lives in the rootless namespace itself.
 */
async function remoteContainerMapping(
  engine: Engine,
  d: Awaited<ReturnType<Engine['containers']['inspect']>>,
  processUids: number[],
): Promise<MappingView> {
  const facts = await engine.system.hostFacts();
  const read = async (file: string) => {
    const r = await engine.containers.exec(d.id, ['cat', file]).catch(() => undefined);
    if (!r || r.exitCode !== 0) {
      throw new BurrowError({
        code: 'unsupported_on_host',
        message: `Could not read ${file} inside ${d.name} on the remote engine`,
        hint: 'The live mapping of a remote container is read through `cat` inside it; this image has none.',
      });
    }
    return parseIdMap(r.stdout);
  };
  const [innerUid, innerGid] = await Promise.all([read('/proc/self/uid_map'), read('/proc/self/gid_map')]);
  const nested = (d.userns?.kind ?? 'host') !== 'host';
  const uidMap = nested ? composeIdMaps(innerUid, facts.idMappings.uidMap) : innerUid;
  const gidMap = nested ? composeIdMaps(innerGid, facts.idMappings.gidMap) : innerGid;
  const subuids = facts.idMappings.uidMap
    .filter((m) => m.containerId >= 1)
    .map((m) => ({ start: m.hostId, size: m.size }));
  return describeMapping(uidMap, gidMap, { uid: facts.uid, gid: facts.gid, subuids }, processUids);
}

/** The mapping preview and the bind-mount permission predictions for a spec that has not run yet. */
export async function previewCreate(engine: Engine, input: CreateContainerSpec): Promise<CreatePreview> {
  const facts = await engine.system.hostFacts();
  const mode = input.userns ?? { kind: 'host' };
  let imageUser = '';
  if (await engine.images.exists(input.image)) imageUser = (await engine.images.inspect(input.image)).user;
  const proc = previewProcess(mode, facts, imageUser, input.user);
  const mounts: MountPrediction[] = [];
  // A remote engine's bind-mount sources live on its machine: stat-ing ours would predict for the wrong files.
  const host = engine.host.local;
  if (!host)
    return {
      process: proc,
      mounts,
      hostPaths: {
        checked: false,
        reason: `Bind-mount permissions cannot be predicted: ${engine.host.unavailableReason ?? 'the engine is remote'}`,
      },
    };
  const hostPaths: HostPathCheck = { checked: true };
  if (proc.hostUid === undefined || proc.hostGid === undefined || !proc.uidMap || !proc.gidMap)
    return { process: proc, mounts, hostPaths };
  const uidMap = proc.uidMap;
  const gidMap = proc.gidMap;
  const caps = input.security ?? {};
  const dropped = (caps.capDrop ?? []).map((c) => c.toUpperCase().replace(/^CAP_/, ''));
  const added = (caps.capAdd ?? []).map((c) => c.toUpperCase().replace(/^CAP_/, ''));
  const dac =
    proc.containerUid === 0 &&
    (caps.privileged ||
      added.includes('DAC_OVERRIDE') ||
      !(dropped.includes('ALL') || dropped.includes('DAC_OVERRIDE')));
  const within = (map: typeof uidMap) => (h: number) =>
    map.some((m) => h >= m.hostId && h < m.hostId + m.size);
  const identity: ProcessIdentity = {
    containerUid: proc.containerUid,
    containerGid: proc.containerGid,
    hostUid: proc.hostUid,
    hostGid: proc.hostGid,
    dacOverride: dac,
    isMappedUid: within(uidMap),
    isMappedGid: within(gidMap),
  };
  const selinux = (await host.readFile('/sys/fs/selinux/enforce'))?.trim() === '1';
  for (const [index, m] of (input.mounts ?? []).entries()) {
    if (m.type !== 'bind') continue;
    const chain = await host.statChain(m.source);
    if (!chain) {
      mounts.push({
        index,
        source: m.source,
        target: m.target,
        hostUid: proc.hostUid,
        hostGid: proc.hostGid,
        prediction: {
          read: false,
          write: false,
          reason: `${m.source} does not exist or you cannot reach it`,
          fixes: [],
        },
      });
      continue;
    }
    const opts = m.options ?? [];
    const labelled = opts.includes('z') || opts.includes('Z');
    // :U chowns the source to the container user before start, so access is then granted by ownership.
    const effective = opts.includes('U')
      ? chain.map((c, i) => (i === chain.length - 1 ? { ...c, uid: proc.hostUid!, gid: proc.hostGid! } : c))
      : chain;
    mounts.push({
      index,
      source: m.source,
      target: m.target,
      hostUid: proc.hostUid,
      hostGid: proc.hostGid,
      prediction: predictAccess(effective, identity, {
        readOnly: opts.includes('ro'),
        selinuxBlocks: selinux && !labelled,
        user: { uid: facts.uid, gid: facts.gid },
        userns: mode,
      }),
    });
  }
  return { process: proc, mounts, hostPaths };
}

export async function quadletFor(
  engine: Engine,
  id: string,
): Promise<{ unit: QuadletUnit; validation: QuadletValidation }> {
  const unit = toQuadlet(await engine.containers.inspect(id));
  const validation = engine.host.local
    ? await validateQuadlet(unit)
    : { checked: false as const, reason: engine.host.unavailableReason ?? 'the engine is remote' };
  return { unit, validation };
}

export async function saveQuadletFor(
  engine: Engine,
  id: string,
  overwrite = false,
): Promise<{ path: string }> {
  const unit = toQuadlet(await engine.containers.inspect(id));
  // The unit must land where the container's systemd runs: on a remote engine that is not here.
  const host = engine.host.require(
    'Saving a Quadlet unit',
    `Copy the unit and save it on the engine's machine as ~/.config/containers/systemd/${unit.fileName}, then run systemctl --user daemon-reload there.`,
  );
  try {
    return { path: await saveQuadlet(unit, { dir: host.quadletDir(), overwrite }) };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      throw invalidInput(
        'overwrite',
        `${unit.fileName} already exists in your Quadlet directory`,
        'Save again with overwrite to replace it.',
      );
    }
    throw e;
  }
}
