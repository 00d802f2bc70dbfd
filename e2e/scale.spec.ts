// Scale: a thousand containers in the virtualised list, and bursts of outside changes reconciled. How fast the
// list catches up is a benchmark's figure (`npm run bench`), not an assertion here: `timeout: 0` waits as long as
// the test's own timeout allows.
import { expect, test } from '@playwright/test';
import { openTestEngine } from '../core/integration/harness/engine.js';
import { FIXTURE_IMAGE, inParallel, podmanCli, uniqueName } from '../core/integration/harness/fixtures.js';
import type { Engine } from '../core/engine-api.js';
import { AppPage } from './pages/app.js';
import { podmanLabelled } from './support/containers.js';

let engine: Engine;
test.beforeAll(async () => {
  engine = await openTestEngine({ tag: 'e2e-scale' });
});
test.afterAll(async () => {
  await engine?.close();
});

test('lists 1000 containers, virtualised, filters and scrolls them', async ({ page }) => {
  test.setTimeout(300_000);
  const prefix = uniqueName('k');
  const names = Array.from({ length: 1000 }, (_, i) => `${prefix}-${String(i).padStart(4, '0')}`);
  try {
    await inParallel(names, 8, (name) =>
      engine.containers.create({
        image: FIXTURE_IMAGE,
        name,
        command: ['true'],
        labels: { 'burrow.test': '1' },
      }),
    );
    const app = new AppPage(page);
    await app.open();
    const grid = page.getByRole('grid', { name: 'Containers' });
    await page.getByRole('searchbox', { name: 'Filter containers' }).fill(prefix);
    await expect(page.getByText('1000 of', { exact: false })).toBeVisible({ timeout: 0 });
    // Virtualised: only a screenful of rows is in the DOM.
    expect(await grid.locator('[role=row][data-id]').count()).toBeLessThan(80);
    await page.getByTestId('containers-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect(grid.locator(`[data-name="${names[999]}"]`)).toBeVisible();
    await page.getByRole('searchbox', { name: 'Filter containers' }).fill(names[500]!);
    await expect(grid.locator('[role=row][data-id]')).toHaveCount(1);
  } finally {
    await inParallel(names, 8, (name) =>
      engine.containers.remove(name, { force: true }).catch(() => undefined),
    );
    // Under load a few API removes can fail (a CI run once left six behind); the CLI sweeps what remains, and
    // anything still there fails the run's leftover check rather than staying hidden.
    const left = (await podmanCli(['ps', '-aq', '--filter', `name=${prefix}`])).split('\n').filter(Boolean);
    if (left.length) await podmanCli(['rm', '-f', ...left]);
  }
});

test('200 containers created and removed in bursts from the CLI: the list catches up', async ({ page }) => {
  test.setTimeout(300_000);
  const prefix = uniqueName('burst');
  const app = new AppPage(page);
  await app.open();
  await page.getByRole('searchbox', { name: 'Filter containers' }).fill(prefix);
  const rows = page.getByRole('grid', { name: 'Containers' }).locator('[role=row][data-id]');
  const names = Array.from({ length: 200 }, (_, i) => `${prefix}-${i}`);
  const cliCount = async () =>
    (await podmanCli(['ps', '-a', '--filter', `name=${prefix}`, '--format', '{{.Names}}']))
      .split('\n')
      .filter(Boolean).length;
  try {
    for (let b = 0; b < 4; b++) {
      const burst = names.slice(b * 50, b * 50 + 50);
      await podmanLabelled('create', burst[0]!, { command: ['true'] });
      await inParallel(burst.slice(1), 6, (n) => podmanLabelled('create', n, { command: ['true'] }));
    }
    const expected = await cliCount();
    expect(expected).toBe(200);
    await expect(page.getByText(`200 of`, { exact: false })).toBeVisible({ timeout: 0 });
    await inParallel(names.slice(0, 120), 6, (n) => podmanCli(['rm', '-f', n]));
    await expect(page.getByText(`${await cliCount()} of`, { exact: false })).toBeVisible({ timeout: 0 });
    expect(await rows.count()).toBeGreaterThan(0);
  } finally {
    await inParallel(names, 6, (n) => podmanCli(['rm', '-f', n]).catch(() => undefined));
  }
});
