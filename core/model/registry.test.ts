import { describe, expect, it } from 'vitest';
import { BurrowError } from '../errors.js';
import { loginFor, registryHost, registryKey, validatePassword, validateUsername } from './registry.js';

function refused(fn: () => unknown): BurrowError {
  try {
    fn();
  } catch (e) {
    if (e instanceof BurrowError) return e;
  }
  throw new Error('expected invalid_input');
}

describe('registryKey: what the user typed → the auth.json key podman uses', () => {
  it.each([
    ['quay.io', 'quay.io'],
    [' Quay.IO ', 'quay.io'],
    ['https://quay.io/v2/', 'quay.io'],
    ['http://127.0.0.1:5000', '127.0.0.1:5000'],
    ['127.0.0.1:5000/', '127.0.0.1:5000'],
    ['index.docker.io', 'docker.io'],
    ['registry-1.docker.io', 'docker.io'],
    ['docker.io', 'docker.io'],
    ['quay.io/team/sub', 'quay.io/team/sub'],
    ['[::1]:5000', '[::1]:5000'],
    ['localhost:5000', 'localhost:5000'],
  ])('%s → %s', (input, key) => expect(registryKey(input)).toBe(key));

  it.each([
    '',
    '   ',
    'ftp://quay.io',
    'quay io',
    'host:0',
    'host:99999',
    '-bad.example',
    'quay.io/Team',
    'quay.io/a//b',
  ])('refuses %j on the registry field with a hint', (input) => {
    const e = refused(() => registryKey(input));
    expect([e.code, e.field, typeof e.hint]).toEqual(['invalid_input', 'registry', 'string']);
  });

  it('names the field it was given', () =>
    expect(refused(() => registryKey('', 'server')).field).toBe('server'));

  it('registryHost drops a namespace', () => {
    expect(registryHost('quay.io/team')).toBe('quay.io');
    expect(registryHost('127.0.0.1:5000')).toBe('127.0.0.1:5000');
  });
});

describe('loginFor: the longest stored key that covers a repository', () => {
  const logins = [{ registry: 'quay.io' }, { registry: 'quay.io/team' }, { registry: '127.0.0.1:5000' }];
  it.each([
    ['quay.io/team/app', 'quay.io/team'],
    ['quay.io/other/app', 'quay.io'],
    ['quay.io/teamx/app', 'quay.io'],
    ['127.0.0.1:5000/a', '127.0.0.1:5000'],
    ['127.0.0.1:50001/a', undefined],
    ['docker.io/library/alpine', undefined],
  ])('%s → %s', (repo, key) => expect(loginFor(logins, repo)).toBe(key));
});

describe('user names and passwords', () => {
  it('accepts ordinary ones', () => {
    expect(validateUsername('alice')).toBe('alice');
    expect(validatePassword('p:a:s s')).toBe('p:a:s s');
  });
  it.each([[''], ['a:b'], ['a\nb'], ['x'.repeat(513)]])('refuses user name %j', (u) => {
    const e = refused(() => validateUsername(u));
    expect([e.field, typeof e.hint]).toEqual(['username', 'string']);
  });
  it.each([[''], ['x'.repeat(16_385)]])('refuses password of length %#', (p) => {
    const e = refused(() => validatePassword(p));
    expect([e.field, typeof e.hint]).toEqual(['password', 'string']);
    expect(e.message).not.toContain('xxxx');
  });
});
