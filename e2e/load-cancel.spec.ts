// Cancel an image load part-way, clicked in the real UI against real Podman. Podman copies a load's upload to a
// temporary file and loads it only once it has all of it, and then finishes whatever the client does (libpod
// ImagesLoad). So: a Cancel during the upload stops the load (the engine drops its partial copy, no image appears,
// the same archive loads after), and once the upload is complete the dialog says the engine finishes and Cancel is
// off. A host of this spec's own reaches its Podman service through a gated socket, which holds the upload
// part-way (or the engine's answer) until the test lets it go: the moment is the test's, not the disk's speed.
import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ping } from '../core/connection/ping.js';
import { engineLoadTempFiles, podmanCli, uniqueName } from '../core/integration/harness/fixtures.js';
import { until } from '../core/integration/harness/until.js';
import { ImagesPage } from './pages/images.js';
import { podmanLabelled } from './support/containers.js';
import { startGatedSocket, type GatedSocket } from './support/gated-socket.js';
import { startHost, stopHost, type RunningHost } from './support/global-setup.js';

const LOAD = /^POST \S*\/libpod\/images\/load/;

let dir = '';
let big = '';
let archive = '';
let service: ChildProcess | undefined;
let gated: GatedSocket | undefined;
let host: RunningHost | undefined;

const imageExists = (ref: string) =>
  podmanCli(['image', 'exists', ref]).then(
    () => true,
    () => false,
  );

test.beforeAll(async () => {
  test.setTimeout(300_000);
  dir = await mkdtemp(join(tmpdir(), 'burrow-e2e-load-'));
  // An image with a 48 MB layer of random bytes, saved once: its upload is many progress steps long.
  big = `localhost/burrow-test/${uniqueName('big')}:v1`;
  const maker = uniqueName('big-maker');
  await podmanLabelled('run', maker, {
    attach: true,
    command: ['sh', '-c', 'head -c 48000000 /dev/urandom > /big'],
  });
  await podmanCli(['commit', '--quiet', maker, big], { timeoutMs: 120_000 });
  await podmanCli(['rm', '-f', maker]);
  archive = join(dir, 'big.tar');
  await podmanCli(['save', '--quiet', '-o', archive, big], { timeoutMs: 120_000 });
  await podmanCli(['rmi', big]);

  const engineSocket = join(dir, 'engine.sock');
  service = spawn('podman', ['system', 'service', '--time=0', `unix://${engineSocket}`], { stdio: 'ignore' });
  await until(() => ping(engineSocket, 200), Boolean);
  gated = await startGatedSocket(join(dir, 'gated.sock'), engineSocket);
  host = await startHost([], {
    ...process.env,
    CONTAINER_HOST: `unix://${gated.path}`,
    BURROW_CONFIG_DIR: join(dir, 'config'),
  });
});

test.afterAll(async () => {
  if (host) await stopHost(host);
  await gated?.stop();
  if (service && service.exitCode === null) {
    const exited = new Promise((r) => service?.once('exit', r));
    service.kill('SIGTERM');
    await exited;
  }
  if (big) await podmanCli(['rmi', '-f', big]).catch(() => undefined);
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('Cancel stops a load while it uploads; once uploaded, the dialog says Podman finishes and Cancel is off', async ({
  page,
}) => {
  if (!host || !gated) throw new Error('the gated host did not start');
  const size = (await stat(archive)).size;
  await page.goto(`${host.url}#/images`);
  const images = new ImagesPage(page);
  await images.header('Load…');
  const d = images.dialog('Load images');
  const progress = d.getByRole('region', { name: 'Loading' }).getByRole('status');
  const cancel = d.getByRole('button', { name: 'Cancel', exact: true });

  // 1. Held after 8 MiB of the upload: Cancel stops it there.
  gated.gate({ request: LOAD, bodyBytes: 8 * 1024 * 1024 });
  await d.getByLabel('Archive file (absolute path)').fill(archive);
  await d.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(progress).toContainText('of about');
  await until(
    async () => gated?.held() ?? 0,
    (n) => n === 1,
  );
  const [partial] = await until(engineLoadTempFiles, (f) => (f[0] ?? 0) > 0);
  expect(partial).toBeLessThan(size);
  await expect(cancel).toBeEnabled();
  await cancel.click();
  await expect(progress).toHaveText('Cancelled.');
  // Burrow has dropped the request; the link carries what was in flight, then its end.
  gated.gate(undefined);
  gated.release();
  // The engine saw the request end: its partial copy is gone and nothing was loaded.
  expect(await until(engineLoadTempFiles, (f) => f.length === 0)).toEqual([]);
  expect(await imageExists(big)).toBe(false);

  // 2. The same archive again, its answer held: uploaded, the engine is loading, and Cancel cannot stop that.
  gated.gate({ request: LOAD, answer: true });
  await d.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(progress).toContainText(
    'Podman is loading the images; this step finishes even if you cancel',
    {
      timeout: 60_000,
    },
  );
  await expect(cancel).toBeDisabled();
  gated.gate(undefined);
  gated.release();
  await expect(progress).toContainText(`Loaded ${big}`, { timeout: 60_000 });
  expect(await imageExists(big)).toBe(true);
  expect(await until(engineLoadTempFiles, (f) => f.length === 0)).toEqual([]);
});
