// Logs and stats in the real UI: search narrows a log, a 20 000-line log is virtualised (a few dozen rows in the
// page), a log stream that fails says why; the Stats tab shows charts where cgroup v2 gives numbers and says why
// not where it does not (this host: rootless cgroup v1).
import { podmanCli, uniqueName } from '../core/integration/harness/fixtures.js';
import { AppPage, ContainersPage, DetailPage } from './pages/app.js';
import { expect, test } from './support/containers.js';

test.afterEach(async ({ page }, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus)
    await page.screenshot({ path: testInfo.outputPath('failure.png'), fullPage: true });
});

async function open(page: import('@playwright/test').Page, name: string, tab: string) {
  const app = new AppPage(page);
  await app.open();
  const list = new ContainersPage(page);
  await list.filter(name);
  await list.openDetail(name);
  await new DetailPage(page).tab(tab);
}

test('search narrows the log; a long log renders only the rows in view', async ({ page, containers }) => {
  const name = uniqueName('logs');
  await containers.run(name, {
    command: [
      'sh',
      '-c',
      'i=1; while [ $i -le 20000 ]; do if [ $((i % 1000)) -eq 0 ]; then echo "needle $i"; else echo "line $i"; fi; i=$((i+1)); done',
    ],
    attach: true,
  });
  await open(page, name, 'Logs');
  await page.getByLabel('Tail lines').fill('20000');
  const log = page.getByRole('log', { name: 'Container logs' });
  await expect(page.getByText('20000 lines')).toBeVisible({ timeout: 30_000 });
  const rendered = await log.locator('.log-line').count();
  expect(rendered).toBeGreaterThan(0);
  expect(rendered).toBeLessThan(200);
  await page.getByLabel('Search logs').fill('needle');
  await expect(page.getByText('20 of 20000 lines')).toBeVisible();
  await expect(log).toContainText('needle 1000');
  await expect(log).not.toContainText('line 1');
});

test('a log stream that fails says why', async ({ page, containers }) => {
  const name = uniqueName('nolog');
  await containers.run(name, { options: ['--log-driver', 'none'], command: ['sleep', '600'] });
  await open(page, name, 'Logs');
  await expect(page.getByRole('alert')).toContainText("'none' log driver");
});

test('stats: charts where cgroup v2 gives numbers, and why not where it does not', async ({
  page,
  containers,
}) => {
  const name = uniqueName('stats');
  await containers.run(name, { command: ['sh', '-c', 'while :; do :; done'] });
  const info = JSON.parse(await podmanCli(['info', '--format', 'json'])) as {
    host: { cgroupVersion: string };
  };
  await open(page, name, 'Stats');
  if (info.host.cgroupVersion === 'v1') {
    const why = page.getByRole('alert');
    await expect(why).toContainText('Live stats are not available for rootless containers on this host');
    await expect(why).toContainText('cgroup v2');
    // The list says it once too, instead of blank columns.
    await new AppPage(page).nav('Containers').click();
    await expect(page.getByRole('note')).toContainText('CPU and memory');
  } else {
    await expect(page.getByRole('img', { name: /^CPU [1-9]/ })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole('img', { name: /^Memory [1-9]/ })).toBeVisible();
  }
});
