// Page objects: one per view, speaking the UI's roles and labels (what a screen reader would use).
import { expect, type Locator, type Page } from '@playwright/test';

export class AppPage {
  constructor(readonly page: Page) {}

  static url(path = ''): string {
    const url = process.env.BURROW_E2E_URL;
    if (!url) throw new Error('BURROW_E2E_URL is not set: the e2e global setup starts the headless host');
    return `${url}${path}`;
  }

  async open(hash = '#/containers'): Promise<void> {
    await this.page.goto(AppPage.url(hash));
    await expect(this.page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  }

  /** By the link's own label: Activity's unread badge ("…, 0 containers needing attention") must not match. */
  nav(name: string): Locator {
    const label = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|$)`);
    return this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label });
  }

  toast(text: string | RegExp): Locator {
    return this.page.getByRole('log', { name: 'Notifications' }).getByText(text);
  }
}

export class ContainersPage {
  constructor(readonly page: Page) {}

  get grid(): Locator {
    return this.page.getByRole('grid', { name: 'Containers' });
  }

  row(name: string): Locator {
    return this.grid.locator(`[role=row][data-name="${name}"]`);
  }

  state(name: string): Locator {
    return this.row(name).locator('.badge[aria-label^="state"]');
  }

  async filter(text: string): Promise<void> {
    await this.page.getByRole('searchbox', { name: 'Filter containers' }).fill(text);
  }

  async select(name: string): Promise<void> {
    await this.row(name).getByRole('checkbox').check();
  }

  async bulk(action: 'Start' | 'Stop' | 'Restart' | 'Remove'): Promise<void> {
    await this.page
      .getByRole('group', { name: 'Bulk actions' })
      .getByRole('button', { name: action })
      .click();
  }

  async openDetail(name: string): Promise<void> {
    await this.row(name).getByRole('link', { name }).click();
    await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible();
  }
}

export class CreatePage {
  constructor(readonly page: Page) {}

  field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }

  async fill(values: Record<string, string>): Promise<void> {
    for (const [label, value] of Object.entries(values)) await this.field(label).fill(value);
  }

  async userns(mode: 'Default (host)' | 'keep-id' | 'keep-id with uid/gid' | 'nomap'): Promise<void> {
    await this.page
      .getByRole('radiogroup', { name: 'User namespace mode' })
      .getByText(mode, { exact: true })
      .click();
  }

  async addMount(source: string, target: string, options = ''): Promise<number> {
    await this.page.getByRole('button', { name: 'Add mount' }).click();
    const n = await this.page.locator('.mount').count();
    await this.page.getByLabel(`Mount ${n} host path`).fill(source);
    await this.page.getByLabel(`Mount ${n} container path`).fill(target);
    if (options) await this.page.getByLabel(`Mount ${n} options`).fill(options);
    return n;
  }

  async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Create', exact: true }).click();
  }

  fieldError(): Locator {
    return this.page.locator('.field-error[role=alert]').first();
  }
}

export class DetailPage {
  constructor(readonly page: Page) {}

  async tab(name: string): Promise<void> {
    await this.page.getByRole('tablist', { name: 'Container views' }).getByRole('tab', { name }).click();
  }

  async openShell(): Promise<Locator> {
    await this.tab('Terminal');
    await this.page.getByRole('button', { name: 'Open shell' }).click();
    const term = this.page.getByRole('region', { name: 'Terminal' });
    await expect(term).toBeVisible();
    return term;
  }

  async type(text: string): Promise<void> {
    await this.page.locator('.xterm-helper-textarea').focus();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }
}
