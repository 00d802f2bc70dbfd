// Name resolution on created networks, from /libpod/info as Podman 4.3 and 5.x put it (through factsFromInfo,
// as the engine client reads it) to the verdict the doctor and the Networks view show.
import { describe, expect, it } from 'vitest';
import { factsFromInfo } from '../clients/system.js';
import { DNS_PLUGINS, networkNameResolution, NO_NAME_RESOLUTION } from './network-dns.js';
import type { NetworkDnsPlugin } from './types.js';

/** /libpod/info of Debian 12's Podman 4.3.1: a backend, nothing about its plugins. */
const info43 = (backend: string) => ({
  host: { networkBackend: backend, security: { rootless: true } },
  store: {},
  version: { Version: '4.3.1', APIVersion: '4.3.1' },
});

/** /libpod/info of Debian 13's Podman 5.4.2 (read from the guest), with the DNS part as given. */
const info54 = (dns: Record<string, string>, backend = 'netavark') => ({
  host: {
    networkBackend: backend,
    networkBackendInfo: {
      backend,
      version: 'netavark 1.14.0',
      package: 'netavark_1.14.0-2_amd64',
      path: '/usr/lib/podman/netavark',
      dns,
    },
    security: { rootless: true },
  },
  store: {},
  version: { Version: '5.4.2', APIVersion: '5.4.2' },
});

const AARDVARK_54 = {
  version: 'aardvark-dns 1.14.0',
  package: 'aardvark-dns_1.14.0-3_amd64',
  path: '/usr/lib/podman/aardvark-dns',
};
/** What 5.4 reports with netavark but no aardvark-dns where it looks (checked on the guest). */
const NO_AARDVARK_54 = { package: 'Unknown' };

const onHost = (backend: 'netavark' | 'cni', path?: string): NetworkDnsPlugin => ({
  source: 'host',
  searched: DNS_PLUGINS[backend].dirs,
  ...(path ? { path } : {}),
});

describe('name resolution on created networks', () => {
  const cases: {
    name: string;
    info: unknown;
    local?: NetworkDnsPlugin;
    status: 'ok' | 'broken' | 'unknown';
    evidence: RegExp;
    fix?: RegExp;
  }[] = [
    {
      name: 'Podman 4.3, local, CNI without dnsname (a Debian 12 host where Podman ran before netavark)',
      info: info43('cni'),
      local: onHost('cni'),
      status: 'broken',
      evidence: /dnsname: not in \/usr\/local\/libexec\/cni, .*\/usr\/lib\/cni, \/opt\/cni\/bin/,
      fix: /apt-get install netavark aardvark-dns[\s\S]*\[network\]\nnetwork_backend = "netavark"/,
    },
    {
      name: 'Podman 4.3, local, CNI with dnsname',
      info: info43('cni'),
      local: onHost('cni', '/usr/lib/cni/dnsname'),
      status: 'ok',
      evidence: /dnsname: \/usr\/lib\/cni\/dnsname/,
    },
    {
      name: 'Podman 4.3, local, netavark with aardvark-dns',
      info: info43('netavark'),
      local: onHost('netavark', '/usr/lib/podman/aardvark-dns'),
      status: 'ok',
      evidence: /aardvark-dns: \/usr\/lib\/podman\/aardvark-dns/,
    },
    {
      name: 'Podman 4.3, local, netavark without aardvark-dns',
      info: info43('netavark'),
      local: onHost('netavark'),
      status: 'broken',
      evidence: /aardvark-dns: not in .*\/usr\/lib\/podman/,
      fix: /apt-get install aardvark-dns/,
    },
    {
      name: 'Podman 4.3, remote: the engine does not report it and this machine’s files are not its',
      info: info43('cni'),
      status: 'unknown',
      evidence: /networkBackendInfo not reported/,
    },
    {
      name: 'Podman 5.4, remote, netavark with aardvark-dns',
      info: info54(AARDVARK_54),
      status: 'ok',
      evidence: /engine: networkBackendInfo.dns.path \/usr\/lib\/podman\/aardvark-dns/,
    },
    {
      name: 'Podman 5.4, remote, netavark without aardvark-dns',
      info: info54(NO_AARDVARK_54),
      status: 'broken',
      evidence: /networkBackendInfo.dns.path \(none/,
      fix: /apt-get install aardvark-dns/,
    },
    {
      name: 'Podman 5.x, local: the engine’s report wins over this machine’s directories',
      info: info54(NO_AARDVARK_54),
      local: onHost('netavark', '/usr/lib/podman/aardvark-dns'),
      status: 'broken',
      evidence: /engine: networkBackendInfo/,
      fix: /apt-get install aardvark-dns/,
    },
    {
      name: 'a CNI build of Podman that reports its plugins, with dnsname',
      info: info54({ path: '/usr/libexec/cni/dnsname', version: 'dnsname v1.3.1' }, 'cni'),
      status: 'ok',
      evidence: /\/usr\/libexec\/cni\/dnsname/,
    },
  ];

  it.each(cases)('$name → $status', ({ info, local, status, evidence, fix }) => {
    const facts = factsFromInfo(info, local ? { networkDns: local } : {});
    const v = networkNameResolution(facts);
    expect(v.status).toBe(status);
    expect(v.evidence.join('\n')).toMatch(evidence);
    if (status === 'broken') expect(v.summary).toContain(NO_NAME_RESOLUTION);
    else expect(v.summary).not.toContain(NO_NAME_RESOLUTION);
    if (fix) expect(v.fix).toMatch(fix);
    else expect(v.fix).toBeUndefined();
  });

  it('says nothing before the host facts are known, and does not guess for a backend it does not know', () => {
    expect(networkNameResolution(undefined)).toBeUndefined();
    const v = networkNameResolution({ networkBackend: 'bridge-of-the-future' });
    expect(v).toMatchObject({ status: 'unknown' });
    expect(v.fix).toBeUndefined();
  });
});
