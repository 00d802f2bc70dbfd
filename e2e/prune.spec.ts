// Prunes in the real UI: what will go is listed first (with sizes), and afterwards the space Podman reclaimed —
// a real figure: a container that wrote 3 MB frees at least 3 MB.
import { podmanCli, uniqueName } from '../core/integration/harness/fixtures.js';
import { AppPage } from './pages/app.js';
import { PruneDialog } from './pages/resources.js';
import { expect, test, type TestContainers } from './support/containers.js';

test.afterEach(async ({ page }, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus)
    await page.screenshot({ path: testInfo.outputPath('failure.png'), fullPage: true });
});

/** "3.1 MB" → 3100000 */
function parseSize(text: string): number {
  const m = /([\d.]+) (B|KB|MB|GB)/.exec(text);
  if (!m) return -1;
  return Number(m[1]) * { B: 1, KB: 1e3, MB: 1e6, GB: 1e9 }[m[2] as 'B'];
}

async function stoppedWith3MB(containers: TestContainers): Promise<string> {
  const name = uniqueName('pr');
  await containers.run(name, { command: ['sh', '-c', 'head -c 3000000 /dev/urandom > /blob'], attach: true });
  return name;
}

test('remove stopped containers: listed with their size first, then the space reclaimed', async ({
  page,
  containers,
}) => {
  const name = await stoppedWith3MB(containers);
  const running = uniqueName('keep');
  await containers.sleeper('run', running);
  const app = new AppPage(page);
  await app.open();
  await page.getByRole('button', { name: 'Remove stopped…' }).click();
  const prune = new PruneDialog(page);
  const item = prune.plan.locator(`li[data-name="${name}"]`);
  await expect(item).toBeVisible();
  expect(parseSize(await item.innerText())).toBeGreaterThanOrEqual(3_000_000);
  await expect(prune.plan.locator(`li[data-name="${running}"]`)).toHaveCount(0);
  const result = await prune.confirm();
  await expect(result).toContainText('reclaimed');
  expect(parseSize(await result.innerText())).toBeGreaterThanOrEqual(3_000_000);
  expect(await podmanCli(['ps', '-a', '--filter', `name=${name}`, '--format', '{{.Names}}'])).toBe('');
  expect((await podmanCli(['inspect', '-f', '{{.State.Status}}', running])).trim()).toBe('running');
});

test('system prune: unused volumes and networks listed when asked for, then removed', async ({
  page,
  containers,
}) => {
  const vol = uniqueName('pv');
  const net = uniqueName('pn');
  await podmanCli(['volume', 'create', vol]);
  await podmanCli(['network', 'create', net]);
  const name = await stoppedWith3MB(containers);
  try {
    const app = new AppPage(page);
    await app.open('#/system');
    await page.getByRole('button', { name: 'System prune…' }).click();
    const prune = new PruneDialog(page);
    await expect(prune.plan.locator(`li[data-name="${name}"]`)).toBeVisible();
    await expect(prune.plan.locator(`li[data-name="${net}"]`)).toBeVisible();
    await expect(prune.plan.locator(`li[data-name="${vol}"]`)).toHaveCount(0);
    await prune.dialog.getByLabel(/Unused volumes too/).check();
    await expect(prune.plan.locator(`li[data-name="${vol}"]`)).toBeVisible();
    const result = await prune.confirm();
    expect(parseSize(await result.innerText())).toBeGreaterThanOrEqual(3_000_000);
    expect(await podmanCli(['volume', 'ls', '--format', '{{.Name}}'])).not.toContain(vol);
    expect(await podmanCli(['network', 'ls', '--format', '{{.Name}}'])).not.toContain(net);
  } finally {
    await podmanCli(['volume', 'rm', '-f', vol]).catch(() => undefined);
    await podmanCli(['network', 'rm', '-f', net]).catch(() => undefined);
  }
});
