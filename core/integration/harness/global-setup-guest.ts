// Global setup of the `guest` project: the same as the integration project's, with the target switched to the
// Debian 13 guest before any harness module reads it (fixtures are built by, and pushed from, the guest's Podman).
process.env.BURROW_TEST_TARGET = 'guest';
const base = await import('./global-setup.js');

export const setup = base.setup;
export const teardown = base.teardown;
