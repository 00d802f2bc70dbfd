// The detail view's actions and its Health, Processes and Files tabs, in the roles and labels users see.
import { expect, type Locator, type Page } from '@playwright/test';

export class DetailActions {
  constructor(readonly page: Page) {}

  button(name: string): Locator {
    return this.page.locator('.toolbar').first().getByRole('button', { name, exact: true });
  }

  dialog(name: string | RegExp): Locator {
    return this.page.getByRole('dialog', { name });
  }

  async more(item: string): Promise<void> {
    await this.page.locator('details.menu > summary').click();
    await this.page.getByRole('menu', { name: 'More actions' }).getByRole('menuitem', { name: item }).click();
  }

  async kill(signal: string): Promise<Locator> {
    await this.button('Kill…').click();
    const d = this.dialog(/Send a signal to/);
    await d.getByLabel('Signal').fill(signal);
    await d.getByRole('button', { name: 'Send signal' }).click();
    return d;
  }

  async rename(name: string): Promise<Locator> {
    await this.more('Rename…');
    const d = this.dialog(/^Rename /);
    await d.getByLabel('New name').fill(name);
    await d.getByRole('button', { name: 'Rename' }).click();
    return d;
  }

  async commit(o: { image: string; author?: string; message?: string }): Promise<Locator> {
    await this.more('Commit to image…');
    const d = this.dialog(/to an image$/);
    await d.getByLabel('Image name').fill(o.image);
    if (o.author) await d.getByLabel('Author').fill(o.author);
    if (o.message) await d.getByLabel('Message').fill(o.message);
    await d.getByRole('button', { name: 'Commit' }).click();
    return d;
  }

  async remove(o: { volumes?: boolean } = {}): Promise<void> {
    await this.button('Remove').click();
    const d = this.dialog('Remove container');
    if (o.volumes) await d.getByRole('checkbox').check();
    await d.getByRole('button', { name: 'Remove' }).click();
  }
}

export class HealthTab {
  constructor(readonly page: Page) {}

  get status(): Locator {
    return this.page.getByRole('region', { name: 'Health status' });
  }

  get log(): Locator {
    return this.page.getByRole('region', { name: 'Health log' });
  }

  async runNow(): Promise<void> {
    await this.status.getByRole('button', { name: 'Run check now' }).click();
  }
}

export class FilesTab {
  constructor(readonly page: Page) {}

  get table(): Locator {
    return this.page.getByRole('table', { name: 'Files' });
  }

  row(path: string): Locator {
    return this.table.locator(`tr[data-path="${path}"]`);
  }

  async go(path: string): Promise<void> {
    await this.page.getByLabel('Folder in the container').fill(path);
    await this.page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect(this.page.getByLabel('Folder in the container')).toHaveValue(path);
  }

  get ownership(): Locator {
    return this.page.getByRole('note', { name: 'Ownership' });
  }

  async copyIn(hostPath: string): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Copy from this machine…' }).click();
    const d = this.page.getByRole('dialog', { name: /^Copy into / });
    await d.getByLabel('Path on this machine').fill(hostPath);
    await d.getByRole('button', { name: 'Copy', exact: true }).click();
    return d;
  }

  async copyOut(path: string, hostDir: string): Promise<Locator> {
    await this.row(path).getByRole('button', { name: 'Copy out…' }).click();
    const d = this.page.getByRole('dialog', { name: `Copy ${path} to this machine` });
    await d.getByLabel('Folder on this machine').fill(hostDir);
    await d.getByRole('button', { name: 'Copy', exact: true }).click();
    return d;
  }
}
