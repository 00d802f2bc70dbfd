import { describe, expect, it } from 'vitest';
import { resolveUser, uidByName } from '../clients/container-files.js';
import { copiedOutSentence, fileOwnership } from './file-ownership.js';

const facts = {
  uid: 1005,
  gid: 1005,
  idMappings: {
    uidMap: [
      { containerId: 0, hostId: 1005, size: 1 },
      { containerId: 1, hostId: 100000, size: 65536 },
    ],
    gidMap: [
      { containerId: 0, hostId: 1005, size: 1 },
      { containerId: 1, hostId: 100000, size: 65536 },
    ],
  },
};
const you = { uid: 1005, gid: 1005 };
const PASSWD = 'root:x:0:0:root:/root:/bin/sh\napp:x:1001:1002:app:/home/app:/bin/sh\n';
const GROUP = 'root:x:0:\napp:x:1002:\nstaff:x:50:\n';

describe('who owns copied files', () => {
  it('resolves the container user as Podman does', () => {
    expect(resolveUser('', PASSWD, GROUP)).toEqual({ name: 'root', uid: 0, gid: 0 });
    expect(resolveUser('app', PASSWD, GROUP)).toEqual({ name: 'app', uid: 1001, gid: 1002 });
    expect(resolveUser('1001', PASSWD, GROUP)).toEqual({ name: 'app', uid: 1001, gid: 1002 });
    expect(resolveUser('1001:staff', PASSWD, GROUP)).toEqual({ name: 'app', uid: 1001, gid: 50 });
    expect(resolveUser('4242', PASSWD, GROUP)).toEqual({ name: '4242', uid: 4242, gid: 4242 });
    expect(uidByName(PASSWD, 'app')).toBe(1001);
    expect(uidByName(PASSWD, '')).toBeUndefined();
  });

  it('root in the default mode is you; uid 1001 is a subordinate id; keep-id keeps you', () => {
    expect(fileOwnership(undefined, facts, { name: 'root', uid: 0, gid: 0 }, you)).toMatchObject({
      hostUid: 1005,
      differs: false,
    });
    const app = fileOwnership({ kind: 'host' }, facts, { name: 'app', uid: 1001, gid: 1002 }, you);
    expect(app).toMatchObject({ hostUid: 101000, hostGid: 101001, differs: true });
    expect(app.copyIn).toContain('uid 101000, not you');
    const kept = fileOwnership({ kind: 'keep-id' }, facts, { name: '1005', uid: 1005, gid: 1005 }, you);
    expect(kept).toMatchObject({ hostUid: 1005, differs: false });
    const auto = fileOwnership({ kind: 'auto' }, facts, { name: 'root', uid: 0, gid: 0 }, you);
    expect(auto.hostUid).toBeUndefined();
    expect(auto.copyIn).toContain('userns=auto');
  });

  it('says who owned copies inside', () => {
    expect(copiedOutSentence([1001, 0, 1001, 'ghost'], { kind: 'host' }, facts, you)).toBe(
      'Inside the container these belonged to uid 0 (you on the host), uid 1001 (host uid 101000), "ghost"; the copies here belong to you (uid 1005).',
    );
  });
});
