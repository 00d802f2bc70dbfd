// Pods, prunes and the command palette as users reach them.
import type { Locator, Page } from '@playwright/test';

export class PodsPage {
  constructor(readonly page: Page) {}

  get table(): Locator {
    return this.page.getByRole('table', { name: 'Pods' });
  }

  async create(o: {
    name: string;
    ports?: { host: string; container: string }[];
    userns?: string;
  }): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Create pod' }).click();
    const d = this.page.getByRole('dialog', { name: 'Create pod' });
    await d.getByLabel('Pod name').fill(o.name);
    for (const [i, p] of (o.ports ?? []).entries()) {
      await d.getByRole('button', { name: 'Add port' }).click();
      await d.getByLabel(`Pod port ${i + 1} host port`).fill(p.host);
      await d.getByLabel(`Pod port ${i + 1} container port`).fill(p.container);
    }
    if (o.userns) await d.getByLabel('Pod user namespace').selectOption(o.userns);
    await d.getByRole('button', { name: 'Create pod' }).click();
    return d;
  }

  async open(name: string): Promise<Locator> {
    await this.table.getByRole('button', { name, exact: true }).click();
    return this.page.getByRole('region', { name: `Pod ${name}` });
  }
}

export class PruneDialog {
  constructor(readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: /Remove stopped containers|System prune/ });
  }

  get plan(): Locator {
    return this.dialog.getByRole('region', { name: 'Will be removed' });
  }

  async confirm(): Promise<Locator> {
    await this.dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    return this.dialog.getByRole('status', { name: 'Prune result' });
  }
}

export class Palette {
  constructor(readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Command palette' });
  }

  async open(): Promise<void> {
    await this.page.keyboard.press('Control+k');
  }

  option(label: string | RegExp): Locator {
    return this.dialog.getByRole('option', { name: label });
  }
}
