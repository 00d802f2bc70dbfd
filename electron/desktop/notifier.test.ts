import { describe, expect, it } from 'vitest';
import type { BurrowNotification } from '../../core/model/notifications.js';
import { DesktopNotifier, type DesktopNotificationOptions, type NotificationLike } from './notifier.js';

class FakeNotification implements NotificationLike {
  shown = false;
  closed = false;
  private readonly handlers: Record<string, (() => void)[]> = {};
  constructor(readonly o: DesktopNotificationOptions) {}
  show() {
    this.shown = true;
  }
  close() {
    this.closed = true;
    for (const h of this.handlers.close ?? []) h();
  }
  on(event: string, fn: () => void) {
    (this.handlers[event] ??= []).push(fn);
    return this;
  }
  click() {
    for (const h of this.handlers.click ?? []) h();
  }
}

const note = (
  id: string,
  title: string,
  severity: BurrowNotification['severity'] = 'error',
): BurrowNotification => ({
  id,
  time: '',
  title,
  body: `${title}!`,
  severity,
  items: [],
  link: `#/activity?notification=${id}`,
});

function setup(enabled = true, supported = true) {
  const made: FakeNotification[] = [];
  const opened: string[] = [];
  const notifier = new DesktopNotifier({
    create: (o) => {
      const n = new FakeNotification(o);
      made.push(n);
      return n;
    },
    supported: () => supported,
    enabled: () => enabled,
    onClick: (l) => opened.push(l),
    icon: '/icon.png',
    keep: 2,
  });
  return { made, opened, notifier };
}

describe('DesktopNotifier', () => {
  it('shows a notification that opens what it is about when clicked', () => {
    const t = setup();
    expect(t.notifier.show(note('a', 'web was killed'))).toBe(true);
    expect(t.made[0]?.o).toEqual({
      title: 'web was killed',
      body: 'web was killed!',
      icon: '/icon.png',
      urgency: 'normal',
    });
    expect(t.made[0]?.shown).toBe(true);
    t.made[0]?.click();
    expect(t.opened).toEqual(['#/activity?notification=a']);
  });

  it('an update replaces the notification on screen instead of adding one', () => {
    const t = setup();
    t.notifier.show(note('a', '2 containers need attention'));
    t.notifier.show(note('a', '200 containers need attention'));
    expect(t.made.map((n) => n.closed)).toEqual([true, false]);
    expect(t.notifier.size).toBe(1);
  });

  it('keeps only the newest few (older ones are closed, not leaked)', () => {
    const t = setup();
    for (const id of ['a', 'b', 'c']) t.notifier.show(note(id, id));
    expect(t.made.map((n) => n.closed)).toEqual([true, false, false]);
    expect(t.notifier.size).toBe(2);
  });

  it('says nothing when the user turned desktop notifications off or the desktop has none', () => {
    for (const t of [setup(false, true), setup(true, false)]) {
      expect(t.notifier.show(note('a', 'x'))).toBe(false);
      expect(t.made).toEqual([]);
    }
  });

  it('news about a job is low urgency', () => {
    const t = setup();
    t.notifier.show(note('j', 'Pull finished', 'info'));
    expect(t.made[0]?.o.urgency).toBe('low');
  });
});
