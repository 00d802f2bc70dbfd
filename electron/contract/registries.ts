// Registry logins (kept in the user's auth.json, where `podman login` keeps them). The password crosses the
// contract once, on login; nothing the contract returns carries it.
import { z } from 'zod';
import type { RegistryLogin } from '../../core/model/registry.js';
import { ch, none } from './define.js';

export const channels = {
  'registries.list': ch<RegistryLogin[]>()(none),
  'registries.login': ch<RegistryLogin>()(
    z.strictObject({
      registry: z.string().max(1000),
      username: z.string().max(1000),
      password: z.string().max(20_000),
    }),
  ),
  'registries.logout': ch<void>()(z.strictObject({ registry: z.string().max(1000) })),
} as const;

export const topics = {} as const;
export const messages = {} as const;
