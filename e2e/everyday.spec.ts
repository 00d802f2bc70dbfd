// The everyday actions clicked in the real UI: kill with a chosen signal, restart, pause (disabled with the
// reason where the host has no freezer), rename, commit to an image, remove with its volumes, the process list,
// and bulk restart / kill / remove from the list.
import { podmanCli, uniqueName } from '../core/integration/harness/fixtures.js';
import { AppPage, ContainersPage, DetailPage } from './pages/app.js';
import { expect, test, type TestContainers } from './support/containers.js';
import { DetailActions } from './pages/detail-actions.js';

const images: string[] = [];

test.afterEach(async ({ page }, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus)
    await page.screenshot({ path: testInfo.outputPath('failure.png'), fullPage: true });
  for (const i of images.splice(0)) await podmanCli(['rmi', '-f', i]).catch(() => undefined);
});

/** Sleeps and stops at once on SIGTERM; prints "got USR1" and exits 3 on SIGUSR1. */
async function runTrapper(containers: TestContainers, name: string, options: string[] = []): Promise<void> {
  await containers.run(name, {
    options,
    command: [
      'sh',
      '-c',
      "trap 'echo got USR1; exit 3' USR1; trap 'exit 0' TERM; echo ready; while true; do sleep 0.2; done",
    ],
  });
}

async function openDetail(page: import('@playwright/test').Page, name: string): Promise<void> {
  const app = new AppPage(page);
  await app.open();
  const list = new ContainersPage(page);
  await list.filter(name);
  await list.openDetail(name);
}

test('kill with a signal, restart, pause disabled with the reason, and the process list', async ({
  page,
  containers,
}) => {
  const name = uniqueName('life');
  await runTrapper(containers, name);
  await openDetail(page, name);
  const actions = new DetailActions(page);
  const detail = new DetailPage(page);

  await detail.tab('Processes');
  const procs = page.getByRole('table', { name: 'Processes' });
  await expect(procs).toContainText('sleep 0.2');
  await expect(page.getByText(/updated .* \(every 2 s\)/)).toBeVisible();
  // Refreshed: a process started after the list was shown appears in it without a reload.
  await expect(procs).not.toContainText('sleep 777');
  await podmanCli(['exec', '-d', name, 'sleep', '777']);
  await expect(procs).toContainText('sleep 777');

  // Pause: where rootless containers have no freezer (cgroup v1) the button says why and does nothing.
  const facts = JSON.parse(await podmanCli(['info', '--format', 'json'])) as {
    host: { cgroupVersion: string };
  };
  const pause = actions.button('Pause');
  if (facts.host.cgroupVersion === 'v1') {
    await expect(pause).toBeDisabled();
    await expect(pause).toHaveAttribute('title', /cgroup v2/);
  } else await expect(pause).toBeEnabled();

  const started = (await podmanCli(['inspect', '-f', '{{.State.StartedAt}}', name])).trim();
  await actions.button('Restart').click();
  await expect
    .poll(async () => (await podmanCli(['inspect', '-f', '{{.State.StartedAt}}', name])).trim())
    .not.toBe(started);
  await expect(page.locator('.badge[aria-label="state running"]')).toBeVisible();

  // A bad signal is refused at its field, and the container keeps running.
  const bad = await actions.kill('SIGBOGUS');
  await expect(bad.getByRole('alert')).toContainText('is not a signal');
  await expect(bad.getByRole('alert')).toContainText('SIGTERM');
  await bad.getByRole('button', { name: 'Cancel' }).click();
  await actions.kill('SIGUSR1');
  await expect(page.locator('.badge[aria-label="state exited"]')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText('Exited (3)')).toBeVisible();
  await detail.tab('Logs');
  await expect(page.getByRole('log', { name: 'Container logs' })).toContainText('got USR1');
});

test('rename, commit to an image and remove with its anonymous volume', async ({ page, containers }) => {
  const name = uniqueName('ren');
  await runTrapper(containers, name, ['-v', '/anon']);
  await podmanCli(['exec', name, 'sh', '-c', 'echo committed > /marker']);
  const anon = (await podmanCli(['inspect', '-f', '{{range .Mounts}}{{.Name}}{{end}}', name])).trim();
  await openDetail(page, name);
  const actions = new DetailActions(page);

  const renamed = `${name}-new`;
  containers.track(renamed);
  await actions.rename(renamed);
  await expect(page.getByRole('heading', { level: 1, name: renamed })).toBeVisible();
  expect((await podmanCli(['inspect', '-f', '{{.Name}}', renamed])).trim()).toBe(renamed);

  const image = `localhost/${uniqueName('img')}:v1`;
  images.push(image);
  const bad = await actions.commit({ image: 'Not Valid' });
  await expect(bad.getByRole('alert')).toContainText('is not an image name');
  await bad.getByLabel('Image name').fill(image);
  await bad.getByLabel('Author').fill('e2e');
  await bad.getByLabel('Message').fill('made by the commit journey');
  await bad.getByRole('button', { name: 'Commit' }).click();
  await expect(page.getByRole('log', { name: 'Notifications' })).toContainText(
    `Committed ${renamed} as ${image}`,
  );
  const meta = (await podmanCli(['image', 'inspect', '-f', '{{.Author}}|{{.Comment}}', image])).trim();
  expect(meta).toBe('e2e|made by the commit journey');
  expect((await podmanCli(['run', '--rm', image, 'cat', '/marker'])).trim()).toBe('committed');

  await actions.remove({ volumes: true });
  await expect(page.getByRole('heading', { level: 1, name: 'Containers' })).toBeVisible();
  expect(await podmanCli(['ps', '-a', '--filter', `name=${renamed}`, '--format', '{{.Names}}'])).toBe('');
  expect(await podmanCli(['volume', 'ls', '--format', '{{.Name}}'])).not.toContain(anon);
});

test('bulk restart, kill and remove from the list', async ({ page, containers }) => {
  const names = [uniqueName('bulk'), uniqueName('bulk')];
  for (const n of names) await runTrapper(containers, n);
  const app = new AppPage(page);
  await app.open();
  const list = new ContainersPage(page);
  await list.filter('bulk');
  for (const n of names) await list.select(n);
  const before = await Promise.all(
    names.map(async (n) => (await podmanCli(['inspect', '-f', '{{.State.StartedAt}}', n])).trim()),
  );
  await list.bulk('Restart');
  await expect(app.toast('Restarted 2 containers')).toBeVisible();
  for (const [i, n] of names.entries())
    expect((await podmanCli(['inspect', '-f', '{{.State.StartedAt}}', n])).trim()).not.toBe(before[i]);

  await page.getByRole('group', { name: 'Bulk actions' }).getByRole('button', { name: 'Kill' }).click();
  await page.getByRole('dialog', { name: 'Kill containers' }).getByRole('button', { name: 'Kill' }).click();
  for (const n of names) await expect(list.state(n)).toHaveText('exited', { timeout: 15_000 });
  expect((await podmanCli(['inspect', '-f', '{{.State.ExitCode}}', names[0]!])).trim()).toBe('137');

  await list.bulk('Remove');
  await page
    .getByRole('dialog', { name: 'Remove containers' })
    .getByRole('button', { name: 'Remove' })
    .click();
  for (const n of names) await expect(list.row(n)).toHaveCount(0);
});
