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
