import { describe, expect, it } from 'vitest';
import type { CreateContainerSpec } from '../model/types.js';
import { applyHardenedPreset, defaultCapabilityTable, hardeningGaps } from './hardened.js';

const base: CreateContainerSpec = {
  image: 'localhost/burrow-test/busybox:latest',
  command: ['httpd', '-f'],
  mounts: [
    { type: 'tmpfs', target: '/tmp', size: '1g' },
    { type: 'bind', source: '/srv', target: '/srv' },
  ],
  security: { capAdd: ['SYS_ADMIN'], privileged: true, seccompProfile: 'unconfined' },
  limits: { cpus: 1 },
};

describe('hardened preset', () => {
  it('drops all capabilities, adds back only the chosen ones, and locks the rootfs', () => {
    const h = applyHardenedPreset(base, {
      capAdd: ['cap_net_bind_service'],
      seccompProfile: '/etc/burrow/seccomp.json',
    });
    expect(h.security).toEqual({
      capDrop: ['ALL'],
      capAdd: ['NET_BIND_SERVICE'],
      noNewPrivileges: true,
      readOnlyRootfs: true,
      privileged: false,
      seccompProfile: '/etc/burrow/seccomp.json',
    });
    expect(h.mounts).toEqual([
      { type: 'bind', source: '/srv', target: '/srv' },
      { type: 'tmpfs', target: '/tmp', size: '64m' },
    ]);
    expect(h.limits).toEqual({ cpus: 1, memory: '256m', pidsLimit: 128 });
    expect(h.image).toBe(base.image);
    expect(h.command).toEqual(base.command);
    expect(hardeningGaps(h)).toEqual([]);
  });

  it('replaces an unconfined seccomp setting with Podman’s default profile when no profile is chosen', () => {
    const h = applyHardenedPreset(base);
    expect(h.security).not.toHaveProperty('seccompProfile');
    expect(hardeningGaps(h)).toEqual([]);
    const kept = applyHardenedPreset({ ...base, security: { seccompProfile: '/p.json' } });
    expect(kept.security?.seccompProfile).toBe('/p.json');
    expect(hardeningGaps({ ...h, security: { ...h.security, seccompProfile: 'unconfined' } })).toEqual([
      'seccomp is disabled',
    ]);
  });

  it('names what an ordinary spec lacks', () => {
    expect(hardeningGaps({ image: 'x' })).toEqual([
      'capabilities are not dropped',
      'no-new-privileges is off',
      'the root filesystem is writable',
      'no memory limit',
      'no pids limit',
    ]);
  });

  it('shows Podman’s and Docker’s default capabilities side by side', () => {
    const table = defaultCapabilityTable();
    const row = (n: string) => table.find((r) => r.name === n);
    expect(row('NET_RAW')).toMatchObject({ podman: false, docker: true });
    expect(row('MKNOD')).toMatchObject({ podman: false, docker: true });
    expect(row('AUDIT_WRITE')).toMatchObject({ podman: false, docker: true });
    expect(row('CHOWN')).toMatchObject({ podman: true, docker: true });
    expect(table.filter((r) => r.podman)).toHaveLength(11);
    expect(table.filter((r) => r.docker)).toHaveLength(14);
    expect(table.every((r) => r.note.length > 0)).toBe(true);
  });
});
