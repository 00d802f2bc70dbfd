// Global setup of the integration project: runs once, as the unprivileged test user, before any test file.
// Builds the fixture images (no-op when up to date), starts a local registry on loopback and pushes the fixtures
// into it so pull tests are real pulls. Its address reaches the test files as BURROW_TEST_REGISTRY.
import {
  buildFixtures,
  FIXTURE_IMAGE,
  FIXTURE_IMAGE_USER1001,
  podmanCli,
  removeDeadSocketDirs,
} from './fixtures.js';
import { onGuest } from './target.js';
import { pushToRegistry, startLocalRegistry, type LocalRegistry } from './local-registry.js';

let registry: LocalRegistry | undefined;

export async function setup(): Promise<void> {
  if (process.getuid?.() === 0) {
    throw new Error(
      'integration tests run as an unprivileged user (rootless Podman); use `npm test` as root to provision one',
    );
  }
  if (!process.env.XDG_RUNTIME_DIR) {
    throw new Error('XDG_RUNTIME_DIR is not set: rootless Podman needs a runtime directory the user owns');
  }
  const built = await buildFixtures();
  console.log(built);
  registry = await startLocalRegistry();
  // qemu's user network shows the host's loopback to the guest as 10.0.2.2 (listed as insecure in its
  // registries.conf by scripts/guest/guest.sh); the guest pushes its own fixtures there.
  const seenByEngine = onGuest ? registry.address.replace(/^127\.0\.0\.1:/, '10.0.2.2:') : registry.address;
  for (const [image, repoPath] of [
    [FIXTURE_IMAGE, 'burrow-test/busybox:latest'],
    [FIXTURE_IMAGE_USER1001, 'burrow-test/busybox-user1001:latest'],
  ] as const) {
    if (onGuest)
      await podmanCli(['push', '--quiet', '--tls-verify=false', image, `${seenByEngine}/${repoPath}`], {
        timeoutMs: 300_000,
      });
    else await pushToRegistry(registry.address, image, repoPath);
  }
  process.env.BURROW_TEST_REGISTRY = seenByEngine;
  console.log(`local registry on ${registry.address} (pid ${registry.pid})`);
}

export async function teardown(): Promise<void> {
  await registry?.stop();
  registry = undefined;
  await removeDeadSocketDirs(['burrow-test-']);
}
