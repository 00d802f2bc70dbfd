// Test containers made from the CLI, the way a person in a shell would: labelled burrow.test=1 (so a leftover is
// found and reported) and removed after the test that made them. `test` here is Playwright's with a `containers`
// fixture; a spec that makes containers imports `test` from this file instead of @playwright/test.
import { test as base } from '@playwright/test';
import {
  FIXTURE_IMAGE,
  podmanCli,
  podmanSleeper,
  TEST_LABEL,
} from '../../core/integration/harness/fixtures.js';

export interface ContainerSpec {
  /** Defaults to the busybox fixture. */
  image?: string;
  /** `podman run`/`create` options, before the image (e.g. ['-p', '127.0.0.1:18080:80']). */
  options?: string[];
  /** The command after the image. */
  command?: string[];
  /** `run` only: wait for the container to exit instead of detaching (its output is returned). */
  attach?: boolean;
}

/**
 * `podman run -d` (or attached, or `create`) a container labelled as a test's: returns what podman printed (the
 * id, or the output of an attached run). For specs that make containers outside a test (beforeAll); the
 * `containers` fixture adds removal after the test.
 */
export async function podmanLabelled(
  verb: 'run' | 'create',
  name: string,
  spec: ContainerSpec = {},
): Promise<string> {
  const detach = verb === 'run' && !spec.attach ? ['-d'] : [];
  return podmanCli(
    [
      verb,
      ...detach,
      '--name',
      name,
      '--label',
      `${TEST_LABEL}=1`,
      ...(spec.options ?? []),
      spec.image ?? FIXTURE_IMAGE,
      ...(spec.command ?? []),
    ],
    { timeoutMs: 120_000 },
  );
}

/** Removes a test's containers (and their anonymous volumes), newest first, whatever state they are in. */
export async function removeContainers(names: string[]): Promise<void> {
  for (const n of [...names].reverse())
    await podmanCli(['rm', '-f', '-v', '-t', '0', n]).catch(() => undefined);
}

export interface TestContainers {
  run(name: string, spec?: ContainerSpec): Promise<string>;
  create(name: string, spec?: ContainerSpec): Promise<string>;
  /** podmanSleeper (sleeps 10 minutes, stops in 1 s), removed after the test. */
  sleeper(verb: 'run' | 'create', name: string): Promise<string>;
  /** Containers made another way (through the UI, by the app) that this test must remove too. */
  track(...names: string[]): void;
}

export const test = base.extend<{ containers: TestContainers }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern
  containers: async ({}, use) => {
    const made: string[] = [];
    const track = (...names: string[]) => void made.push(...names);
    await use({
      run: (name, spec) => (track(name), podmanLabelled('run', name, spec)),
      create: (name, spec) => (track(name), podmanLabelled('create', name, spec)),
      sleeper: (verb, name) => (track(name), podmanSleeper(verb, name)),
      track,
    });
    await removeContainers(made);
  },
});

export { expect } from '@playwright/test';
