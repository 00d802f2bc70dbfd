import { describe, expect, it } from 'vitest';
import { parseAutoUpdate, summarize } from './auto-update.js';

const ROWS = JSON.stringify([
  {
    Unit: 'web.service',
    Container: '1a2b3c4d5e6f (systemd-web)',
    ContainerName: 'systemd-web',
    ContainerID: '1a2b3c4d5e6f',
    Image: '10.0.2.2:5000/shop/web:latest',
    Policy: 'registry',
    Updated: 'pending',
  },
  {
    Unit: 'db.service',
    Container: 'aaaaaaaaaaaa (systemd-db)',
    Image: 'localhost/db:1',
    Policy: 'local',
    Updated: 'false',
  },
]);

describe('podman auto-update output', () => {
  it('maps Podman’s Updated column to words and reads the old Container column too', () => {
    const entries = parseAutoUpdate(ROWS);
    expect(entries).toEqual([
      {
        unit: 'web.service',
        containerId: '1a2b3c4d5e6f',
        containerName: 'systemd-web',
        image: '10.0.2.2:5000/shop/web:latest',
        policy: 'registry',
        status: 'pending',
        raw: 'pending',
      },
      {
        unit: 'db.service',
        containerId: 'aaaaaaaaaaaa',
        containerName: 'systemd-db',
        image: 'localhost/db:1',
        policy: 'local',
        status: 'unchanged',
        raw: 'false',
      },
    ]);
    const words = ['true', 'failed', 'rolled back', 'something new'].map(
      (u) => parseAutoUpdate(JSON.stringify([{ Updated: u }]))[0]?.status,
    );
    expect(words).toEqual(['updated', 'failed', 'rolled-back', 'unknown']);
  });

  it('reads nothing as no units, and refuses what is not JSON', () => {
    expect(parseAutoUpdate('')).toEqual([]);
    expect(parseAutoUpdate('null')).toEqual([]);
    expect(() => parseAutoUpdate('Error: something')).toThrow(/other than JSON/);
  });

  it('says the outcome in one sentence', () => {
    const entries = parseAutoUpdate(ROWS);
    expect(summarize(entries, true)).toBe('Auto-update dry run: 1 of 2 would update (web.service)');
    expect(summarize([], true)).toMatch(/no container runs in a systemd unit/);
    expect(
      summarize(
        entries.map((e) => ({ ...e, status: 'unchanged' as const })),
        true,
      ),
    ).toBe('Auto-update dry run: all 2 up to date');
    const after = [
      { ...entries[0]!, status: 'updated' as const },
      { ...entries[1]!, status: 'rolled-back' as const },
    ];
    expect(summarize(after, false)).toBe('Auto-update: 1 updated, 1 rolled back');
  });
});
