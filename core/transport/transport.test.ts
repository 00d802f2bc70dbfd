import { describe, expect, it } from 'vitest';
import { buildPath, buildQuery, type Endpoint } from './api-client.js';
import { mapEngineError } from './error-mapping.js';

const ep: Endpoint = {
  method: 'POST',
  path: '/libpod/containers/{id}/stop',
  response: 'none',
  name: 'container stop',
};

describe('endpoint paths', () => {
  it('versions the path, fills and encodes parameters, encodes the query', () => {
    expect(buildPath(ep, '4.3.1', { params: { id: 'a b/c' }, query: { t: 5, ignore: true } })).toBe(
      '/v4.3.1/libpod/containers/a%20b%2Fc/stop?t=5&ignore=true',
    );
  });
  it('JSON-encodes filters, repeats arrays and drops undefined', () => {
    expect(buildQuery({ filters: { label: ['a=b'] }, x: ['1', '2'], y: undefined })).toBe(
      '?filters=%7B%22label%22%3A%5B%22a%3Db%22%5D%7D&x=1&x=2',
    );
  });
  it('refuses a missing parameter', () => {
    expect(() => buildPath(ep, '4.3.1')).toThrow(/missing path parameter id/);
  });
});

describe('engine error mapping', () => {
  const map = (status: number, message: string, overrides?: Record<number, 'not_found'>) =>
    mapEngineError(
      status,
      { cause: message, message, response: status },
      { operation: 'op', ...(overrides ? { overrides } : {}) },
    );

  it('maps statuses to codes', () => {
    expect(map(404, 'no such container').code).toBe('not_found');
    expect(map(409, 'container is paused').code).toBe('conflict');
    expect(map(500, 'something broke').code).toBe('engine_error');
  });

  it.each([
    [
      'crun: cgroups in hybrid mode not supported, drop all controllers from cgroupv2',
      'unsupported_on_host',
      /runtime = "runc"/,
    ],
    [
      // Podman 4.3.1, rootless on cgroup v1 (seen in the integration suite)
      'can not pause containers on rootless containers with cgroup V1: this container does not have a cgroup',
      'unsupported_on_host',
      /cgroup v2/,
    ],
    [
      'rootlessport cannot expose privileged port 80, you can add net.ipv4.ip_unprivileged_port_start=80',
      'permission',
      /ip_unprivileged_port_start=80/,
    ],
    [
      'short-name "alpine" did not resolve to an alias and no unqualified-search registries are defined in "/etc/containers/registries.conf"',
      'invalid_input',
      /unqualified-search-registries/,
    ],
    [
      'the container name "web" is already in use by abc. You have to remove that container',
      'conflict',
      /another name/,
    ],
    ['cannot set up namespace using "/usr/bin/newuidmap": exit status 1', 'unsupported_on_host', /subuid/],
    [
      'error creating container storage: open /data: permission denied in bind mount',
      'permission',
      /keep-id:uid=/,
    ],
    ['rootlessport listen tcp 127.0.0.1:8080: bind: address already in use', 'conflict', /random/],
    [
      // Podman 5.4, a container removed while it was inspected: 500, not 404
      'no container with ID 11f4cc12029f found in database: no such container',
      'not_found',
      /removed outside Burrow/,
    ],
    [
      // Podman 5.4 on a remote engine, whose files Burrow cannot check before the create
      'opening seccomp profile failed: open /nonexistent/seccomp.json: no such file or directory',
      'invalid_input',
      /engine's host/,
    ],
  ])('gives a specific hint for %s', (message, code, hint) => {
    const e = map(500, message);
    expect(e.code).toBe(code);
    expect(e.hint).toMatch(hint);
    expect(e.message).toContain(message);
  });

  it('keeps an explicit status override over a pattern', () => {
    expect(map(404, 'image not known', { 404: 'not_found' }).code).toBe('not_found');
  });

  it('accepts a plain-text body', () => {
    const e = mapEngineError(502, 'bad gateway', { operation: 'op' });
    expect(e.code).toBe('engine_error');
    expect(e.message).toBe('op failed: bad gateway');
  });
});
