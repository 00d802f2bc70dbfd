// Settings survive a restart of the headless host: every setting is changed (in the Settings view where the page
// offers it, through the API for close-to-tray, which only the desktop app shows), the host is stopped the way
// Quit stops it and started again on the same configuration directory, and the page — reconnecting by itself —
// and the API show every value again; the connection chosen for the start is the one the new host uses.
import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ping } from '../core/connection/ping.js';
import type { Settings } from '../core/model/settings.js';
import { podmanCli, podmanSleeper, uniqueName } from '../core/integration/harness/fixtures.js';
import { freePort } from '../core/integration/harness/local-registry.js';
import { restartableHostArgs, startHost, stopHost, type RunningHost } from './support/global-setup.js';
import { SettingsPage } from './pages/notifications.js';

let dir = '';
let host: RunningHost | undefined;
let service: ChildProcess | undefined;
const container = uniqueName('e2e-set');

test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'burrow-e2e-settings-'));
});

test.afterAll(async () => {
  if (host) await stopHost(host);
  if (service && service.exitCode === null) {
    const exited = new Promise((r) => service?.once('exit', r));
    service.kill('SIGTERM');
    await exited;
  }
  await podmanCli(['rm', '-f', '-t', '0', container]).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

async function api<T>(port: number, token: string, channel: string, args: unknown = {}): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${port}/api/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ channel, args }),
  });
  const r = (await res.json()) as { ok: boolean; value: T; error?: unknown };
  if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** A Podman service of this spec's own, to start Burrow on by name (stopped by its PID afterwards). */
async function podmanService(socket: string): Promise<ChildProcess> {
  const child = spawn('podman', ['system', 'service', '--time=0', `unix://${socket}`], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !(await ping(socket, 200)); i++) await new Promise((r) => setTimeout(r, 100));
  return child;
}

test('every setting survives a restart of the headless host', async ({ page }) => {
  test.setTimeout(180_000);
  const port = await freePort();
  const env = { ...process.env, BURROW_CONFIG_DIR: join(dir, 'config') };
  const args = restartableHostArgs(port, dir, 'settings');
  const socket = join(dir, 'start.sock');
  service = await podmanService(socket);
  const conn = `bt-start-${container.slice(3, 11)}`;

  host = await startHost(args, env);
  await api(port, host.token, 'connections.add', { name: conn, uri: `unix://${socket}` });
  await podmanSleeper('create', container);
  await page.goto(host.url);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();

  const settings = new SettingsPage(page);
  await settings.open();
  await settings.theme('Dark').check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await settings.check('Show them on the desktop (not only in Activity)').uncheck();
  await settings.check('It turns unhealthy').uncheck();
  await settings.check(/A pull, build or other long job/).uncheck();
  await settings.setNumber('Restarts', 6);
  await settings.setNumber('Minutes', 12);
  await settings.scope('Only watched ones').check();
  await settings.userns.selectOption('keep-id');
  await settings.setNumber('Stop timeout', 4);
  await settings.startConnection.selectOption(conn);
  // Only the desktop app offers close-to-tray; the setting is the same one, set here through the API.
  await api(port, host.token, 'settings.update', { closeToTray: false });
  // A per-container mark, from the container's page.
  await page.goto(`${host.origin}/#/container/${encodeURIComponent(container)}/summary`);
  await page.getByRole('combobox', { name: 'Notifications for this container' }).selectOption('watch');

  const expected: Partial<Settings> = {
    closeToTray: false,
    theme: 'dark',
    startConnection: conn,
    defaults: { userns: 'keep-id', stopTimeoutSeconds: 4 },
  };
  const expectedNotifications = {
    enabled: true,
    desktop: false,
    exitNonZero: true,
    oomKilled: true,
    unhealthy: false,
    crashLoop: true,
    jobs: false,
    crashLoopRestarts: 6,
    crashLoopMinutes: 12,
    scope: 'watched',
    containers: { [container]: 'watch' },
  };
  await expect
    .poll(async () => (await api<{ settings: Settings }>(port, host!.token, 'settings.get')).settings)
    .toMatchObject({ ...expected, notifications: expectedNotifications });

  // Quit (SIGTERM, as the window's Quit) and start again on the same configuration: no --connection given.
  await stopHost(host);
  host = undefined;
  await expect(page.getByRole('alert').filter({ hasText: 'Connection to Burrow lost' })).toBeVisible();
  host = await startHost(args, env);
  await expect(page.getByRole('alert').filter({ hasText: 'Connection to Burrow lost' })).toBeHidden({
    timeout: 15_000,
  });

  const back = await api<{ settings: Settings; problems: string[] }>(port, host.token, 'settings.get');
  expect(back.problems).toEqual([]);
  expect(back.settings).toMatchObject({ ...expected, notifications: expectedNotifications });
  expect((await api<{ active: string }>(port, host.token, 'connections.list')).active).toBe(conn);

  // The page shows them again, the theme applied without a reload.
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('combobox', { name: 'Notifications for this container' })).toHaveValue('watch');
  await settings.open();
  await expect(settings.theme('Dark')).toBeChecked();
  await expect(settings.check('Show them on the desktop (not only in Activity)')).not.toBeChecked();
  await expect(settings.check('It turns unhealthy')).not.toBeChecked();
  await expect(settings.check('It exits with an error')).toBeChecked();
  await expect(settings.number('Restarts')).toHaveValue('6');
  await expect(settings.number('Minutes')).toHaveValue('12');
  await expect(settings.scope('Only watched ones')).toBeChecked();
  await expect(settings.userns).toHaveValue('keep-id');
  await expect(settings.number('Stop timeout')).toHaveValue('4');
  await expect(settings.startConnection).toHaveValue(conn);

  // And they are what a new container starts with.
  await page.goto(`${host.origin}/#/create`);
  await expect(page.locator('input[name="userns"][value="keep-id"]')).toBeChecked();
  await expect(page.getByLabel('Stop timeout (seconds)')).toHaveValue('4');
});

test('a setting that is out of range is refused with the field named and a hint, and nothing changes', async () => {
  const port = await freePort();
  const env = { ...process.env, BURROW_CONFIG_DIR: join(dir, 'config-bad') };
  const runtime = process.env.XDG_RUNTIME_DIR ?? '/tmp';
  const h = await startHost(
    [
      '--port',
      String(port),
      '--service-socket',
      join(runtime, `burrow-e2e-${process.pid}-settings-bad`, 'podman.sock'),
    ],
    env,
  );
  try {
    const call = async (args: unknown) =>
      (await (
        await fetch(`http://127.0.0.1:${port}/api/call`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${h.token}` },
          body: JSON.stringify({ channel: 'settings.update', args }),
        })
      ).json()) as { ok: boolean; error?: { field?: string; hint?: string } };
    expect(await call({ notifications: { crashLoopRestarts: 0 } })).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        field: 'notifications.crashLoopRestarts',
        hint: expect.stringMatching(/1 to 100/),
      },
    });
    expect(await call({ startConnection: 'no-such-connection' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', field: 'startConnection', hint: expect.stringMatching(/local/) },
    });
    const now = await api<{ settings: Settings }>(port, h.token, 'settings.get');
    expect(now.settings.notifications.crashLoopRestarts).toBe(3);
    expect(now.settings.startConnection).toBe('local');
  } finally {
    await stopHost(h);
  }
});
