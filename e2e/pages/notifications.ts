// Page objects for notifications: the browser's Notification API as the page calls it (recorded by an init
// script that wraps the real constructor, which still runs), the Activity view (the centre) and Settings.
import { expect, type Locator, type Page } from '@playwright/test';

export interface ShownNotification {
  title: string;
  body: string;
  tag: string;
}

declare global {
  interface Window {
    __burrowShown?: ShownNotification[];
    __burrowNotifications?: Notification[];
  }
}

/** Record every Web Notification the page constructs; call before the page loads. */
export async function recordNotifications(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Real = window.Notification;
    if (!Real) return;
    window.__burrowShown = [];
    window.__burrowNotifications = [];
    class Recorded extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        window.__burrowShown?.push({ title, body: options?.body ?? '', tag: options?.tag ?? '' });
        window.__burrowNotifications?.push(this);
      }
    }
    Object.defineProperty(Recorded, 'permission', { get: () => Real.permission });
    Object.defineProperty(Recorded, 'requestPermission', { value: Real.requestPermission.bind(Real) });
    window.Notification = Recorded as unknown as typeof Notification;
  });
}

export class DesktopNotifications {
  constructor(readonly page: Page) {}

  async all(): Promise<ShownNotification[]> {
    return this.page.evaluate(() => window.__burrowShown ?? []);
  }

  async permission(): Promise<string> {
    return this.page.evaluate(() => Notification.permission);
  }

  /** Every notification shown that mentions `text` (title or body). */
  async about(text: string): Promise<ShownNotification[]> {
    return (await this.all()).filter((n) => n.title.includes(text) || n.body.includes(text));
  }

  /** What the browser does when the user clicks the notification on the desktop: a click event on it. */
  async click(tag: string): Promise<void> {
    await this.page.evaluate((t) => {
      const n = [...(window.__burrowNotifications ?? [])].reverse().find((x) => x.tag === t);
      if (!n) throw new Error(`no notification tagged ${t}`);
      n.dispatchEvent(new Event('click'));
    }, tag);
  }
}

export class ActivityPage {
  constructor(readonly page: Page) {}

  get centre(): Locator {
    return this.page.getByRole('list', { name: 'Notification centre' });
  }

  entry(text: string | RegExp): Locator {
    return this.centre.getByRole('listitem').filter({ hasText: text }).first();
  }

  get problems(): Locator {
    return this.page.getByRole('list', { name: 'Containers needing attention' });
  }
}

export class SettingsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  }

  theme(name: 'Follow the system' | 'Light' | 'Dark'): Locator {
    return this.page.getByRole('radiogroup', { name: 'Theme' }).getByRole('radio', { name });
  }

  check(label: string | RegExp): Locator {
    return this.page.getByRole('checkbox', { name: label });
  }

  number(label: 'Restarts' | 'Minutes' | 'Stop timeout'): Locator {
    return this.page.getByRole('spinbutton', { name: new RegExp(`^${label}`) });
  }

  async setNumber(label: 'Restarts' | 'Minutes' | 'Stop timeout', value: number): Promise<void> {
    await this.number(label).fill(String(value));
    await this.number(label).press('Enter');
  }

  get startConnection(): Locator {
    return this.page.getByRole('combobox', { name: 'Connection at start' });
  }

  get userns(): Locator {
    return this.page.getByRole('combobox', { name: 'Default user namespace' });
  }

  scope(name: 'All but muted ones' | 'Only watched ones'): Locator {
    return this.page.getByRole('radiogroup', { name: 'Which containers' }).getByRole('radio', { name });
  }
}
