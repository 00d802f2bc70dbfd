import { describe, expect, it } from 'vitest';
import { composeIdMaps, describeMapping, parseIdMap, toContainerId, toHostId } from './uid-mapping.js';

// Real /proc/<pid>/uid_map contents from this host's rootless Podman (user uid 1001, subuid 100000:65536).
const HOST_MODE = '         0       1001          1\n         1     100000      65536\n';
const KEEP_ID_1001 =
  '         0     100000       1001\n      1001       1001          1\n      1002     101001      64535\n';
const NOMAP = '         0     100000      65536\n';

const user = { uid: 1001, gid: 1001, name: 'burrow-test', subuids: [{ start: 100000, size: 65536 }] };

describe('uid mapping view', () => {
  it('parses the kernel format', () => {
    expect(parseIdMap(HOST_MODE)).toEqual([
      { containerId: 0, hostId: 1001, size: 1 },
      { containerId: 1, hostId: 100000, size: 65536 },
    ]);
    expect(parseIdMap('garbage\n1 2\n')).toEqual([]);
  });

  it('translates ids both ways', () => {
    const m = parseIdMap(HOST_MODE);
    expect(toHostId(m, 0)).toBe(1001);
    expect(toHostId(m, 1001)).toBe(101000);
    expect(toHostId(m, 65537)).toBeUndefined();
    expect(toContainerId(m, 101000)).toBe(1001);
    expect(toContainerId(m, 5)).toBeUndefined();
  });

  it('says it in words for the default mode', () => {
    const v = describeMapping(parseIdMap(HOST_MODE), parseIdMap(HOST_MODE), user, [0, 1001]);
    expect(v.sentences[0]).toBe(
      'root in this container is you (burrow-test, uid 1001) on the host: it can read and write what you can.',
    );
    expect(v.sentences[1]).toContain(
      'uid 1001 in this container is host uid 101000, which owns none of your files',
    );
    expect(v.uid).toEqual([
      { container: '0', host: '1001', size: 1, owner: 'you' },
      { container: '1–65536', host: '100000–165535', size: 65536, owner: 'subordinate' },
    ]);
  });

  it('keep-id:uid=1001 makes container uid 1001 the user', () => {
    const m = parseIdMap(KEEP_ID_1001);
    const v = describeMapping(m, m, { ...user, uid: 1001 }, [1001]);
    expect(v.sentences[0]).toMatch(/^uid 1001 in this container is you/);
  });

  it('nomap: the user is not mapped at all', () => {
    const m = parseIdMap(NOMAP);
    const v = describeMapping(m, m, user, [0]);
    expect(v.sentences[0]).toContain('root in this container is host uid 100000');
    expect(v.sentences).toContain(
      'Your own uid 1001 is not mapped: your files appear inside as owned by nobody (65534).',
    );
  });
});

describe('composeIdMaps (a remote container: its own map through the engine-reported rootless map)', () => {
  // The rootless namespace: 0 → the user (1000), 1..65536 → 100000..165535.
  const rootless = [
    { containerId: 0, hostId: 1000, size: 1 },
    { containerId: 1, hostId: 100000, size: 65536 },
  ];
  it('keep-id: container 1000 → parent 0 → the user; the rest → subordinate ids', () => {
    // What `cat /proc/self/uid_map` prints inside a keep-id container (Podman 5, uid 1000).
    const inner = [
      { containerId: 0, hostId: 1, size: 1000 },
      { containerId: 1000, hostId: 0, size: 1 },
      { containerId: 1001, hostId: 1001, size: 64536 },
    ];
    expect(composeIdMaps(inner, rootless)).toEqual([
      { containerId: 0, hostId: 100000, size: 1000 },
      { containerId: 1000, hostId: 1000, size: 1 },
      { containerId: 1001, hostId: 101000, size: 64536 },
    ]);
  });
  it('nomap: container 0 → parent 1 → the first subordinate id; ids the parent lacks are dropped', () => {
    expect(composeIdMaps([{ containerId: 0, hostId: 1, size: 70000 }], rootless)).toEqual([
      { containerId: 0, hostId: 100000, size: 65536 },
    ]);
  });
  it('merges ranges that stay contiguous across the outer map', () => {
    expect(composeIdMaps([{ containerId: 0, hostId: 0, size: 10 }], rootless)).toEqual([
      { containerId: 0, hostId: 1000, size: 1 },
      { containerId: 1, hostId: 100000, size: 9 },
    ]);
  });
});
