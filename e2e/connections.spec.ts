// The Connections card: bad input names its field, a saved unix:// connection can be used and the list keeps
// following the engine, switching back works, and the saved connection is removed. (The remote ssh:// path is
// proven against the Debian 13 guest in electron/integration/guest-connections.test.ts.)
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ping } from '../core/connection/ping.js';
import { uniqueName } from '../core/integration/harness/fixtures.js';
import { AppPage, ContainersPage } from './pages/app.js';
import { expect, test } from './support/containers.js';

let service: ChildProcess | undefined;

test.afterAll(async () => {
  if (service && service.exitCode === null) {
    const exited = new Promise<void>((r) => service?.once('exit', () => r()));
    service.kill('SIGTERM');
    await exited;
  }
  await rm(join(process.env.XDG_RUNTIME_DIR ?? '/tmp', `burrow-e2e-conn-${process.pid}`), {
    recursive: true,
    force: true,
  });
});

test('add, use, switch back and remove a connection from the System view', async ({ page, containers }) => {
  const app = new AppPage(page);
  await app.open('#/system');
  const card = page.getByRole('region', { name: 'Connections' });
  const form = card.getByRole('form', { name: 'Add a connection' });
  const name = uniqueName('conn');

  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Address').fill('tcp://127.0.0.1:8080');
  await form.getByRole('button', { name: 'Add connection' }).click();
  await expect(form.getByRole('alert')).toContainText('uri:');
  await expect(form.getByRole('alert')).toContainText('ssh://');

  // Another Podman socket of the same user (like systemd's podman.socket), started here and stopped by PID.
  const dir = join(process.env.XDG_RUNTIME_DIR ?? '/tmp', `burrow-e2e-conn-${process.pid}`);
  await mkdir(dir, { recursive: true });
  const socket = join(dir, 'podman.sock');
  service = spawn('podman', ['system', 'service', '--time=0', `unix://${socket}`], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !(await ping(socket)); i++) await new Promise((r) => setTimeout(r, 100));
  await form.getByLabel('Address').fill(`unix://${socket}`);
  await form.getByRole('button', { name: 'Add connection' }).click();
  const row = card.locator(`tr[data-connection="${name}"]`);
  await expect(row).toBeVisible();

  await row.getByRole('button', { name: 'Use' }).click();
  await expect(row).toHaveAttribute('aria-current', 'true');
  await expect(app.toast(`Now using the "${name}" connection`)).toBeVisible();

  // The list follows the engine through the new connection.
  const c = uniqueName('via');
  await containers.create(c, { command: ['true'] });
  await app.nav('Containers').click();
  const list = new ContainersPage(page);
  await list.filter(c);
  await expect(list.row(c)).toBeVisible();

  await app.nav('System').click();
  await card.locator('tr[data-connection="local"]').getByRole('button', { name: 'Use' }).click();
  await expect(card.locator('tr[data-connection="local"]')).toHaveAttribute('aria-current', 'true');
  await row.getByRole('button', { name: 'Remove' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
  await expect(row).toHaveCount(0);
});
