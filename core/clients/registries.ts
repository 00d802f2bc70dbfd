// Registry logins: the engine checks the credentials against the registry (the Docker-compatible /auth endpoint,
// so it is checked from where pulls happen — the remote machine for a remote engine), then Burrow files them in
// the user's auth.json, where `podman login` files them. Passwords go to the engine once, to the file, and into
// the X-Registry-Auth header of later requests; never into an error, a log line or a result.
import type { RegistriesClient } from '../engine-api.js';
import { BurrowError } from '../errors.js';
import { registryHost, registryKey, validatePassword, validateUsername } from '../model/registry.js';
import type { AuthFile } from '../registry/auth-file.js';
import { defineEndpoints } from '../transport/api-client.js';
import { asRecord, asString, type ClientContext } from './context.js';

export const registryEndpoints = defineEndpoints({
  // Docker's compat endpoint; Podman's libpod API has no login of its own (podman --remote logs in client-side).
  auth: {
    method: 'POST',
    path: '/auth',
    compat: true,
    response: 'json',
    name: 'registry login',
    timeoutMs: 60_000,
  },
});

/** The engine's "login attempt to X failed with status: …" in words, with what to do, on the field at fault. */
export function loginFailure(registry: string, engineMessage: string): BurrowError {
  const m = engineMessage.replace(/^registry login failed: /, '');
  const cause = m.replace(/^login attempt to .*? failed with status: /, '');
  const base = { code: 'permission' as const, cause: m };
  if (/401 Unauthorized|unauthorized|invalid username\/password|incorrect username or password/i.test(cause))
    return new BurrowError({
      ...base,
      field: 'password',
      message: `${registry} refused the user name or password`,
      hint: 'Check both; registries that use access tokens take the token as the password.',
    });
  if (/x509|certificate|tls:/i.test(cause))
    return new BurrowError({
      ...base,
      code: 'engine_error',
      field: 'registry',
      message: `The engine does not trust ${registry}'s TLS certificate: ${cause}`,
      hint: `Put the registry's CA certificate in ~/.config/containers/certs.d/${registryHost(registry)}/ca.crt on the engine's host.`,
    });
  if (/server gave HTTP response to HTTPS client/i.test(cause))
    return new BurrowError({
      ...base,
      code: 'engine_error',
      field: 'registry',
      message: `${registry} speaks plain HTTP, and Podman's API checks logins only over HTTPS`,
      hint: `Log in from a terminal with \`podman login --tls-verify=false ${registry}\`: Burrow reads the same auth.json.`,
    });
  if (
    /connection refused|no such host|i\/o timeout|network is unreachable|dial tcp|pinging container registry/i.test(
      cause,
    )
  )
    return new BurrowError({
      ...base,
      code: 'engine_unreachable',
      field: 'registry',
      message: `The engine cannot reach ${registry}: ${cause}`,
      hint: 'Check the address and port, and that the registry runs and is reachable from the engine’s host.',
    });
  return new BurrowError({
    ...base,
    code: 'engine_error',
    field: 'registry',
    message: `Login to ${registry} failed: ${cause}`,
  });
}

export function createRegistriesClient(ctx: ClientContext, authFile: AuthFile): RegistriesClient {
  const { api } = ctx;
  const E = registryEndpoints;
  return {
    list: () => authFile.list(),
    async login({ registry, username, password }) {
      const key = registryKey(registry);
      validateUsername(username);
      validatePassword(password);
      try {
        const r = asRecord(
          await api.call(E.auth, { body: { username, password, serveraddress: registryHost(key) } }),
        );
        if (!/succeeded/i.test(asString(r.Status)))
          throw new BurrowError({
            code: 'engine_error',
            message: `Unexpected answer: ${asString(r.Status)}`,
          });
      } catch (e) {
        if (e instanceof BurrowError && e.code !== 'engine_unreachable' && e.code !== 'aborted')
          throw loginFailure(key, e.engineMessage ?? e.message);
        throw e;
      }
      await authFile.store(key, username, password);
      const entry = (await authFile.list()).find((l) => l.registry === key);
      return entry ?? { registry: key, username, file: authFile.location.primary, primary: true };
    },
    async logout(registry) {
      const key = registryKey(registry);
      if (await authFile.remove(key)) return;
      const elsewhere = (await authFile.list()).find((l) => l.registry === key);
      if (elsewhere)
        throw new BurrowError({
          code: 'conflict',
          field: 'registry',
          message: `The login to ${key} is in ${elsewhere.file}, not in ${authFile.location.primary}`,
          hint: `Remove it there (e.g. \`docker logout ${key}\`), as \`podman logout\` would ask you to.`,
        });
      throw new BurrowError({
        code: 'not_found',
        field: 'registry',
        message: `Not logged in to ${key}`,
        hint: 'The list of registries shows where you are logged in.',
      });
    },
  };
}
