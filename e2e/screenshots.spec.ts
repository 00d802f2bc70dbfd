// Regenerates the README screenshots (light and dark) of each view: `BURROW_SCREENSHOTS=1 npm run test:e2e`.
import { test } from '@playwright/test';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURE_IMAGE_USER1001, podmanCli } from '../core/integration/harness/fixtures.js';
import { AppPage } from './pages/app.js';
import { podmanLabelled } from './support/containers.js';

const out = join(dirname(fileURLToPath(import.meta.url)), 'screenshots');
const demo = ['bt-shot-web', 'bt-shot-db', 'bt-shot-worker'];

test.describe('README screenshots', () => {
  test.skip(!process.env.BURROW_SCREENSHOTS, 'set BURROW_SCREENSHOTS=1 to regenerate the README screenshots');

  test.beforeAll(async () => {
    await mkdir(out, { recursive: true });
    await podmanLabelled('run', demo[0]!, {
      options: ['--userns', 'keep-id', '-p', '127.0.0.1:18088:8080'],
      command: ['httpd', '-f', '-p', '8080', '-h', '/www'],
    });
    await podmanLabelled('run', demo[1]!, { options: ['--userns', 'nomap'], command: ['sleep', '3600'] });
    await podmanLabelled('create', demo[2]!, { image: FIXTURE_IMAGE_USER1001, command: ['true'] });
  });
  test.afterAll(async () => {
    for (const n of demo) await podmanCli(['rm', '-f', '-t', '0', n]).catch(() => undefined);
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`views in ${scheme}`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width: 1280, height: 800 });
      const app = new AppPage(page);
      const shots: [string, string][] = [
        ['containers', '#/containers'],
        ['create', '#/create?image=localhost/burrow-test/busybox-user1001:latest'],
        ['images', '#/images'],
        ['networks', '#/networks'],
        ['system', '#/system'],
      ];
      for (const [name, hash] of shots) {
        await app.open(hash);
        await page.waitForTimeout(1200);
        await page.screenshot({ path: join(out, `${name}-${scheme}.png`) });
      }
      await app.open('#/containers');
      await page.getByRole('link', { name: demo[0]! }).click();
      await page.waitForTimeout(1200);
      await page.screenshot({ path: join(out, `detail-${scheme}.png`) });
      await page.getByRole('tab', { name: 'User namespace' }).click();
      await page.waitForTimeout(800);
      await page.screenshot({ path: join(out, `mapping-${scheme}.png`) });
      await page.getByRole('tab', { name: 'Terminal' }).click();
      await page.getByRole('button', { name: 'Open shell' }).click();
      await page.waitForTimeout(1500);
      await page.locator('.xterm-helper-textarea').focus();
      await page.keyboard.type('id; ls -ln /www');
      await page.keyboard.press('Enter');
      await page.waitForTimeout(1000);
      await page.screenshot({ path: join(out, `terminal-${scheme}.png`) });
    });
  }
});
