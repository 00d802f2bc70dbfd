import { describe, expect, it } from 'vitest';
import { predictAccess, type PathInfo, type ProcessIdentity } from './permission-predictor.js';

const USER = { uid: 1000, gid: 1000 };
const SUB = 100000; // first subordinate id; container id N (N ≥ 1) is host SUB + N - 1 under the default mode

function dir(path: string, uid: number, gid: number, mode: number): PathInfo {
  return { path, uid, gid, mode, isDirectory: true };
}

const chain = (target: PathInfo, home = dir('/home/u', USER.uid, USER.gid, 0o755)) => [
  dir('/', 0, 0, 0o755),
  dir('/home', 0, 0, 0o755),
  home,
  target,
];

/** The default rootless mode: container 0 → the user, 1..65536 → the subordinate range. */
function hostMode(containerUid: number, opts: { root?: boolean } = {}): ProcessIdentity {
  const toHost = (id: number) => (id === 0 ? USER.uid : SUB + id - 1);
  return {
    containerUid,
    containerGid: containerUid,
    hostUid: toHost(containerUid),
    hostGid: toHost(containerUid),
    dacOverride: opts.root ?? containerUid === 0,
    isMappedUid: (h) => h === USER.uid || (h >= SUB && h < SUB + 65536),
    isMappedGid: (h) => h === USER.gid || (h >= SUB && h < SUB + 65536),
  };
}

describe('bind-mount permission predictor', () => {
  const data = dir('/home/u/data', USER.uid, USER.gid, 0o700);

  it('predicts the classic failure: USER 1001 image, default userns, a 700 directory of the user', () => {
    const p = predictAccess(chain(data), hostMode(1001), {
      readOnly: false,
      user: USER,
      imageUser: { uid: 1001, gid: 1001 },
      userns: { kind: 'host' },
    });
    expect(p.read).toBe(false);
    expect(p.write).toBe(false);
    expect(p.blockedAt).toBe('/home/u/data');
    expect(p.reason).toContain('host uid 101000 counts as others');
    expect(p.fixes.map((f) => f.kind)).toEqual(['keep-id', 'chown-U', 'unshare-chown']);
    expect(p.fixes[0]?.userns).toEqual({ kind: 'keep-id', uid: 1001, gid: 1001 });
    expect(p.fixes[2]?.command).toBe('podman unshare chown -R 1001:1001 /home/u/data');
  });

  it('predicts success once keep-id:uid=1001,gid=1001 maps the user onto the image user', () => {
    const proc: ProcessIdentity = {
      ...hostMode(1001),
      hostUid: USER.uid,
      hostGid: USER.gid,
      dacOverride: false,
    };
    const p = predictAccess(chain(data), proc, {
      readOnly: false,
      user: USER,
      userns: { kind: 'keep-id', uid: 1001, gid: 1001 },
    });
    expect(p).toMatchObject({ read: true, write: true, fixes: [] });
  });

  it('container root under the default mode is the user and may write', () => {
    const p = predictAccess(chain(data), hostMode(0), {
      readOnly: false,
      user: USER,
      userns: { kind: 'host' },
    });
    expect(p.read && p.write).toBe(true);
  });

  it('respects :ro — readable but not writable, and that is not a failure', () => {
    const p = predictAccess(chain(data), hostMode(0), {
      readOnly: true,
      user: USER,
      userns: { kind: 'host' },
    });
    expect(p).toMatchObject({ read: true, write: false, fixes: [] });
  });

  it('nomap root cannot override permissions on the user’s files: the owner is not mapped', () => {
    const proc: ProcessIdentity = {
      containerUid: 0,
      containerGid: 0,
      hostUid: SUB,
      hostGid: SUB,
      dacOverride: true,
      isMappedUid: (h) => h >= SUB && h < SUB + 65536,
      isMappedGid: (h) => h >= SUB && h < SUB + 65536,
    };
    const p = predictAccess(chain(data), proc, { readOnly: false, user: USER, userns: { kind: 'nomap' } });
    expect(p.read).toBe(false);
    expect(p.reason).toContain('counts as others');
  });

  it('container root may override a directory owned by a subordinate uid', () => {
    const sub = dir('/home/u/data', SUB + 1000, SUB + 1000, 0o700);
    const p = predictAccess(chain(sub), hostMode(0), {
      readOnly: false,
      user: USER,
      userns: { kind: 'host' },
    });
    expect(p.read && p.write).toBe(true);
    expect(p.reason).toContain('overrides permissions');
  });

  it('finds a parent directory without search permission', () => {
    const open = dir('/home/u/data', USER.uid, USER.gid, 0o777);
    const p = predictAccess(chain(open, dir('/home/u', USER.uid, USER.gid, 0o700)), hostMode(1001), {
      readOnly: false,
      user: USER,
      userns: { kind: 'host' },
    });
    expect(p.read).toBe(false);
    expect(p.blockedAt).toBe('/home/u');
    expect(p.reason).toMatch(/may not search/);
  });

  it('group bits apply when the process group owns the directory', () => {
    const shared = dir('/srv/shared', 0, SUB + 1000, 0o770);
    const p = predictAccess(
      [dir('/', 0, 0, 0o755), dir('/srv', 0, 0, 0o755), shared],
      hostMode(1001, { root: false }),
      {
        readOnly: false,
        user: USER,
        userns: { kind: 'host' },
      },
    );
    expect(p.read && p.write).toBe(true);
    expect(p.reason).toContain('counts as group');
  });

  it('with SELinux enforcing and no label, proposes :Z', () => {
    const p = predictAccess(chain(data), hostMode(0), {
      readOnly: false,
      user: USER,
      userns: { kind: 'host' },
      selinuxBlocks: true,
    });
    expect(p.read).toBe(false);
    expect(p.fixes.map((f) => f.kind)).toEqual(['selinux-Z']);
  });

  it('does not propose keep-id when the directory is not the user’s', () => {
    const other = dir('/home/u/data', 4242, 4242, 0o700);
    const p = predictAccess(chain(other), hostMode(1001), {
      readOnly: false,
      user: USER,
      userns: { kind: 'host' },
    });
    expect(p.fixes.map((f) => f.kind)).toEqual(['chown-U', 'unshare-chown']);
  });
});
