import { describe, expect, it } from 'vitest';
import { BurrowError } from '../errors.js';
import type { ApiClient } from '../transport/api-client.js';
import { createSecretsClient, toSecret, validateSecretName, withoutValue } from './secrets.js';

const untouchable: ApiClient = {
  apiVersion: '5.4.0',
  call: () => Promise.reject(new Error('a refused request must not reach the engine')),
  open: () => Promise.reject(new Error('a refused request must not reach the engine')),
};

describe('secrets', () => {
  it('maps libpod’s secret report', () => {
    expect(
      toSecret({
        ID: 'abc',
        CreatedAt: '2026-01-02T03:04:05Z',
        UpdatedAt: '2026-01-02T03:04:06Z',
        Spec: { Name: 'db', Driver: { Name: 'file', Options: {} }, Labels: { a: 'b' } },
      }),
    ).toEqual({
      id: 'abc',
      name: 'db',
      driver: 'file',
      createdAt: '2026-01-02T03:04:05.000Z',
      updatedAt: '2026-01-02T03:04:06.000Z',
      labels: { a: 'b' },
    });
  });
  it('drops a value an engine sends anyway', () => {
    expect(withoutValue({ ID: 'x', SecretData: 'hunter2' })).toEqual({ ID: 'x' });
  });
  it.each(['db-password', 'a.b_c', 'x'.repeat(253)])('accepts name %#', (n) =>
    expect(validateSecretName(n)).toBe(n),
  );
  it.each(['', 'a,b', 'a/b', 'a=b', 'a\u0000b', ' a', 'a ', 'x'.repeat(254)])('refuses name %j', (n) => {
    expect(() => validateSecretName(n)).toThrow(BurrowError);
  });
  it('refuses text and file together, and neither, before calling the engine', async () => {
    const c = createSecretsClient({
      api: untouchable,
      hostFacts: () => Promise.reject(new Error('no')),
    });
    await expect(c.create({ name: 'a', text: 'x', file: '/etc/hostname' })).rejects.toMatchObject({
      field: 'file',
    });
    await expect(c.create({ name: 'a' })).rejects.toMatchObject({ field: 'text' });
    await expect(c.create({ name: 'a', file: 'rel' })).rejects.toMatchObject({ field: 'file' });
    await expect(c.create({ name: 'a', text: 'x', labels: { '': 'v' } })).rejects.toMatchObject({
      field: 'labels',
    });
  });
});
