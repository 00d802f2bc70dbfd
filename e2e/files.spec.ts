// The Files tab in the real UI: browse a container's filesystem, view a text file, copy a file in from this
// machine (owned by the container's user, whose host uid the note names) and a folder out to this machine.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_IMAGE_USER1001, podmanCli, uniqueName } from '../core/integration/harness/fixtures.js';
import { AppPage, ContainersPage, DetailPage } from './pages/app.js';
import { FilesTab } from './pages/detail-actions.js';
import { expect, test } from './support/containers.js';

let dir = '';

test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'burrow-e2e-files-'));
});

test.afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test.afterEach(async ({ page }, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus)
    await page.screenshot({ path: testInfo.outputPath('failure.png'), fullPage: true });
});

test('browse, view, copy in and copy out — with who owns the copies on each side', async ({
  page,
  containers,
}) => {
  const name = uniqueName('files');
  await containers.run(name, {
    image: FIXTURE_IMAGE_USER1001,
    command: [
      'sh',
      '-c',
      'mkdir -p /data/out && echo report > /data/out/r.txt; trap "exit 0" TERM; sleep 600 & wait',
    ],
  });
  const app = new AppPage(page);
  await app.open();
  const list = new ContainersPage(page);
  await list.filter(name);
  await list.openDetail(name);
  await new DetailPage(page).tab('Files');
  const files = new FilesTab(page);
  await expect(files.row('/etc')).toBeVisible();
  await files.row('/etc').getByRole('button', { name: 'etc/' }).click();
  await expect(page.getByLabel('Folder in the container')).toHaveValue('/etc');
  await files.row('/etc/passwd').getByRole('button', { name: 'passwd' }).click();
  const view = page.getByRole('dialog', { name: '/etc/passwd' });
  await expect(view.getByLabel('File contents')).toContainText('app:x:1001:1001');
  await view.getByRole('button', { name: 'Close' }).click();

  // USER 1001 in the default mode is a subordinate host uid: the note says copies in will not be mine.
  await files.go('/data');
  await expect(files.ownership).toContainText('app (uid 1001)');
  await expect(files.ownership).toContainText('not you');
  const src = join(dir, 'note.txt');
  await writeFile(src, 'from the host\n');
  const copied = await files.copyIn(src);
  await expect(copied.getByRole('status', { name: 'Copy result' })).toContainText('not you');
  await copied.getByRole('button', { name: 'Done' }).click();
  await expect(files.row('/data/note.txt')).toContainText('app');
  expect(await podmanCli(['exec', name, 'stat', '-c', '%u', '/data/note.txt'])).toBe('1001\n');

  // A folder out: the copies are mine here, and identical.
  const out = await files.copyOut('/data/out', dir);
  await expect(out.getByRole('status', { name: 'Copy result' })).toContainText('belong to you');
  expect(await readFile(join(dir, 'out', 'r.txt'), 'utf8')).toBe('report\n');
  expect((await stat(join(dir, 'out', 'r.txt'))).uid).toBe(process.getuid?.());
  await out.getByRole('button', { name: 'Done' }).click();

  // Copying out again would overwrite: refused at the field, nothing written.
  const again = await files.copyOut('/data/out', dir);
  await expect(again.getByRole('alert')).toContainText('already exists');
  await again.getByRole('button', { name: 'Cancel' }).click();
});
