// Raw libpod events as Podman 4.3 and 5 send them, mapped to Burrow's EngineEvent.
import { describe, expect, it } from 'vitest';
import { ReplayFilter, STREAM_START_SLACK_MS, streamStartMs, toEngineEvent } from './events.js';

// Captured from Podman 4.3.1's /libpod/events (a failing `podman healthcheck run`).
const health43 = {
  status: 'health_status',
  id: 'a2ceef5e4d0f',
  Type: 'container',
  Action: 'health_status',
  Actor: { ID: 'a2ceef5e4d0f', Attributes: { containerExitCode: '0', name: 'bt-h', podId: '' } },
  time: 1795640533,
  timeNano: 1795640533490440000,
  HealthStatus: 'unhealthy',
};

describe('toEngineEvent', () => {
  it('keeps a health check result with the attributes (Podman sends it beside the Actor)', () => {
    expect(toEngineEvent(health43)).toMatchObject({
      kind: 'container',
      action: 'health_status',
      name: 'bt-h',
      attributes: { health_status: 'unhealthy' },
    });
  });

  it('keeps the exit code of a died event, and adds no health status where there is none', () => {
    const ev = toEngineEvent({
      Type: 'container',
      Action: 'died',
      Actor: { ID: 'x', Attributes: { containerExitCode: '137', name: 'web' } },
      timeNano: 1,
    });
    expect(ev).toMatchObject({ action: 'died', attributes: { containerExitCode: '137' } });
    expect(ev && 'attributes' in ev ? ev.attributes.health_status : 'none').toBeUndefined();
  });
});

describe('ReplayFilter (Podman 4 replays half its events file after rotating it)', () => {
  const raw = (nano: number, action = 'died', id = 'a') => ({
    Type: 'container',
    Action: action,
    Actor: { ID: id, Attributes: {} },
    timeNano: nano,
  });

  it('drops exact copies of events already seen, keeps everything new', () => {
    const f = new ReplayFilter();
    const first = [raw(1), raw(2), raw(2, 'cleanup'), raw(2, 'died', 'b'), raw(3)];
    expect(first.map((e) => f.fresh(e))).toEqual([true, true, true, true, true]);
    // The rotated file read again from its start: the kept half, then what is new.
    const again = [raw(2), raw(2, 'cleanup'), raw(2, 'died', 'b'), raw(3), raw(4)];
    expect(again.map((e) => f.fresh(e))).toEqual([false, false, false, false, true]);
  });

  it('forgets the oldest beyond its capacity', () => {
    const f = new ReplayFilter(2);
    for (const n of [1, 2, 3]) f.fresh(raw(n));
    expect(f.fresh(raw(1))).toBe(true);
    expect(f.fresh(raw(3))).toBe(false);
  });

  it('drops what happened before the stream started (the rotated half holds older events too)', () => {
    const f = new ReplayFilter();
    f.startFrom(5_000); // ms on the engine's clock
    const before = raw(4_999 * 1e6);
    const at = raw(5_000 * 1e6, 'start');
    const after = raw(5_001 * 1e6, 'died', 'b');
    expect([f.fresh(before), f.fresh(at), f.fresh(after)]).toEqual([false, true, true]);
    // timeNano as a string (how some versions send it) is compared as a number
    expect(f.fresh({ ...raw(0), timeNano: String(4_000 * 1e6) })).toBe(false);
    // a reconnection moves the start: older events after it are history again
    f.startFrom(6_000);
    expect(f.fresh(raw(5_500 * 1e6, 'stop', 'c'))).toBe(false);
    expect(f.fresh(raw(6_500 * 1e6, 'stop', 'c'))).toBe(true);
  });

  it('takes the start from the response Date header, a second early, and none without one', () => {
    const date = 'Thu, 26 Nov 2026 11:40:07 GMT';
    expect(streamStartMs(date)).toBe(Date.parse(date) - STREAM_START_SLACK_MS);
    expect(streamStartMs(undefined)).toBe(0);
    expect(streamStartMs('not a date')).toBe(0);
    const f = new ReplayFilter();
    f.startFrom(streamStartMs(undefined));
    expect(f.fresh(raw(1))).toBe(true);
  });

  it('lets events without a nanosecond time through (a same-second repeat may be real)', () => {
    const f = new ReplayFilter();
    const e = { Type: 'container', Action: 'died', Actor: { ID: 'a' }, time: 5 };
    expect([f.fresh(e), f.fresh(e)]).toEqual([true, true]);
  });
});
