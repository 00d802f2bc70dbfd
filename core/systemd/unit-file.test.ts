import { describe, expect, it } from 'vitest';
import {
  autoUpdateOf,
  checkUnitFileName,
  defaultServiceName,
  getKeys,
  isEnabled,
  setAutoUpdate,
  setEnabled,
  setKey,
} from './unit-file.js';

const UNIT = `# my web server
[Unit]
Description=web

[Container]
Image=docker.io/library/nginx:latest
# keep the user's uid
UserNS=keep-id:uid=1001,gid=1001
PodmanArgs=--memory=256m \\
  --pids-limit=64

[Service]
Restart=always
`;

describe('unit file editing', () => {
  it('reads keys, joining continued lines, ignoring comments', () => {
    expect(getKeys(UNIT, 'Container', 'UserNS')).toEqual(['keep-id:uid=1001,gid=1001']);
    expect(getKeys(UNIT, 'Container', 'PodmanArgs')).toEqual(['--memory=256m --pids-limit=64']);
    expect(getKeys(UNIT, 'Unit', 'Image')).toEqual([]);
    expect(getKeys('# Image=x\n[Container]\n;Image=y\n', 'Container', 'Image')).toEqual([]);
  });

  it('adds a key after the section’s last key, keeping every other line', () => {
    const out = setKey(UNIT, 'Container', 'AutoUpdate', 'registry');
    expect(out).toBe(UNIT.replace('  --pids-limit=64\n', '  --pids-limit=64\nAutoUpdate=registry\n'));
  });

  it('replaces every value in place (one line where the first was) and removes with undefined', () => {
    const two = '[Container]\nImage=a\nAutoUpdate=local\nExec=sleep 1\nAutoUpdate=local\n';
    expect(setKey(two, 'Container', 'AutoUpdate', 'registry')).toBe(
      '[Container]\nImage=a\nAutoUpdate=registry\nExec=sleep 1\n',
    );
    expect(setKey(two, 'Container', 'AutoUpdate', undefined)).toBe('[Container]\nImage=a\nExec=sleep 1\n');
    // A continued value goes with its key.
    expect(setKey(UNIT, 'Container', 'PodmanArgs', undefined)).not.toContain('pids-limit');
  });

  it('appends a missing section', () => {
    expect(setKey('[Container]\nImage=a\n', 'Install', 'WantedBy', 'default.target')).toBe(
      '[Container]\nImage=a\n\n[Install]\nWantedBy=default.target\n',
    );
    expect(setKey('', 'Container', 'Image', 'a')).toBe('[Container]\nImage=a\n');
  });

  it('enables with [Install] WantedBy and disables by removing the install keys', () => {
    expect(isEnabled(UNIT)).toBe(false);
    const on = setEnabled(UNIT, true);
    expect(isEnabled(on)).toBe(true);
    expect(on.endsWith('[Install]\nWantedBy=default.target\n')).toBe(true);
    expect(setEnabled(on, true)).toBe(on);
    const off = setEnabled(`${on}RequiredBy=x.target\n`, false);
    expect(isEnabled(off)).toBe(false);
    expect(off).toContain('[Install]');
    expect(off).toContain('Restart=always');
  });

  it('sets AutoUpdate in the kind’s own section', () => {
    expect(autoUpdateOf(UNIT, 'container')).toBeUndefined();
    const marked = setAutoUpdate(UNIT, 'container', 'registry');
    expect(autoUpdateOf(marked, 'container')).toBe('registry');
    expect(autoUpdateOf(setAutoUpdate('[Kube]\nYaml=a.yaml\n', 'kube', 'local'), 'kube')).toBe('local');
    expect(autoUpdateOf(setAutoUpdate(marked, 'container', undefined), 'container')).toBeUndefined();
  });

  it('names services as Quadlet does', () => {
    expect(defaultServiceName('web.container')).toBe('web.service');
    expect(defaultServiceName('app.kube')).toBe('app.service');
    expect(defaultServiceName('shop.pod')).toBe('shop-pod.service');
    expect(defaultServiceName('data.volume')).toBe('data-volume.service');
    expect(defaultServiceName('net.network')).toBe('net-network.service');
    expect(defaultServiceName('web.container', '[Container]\nServiceName=custom\n')).toBe('custom.service');
    expect(defaultServiceName('notes.txt')).toBeUndefined();
  });

  it('refuses file names with folders, dot-dot or another extension', () => {
    expect(checkUnitFileName('web.container')).toBeUndefined();
    expect(checkUnitFileName('db@1.pod')).toBeUndefined();
    expect(checkUnitFileName('../web.container')).toMatch(/no folder/);
    expect(checkUnitFileName('a/b.container')).toMatch(/no folder/);
    expect(checkUnitFileName('web.service')).toMatch(/must end in/);
    expect(checkUnitFileName('')).toMatch(/no folder/);
  });
});
