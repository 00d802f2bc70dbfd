// The table of bad create inputs: each row must be refused with `invalid_input` naming `field`, before any
// engine call. Shared by the unit tests (fake probe), the integration tests (real engine: nothing created) and
// the e2e suite (through the UI and the headless API).
import type { CreateContainerSpec } from './types.js';

export interface BadInput {
  name: string;
  /** Merged over a valid base spec. `image` may be replaced. */
  spec: Record<string, unknown>;
  field: string;
  /** What the probe should report (fake probe only; the real engine/host decides in integration tests). */
  needs?:
    | 'existing-name'
    | 'port-in-use'
    | 'privileged-port'
    | 'missing-path'
    | 'missing-network'
    | 'bad-seccomp'
    | 'no-seccomp-default'
    | 'missing-secret'
    | 'missing-image'
    | 'missing-pod'
    | 'existing-pod'
    | 'missing-container'
    | 'host-cpus'
    | 'subuid-range'
    | 'no-pasta'
    | 'no-slirp4netns'
    | 'cgroup-v1';
}

export const VALID_BASE: CreateContainerSpec = {
  image: 'localhost/burrow-test/busybox:latest',
  command: ['sleep', '1'],
};

export const BAD_INPUTS: BadInput[] = [
  // image references
  { name: 'empty image', spec: { image: '' }, field: 'image' },
  { name: 'image with a space', spec: { image: 'busy box' }, field: 'image' },
  { name: 'uppercase repository', spec: { image: 'docker.io/Library/Alpine' }, field: 'image' },
  { name: 'double colon tag', spec: { image: 'alpine::latest' }, field: 'image' },
  { name: 'tag with a slash', spec: { image: 'alpine:la/test' }, field: 'image' },
  { name: 'bad digest', spec: { image: 'alpine@sha256:xyz' }, field: 'image' },
  { name: 'image not a string', spec: { image: 42 }, field: 'image' },
  { name: 'unknown field (typo)', spec: { imagee: 'busybox' }, field: 'imagee' },
  { name: 'unknown nested field', spec: { limits: { memroy: '1g' } }, field: 'limits.memroy' },
  // names
  { name: 'name with a slash', spec: { name: 'web/1' }, field: 'name' },
  { name: 'name with a space', spec: { name: 'my web' }, field: 'name' },
  { name: 'name starting with a dash', spec: { name: '-web' }, field: 'name' },
  { name: 'duplicate name', spec: { name: '__EXISTING__' }, field: 'name', needs: 'existing-name' },
  // command, env, labels, paths
  { name: 'command as a string', spec: { command: 'sleep 1' }, field: 'command' },
  { name: 'env without =', spec: { env: ['FOO'] }, field: 'env[0]' },
  { name: 'env with an empty key', spec: { env: ['=value'] }, field: 'env[0]' },
  { name: 'env key with a space', spec: { env: ['MY VAR=1'] }, field: 'env[0]' },
  { name: 'label with an empty key', spec: { labels: { '': 'x' } }, field: 'labels' },
  { name: 'relative workdir', spec: { workdir: 'app' }, field: 'workdir' },
  { name: 'user a:b:c', spec: { user: 'a:b:c' }, field: 'user' },
  { name: 'invalid hostname', spec: { hostname: 'bad_host!' }, field: 'hostname' },
  // ports
  {
    name: 'container port 70000',
    spec: { ports: [{ containerPort: 70000, protocol: 'tcp' }] },
    field: 'ports[0].containerPort',
  },
  {
    name: 'container port 0',
    spec: { ports: [{ containerPort: 0, protocol: 'tcp' }] },
    field: 'ports[0].containerPort',
  },
  {
    name: 'host port 70000',
    spec: { ports: [{ containerPort: 80, hostPort: 70000, protocol: 'tcp' }] },
    field: 'ports[0].hostPort',
  },
  {
    name: 'port protocol sctp',
    spec: { ports: [{ containerPort: 80, protocol: 'sctp' }] },
    field: 'ports[0].protocol',
  },
  {
    name: 'invalid host IP',
    spec: { ports: [{ containerPort: 80, hostPort: 18080, hostIp: '300.1.1.1', protocol: 'tcp' }] },
    field: 'ports[0].hostIp',
  },
  {
    name: 'same host port twice',
    spec: {
      ports: [
        { containerPort: 80, hostPort: 18081, protocol: 'tcp' },
        { containerPort: 81, hostPort: 18081, protocol: 'tcp' },
      ],
    },
    field: 'ports[1].hostPort',
  },
  {
    name: 'host port in use',
    spec: { ports: [{ containerPort: 80, hostPort: -1, protocol: 'tcp' }] },
    field: 'ports[0].hostPort',
    needs: 'port-in-use',
  },
  {
    name: 'privileged host port 80',
    spec: { ports: [{ containerPort: 80, hostPort: 80, protocol: 'tcp' }] },
    field: 'ports[0].hostPort',
    needs: 'privileged-port',
  },
  {
    name: 'ports with host networking',
    spec: { network: { kind: 'host' }, ports: [{ containerPort: 80, protocol: 'tcp' }] },
    field: 'ports',
  },
  // mounts
  {
    name: 'relative container path',
    spec: { mounts: [{ type: 'tmpfs', target: 'tmp' }] },
    field: 'mounts[0].target',
  },
  {
    name: 'relative host path',
    spec: { mounts: [{ type: 'bind', source: 'data', target: '/data' }] },
    field: 'mounts[0].source',
  },
  {
    name: 'missing host path',
    spec: { mounts: [{ type: 'bind', source: '/nonexistent/burrow/dir', target: '/data' }] },
    field: 'mounts[0].source',
    needs: 'missing-path',
  },
  {
    name: 'unknown bind option',
    spec: { mounts: [{ type: 'bind', source: '/tmp', target: '/data', options: ['rx'] }] },
    field: 'mounts[0].options',
  },
  {
    name: 'ro and rw together',
    spec: { mounts: [{ type: 'bind', source: '/tmp', target: '/data', options: ['ro', 'rw'] }] },
    field: 'mounts[0].options',
  },
  {
    name: 'z and Z together',
    spec: { mounts: [{ type: 'bind', source: '/tmp', target: '/data', options: ['z', 'Z'] }] },
    field: 'mounts[0].options',
  },
  {
    name: 'invalid volume name',
    spec: { mounts: [{ type: 'volume', name: 'bad/vol', target: '/v' }] },
    field: 'mounts[0].name',
  },
  {
    name: 'two mounts on one path',
    spec: {
      mounts: [
        { type: 'tmpfs', target: '/x' },
        { type: 'tmpfs', target: '/x' },
      ],
    },
    field: 'mounts[1].target',
  },
  {
    name: 'tmpfs size 12zb',
    spec: { mounts: [{ type: 'tmpfs', target: '/x', size: '12zb' }] },
    field: 'mounts[0].size',
  },
  // user namespace
  { name: 'keep-id:uid=abc', spec: { userns: 'keep-id:uid=abc' }, field: 'userns' },
  { name: 'keep-id:uid=-1', spec: { userns: 'keep-id:uid=-1' }, field: 'userns' },
  { name: 'unknown userns mode', spec: { userns: 'sideways' }, field: 'userns' },
  { name: 'keep-id with an unknown option', spec: { userns: 'keep-id:home=1' }, field: 'userns' },
  // network
  { name: 'container: without an id', spec: { network: { kind: 'container', id: ' ' } }, field: 'network' },
  {
    name: 'invalid network name',
    spec: { network: { kind: 'bridge', networks: ['bad net'] } },
    field: 'network',
  },
  {
    name: 'unknown network',
    spec: { network: { kind: 'bridge', networks: ['bt-no-such-network'] } },
    field: 'network',
    needs: 'missing-network',
  },
  { name: 'DNS not an IP', spec: { dns: ['dns.example'] }, field: 'dns[0]' },
  // resources
  { name: 'memory 12zb', spec: { limits: { memory: '12zb' } }, field: 'limits.memory' },
  { name: 'memory below 6m', spec: { limits: { memory: '1m' } }, field: 'limits.memory' },
  {
    name: 'memory+swap below memory',
    spec: { limits: { memory: '512m', memorySwap: '256m' } },
    field: 'limits.memorySwap',
  },
  {
    name: 'memory reservation above memory',
    spec: { limits: { memory: '256m', memoryReservation: '1g' } },
    field: 'limits.memoryReservation',
  },
  { name: 'cpus -1', spec: { limits: { cpus: -1 } }, field: 'limits.cpus' },
  { name: 'cpus 0', spec: { limits: { cpus: 0 } }, field: 'limits.cpus' },
  { name: 'cpus as text', spec: { limits: { cpus: 'abc' } }, field: 'limits.cpus' },
  { name: 'cpu shares 1', spec: { limits: { cpuShares: 1 } }, field: 'limits.cpuShares' },
  { name: 'cpuset 0-', spec: { limits: { cpusetCpus: '0-' } }, field: 'limits.cpusetCpus' },
  { name: 'pids limit -5', spec: { limits: { pidsLimit: -5 } }, field: 'limits.pidsLimit' },
  { name: 'blkio weight 5', spec: { limits: { blkioWeight: 5 } }, field: 'limits.blkioWeight' },
  { name: 'blkio weight 2000', spec: { limits: { blkioWeight: 2000 } }, field: 'limits.blkioWeight' },
  // security
  { name: 'unknown capability', spec: { security: { capAdd: ['CAP_FLY'] } }, field: 'security.capAdd[0]' },
  {
    name: 'relative seccomp path',
    spec: { security: { seccompProfile: 'seccomp.json' } },
    field: 'security.seccompProfile',
  },
  {
    name: 'missing seccomp file',
    spec: { security: { seccompProfile: '/nonexistent/seccomp.json' } },
    field: 'security.seccompProfile',
  },
  {
    name: 'seccomp file not JSON',
    spec: { security: { seccompProfile: '__BAD_SECCOMP__' } },
    field: 'security.seccompProfile',
    needs: 'bad-seccomp',
  },
  {
    name: 'seccomp JSON without defaultAction',
    spec: { security: { seccompProfile: '__NO_DEFAULT_SECCOMP__' } },
    field: 'security.seccompProfile',
    needs: 'no-seccomp-default',
  },
  { name: 'unknown OCI runtime', spec: { security: { runtime: 'kata' } }, field: 'security.runtime' },
  // lifecycle
  { name: 'unknown restart policy', spec: { restartPolicy: 'sometimes' }, field: 'restartPolicy' },
  {
    name: 'retries without on-failure',
    spec: { restartPolicy: 'always', restartRetries: 3 },
    field: 'restartRetries',
  },
  {
    name: 'auto-remove with restart always',
    spec: { autoRemove: true, restartPolicy: 'always' },
    field: 'autoRemove',
  },
  {
    name: 'health check without CMD',
    spec: { healthcheck: { test: ['curl', 'x'] } },
    field: 'healthcheck.test',
  },
  {
    name: 'negative health interval',
    spec: { healthcheck: { test: ['CMD', 'true'], intervalSeconds: -1 } },
    field: 'healthcheck.intervalSeconds',
  },
  // secrets
  {
    name: 'secret name with a slash',
    spec: { secrets: [{ name: 'a/b', as: 'file' }] },
    field: 'secrets[0].name',
  },
  {
    name: 'secret given an unknown way',
    spec: { secrets: [{ name: 's', as: 'mount' }] },
    field: 'secrets[0].as',
  },
  {
    name: 'secret as a variable with a dash',
    spec: { secrets: [{ name: 'db-password', as: 'env' }] },
    field: 'secrets[0].target',
  },
  {
    name: 'secret file escaping /run/secrets',
    spec: { secrets: [{ name: 's', as: 'file', target: '../etc/passwd' }] },
    field: 'secrets[0].target',
  },
  {
    name: 'two secrets in one variable',
    spec: {
      secrets: [
        { name: 'a', as: 'env', target: 'TOKEN' },
        { name: 'b', as: 'env', target: 'TOKEN' },
      ],
    },
    field: 'secrets[1].target',
  },
  {
    name: 'secret that does not exist',
    spec: { secrets: [{ name: 'bt-no-such-secret', as: 'file' }] },
    field: 'secrets[0].name',
    needs: 'missing-secret',
  },
  {
    name: 'CMD-SHELL with two commands',
    spec: { healthcheck: { test: ['CMD-SHELL', 'true', 'false'] } },
    field: 'healthcheck.test',
  },
  { name: 'CMD without a program', spec: { healthcheck: { test: ['CMD'] } }, field: 'healthcheck.test' },
  {
    name: 'health check timeout 0',
    spec: { healthcheck: { test: ['CMD', 'true'], timeoutSeconds: 0 } },
    field: 'healthcheck.timeoutSeconds',
  },
  {
    name: 'health check retries 0',
    spec: { healthcheck: { test: ['CMD', 'true'], retries: 0 } },
    field: 'healthcheck.retries',
  },
  {
    name: 'unknown on-failure action',
    spec: { healthcheck: { test: ['CMD', 'true'], onFailure: 'explode' } },
    field: 'healthcheck.onFailure',
  },
  // references to other objects: checked before anything is made
  {
    name: 'image not on this engine',
    spec: { image: 'localhost/burrow-test/no-such-image:latest' },
    field: 'image',
    needs: 'missing-image',
  },
  { name: 'pod that does not exist', spec: { pod: 'bt-no-such-pod' }, field: 'pod', needs: 'missing-pod' },
  { name: 'pod name with a slash', spec: { pod: 'a/b' }, field: 'pod' },
  {
    name: 'ports in a pod',
    spec: { pod: '__POD__', ports: [{ containerPort: 80, protocol: 'tcp' }] },
    field: 'ports',
    needs: 'existing-pod',
  },
  {
    name: 'hostname in a pod',
    spec: { pod: '__POD__', hostname: 'web' },
    field: 'hostname',
    needs: 'existing-pod',
  },
  {
    name: 'network of a container that does not exist',
    spec: { network: { kind: 'container', id: 'bt-no-such-container' } },
    field: 'network',
    needs: 'missing-container',
  },
  {
    name: 'network of a container named with a slash',
    spec: { network: { kind: 'container', id: 'a/b' } },
    field: 'network',
  },
  // quantities the engine's host decides
  {
    name: 'cpuset beyond the host’s CPUs',
    spec: { limits: { cpusetCpus: '0,4095' } },
    field: 'limits.cpusetCpus',
    needs: 'host-cpus',
  },
  {
    name: 'auto userns larger than the subordinate range',
    spec: { userns: { kind: 'auto', size: 100_000_000 } },
    field: 'userns',
    needs: 'subuid-range',
  },
  { name: 'auto userns size 0', spec: { userns: 'auto:size=0' }, field: 'userns' },
  { name: 'auto userns size as text', spec: { userns: { kind: 'auto', size: 'big' } }, field: 'userns' },
  {
    name: 'pasta where the engine has none',
    spec: { network: { kind: 'pasta' } },
    field: 'network',
    needs: 'no-pasta',
  },
  {
    name: 'slirp4netns where the engine has none',
    spec: { network: { kind: 'slirp4netns' } },
    field: 'network',
    needs: 'no-slirp4netns',
  },
  {
    name: 'crun on rootless cgroup v1',
    spec: { security: { runtime: 'crun' } },
    field: 'security.runtime',
    needs: 'cgroup-v1',
  },
  // control characters in arguments and single-line fields
  { name: 'NUL in a command argument', spec: { command: ['echo', 'a\u0000b'] }, field: 'command[1]' },
  {
    name: 'escape sequence in the entrypoint',
    spec: { entrypoint: ['\u001b[31mrun'] },
    field: 'entrypoint[0]',
  },
  { name: 'bell in an env value', spec: { env: ['A=x\u0007'] }, field: 'env[0]' },
  { name: 'escape in a label value', spec: { labels: { app: 'web\u001b[0m' } }, field: 'labels' },
  { name: 'newline in the working directory', spec: { workdir: '/app\n' }, field: 'workdir' },
  {
    name: 'NUL in a bind mount source',
    spec: { mounts: [{ type: 'bind', source: '/tmp\u0000x', target: '/x' }] },
    field: 'mounts[0].source',
  },
  {
    name: 'C1 control in a health check',
    spec: { healthcheck: { test: ['CMD-SHELL', 'true\u0085'] } },
    field: 'healthcheck.test[1]',
  },
];
