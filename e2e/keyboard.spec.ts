// Keyboard first: the command palette (Ctrl+K, type, arrows, Enter, Escape) and the containers list (/ to filter,
// arrows to move, Space to select, Enter to open), in the real UI.
import { expect, test } from '@playwright/test';
import { podmanCli, uniqueName } from '../core/integration/harness/fixtures.js';
import { AppPage, ContainersPage } from './pages/app.js';
import { Palette } from './pages/resources.js';
import { podmanLabelled } from './support/containers.js';

const prefix = uniqueName('kb');
const names = [`${prefix}-a`, `${prefix}-b`] as const;

test.beforeAll(async () => {
  for (const n of names) await podmanLabelled('create', n, { command: ['true'] });
});

test.afterAll(async () => {
  for (const n of names) await podmanCli(['rm', '-f', n]).catch(() => undefined);
});

test('the command palette opens views and containers from the keyboard', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  const palette = new Palette(page);
  await palette.open();
  await expect(palette.dialog).toBeVisible();
  await page.keyboard.type('go to pods');
  await expect(palette.option('Go to Pods')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(palette.dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'Pods' })).toBeVisible();

  await palette.open();
  await page.keyboard.type(prefix);
  await expect(palette.option(`Open ${names[0]}`)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(palette.option(`Open ${names[1]}`)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: names[1] })).toBeVisible();

  await palette.open();
  await page.keyboard.press('Escape');
  await expect(palette.dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: names[1] })).toBeVisible();
});

test('the list: / filters, arrows move, Space selects, Enter opens', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  const list = new ContainersPage(page);
  await page.locator('body').click();
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Filter containers' })).toBeFocused();
  await page.keyboard.type(prefix);
  await expect(list.row(names[0]!)).toBeVisible();
  await expect(list.row(names[1]!)).toBeVisible();
  await list.row(names[0]!).focus();
  await page.keyboard.press('ArrowDown');
  await expect(list.row(names[1]!)).toBeFocused();
  await page.keyboard.press(' ');
  await expect(list.row(names[1]!).getByRole('checkbox')).toBeChecked();
  await expect(page.getByRole('group', { name: 'Bulk actions' })).toContainText('1 selected');
  await page.keyboard.press('ArrowUp');
  await expect(list.row(names[0]!)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: names[0] })).toBeVisible();
});
