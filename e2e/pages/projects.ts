// Page objects for compose projects, Kubernetes YAML and Quadlet units, in the UI's roles and labels.
import { expect, type Locator, type Page } from '@playwright/test';

export class ProjectsPage {
  constructor(readonly page: Page) {}

  get compose(): Locator {
    return this.page.locator('.card', {
      has: this.page.getByRole('heading', { name: 'Compose: up from a file' }),
    });
  }

  get kube(): Locator {
    return this.page.locator('.card', { has: this.page.getByRole('heading', { name: /^Kubernetes YAML/ }) });
  }

  /** How the last long job in a card ended, in words. */
  outcome(card: Locator): Locator {
    return card.getByTestId('job-outcome');
  }

  async composeUp(file: string, project: string): Promise<void> {
    await this.page.getByLabel('Compose file (absolute path on this machine)').fill(file);
    await this.page.getByLabel('Project name (optional: from the file or its folder)').fill(project);
    await this.compose.getByRole('button', { name: 'Up', exact: true }).click();
  }

  async playYaml(yaml: string): Promise<void> {
    await this.page.getByLabel('Kubernetes YAML to play').fill(yaml);
    await this.kube.getByRole('button', { name: 'Play', exact: true }).click();
  }

  async tearDown(): Promise<void> {
    await this.kube.getByRole('button', { name: 'Tear down' }).click();
  }
}

/** A compose project's header row in the containers list. */
export class ProjectRowPage {
  constructor(
    readonly page: Page,
    readonly name: string,
  ) {}

  get row(): Locator {
    return this.page
      .getByRole('grid', { name: 'Containers' })
      .locator(`[role=row][data-project="${this.name}"]`);
  }

  get count(): Locator {
    return this.row.getByTestId('project-count');
  }

  /** Container rows listed under the header (indented members). */
  members(): Locator {
    return this.page.getByRole('grid', { name: 'Containers' }).locator('.in-project [role=row]');
  }
}

export class ProjectPage {
  constructor(readonly page: Page) {}

  async tab(name: 'Services' | 'Logs'): Promise<void> {
    await this.page.getByRole('tablist', { name: 'Project views' }).getByRole('tab', { name }).click();
  }

  get logs(): Locator {
    return this.page.getByRole('log', { name: 'Project logs' });
  }

  async down(): Promise<void> {
    await this.page.getByRole('button', { name: 'Down', exact: true }).click();
    await this.page
      .getByRole('dialog', { name: 'Compose down' })
      .getByRole('button', { name: 'Down' })
      .click();
  }

  get outcome(): Locator {
    return this.page.getByTestId('job-outcome');
  }

  async openService(container: string): Promise<void> {
    await this.page.getByRole('table', { name: 'Services' }).getByRole('link', { name: container }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: container })).toBeVisible();
  }
}

export class PodsPage {
  constructor(readonly page: Page) {}

  row(name: string): Locator {
    return this.page.getByRole('table', { name: 'Pods' }).getByRole('row').filter({ hasText: name });
  }

  async kubeYaml(name: string): Promise<Locator> {
    await this.row(name).getByRole('button', { name: 'Kube YAML' }).click();
    const dialog = this.page.getByRole('dialog', { name: `Kubernetes YAML for ${name}` });
    await expect(dialog).toBeVisible();
    return dialog;
  }
}

export class UnitsPage {
  constructor(readonly page: Page) {}

  unavailable(what: 'quadlet' | 'systemd-user-instance' | 'auto-update'): Locator {
    return this.page.getByTestId(`unavailable-${what}`);
  }
}
