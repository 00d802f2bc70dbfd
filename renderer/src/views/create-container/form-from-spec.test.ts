import { describe, expect, it } from 'vitest';
import { specDiff } from '../../../../core/model/edit-spec.js';
import type { CreateContainerInput } from '../../../../core/model/types.js';
import { fromSpec } from './form-from-spec.js';
import { check, toSpec } from './to-spec.js';

const rich: CreateContainerInput = {
  image: 'localhost/burrow-test/busybox:latest',
  name: 'web',
  command: ['sh', '-c', 'echo "a b" && sleep 600'],
  entrypoint: ['/bin/tini', '--'],
  env: ['A=1', 'B=two words'],
  workdir: '/srv',
  user: '1001:1001',
  labels: { app: 'web', tier: 'front' },
  hostname: 'web-1',
  ports: [{ hostIp: '127.0.0.1', hostPort: 18080, containerPort: 8080, protocol: 'tcp' }],
  mounts: [
    { type: 'bind', source: '/srv/data', target: '/data', options: ['ro', 'Z'] },
    { type: 'volume', name: 'cache', target: '/cache', readOnly: true },
    { type: 'tmpfs', target: '/tmp', size: '64m' },
  ],
  userns: { kind: 'keep-id', uid: 1001, gid: 1001 },
  network: { kind: 'bridge', networks: ['appnet', 'other'] },
  limits: { memory: '128m', cpus: 0.5, cpusetCpus: '0-1', pidsLimit: 100 },
  security: { capDrop: ['ALL'], capAdd: ['NET_BIND_SERVICE'], noNewPrivileges: true, runtime: 'runc' },
  restartPolicy: 'on-failure',
  restartRetries: 2,
  tty: true,
  dns: ['192.0.2.53'],
  healthcheck: {
    test: ['CMD-SHELL', 'wget -q -O- localhost:8080 || exit 1'],
    intervalSeconds: 10,
    timeoutSeconds: 2,
    retries: 3,
    startPeriodSeconds: 5,
    onFailure: 'restart',
  },
};

describe('the edit form from a container’s settings', () => {
  it('shows them so that an unchanged form sends the same settings', () => {
    const { spec, issues } = toSpec(fromSpec(rich));
    expect(issues).toEqual([]);
    expect(specDiff(rich, spec)).toEqual([]);
    expect(check(fromSpec(rich)).issues).toEqual([]);
  });

  it('CMD health checks, auto and container network modes, pods and retries read back too', () => {
    const other: CreateContainerInput = {
      image: 'x',
      userns: { kind: 'auto', size: 2000 },
      network: { kind: 'container', id: 'db' },
      healthcheck: { test: ['CMD', 'pg_isready', '-U', 'app user'] },
    };
    expect(specDiff(other, toSpec(fromSpec(other)).spec)).toEqual([]);
    const inPod: CreateContainerInput = { image: 'x', pod: 'p1', restartPolicy: 'always' };
    expect(specDiff(inPod, toSpec(fromSpec(inPod)).spec)).toEqual([]);
  });

  it('an edit is listed field by field', () => {
    const f = fromSpec(rich);
    const edited = toSpec({ ...f, env: 'A=1\nB=changed', memory: '256m', hcOnFailure: 'stop' }).spec;
    expect(specDiff(rich, edited)).toEqual([
      { field: 'env', before: 'A=1 B=two words', after: 'A=1 B=changed' },
      { field: 'healthcheck.onFailure', before: 'restart', after: 'stop' },
      { field: 'limits.memory', before: '128m', after: '256m' },
    ]);
  });
});
