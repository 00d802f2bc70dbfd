import { describe, expect, it } from 'vitest';
import { loginFailure } from './registries.js';

describe('loginFailure: the engine’s "login attempt … failed" in words, on the field at fault', () => {
  const msg = (cause: string) => `login attempt to r.io failed with status: ${cause}`;
  it.each([
    [msg('401 Unauthorized'), 'permission', 'password'],
    [msg('x509: certificate signed by unknown authority'), 'engine_error', 'registry'],
    [
      msg(
        'pinging container registry r.io: Get "https://r.io/v2/": http: server gave HTTP response to HTTPS client',
      ),
      'engine_error',
      'registry',
    ],
    [
      msg('pinging container registry r.io: dial tcp 127.0.0.1:1: connect: connection refused'),
      'engine_unreachable',
      'registry',
    ],
    [msg('something else'), 'engine_error', 'registry'],
  ])('%s', (engineMessage, code, field) => {
    const e = loginFailure('r.io', engineMessage);
    expect([e.code, e.field]).toEqual([code, field]);
    expect(e.message).toContain('r.io');
  });
  it('a TLS failure says where the CA goes; plain HTTP says how to log in anyway', () => {
    expect(loginFailure('r.io:5000', msg('x509: bad')).hint).toContain('certs.d/r.io:5000/ca.crt');
    expect(loginFailure('r.io', msg('http: server gave HTTP response to HTTPS client')).hint).toContain(
      'podman login --tls-verify=false r.io',
    );
  });
});
