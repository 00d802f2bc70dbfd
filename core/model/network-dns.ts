// Containers on a created network reach each other by name only through the network backend's DNS plugin:
// aardvark-dns for netavark, the dnsname CNI plugin for CNI. Without it Podman still creates the network and
// runs the containers, and `wget http://other:8080` fails with "bad address". Debian 12's Podman 4.3 falls into
// this when it first ran before netavark was installed: it then stays on CNI (remembered in the graph root's
// `defaultNetworkBackend`), and Debian installs no dnsname plugin. One decision for the doctor and for the view
// where a network is created.
import type { HostFacts, NetworkDnsPlugin } from './types.js';

/** Each backend's DNS plugin and the directories Podman looks for it in by default (containers.conf). */
export const DNS_PLUGINS: Record<'netavark' | 'cni', { plugin: string; dirs: string[] }> = {
  netavark: {
    plugin: 'aardvark-dns',
    dirs: ['/usr/local/libexec/podman', '/usr/local/lib/podman', '/usr/libexec/podman', '/usr/lib/podman'],
  },
  cni: {
    plugin: 'dnsname',
    dirs: [
      '/usr/local/libexec/cni',
      '/usr/libexec/cni',
      '/usr/local/lib/cni',
      '/usr/lib/cni',
      '/opt/cni/bin',
    ],
  },
};

export const NO_NAME_RESOLUTION =
  'Containers on a created network cannot reach each other by name on this host';

export interface NameResolution {
  /** ok: names resolve; broken: they cannot (warn, with the fix); unknown: the engine does not say. */
  status: 'ok' | 'broken' | 'unknown';
  summary: string;
  /** What the verdict was read from: engine fields, or the plugin directories searched on this machine. */
  evidence: string[];
  fix?: string;
}

type DnsFacts = Pick<HostFacts, 'networkBackend' | 'networkDns'>;

const FIX_NETAVARK = 'sudo apt-get install aardvark-dns   # (Fedora: sudo dnf install aardvark-dns)';
const FIX_CNI = [
  'sudo apt-get install netavark aardvark-dns, then select netavark in ~/.config/containers/containers.conf:',
  '[network]',
  'network_backend = "netavark"',
  'and create your networks again (CNI and netavark keep separate network configurations; CNI is deprecated and gone in Podman 5)',
].join('\n');

function pluginEvidence(plugin: string, dns: NetworkDnsPlugin): string {
  if (dns.source === 'engine')
    return `engine: networkBackendInfo.dns.path ${dns.path ?? '(none: no DNS plugin found)'}`;
  return dns.path ? `${plugin}: ${dns.path}` : `${plugin}: not in ${(dns.searched ?? []).join(', ')}`;
}

/**
 * Can containers on a network created on this engine reach each other by name? Undefined while the host facts
 * are not known. Read from the engine's network backend and its DNS plugin as the engine reports it
 * (`host.networkBackendInfo.dns`, Podman 5; 4.3 does not report it), or, for a local engine that does not,
 * as found in this machine's plugin directories — never guessed for a remote one.
 */
export function networkNameResolution(facts: DnsFacts): NameResolution;
export function networkNameResolution(facts: DnsFacts | undefined): NameResolution | undefined;
export function networkNameResolution(facts: DnsFacts | undefined): NameResolution | undefined {
  if (!facts) return undefined;
  const backend = facts.networkBackend;
  const known = backend === 'netavark' || backend === 'cni' ? DNS_PLUGINS[backend] : undefined;
  const evidence = [`engine: networkBackend ${backend || '(not reported)'}`];
  if (!known) {
    return {
      status: 'unknown',
      summary: `Burrow does not know how the "${backend}" network backend resolves container names`,
      evidence,
    };
  }
  const dns = facts.networkDns;
  if (!dns) {
    evidence.push('engine: networkBackendInfo not reported (Podman 4.3 does not), and the engine is remote');
    return {
      status: 'unknown',
      summary: `The engine does not say whether ${known.plugin} is installed, so Burrow cannot tell whether containers on a created network reach each other by name`,
      evidence,
    };
  }
  evidence.push(pluginEvidence(known.plugin, dns));
  if (dns.path) {
    return {
      status: 'ok',
      summary: `${backend} with ${known.plugin}: containers on a created network reach each other by name`,
      evidence,
    };
  }
  return {
    status: 'broken',
    summary: `${NO_NAME_RESOLUTION}: ${backend} without its DNS plugin ${known.plugin}`,
    evidence,
    fix: backend === 'netavark' ? FIX_NETAVARK : FIX_CNI,
  };
}
