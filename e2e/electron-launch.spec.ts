// Launches the real Electron app where its binary exists; elsewhere (this kind of machine cannot download it)
// the test reports itself skipped, with the reason.
import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function electronBinary(): string | undefined {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const bin = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : undefined;
}

test('the Electron window opens the app with a locked-down renderer', async () => {
  const bin = electronBinary();
  test.skip(
    !bin,
    'Electron’s binary is not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD / no network to GitHub)',
  );
  test.skip(!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY, 'no display for a window');
  const app = await electron.launch({ executablePath: bin!, args: [join(root, 'dist/electron/main.cjs')] });
  try {
    const win = await app.firstWindow();
    await expect(win.getByRole('navigation', { name: 'Main' })).toBeVisible();
    expect(await win.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe(
      'undefined',
    );
    expect(await win.evaluate(() => typeof (window as unknown as { burrow?: unknown }).burrow)).toBe(
      'object',
    );
  } finally {
    await app.close();
  }
});
