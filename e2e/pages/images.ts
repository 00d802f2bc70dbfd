// Page objects for images (pull, push, save, load, search, registry logins), volumes and secrets.
import { expect, type Locator, type Page } from '@playwright/test';

export class ImagesPage {
  constructor(readonly page: Page) {}

  get table(): Locator {
    return this.page.getByRole('table', { name: 'Images' });
  }

  dialog(name: string | RegExp): Locator {
    return this.page.getByRole('dialog', { name });
  }

  async header(button: string): Promise<void> {
    await this.page.getByRole('button', { name: button, exact: true }).click();
  }

  async login(registry: string, username: string, password: string): Promise<Locator> {
    await this.header('Registries…');
    const d = this.dialog('Registries');
    await d.getByLabel('Registry', { exact: true }).fill(registry);
    await d.getByLabel('User name').fill(username);
    await d.getByLabel('Password or token').fill(password);
    await d.getByRole('button', { name: 'Log in', exact: true }).click();
    return d;
  }

  /** Pull through the Pull dialog; returns the progress region (its heading says Pulled or Pull failed). */
  async pull(ref: string): Promise<Locator> {
    await this.header('Pull image');
    await this.page.getByLabel('Image reference').fill(ref);
    await this.dialog('Pull image').getByRole('button', { name: 'Pull', exact: true }).click();
    return this.page.getByRole('region', { name: `Pulling ${ref}` });
  }

  async closeDialog(name: string | RegExp): Promise<void> {
    await this.dialog(name).getByRole('button', { name: 'Close' }).click();
    await expect(this.dialog(name)).toHaveCount(0);
  }

  /** The row of the image that has this tag (an image id may carry several tags, in any order). */
  row(tag: string): Locator {
    return this.table.getByRole('row').filter({ hasText: tag });
  }

  async rowAction(action: 'Push' | 'Save' | 'Tag' | 'Remove', tag: string): Promise<void> {
    await this.row(tag)
      .getByRole('button', { name: new RegExp(`^${action} `) })
      .click();
  }
}

export class VolumesPage {
  constructor(readonly page: Page) {}

  get table(): Locator {
    return this.page.getByRole('table', { name: 'Volumes' });
  }

  async export(volume: string, path: string): Promise<Locator> {
    await this.table.getByRole('button', { name: `Export volume ${volume}` }).click();
    const d = this.page.getByRole('dialog', { name: `Export volume ${volume}` });
    await d.getByLabel('Archive file (absolute path)').fill(path);
    await d.getByRole('button', { name: 'Export', exact: true }).click();
    return d;
  }

  async import(volume: string, path: string): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Import…' }).click();
    const d = this.page.getByRole('dialog', { name: 'Import volume' });
    await d.getByLabel('Volume (created if it does not exist)').fill(volume);
    await d.getByLabel('Archive file (absolute path)').fill(path);
    await d.getByRole('button', { name: 'Import', exact: true }).click();
    return d;
  }
}

export class SecretsPage {
  constructor(readonly page: Page) {}

  get table(): Locator {
    return this.page.getByRole('table', { name: 'Secrets' });
  }

  async create(name: string, value: { text: string } | { file: string }): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Create secret' }).first().click();
    const d = this.page.getByRole('dialog', { name: 'Create secret' });
    await d.getByLabel('Name').fill(name);
    if ('text' in value) await d.getByLabel('Value', { exact: true }).fill(value.text);
    else {
      await d.getByLabel('A file').check();
      await d.getByLabel('File (absolute path)').fill(value.file);
    }
    await d.getByRole('button', { name: 'Create', exact: true }).click();
    return d;
  }
}
