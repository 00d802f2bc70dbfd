// Burrow quits and comes back while a page stays open: a headless host of this spec's own (its own private
// Podman service, a fixed port and a token file so the URL survives the restart). While it is down the page says
// so, containers keep running, and changes made in a shell meanwhile are missed by the event stream; when it is
// back the page reconnects by itself and resyncs to exactly what `podman ps -a` shows.
import { expect, test } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { podmanCli, podmanSleeper, uniqueName } from '../core/integration/harness/fixtures.js';
import { freePort } from '../core/integration/harness/local-registry.js';
import { restartableHostArgs, startHost, stopHost, type RunningHost } from './support/global-setup.js';
import { ContainersPage } from './pages/app.js';
import { podmanLabelled } from './support/containers.js';

let dir = '';
let host: RunningHost | undefined;
const prefix = uniqueName('life');
const names = { a: `${prefix}-a`, b: `${prefix}-b`, c: `${prefix}-c` };

test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'burrow-e2e-life-'));
});

test.afterAll(async () => {
  if (host) await stopHost(host);
  for (const n of Object.values(names)) await podmanCli(['rm', '-f', '-t', '0', n]).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

async function psNames(): Promise<string[]> {
  const names = (await podmanCli(['ps', '-a', '--filter', `name=${prefix}`, '--format', '{{.Names}}']))
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  if (names.length === 0) return [];
  // Podman 4.3's ps prints "Up 2 seconds ago" as the state; inspect has the state itself.
  const out = await podmanCli(['inspect', '--format', '{{.Name}} {{.State.Status}}', ...names]);
  return out
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .sort();
}

test('quit and restart: containers keep running, the page reconnects by itself and equals podman ps -a', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const port = await freePort();
  const args = restartableHostArgs(port, dir, 'life');
  host = await startHost(args);
  const url = host.url;

  await podmanSleeper('run', names.a);
  await podmanLabelled('create', names.b, { command: ['true'] });
  await page.goto(url);
  const list = new ContainersPage(page);
  await list.filter(prefix);
  await expect(list.row(names.a)).toBeVisible();
  await expect(list.row(names.b)).toBeVisible();
  await expect(list.state(names.a)).toHaveAttribute('aria-label', 'state running');

  const conn = (await (
    await fetch(`http://127.0.0.1:${port}/api/call`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}` },
      body: JSON.stringify({ channel: 'system.connection', args: {} }),
    })
  ).json()) as { value: { kind: string; servicePid?: number } };
  expect(conn.value.kind).toBe('private_service');
  const servicePid = conn.value.servicePid!;

  // Quit Burrow (SIGTERM, as the window's Quit does): its Podman service stops, the containers do not.
  await stopHost(host);
  host = undefined;
  await expect(page.getByRole('alert').filter({ hasText: 'Connection to Burrow lost' })).toBeVisible();
  expect(() => process.kill(servicePid, 0)).toThrow();
  expect((await podmanCli(['inspect', '-f', '{{.State.Status}}', names.a])).trim()).toBe('running');

  // Changes while Burrow is away: the event stream cannot see them.
  await podmanCli(['rm', '-f', names.b]);
  await podmanSleeper('run', names.c);

  // Started again with the same token file: the open page reconnects without a reload.
  host = await startHost(args);
  expect(host.url).toBe(url);
  await expect(page.getByRole('alert').filter({ hasText: 'Connection to Burrow lost' })).toBeHidden({
    timeout: 15_000,
  });
  await expect(list.row(names.b)).toHaveCount(0);
  await expect(list.row(names.c)).toBeVisible();
  await expect(list.state(names.a)).toHaveAttribute('aria-label', 'state running');
  await expect(list.state(names.c)).toHaveAttribute('aria-label', 'state running');
  const ui = async () =>
    (
      await list.grid
        .locator(`[role=row][data-name^="${prefix}"]`)
        .evaluateAll((rows) =>
          rows.map(
            (r) =>
              `${r.getAttribute('data-name')} ${(r.querySelector('.badge[aria-label^="state"]')?.getAttribute('aria-label') ?? '').replace('state ', '')}`,
          ),
        )
    ).sort();
  await expect.poll(ui).toEqual(await psNames());
});
