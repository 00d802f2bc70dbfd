import { describe, expect, it } from 'vitest';
import { hostIdOf, numericUser, predictIdMap, previewProcess } from './mapping-preview.js';

// The rootless namespace of a user with uid 1001 and subuid 100000:65536 (this machine's test user).
const ns = [
  { containerId: 0, hostId: 1001, size: 1 },
  { containerId: 1, hostId: 100000, size: 65536 },
];
const facts = { uid: 1001, gid: 1001, idMappings: { uidMap: ns, gidMap: ns } };

describe('mapping preview', () => {
  it('reproduces the kernel maps Podman builds (captured from /proc/<pid>/uid_map here)', () => {
    expect(predictIdMap({ kind: 'host' }, 1001, ns)).toEqual([
      { containerId: 0, hostId: 1001, size: 1 },
      { containerId: 1, hostId: 100000, size: 65536 },
    ]);
    expect(predictIdMap({ kind: 'keep-id' }, 1001, ns, 1001)).toEqual([
      { containerId: 0, hostId: 100000, size: 1001 },
      { containerId: 1001, hostId: 1001, size: 1 },
      { containerId: 1002, hostId: 101001, size: 64535 },
    ]);
    expect(predictIdMap({ kind: 'nomap' }, 1001, ns)).toEqual([
      { containerId: 0, hostId: 100000, size: 65536 },
    ]);
    expect(predictIdMap({ kind: 'auto' }, 1001, ns)).toBeUndefined();
  });

  it('keep-id:uid=N for a user whose uid differs from N', () => {
    const m = predictIdMap({ kind: 'keep-id', uid: 1001 }, 1000, ns, 1001)!;
    expect(hostIdOf(m, 1001)).toBe(1000);
    expect(hostIdOf(m, 0)).toBe(100000);
    expect(hostIdOf(m, 1000)).toBe(100000 + 1000);
    expect(hostIdOf(m, 1002)).toBe(100000 + 1001);
  });

  it('says which host uid the process runs as', () => {
    expect(previewProcess({ kind: 'host' }, facts, '1001')).toMatchObject({
      containerUid: 1001,
      hostUid: 101000,
    });
    expect(previewProcess({ kind: 'host' }, facts, '1001').sentence).toMatch(
      /host uid 101000, a subordinate uid/,
    );
    expect(previewProcess({ kind: 'host' }, facts, '')).toMatchObject({ containerUid: 0, hostUid: 1001 });
    expect(previewProcess({ kind: 'keep-id', uid: 1001, gid: 1001 }, facts, '1001')).toMatchObject({
      containerUid: 1001,
      hostUid: 1001,
      hostGid: 1001,
    });
    expect(previewProcess({ kind: 'keep-id' }, facts, '0').sentence).toMatch(/run as you/);
    expect(previewProcess({ kind: 'nomap' }, facts, '')).toMatchObject({ containerUid: 0, hostUid: 100000 });
    expect(previewProcess({ kind: 'nomap' }, facts, '', '42:42')).toMatchObject({
      containerUid: 42,
      hostUid: 100042,
    });
    expect(previewProcess({ kind: 'auto' }, facts).hostUid).toBeUndefined();
  });

  it('parses numeric users', () => {
    expect(numericUser('1001:1002')).toEqual({ uid: 1001, gid: 1002 });
    expect(numericUser('root')).toEqual({ uid: 0, gid: 0 });
    expect(numericUser('app')).toEqual({});
  });
});
