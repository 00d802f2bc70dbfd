// Podman secrets: create from typed text or a file on this machine (sent to the engine, so a remote engine works
// too), list, inspect and remove. A secret's value goes to the engine once, at create; Burrow never asks for it
// back (no showsecret) and drops it from any answer that carries it anyway.
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import type { SecretsClient } from '../engine-api.js';
import { BurrowError, invalidInput } from '../errors.js';
import type { CreateSecretSpec, SecretDetail, SecretSummary } from '../model/types.js';
import { defineEndpoints } from '../transport/api-client.js';
import { asRecord, asString, asStringRecord, isoOrUndefined, type ClientContext } from './context.js';

/** Podman refuses secrets of 512000 bytes or more (containers/common pkg/secrets). */
export const MAX_SECRET_BYTES = 511_999;

export const secretEndpoints = defineEndpoints({
  list: { method: 'GET', path: '/libpod/secrets/json', response: 'json', name: 'secret list' },
  inspect: {
    method: 'GET',
    path: '/libpod/secrets/{name}/json',
    response: 'json',
    name: 'secret inspect',
    errors: { 404: 'not_found' },
  },
  create: { method: 'POST', path: '/libpod/secrets/create', response: 'json', name: 'secret create' },
  remove: {
    method: 'DELETE',
    path: '/libpod/secrets/{name}',
    response: 'none',
    name: 'secret remove',
    errors: { 404: 'not_found' },
  },
});

/** Podman's own rule (1–253 characters, none of , / = NUL), and no control characters or outer spaces. */
export function validateSecretName(name: string, field = 'name'): string {
  if (!name) throw invalidInput(field, 'A secret name is required', 'For example db-password.');
  if (name.length > 253)
    throw invalidInput(field, 'The name is longer than 253 characters', 'Podman allows up to 253.');
  if (/[,/=\u0000-\u001f\u007f]/.test(name) || name.trim() !== name)
    throw invalidInput(
      field,
      `"${name}" is not a valid secret name`,
      'Use letters, digits, "-", "_" and "."; no ",", "/", "=" or spaces at either end.',
    );
  return name;
}

export function toSecret(raw: unknown): SecretSummary {
  const s = asRecord(raw);
  const spec = asRecord(s.Spec);
  return {
    id: asString(s.ID) || asString(s.Id),
    name: asString(spec.Name),
    driver: asString(asRecord(spec.Driver).Name),
    createdAt: isoOrUndefined(s.CreatedAt) ?? new Date(0).toISOString(),
    updatedAt: isoOrUndefined(s.UpdatedAt) ?? isoOrUndefined(s.CreatedAt) ?? new Date(0).toISOString(),
    labels: asStringRecord(spec.Labels),
  };
}

/** The inspect document without any value in it (Podman 5 sends SecretData when asked; we never ask). */
export function withoutValue(raw: unknown): unknown {
  const { SecretData: _dropped, ...rest } = asRecord(raw);
  return rest;
}

async function secretBytes(spec: CreateSecretSpec): Promise<Buffer> {
  const hasText = spec.text !== undefined && spec.text !== '';
  const hasFile = spec.file !== undefined && spec.file !== '';
  if (hasText === hasFile)
    throw invalidInput(
      hasText ? 'file' : 'text',
      hasText ? 'Give the value as text or as a file, not both' : 'The secret needs a value',
      'Type the value, or give the path of a file that holds it.',
    );
  let data: Buffer;
  if (hasText) data = Buffer.from(spec.text ?? '', 'utf8');
  else {
    const file = spec.file ?? '';
    if (!isAbsolute(file))
      throw invalidInput(
        'file',
        'The file path must be absolute',
        'For example /home/you/secrets/db-password',
      );
    const st = await stat(file).catch(() => undefined);
    if (!st?.isFile())
      throw invalidInput(
        'file',
        `${file} is not a file`,
        'Check the path (it is on the machine Burrow runs on).',
      );
    if (st.size > MAX_SECRET_BYTES)
      throw invalidInput(
        'file',
        `${file} is larger than Podman's limit (${MAX_SECRET_BYTES} bytes)`,
        'Secrets are small: keys, passwords, tokens.',
      );
    data = await readFile(file).catch((e: unknown) => {
      throw invalidInput('file', `Cannot read ${file}: ${(e as Error).message}`, 'Check its permissions.');
    });
    if (data.length === 0) throw invalidInput('file', `${file} is empty`, 'A secret needs a value.');
  }
  if (data.length > MAX_SECRET_BYTES)
    throw invalidInput(
      hasText ? 'text' : 'file',
      `The value is larger than Podman's limit (${MAX_SECRET_BYTES} bytes)`,
      'Secrets are small: keys, passwords, tokens.',
    );
  return data;
}

export function createSecretsClient(ctx: ClientContext): SecretsClient {
  const { api } = ctx;
  const E = secretEndpoints;
  const inspect = async (name: string): Promise<SecretDetail> => {
    const raw = withoutValue(await api.call(E.inspect, { params: { name } }));
    return { ...toSecret(raw), raw };
  };
  return {
    async list() {
      const raw = await api.call<unknown[]>(E.list);
      return (Array.isArray(raw) ? raw : []).map(toSecret).sort((a, b) => a.name.localeCompare(b.name));
    },
    inspect,
    async create(spec) {
      const name = validateSecretName(spec.name);
      for (const k of Object.keys(spec.labels ?? {}))
        if (!k) throw invalidInput('labels', 'A label needs a key', 'Write key=value.');
      const data = await secretBytes(spec);
      try {
        await api.call(E.create, {
          query: {
            name,
            driver: 'file',
            ...(spec.labels && Object.keys(spec.labels).length
              ? { labels: JSON.stringify(spec.labels) }
              : {}),
          },
          rawBody: data,
          contentType: 'application/octet-stream',
        });
      } catch (e) {
        if (e instanceof BurrowError && /in use|already exists/i.test(e.message))
          throw new BurrowError({
            ...e.toData(),
            code: 'conflict',
            field: 'name',
            message: `A secret named ${name} exists`,
            hint: 'Pick another name, or remove the old secret first (containers using it keep their copy).',
          });
        throw e;
      }
      return inspect(name);
    },
    async remove(name) {
      await api.call(E.remove, { params: { name } });
    },
  };
}
