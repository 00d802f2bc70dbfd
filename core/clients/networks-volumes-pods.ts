// Networks, volumes and pods: small clients over the same request layer.
import { isIP } from 'node:net';
import type { NetworksClient, PodsClient, VolumesClient } from '../engine-api.js';
import type { HostAccess } from '../host-access.js';
import { BurrowError, invalidInput } from '../errors.js';
import type { CreateNetworkSpec, NetworkSummary, PodSummary, VolumeSummary } from '../model/types.js';
import { formatUserns } from '../model/userns.js';
import { defineEndpoints } from '../transport/api-client.js';
import { checkVolumeName, createVolumeArchive } from './volume-archive.js';
import {
  asRecord,
  asString,
  asStringRecord,
  isoOrUndefined,
  pruneReport,
  type ClientContext,
} from './context.js';

const NAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

export const networkEndpoints = defineEndpoints({
  list: { method: 'GET', path: '/libpod/networks/json', response: 'json', name: 'network list' },
  inspect: {
    method: 'GET',
    path: '/libpod/networks/{name}/json',
    response: 'json',
    name: 'network inspect',
    errors: { 404: 'not_found' },
  },
  create: { method: 'POST', path: '/libpod/networks/create', response: 'json', name: 'network create' },
  remove: {
    method: 'DELETE',
    path: '/libpod/networks/{name}',
    response: 'json',
    name: 'network remove',
    errors: { 404: 'not_found' },
  },
  connect: {
    method: 'POST',
    path: '/libpod/networks/{name}/connect',
    response: 'none',
    name: 'network connect',
  },
  disconnect: {
    method: 'POST',
    path: '/libpod/networks/{name}/disconnect',
    response: 'none',
    name: 'network disconnect',
  },
  prune: { method: 'POST', path: '/libpod/networks/prune', response: 'json', name: 'network prune' },
  containers: { method: 'GET', path: '/libpod/containers/json', response: 'json', name: 'container list' },
});

export const volumeEndpoints = defineEndpoints({
  list: { method: 'GET', path: '/libpod/volumes/json', response: 'json', name: 'volume list' },
  inspect: {
    method: 'GET',
    path: '/libpod/volumes/{name}/json',
    response: 'json',
    name: 'volume inspect',
    errors: { 404: 'not_found' },
  },
  create: { method: 'POST', path: '/libpod/volumes/create', response: 'json', name: 'volume create' },
  remove: {
    method: 'DELETE',
    path: '/libpod/volumes/{name}',
    response: 'none',
    name: 'volume remove',
    errors: { 404: 'not_found' },
  },
  prune: { method: 'POST', path: '/libpod/volumes/prune', response: 'json', name: 'volume prune' },
});

export const podEndpoints = defineEndpoints({
  list: { method: 'GET', path: '/libpod/pods/json', response: 'json', name: 'pod list' },
  create: { method: 'POST', path: '/libpod/pods/create', response: 'json', name: 'pod create' },
  start: {
    method: 'POST',
    path: '/libpod/pods/{name}/start',
    response: 'json',
    okStatuses: [304],
    name: 'pod start',
    timeoutMs: 120_000,
  },
  stop: {
    method: 'POST',
    path: '/libpod/pods/{name}/stop',
    response: 'json',
    okStatuses: [304],
    name: 'pod stop',
    timeoutMs: 300_000,
  },
  remove: {
    method: 'DELETE',
    path: '/libpod/pods/{name}',
    response: 'json',
    name: 'pod remove',
    errors: { 404: 'not_found' },
  },
  exists: { method: 'GET', path: '/libpod/pods/{name}/exists', response: 'none', name: 'pod exists' },
});

export function toNetwork(raw: unknown, containers: string[] = []): NetworkSummary {
  const n = asRecord(raw);
  return {
    id: asString(n.id),
    name: asString(n.name),
    driver: asString(n.driver),
    subnets: (Array.isArray(n.subnets) ? n.subnets : []).map((s) => {
      const o = asRecord(s);
      return { subnet: asString(o.subnet), ...(asString(o.gateway) ? { gateway: asString(o.gateway) } : {}) };
    }),
    internal: n.internal === true,
    dnsEnabled: n.dns_enabled === true,
    createdAt: isoOrUndefined(n.created) ?? new Date(0).toISOString(),
    labels: asStringRecord(n.labels),
    containers,
  };
}

function checkCidr(v: string, field: string): void {
  const [ip, bits] = v.split('/');
  const max = ip && isIP(ip) === 6 ? 128 : 32;
  if (!ip || !isIP(ip) || bits === undefined || !/^\d+$/.test(bits) || Number(bits) > max) {
    throw invalidInput(field, `"${v}" is not a subnet`, 'Use CIDR notation, e.g. 10.89.5.0/24.');
  }
}

export function validateNetworkSpec(spec: CreateNetworkSpec): void {
  if (!spec.name || !NAME_RE.test(spec.name))
    throw invalidInput(
      'name',
      `"${spec.name ?? ''}" is not a valid network name`,
      'Letters, digits, "_", "." and "-", starting with a letter or digit.',
    );
  if (spec.driver && !['bridge', 'macvlan', 'ipvlan'].includes(spec.driver))
    throw invalidInput(
      'driver',
      `Unknown driver "${spec.driver}"`,
      'Rootless networks use the bridge driver.',
    );
  if (spec.subnet) checkCidr(spec.subnet, 'subnet');
  if (spec.gateway) {
    if (!isIP(spec.gateway)) throw invalidInput('gateway', `"${spec.gateway}" is not an IP address`);
    if (!spec.subnet) throw invalidInput('gateway', 'A gateway needs a subnet', 'Set the subnet too.');
  }
  for (const [i, d] of (spec.dnsServers ?? []).entries())
    if (!isIP(d)) throw invalidInput(`dnsServers[${i}]`, `"${d}" is not an IP address`);
}

export function createNetworksClient(ctx: ClientContext): NetworksClient {
  const { api } = ctx;
  const E = networkEndpoints;
  async function attached(name: string): Promise<string[]> {
    const list = await api.call<unknown[]>(E.containers, {
      query: { all: true, filters: { network: [name] } },
    });
    return (Array.isArray(list) ? list : []).map((c) => asString(asRecord(c).Id));
  }
  return {
    async list() {
      const raw = await api.call<unknown[]>(E.list);
      return (Array.isArray(raw) ? raw : []).map((n) => toNetwork(n));
    },
    async inspect(name) {
      const [raw, ids] = await Promise.all([api.call(E.inspect, { params: { name } }), attached(name)]);
      return toNetwork(raw, ids);
    },
    async create(spec) {
      validateNetworkSpec(spec);
      const raw = await api.call(E.create, {
        body: {
          name: spec.name,
          driver: spec.driver ?? 'bridge',
          ...(spec.subnet
            ? { subnets: [{ subnet: spec.subnet, ...(spec.gateway ? { gateway: spec.gateway } : {}) }] }
            : {}),
          internal: spec.internal ?? false,
          dns_enabled: spec.dnsEnabled ?? true,
          ...(spec.dnsServers?.length ? { network_dns_servers: spec.dnsServers } : {}),
          ...(spec.labels ? { labels: spec.labels } : {}),
        },
      });
      return toNetwork(raw);
    },
    async remove(name, opts = {}) {
      const report = await api.call(E.remove, { params: { name }, query: { force: opts.force ?? false } });
      for (const r of Array.isArray(report) ? report : []) {
        const err = asString(asRecord(r).Err);
        if (err)
          throw new BurrowError({
            code: /in use|has associated containers/i.test(err) ? 'conflict' : 'engine_error',
            message: `network remove failed: ${err}`,
            hint: 'Disconnect or remove its containers first, or force the removal.',
          });
      }
    },
    async connect(network, container, opts = {}) {
      await api.call(E.connect, {
        params: { name: network },
        body: { container, ...(opts.aliases?.length ? { aliases: opts.aliases } : {}) },
      });
    },
    async disconnect(network, container, opts = {}) {
      await api.call(E.disconnect, {
        params: { name: network },
        body: { Container: container, Force: opts.force ?? false },
      });
    },
    async prune() {
      return pruneReport(await api.call(E.prune));
    },
  };
}

export function toVolume(raw: unknown): VolumeSummary {
  const v = asRecord(raw);
  return {
    name: asString(v.Name),
    driver: asString(v.Driver),
    mountpoint: asString(v.Mountpoint),
    createdAt: isoOrUndefined(v.CreatedAt) ?? new Date(0).toISOString(),
    labels: asStringRecord(v.Labels),
    options: asStringRecord(v.Options),
  };
}

/** `host`: whether the engine's host is this machine decides how volumes travel to and from archives. */
export function createVolumesClient(ctx: ClientContext, host: HostAccess): VolumesClient {
  const { api } = ctx;
  const E = volumeEndpoints;
  const archive = createVolumeArchive(api, host, {
    mountpoint: async (name) =>
      asString(asRecord(await api.call(E.inspect, { params: { name } })).Mountpoint),
    create: async (name) => void (await api.call(E.create, { body: { Name: name } })),
    remove: (name) => api.call(E.remove, { params: { name }, query: { force: true } }),
  });
  return {
    async list() {
      const raw = await api.call<unknown[]>(E.list);
      return (Array.isArray(raw) ? raw : []).map(toVolume);
    },
    async inspect(name) {
      const raw = await api.call(E.inspect, { params: { name } });
      return { ...toVolume(raw), raw };
    },
    export: archive.export,
    import: archive.import,
    async create(spec) {
      if (spec.name !== undefined) checkVolumeName(spec.name);
      // libpod's volume create takes "Label" (singular) in Podman 4.x and 5.x.
      return toVolume(
        await api.call(E.create, {
          body: {
            ...(spec.name ? { Name: spec.name } : {}),
            ...(spec.driver ? { Driver: spec.driver } : {}),
            ...(spec.labels ? { Label: spec.labels } : {}),
            ...(spec.options ? { Options: spec.options } : {}),
          },
        }),
      );
    },
    async remove(name, opts = {}) {
      await api.call(E.remove, { params: { name }, query: { force: opts.force ?? false } });
    },
    async prune(opts = {}) {
      return pruneReport(await api.call(E.prune, opts.filters ? { query: { filters: opts.filters } } : {}));
    },
  };
}

export function toPod(raw: unknown): PodSummary {
  const p = asRecord(raw);
  return {
    id: asString(p.Id),
    name: asString(p.Name),
    status: asString(p.Status),
    createdAt: isoOrUndefined(p.Created) ?? new Date(0).toISOString(),
    containers: (Array.isArray(p.Containers) ? p.Containers : []).map((c) => {
      const o = asRecord(c);
      return { id: asString(o.Id), name: asString(o.Names), state: asString(o.Status) };
    }),
    ...(asString(p.InfraId) ? { infraId: asString(p.InfraId) } : {}),
    labels: asStringRecord(p.Labels),
  };
}

export function createPodsClient(ctx: ClientContext): PodsClient {
  const { api } = ctx;
  const E = podEndpoints;
  const errs = (report: unknown, op: string) => {
    const r = asRecord(report);
    const list = Array.isArray(r.Errs) ? r.Errs : [];
    if (list.length)
      throw new BurrowError({
        code: 'engine_error',
        message: `${op} failed: ${list.map(String).join('; ')}`,
      });
  };
  return {
    async list() {
      const raw = await api.call<unknown[]>(E.list);
      return (Array.isArray(raw) ? raw : []).map(toPod);
    },
    async create(spec) {
      if (!NAME_RE.test(spec.name))
        throw invalidInput(
          'name',
          `"${spec.name}" is not a valid pod name`,
          'Names start with a letter or digit and contain only letters, digits, "_", "." and "-".',
        );
      // Quirk (4.3 and 5.x): the pod API refuses nsmode "nomap" like the container API, and has no id mappings
      // to send instead (containers get them: spec-generator.ts).
      if (spec.userns?.kind === 'nomap')
        throw invalidInput(
          'userns',
          'Podman cannot make a pod with userns=nomap through its API',
          'Use keep-id (you are mapped) or auto, or run `podman pod create --userns=nomap` in a terminal.',
        );
      for (const [i, p] of (spec.ports ?? []).entries()) {
        for (const [k, v] of [
          ['containerPort', p.containerPort],
          ['hostPort', p.hostPort],
        ] as const)
          if (v !== undefined && (!Number.isInteger(v) || v < (k === 'hostPort' ? 0 : 1) || v > 65535))
            throw invalidInput(
              `ports[${i}].${k}`,
              `Port ${v} is out of range`,
              'Ports are whole numbers up to 65535.',
            );
      }
      const taken = await api.call(E.exists, { params: { name: spec.name } }).then(
        () => true,
        (e: unknown) => {
          if (e instanceof BurrowError && e.code === 'not_found') return false;
          throw e;
        },
      );
      if (taken)
        throw invalidInput(
          'name',
          `A pod named "${spec.name}" already exists`,
          'Pick another name, or remove that pod.',
        );
      const r = asRecord(
        await api.call(E.create, {
          body: {
            name: spec.name,
            ...(spec.labels ? { labels: spec.labels } : {}),
            ...(spec.ports?.length
              ? {
                  portmappings: spec.ports.map((p) => ({
                    container_port: p.containerPort,
                    protocol: p.protocol,
                    ...(p.hostPort ? { host_port: p.hostPort } : {}),
                    ...(p.hostIp ? { host_ip: p.hostIp } : {}),
                  })),
                }
              : {}),
            ...(spec.userns && spec.userns.kind !== 'host'
              ? {
                  userns: {
                    nsmode: spec.userns.kind,
                    ...(formatUserns(spec.userns).includes(':')
                      ? { value: formatUserns(spec.userns).split(':')[1] }
                      : {}),
                  },
                }
              : {}),
          },
        }),
      );
      return { id: asString(r.Id) };
    },
    async start(name) {
      errs(await api.call(E.start, { params: { name } }), 'pod start');
    },
    async stop(name) {
      errs(await api.call(E.stop, { params: { name } }), 'pod stop');
    },
    async remove(name, opts = {}) {
      const r = asRecord(
        await api.call(E.remove, { params: { name }, query: { force: opts.force ?? false } }),
      );
      if (asString(r.Err))
        throw new BurrowError({ code: 'engine_error', message: `pod remove failed: ${asString(r.Err)}` });
    },
  };
}
