// Terminal sessions outlive the page: a reload reattaches to the same shell with its scrollback, and the shell
// still answers; its working directory (changed before the reload) proves it is the same process.
import { readFileSync } from 'node:fs';
import { uniqueName } from '../core/integration/harness/fixtures.js';
import { AppPage, DetailPage } from './pages/app.js';
import { expect, test } from './support/containers.js';

test('a reload reattaches to the live shell with its scrollback', async ({ page, containers }) => {
  const name = uniqueName('term');
  const id = (await containers.run(name, { command: ['sleep', '600'] })).trim();
  const app = new AppPage(page);
  await app.open(`#/container/${id}/summary`);
  const detail = new DetailPage(page);
  // This host (rootless, cgroup v1) has no freezer: Pause says why instead of failing on click.
  const v1 = readFileSync('/proc/self/mountinfo', 'utf8').includes(' - cgroup ');
  const pause = page.getByRole('button', { name: 'Pause' });
  if (v1) {
    await expect(pause).toBeDisabled();
    await expect(pause).toHaveAttribute('title', /cgroup v2/);
  } else await expect(pause).toBeEnabled();
  const term = await detail.openShell();
  await detail.type('cd /www && echo marker-$((6*7))');
  await expect(term).toContainText('marker-42', { timeout: 20_000 });

  await page.reload();
  await detail.tab('Terminal');
  const again = page.getByRole('region', { name: 'Terminal' });
  // The scrollback came back without opening a new session...
  await expect(again).toContainText('marker-42', { timeout: 20_000 });
  await expect(page.getByRole('tablist', { name: 'Sessions' }).getByRole('tab')).toHaveCount(1);
  // ...and it is the same shell: its working directory is still /www.
  await detail.type('pwd | tr / _');
  await expect(again).toContainText('_www', { timeout: 20_000 });
});

test('a flood of output arrives whole and in order, and the prompt after it shows at once', async ({
  page,
  containers,
}) => {
  const name = uniqueName('flood');
  const id = (await containers.run(name, { command: ['sleep', '600'] })).trim();
  await new AppPage(page).open(`#/container/${id}/summary`);
  const detail = new DetailPage(page);
  const term = await detail.openShell();
  // ~1.3 MB in lines: while it floods the page joins the output into fewer writes (output-pacer.ts); its last
  // lines, then what the shell prints after it, must still show last and in order.
  await detail.type('seq 1 200000; echo flood-$((40+2))');
  await expect(term).toContainText(/199999\s*200000\s*flood-42/, { timeout: 60_000 });
  await detail.type('echo after-$((6*7))');
  await expect(term).toContainText(/flood-42[\s\S]*after-42/, { timeout: 20_000 });
});
