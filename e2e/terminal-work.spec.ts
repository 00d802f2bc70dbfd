// Terminal work in the real UI: paste with Ctrl+Shift+V (plain, and bracketed when the program asks for it — the
// kind of paste Podman Desktop's #4130 gets wrong; keys typed while the clipboard is read go after the paste), exec
// as another user, a shell that comes back when its container is stopped and started, a `podman unshare` shell on a
// bind mount, and an image run in a terminal.
import type { Page } from '@playwright/test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_IMAGE, podmanCli, uniqueName } from '../core/integration/harness/fixtures.js';
import { AppPage, DetailPage } from './pages/app.js';
import { expect, test, type TestContainers } from './support/containers.js';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

let dir = '';

test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'burrow-e2e-term-'));
});

test.afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test.afterEach(async ({ page }, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus)
    await page.screenshot({ path: testInfo.outputPath('failure.png'), fullPage: true });
});

async function sleeper(containers: TestContainers, extra: string[] = []): Promise<string> {
  const name = uniqueName('tw');
  return (
    await containers.run(name, {
      options: extra,
      command: ['sh', '-c', 'trap "exit 0" TERM; sleep 600 & wait'],
    })
  ).trim();
}

async function clipboard(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
}

/** The clipboard answers `ms` late, as it can on a busy machine or a remote display. */
async function slowClipboard(page: Page, ms: number): Promise<void> {
  await page.evaluate((ms) => {
    const read = navigator.clipboard.readText.bind(navigator.clipboard);
    navigator.clipboard.readText = () => new Promise((r) => setTimeout(r, ms)).then(read);
  }, ms);
}

test('paste with Ctrl+Shift+V, plain and bracketed', async ({ page, containers }) => {
  const id = await sleeper(containers);
  await new AppPage(page).open(`#/container/${id}/terminal`);
  const detail = new DetailPage(page);
  const term = await detail.openShell();
  await clipboard(page, 'echo pasted-$((6*7))');
  await page.locator('.xterm-helper-textarea').focus();
  // Enter right after the paste, while the clipboard is still being read: it goes after the pasted text.
  await slowClipboard(page, 300);
  await page.keyboard.press('Control+Shift+V');
  await page.keyboard.press('Enter');
  await expect(term).toContainText('pasted-42', { timeout: 20_000 });

  // A program that asks for bracketed paste gets the markers around the pasted text (cat -v shows them as ^[).
  // The mode is on once what the shell printed after it has arrived (output is ordered).
  await detail.type(`printf '\\033[?2004h'; echo mode-$((3*3)); cat -v`);
  await expect(term).toContainText('mode-9', { timeout: 20_000 });
  await clipboard(page, 'inside-brackets');
  await page.keyboard.press('Control+Shift+V');
  await page.keyboard.press('Enter');
  await expect(term).toContainText('^[[200~inside-brackets^[[201~', { timeout: 20_000 });
  await page.keyboard.press('Control+c');
});

test('exec as another user', async ({ page, containers }) => {
  const id = await sleeper(containers);
  await new AppPage(page).open(`#/container/${id}/terminal`);
  await page.getByLabel('Exec as user').fill('1001:1001');
  const detail = new DetailPage(page);
  const term = await detail.openShell();
  await detail.type('echo uid-$(id -u)');
  await expect(term).toContainText('uid-1001', { timeout: 20_000 });
});

test('a shell comes back by itself when its container is stopped and started again', async ({
  page,
  containers,
}) => {
  const id = await sleeper(containers);
  await new AppPage(page).open(`#/container/${id}/terminal`);
  const detail = new DetailPage(page);
  const term = await detail.openShell();
  await detail.type('echo first-$((1+1))');
  await expect(term).toContainText('first-2', { timeout: 20_000 });
  await podmanCli(['stop', '-t', '0', id]);
  await expect(page.getByRole('status').filter({ hasText: 'opens again by itself' })).toBeVisible({
    timeout: 20_000,
  });
  await podmanCli(['start', id]);
  await expect(page.getByRole('status').filter({ hasText: 'opens again by itself' })).toBeHidden({
    timeout: 20_000,
  });
  await expect(page.getByRole('tablist', { name: 'Sessions' }).getByRole('tab')).toHaveCount(1);
  await detail.type('echo again-$((2+2))');
  await expect(page.getByRole('region', { name: 'Terminal' })).toContainText('again-4', { timeout: 20_000 });
});

test('a podman unshare shell on a bind mount shows my files as root’s, as a container sees them', async ({
  page,
  containers,
}) => {
  await writeFile(join(dir, 'mine.txt'), 'mine');
  const id = await sleeper(containers, ['-v', `${dir}:/mnt`]);
  await new AppPage(page).open(`#/container/${id}/terminal`);
  await page
    .getByRole('group', { name: 'Unshare shells' })
    .getByRole('button', { name: `Unshare shell in ${dir}` })
    .click();
  const term = page.getByRole('region', { name: 'Terminal' });
  await expect(term).toBeVisible();
  await new DetailPage(page).type('echo owner-$(stat -c %u mine.txt) in-$(pwd)');
  await expect(term).toContainText(`owner-0 in-${dir}`, { timeout: 20_000 });
});

test('run an image in a terminal: checked first, then run --rm -it, nothing left after', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('#/images');
  await page
    .getByRole('button', { name: `Run ${FIXTURE_IMAGE} in a terminal` })
    .first()
    .click();
  const dialog = page.getByRole('dialog', { name: `Run ${FIXTURE_IMAGE} in a terminal` });
  await dialog.getByLabel('Command to run').fill('sh -c "echo hi" | cat');
  await dialog.getByRole('button', { name: 'Run' }).click();
  await expect(dialog.getByRole('alert')).toContainText('shell operator');
  await dialog.getByLabel('Run as user').fill('root --privileged');
  await dialog.getByLabel('Command to run').fill('');
  await dialog.getByRole('button', { name: 'Run' }).click();
  await expect(dialog.getByRole('alert')).toContainText('user');
  await dialog.getByLabel('Run as user').fill('');
  await dialog.getByRole('button', { name: 'Run' }).click();
  const term = dialog.getByRole('region', { name: 'Terminal' });
  await expect(term).toBeVisible();
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.type('echo in-run-$((6*7)); exit 3');
  await page.keyboard.press('Enter');
  await expect(term).toContainText('in-run-42', { timeout: 20_000 });
  await expect(dialog.getByRole('status')).toContainText('Exited with code 3');
  await expect
    .poll(() => podmanCli(['ps', '-a', '--filter', 'label=io.burrow.terminal=run', '--format', '{{.Names}}']))
    .toBe('');
});
