// Health checks through the UI: made in the create form, run from the Health tab, turning unhealthy when the
// fixture's marker file goes — the detail, its log (with the check's output) and the list row all say so, the
// row without a reload. A bad health setting is refused at the Health check section.
import { FIXTURE_IMAGE, podmanCli, uniqueName } from '../core/integration/harness/fixtures.js';
import { AppPage, ContainersPage, CreatePage, DetailPage } from './pages/app.js';
import { HealthTab } from './pages/detail-actions.js';
import { expect, test } from './support/containers.js';

test.afterEach(async ({ page }, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus)
    await page.screenshot({ path: testInfo.outputPath('failure.png'), fullPage: true });
});

test('a health check made in the form turns unhealthy; detail, log and list row say so', async ({
  page,
  containers,
}) => {
  const name = uniqueName('hc');
  containers.track(name);
  const app = new AppPage(page);
  await app.open('#/create');
  const form = new CreatePage(page);
  await form.fill({
    Image: FIXTURE_IMAGE,
    Name: name,
    Command: `sh -c 'touch /tmp/healthy; trap "exit 0" TERM; sleep 600 & wait'`,
  });
  const health = page.getByRole('group', { name: 'Health check' });
  await health.getByLabel('Check', { exact: true }).selectOption('CMD-SHELL');
  await health
    .getByLabel('Health command')
    .fill('test -f /tmp/healthy && echo all good || { echo marker gone; exit 1; }');
  // Refused at the section, with a hint, before anything is made.
  await health.getByLabel('Health Retries').fill('0');
  await form.submit();
  await expect(health.getByRole('alert')).toContainText('healthcheck.retries');
  await expect(health.getByRole('alert')).toContainText('failed checks in a row');
  expect(await podmanCli(['ps', '-a', '--filter', `name=${name}`, '--format', '{{.Names}}'])).toBe('');
  await health.getByLabel('Health Retries').fill('1');
  await health.getByLabel('Health Interval (s)').fill('3600');
  await health.getByLabel('When unhealthy').selectOption('');
  await form.submit();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  expect((await podmanCli(['inspect', '-f', '{{.Config.Healthcheck.Retries}}', name])).trim()).toBe('1');

  const detail = new DetailPage(page);
  await detail.tab('Health');
  const tab = new HealthTab(page);
  await expect(page.getByRole('region', { name: 'Health check configuration' })).toContainText(
    'test -f /tmp/healthy',
  );
  // No check has run yet (the interval is long): starting.
  await expect(tab.status.locator('.badge[aria-label="health starting"]')).toBeVisible();
  await tab.runNow();
  await expect(tab.status.locator('.badge[aria-label="health healthy"]')).toBeVisible();
  await expect(tab.log).toContainText('all good');

  await podmanCli(['exec', name, 'rm', '/tmp/healthy']);
  await tab.runNow();
  await expect(tab.status.locator('.badge[aria-label="health unhealthy"]')).toBeVisible();
  await expect(tab.status).toContainText('1 failed check in a row');
  await expect(tab.log).toContainText('marker gone');

  await app.nav('Containers').click();
  const list = new ContainersPage(page);
  await list.filter(name);
  await expect(list.row(name).locator('.badge[aria-label="health unhealthy"]')).toBeVisible();
  // A check run outside Burrow shows in the row by itself: its health_status event refreshes the row. (Run twice:
  // Podman 4.3 announces a check as it starts, so the second event finds the first verdict stored.)
  await podmanCli(['exec', name, 'touch', '/tmp/healthy']);
  await podmanCli(['healthcheck', 'run', name]);
  await podmanCli(['healthcheck', 'run', name]);
  await expect(list.row(name).locator('.badge[aria-label="health healthy"]')).toBeVisible();
});

test('a container without a check says how to add one', async ({ page, containers }) => {
  const name = uniqueName('nohc');
  await containers.create(name, { command: ['true'] });
  const app = new AppPage(page);
  await app.open();
  const list = new ContainersPage(page);
  await list.filter(name);
  await list.openDetail(name);
  await new DetailPage(page).tab('Health');
  await expect(page.getByRole('note')).toContainText('no health check');
  await page.getByRole('link', { name: 'Edit & recreate' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Edit ${name}` })).toBeVisible();
});
