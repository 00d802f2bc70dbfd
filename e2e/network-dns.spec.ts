// Where containers on a created network cannot reach each other by name, the Create network dialog says so, with
// the fix. Proven against a real engine in that state: a second headless host whose Podman runs on the CNI
// backend, which Debian ships without the dnsname plugin (a Debian 12 user whose Podman first ran before netavark
// was installed). The usual host, which resolves names, is the journey in journeys.spec.ts.
import { expect, test } from '@playwright/test';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startHost, stopHost, type RunningHost } from './support/global-setup.js';

const execFileP = promisify(execFile);

let dir = '';
let podman = '';
let host: RunningHost | undefined;

test.beforeAll(async () => {
  const driver = (
    await execFileP('podman', ['info', '--format', '{{.Store.GraphDriverName}}'])
  ).stdout.trim();
  // Podman's own global options: its own storage, network configs and tmp dir, on CNI. A wrapper on PATH, so the
  // host's private service is this Podman (and nothing of the user's own engine is touched).
  dir = await mkdtemp(join(tmpdir(), 'bt-e2e-cni-'));
  podman = join(dir, 'bin', 'podman');
  await mkdir(join(dir, 'bin'));
  const opts = [
    `--root=${dir}/graph`,
    `--runroot=${dir}/run`,
    `--tmpdir=${dir}/tmp`,
    `--storage-driver=${driver}`,
    '--network-backend=cni',
    `--network-config-dir=${dir}/cni`,
    '--events-backend=file',
  ];
  await writeFile(podman, `#!/bin/sh\nexec /usr/bin/podman ${opts.join(' ')} "$@"\n`, { mode: 0o755 });
  host = await startHost(['--service-socket', join(dir, 'service', 'podman.sock')], {
    ...process.env,
    PATH: `${join(dir, 'bin')}:${process.env.PATH ?? ''}`,
    BURROW_CONFIG_DIR: join(dir, 'config'),
  });
});

test.afterAll(async () => {
  if (host) await stopHost(host);
  if (!dir) return;
  // Anything in its storage belongs to subordinate ids: remove it inside that user namespace, then end the
  // namespace's pause process (started for this tmp dir only, so by its PID).
  const pause = Number(await readFile(join(dir, 'tmp', 'pause.pid'), 'utf8').catch(() => ''));
  await execFileP(podman, ['unshare', 'rm', '-rf', join(dir, 'graph'), join(dir, 'run')]).catch(
    () => undefined,
  );
  if (pause > 0) process.kill(pause, 'SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

test('Create network warns, with the fix, where container names do not resolve', async ({ page }) => {
  if (!host) throw new Error('the CNI host did not start');
  await page.goto(`${host.url}#/networks`);
  await page.getByRole('button', { name: 'Create network' }).click();
  const note = page
    .getByRole('dialog', { name: 'Create network' })
    .getByRole('note', { name: 'DNS between containers' });
  await expect(note).toHaveAttribute('data-status', 'broken');
  await expect(note).toContainText('cannot reach each other by name');
  await expect(note).toContainText('network_backend = "netavark"');
  // The doctor on the System view agrees.
  await page.goto(`${host.url}#/system`);
  await expect(page.getByText('Container names on created networks')).toBeVisible();
});
