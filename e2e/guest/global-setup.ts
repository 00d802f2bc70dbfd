// Starts the real headless host with a saved ssh:// connection to the guest (`--connection guest`, as a user
// would start it) and hands its URL and token to the tests. Without a guest it starts nothing: the specs skip.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const uri = process.env.BURROW_GUEST_URL;
  const identity = process.env.BURROW_GUEST_IDENTITY;
  if (!uri || !identity) return async () => undefined;
  // Before any harness module reads it: CLI checks and fixtures go to the guest over SSH (workers inherit it).
  process.env.BURROW_TEST_TARGET = 'guest';
  const { buildFixtures } = await import('../../core/integration/harness/fixtures.js');
  const { startHost, stopHost } = await import('../support/global-setup.js');
  await buildFixtures();
  const configDir = await mkdtemp(join(tmpdir(), 'burrow-e2e-guest-'));
  await writeFile(
    join(configDir, 'connections.json'),
    `${JSON.stringify({ connections: [{ name: 'guest', uri, identity }] })}\n`,
    { mode: 0o600 },
  );
  const host = await startHost(
    ['--connection', 'guest'],
    { ...process.env, BURROW_CONFIG_DIR: configDir },
    join(configDir, 'host.log'),
  );
  process.env.BURROW_E2E_URL = host.url;
  process.env.BURROW_E2E_ORIGIN = host.origin;
  process.env.BURROW_E2E_TOKEN = host.token;
  return async () => {
    await stopHost(host);
    await rm(configDir, { recursive: true, force: true });
  };
}
