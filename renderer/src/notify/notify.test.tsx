// The page's side of notifications: Web Notifications (asked for once, shown when allowed, a click opens what it
// is about), the centre's state (an update replaces, unread counts new ones), the focus held as a subscription,
// and the Settings view saving what is changed.
import { QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BurrowNotification } from '../../../core/model/notifications.js';
import { DEFAULT_SETTINGS } from '../../../core/model/settings.js';
import type { Transport } from '../api/types.js';
import { queryClient } from '../data/query-client.js';
import { useStore } from '../store/store.js';
import { SettingsView } from '../views/settings.js';
import { ActivityView } from '../views/activity.js';
import { applyFeed, trackFocus, useNotify } from './store.js';
import { ASKED_KEY, WebNotifier, type WebNotificationApi } from './web-notifier.js';

const note = (id: string, title: string, items = 1): BurrowNotification => ({
  id,
  time: new Date().toISOString(),
  title,
  body: `${title}.`,
  severity: 'error',
  items: Array.from({ length: items }, (_, i) => ({
    reason: 'exited' as const,
    containerId: `c${i}`,
    name: `c${i}`,
    detail: 'exited with code 1',
    link: `#/container/c${i}/summary`,
  })),
  link: items > 1 ? `#/activity?notification=${id}` : '#/container/c0/summary',
});

function fakeBrowser(permission: NotificationPermission) {
  const made: { title: string; options: NotificationOptions; click(): void; closed: boolean }[] = [];
  const api: WebNotificationApi & { asked: number } = {
    permission,
    asked: 0,
    async requestPermission() {
      this.asked += 1;
      return 'granted';
    },
    create(title, options) {
      const handlers: (() => void)[] = [];
      const shown = {
        title,
        options,
        closed: false,
        click: () => handlers.forEach((h) => h()),
        addEventListener: (_t: 'click', fn: () => void) => handlers.push(fn),
        close: () => (shown.closed = true),
      };
      made.push(shown);
      return shown;
    },
  };
  return { api, made };
}

describe('Web Notifications', () => {
  it('shows a notification when allowed, tagged with its id, and a click opens what it is about', () => {
    const b = fakeBrowser('granted');
    const opened: string[] = [];
    const w = new WebNotifier(b.api, { enabled: () => true, open: (l) => opened.push(l) });
    expect(w.deliver(note('n1', 'web was killed'))).toBe(true);
    expect(b.made[0]).toMatchObject({
      title: 'web was killed',
      options: { body: 'web was killed.', tag: 'n1' },
    });
    b.made[0]?.click();
    expect(opened).toEqual(['#/container/c0/summary']);
    expect(b.made[0]?.closed).toBe(true);
  });

  it('shows nothing when the browser has no permission or the user turned them off', () => {
    for (const [perm, on] of [
      ['denied', true],
      ['default', true],
      ['granted', false],
    ] as const) {
      const b = fakeBrowser(perm);
      expect(
        new WebNotifier(b.api, { enabled: () => on, open: () => undefined }).deliver(note('x', 'x')),
      ).toBe(false);
      expect(b.made).toEqual([]);
    }
    expect(new WebNotifier(undefined, { enabled: () => true, open: () => undefined }).permission).toBe(
      'unsupported',
    );
  });

  it('asks for permission once per browser profile, never when it already has an answer', async () => {
    const storage = window.localStorage;
    storage.removeItem(ASKED_KEY);
    const b = fakeBrowser('default');
    const w = new WebNotifier(b.api, { enabled: () => true, open: () => undefined });
    await w.askOnce(storage);
    await w.askOnce(storage);
    expect(b.api.asked).toBe(1);
    const answered = fakeBrowser('denied');
    storage.removeItem(ASKED_KEY);
    await new WebNotifier(answered.api, { enabled: () => true, open: () => undefined }).askOnce(storage);
    expect(answered.api.asked).toBe(0);
  });
});

describe('the centre', () => {
  beforeEach(() => useNotify.setState({ notifications: [], problems: [], jobs: [], unread: 0 }));

  it('an update replaces its earlier version; only new ones count as unread', () => {
    applyFeed({ kind: 'notification', notification: note('a', 'c0 exited with code 1') });
    applyFeed({ kind: 'notification', notification: note('a', '3 containers need attention', 3) });
    applyFeed({ kind: 'notification', notification: note('b', 'db is unhealthy') });
    expect(useNotify.getState().notifications.map((n) => n.title)).toEqual([
      'db is unhealthy',
      '3 containers need attention',
    ]);
    expect(useNotify.getState().unread).toBe(2);
  });

  it('shows a summary with every container, the one asked for marked', () => {
    applyFeed({ kind: 'notification', notification: note('s', '3 containers need attention', 3) });
    render(<ActivityView notification="s" />);
    const entry = screen.getByRole('list', { name: 'Notification centre' }).querySelector('[data-id="s"]');
    expect(entry?.getAttribute('aria-current')).toBe('true');
    const items = screen.getByRole('list', { name: 'Containers in “3 containers need attention”' });
    expect(items.querySelectorAll('a')).toHaveLength(3);
    expect(useNotify.getState().unread).toBe(0);
  });
});

function fakeTransport() {
  const subs: { topic: string; args: unknown; off: boolean; end?: () => void }[] = [];
  const calls: [string, unknown][] = [];
  const connection: ((up: boolean) => void)[] = [];
  const t = {
    kind: 'websocket',
    async call(channel: string, args: unknown) {
      calls.push([channel, args]);
      if (channel === 'app.info')
        return { ok: true, value: { mode: 'headless', version: 't', platform: 'linux', user: 'u', uid: 1 } };
      if (channel === 'connections.list')
        return {
          ok: true,
          value: { active: 'local', connections: [{ name: 'local', uri: 'auto', source: 'auto' }] },
        };
      if (channel === 'settings.get')
        return { ok: true, value: { settings: DEFAULT_SETTINGS, problems: [] } };
      return { ok: true, value: null };
    },
    subscribe(topic: string, args: unknown, _onData: unknown, onEnd?: () => void) {
      const s = { topic, args, off: false, ...(onEnd ? { end: onEnd } : {}) };
      subs.push(s);
      return () => (s.off = true);
    },
    terminals: {},
    onConnection(fn: (up: boolean) => void) {
      connection.push(fn);
      return () => undefined;
    },
  } as unknown as Transport;
  return { t, subs, calls, connection };
}

describe('focus', () => {
  it('is held as a subscription while the window has the focus', () => {
    const f = fakeTransport();
    const hasFocus = vi.spyOn(document, 'hasFocus').mockReturnValue(false);
    const off = trackFocus(f.t, window);
    expect(f.subs).toEqual([]);
    window.dispatchEvent(new Event('focus'));
    expect(f.subs.map((s) => [s.topic, s.off])).toEqual([['focus', false]]);
    window.dispatchEvent(new Event('blur'));
    expect(f.subs.map((s) => s.off)).toEqual([true]);
    // Back after the host restarted, still focused: hold it again.
    hasFocus.mockReturnValue(true);
    f.connection.forEach((fn) => fn(true));
    expect(f.subs.map((s) => s.off)).toEqual([true, false]);
    off();
    expect(f.subs.map((s) => s.off)).toEqual([true, true]);
    hasFocus.mockRestore();
  });
});

describe('Settings view', () => {
  afterEach(() => {
    useStore.setState({ api: undefined });
    queryClient.clear();
  });

  it('saves a changed setting at once, and a number only when the field is left', async () => {
    const f = fakeTransport();
    useStore.setState({ api: f.t });
    useNotify.setState({ settings: DEFAULT_SETTINGS });
    render(
      <QueryClientProvider client={queryClient}>
        <SettingsView />
      </QueryClientProvider>,
    );
    fireEvent.click(screen.getByRole('radio', { name: 'Dark' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'It turns unhealthy' }));
    const restarts = screen.getByRole('spinbutton', { name: /Restarts/ });
    fireEvent.change(restarts, { target: { value: '7' } });
    const updates = () => f.calls.filter(([c]) => c === 'settings.update').map(([, a]) => a);
    expect(updates()).toEqual([{ theme: 'dark' }, { notifications: { unhealthy: false } }]);
    fireEvent.blur(restarts);
    expect(updates()).toEqual([
      { theme: 'dark' },
      { notifications: { unhealthy: false } },
      { notifications: { crashLoopRestarts: 7 } },
    ]);
    // Served by the headless host: there is no window to close to a tray.
    await vi.waitFor(() =>
      expect(
        (screen.getByRole('checkbox', { name: /keeps Burrow running in the tray/ }) as HTMLInputElement)
          .disabled,
      ).toBe(true),
    );
  });
});
