import { describe, expect, it } from 'vitest';
import {
  assembleUnits,
  parseDryRun,
  parseGeneratorStderr,
  parseListingOutput,
  parseShow,
} from './quadlet-listing.js';
import { supportFrom } from './quadlet-host.js';

const DIR = '/home/tester/.config/containers/systemd';

// What the listing script printed on the Debian 13 guest (Podman 5.4), trimmed.
const OUTPUT = `@@dir\t${DIR}
@@quadlet\t/usr/libexec/podman/quadlet
@@systemd\trunning
@@file\t${DIR}/bad.container
[Container]
Image=x
Bogus=1

@@file\t${DIR}/shop.pod
[Pod]
PodName=shop

@@file\t${DIR}/web.container
[Container]
Image=localhost/burrow-test/busybox:latest
Exec=sleep 600
AutoUpdate=registry

[Install]
WantedBy=default.target

@@generated
---shop-pod.service---
[X-Pod]
PodName=shop

[Unit]
SourcePath=${DIR}/shop.pod

[Service]
ExecStartPre=/usr/bin/podman pod create --name shop

---web.service---
[X-Container]
Image=localhost/burrow-test/busybox:latest

[Unit]
SourcePath=${DIR}/web.container
RequiresMountsFor=%t/containers

[Service]
ExecStart=/usr/bin/podman run --name systemd-%N --replace --rm localhost/burrow-test/busybox:latest sleep 600

@@generator-stderr
quadlet-generator[563]: Loading source unit file ${DIR}/bad.container
quadlet-generator[563]: Warning: bad.container specifies the image "x" which not a fully qualified image name.
quadlet-generator[563]: converting "bad.container": unsupported key 'Bogus' in group 'Container' in ${DIR}/bad.container
@@show
Id=web.service
LoadState=loaded
ActiveState=failed
SubState=failed
Result=exit-code
ActiveEnterTimestamp=
InactiveEnterTimestamp=@1764104733
SourcePath=${DIR}/web.container

Id=shop-pod.service
LoadState=loaded
ActiveState=active
SubState=running
Result=success
ActiveEnterTimestamp=@1764104700
InactiveEnterTimestamp=
SourcePath=${DIR}/shop.pod
@@end
`;

describe('Quadlet listing', () => {
  it('splits the script output at its markers', () => {
    const out = parseListingOutput(OUTPUT);
    expect(out.dir).toBe(DIR);
    expect(out.quadlet).toBe('/usr/libexec/podman/quadlet');
    expect(out.systemd).toBe('running');
    expect(out.files.map((f) => f.path)).toEqual([
      `${DIR}/bad.container`,
      `${DIR}/shop.pod`,
      `${DIR}/web.container`,
    ]);
    expect(out.files[2]?.text).toBe(
      '[Container]\nImage=localhost/burrow-test/busybox:latest\nExec=sleep 600\nAutoUpdate=registry\n\n[Install]\nWantedBy=default.target\n',
    );
    expect(out.generated).toContain('---web.service---');
    expect(out.show).toContain('Id=shop-pod.service');
  });

  it('parses the generator’s units with their source, and its complaints by file', () => {
    const units = parseDryRun(parseListingOutput(OUTPUT).generated);
    expect([...units.keys()]).toEqual(['shop-pod.service', 'web.service']);
    expect(units.get('web.service')?.sourcePath).toBe(`${DIR}/web.container`);
    expect(units.get('web.service')?.text).toContain('ExecStart=/usr/bin/podman run');
    const { errors, warnings } = parseGeneratorStderr(parseListingOutput(OUTPUT).generatorStderr);
    expect(errors.get('bad.container')).toBe(
      `unsupported key 'Bogus' in group 'Container' in ${DIR}/bad.container`,
    );
    expect(warnings).toEqual([
      'Warning: bad.container specifies the image "x" which not a fully qualified image name.',
    ]);
  });

  it('parses systemctl show blocks', () => {
    const blocks = parseShow('Id=a.service\nActiveState=active\n\nId=b.service\nActiveState=failed\nX=a=b\n');
    expect(blocks).toEqual([
      { Id: 'a.service', ActiveState: 'active' },
      { Id: 'b.service', ActiveState: 'failed', X: 'a=b' },
    ]);
  });

  it('assembles each unit with its service, state, install and auto-update', () => {
    const { units, warnings } = assembleUnits(parseListingOutput(OUTPUT));
    expect(units.map((u) => [u.fileName, u.kind, u.service, u.state])).toEqual([
      ['bad.container', 'container', undefined, 'unknown'],
      ['shop.pod', 'pod', 'shop-pod.service', 'active'],
      ['web.container', 'container', 'web.service', 'failed'],
    ]);
    const [bad, shop, web] = units;
    expect(bad?.generatorError).toMatch(/unsupported key 'Bogus'/);
    expect(shop?.since).toBe(new Date(1764104700 * 1000).toISOString());
    expect(shop?.enabled).toBe(false);
    expect(web).toMatchObject({
      enabled: true,
      autoUpdate: 'registry',
      result: 'exit-code',
      subState: 'failed',
    });
    expect(web?.since).toBe(new Date(1764104733 * 1000).toISOString());
    expect(warnings).toHaveLength(1);
  });
});

describe('what the engine’s host offers', () => {
  const here = { where: 'this machine', remote: false };

  it('Podman 4.3 has no Quadlet, and a host without a user systemd has neither units nor auto-update', () => {
    const s = supportFrom(
      {
        dir: '/home/u/.config/containers/systemd',
        quadlet: '',
        systemd: 'Failed to connect to bus: No medium found',
      },
      here,
      '4.3.1',
    );
    expect(s.quadlet).toMatchObject({ available: false });
    expect(s.quadlet.available ? '' : s.quadlet.reason).toBe(
      'Podman 4.3.1 on this machine has no Quadlet: it arrived in Podman 4.4',
    );
    expect(s.systemd.available ? '' : s.systemd.reason).toContain(
      'Failed to connect to bus: No medium found',
    );
    expect(s.systemd.available ? '' : s.systemd.hint).toContain('loginctl enable-linger');
    expect(s.autoUpdate.available).toBe(false);
    expect(s.autoUpdate.available ? '' : s.autoUpdate.reason).toContain('restarts the systemd units');
  });

  it('a new Podman without the generator says it is not installed; a degraded systemd still counts', () => {
    const s = supportFrom({ dir: '/d', quadlet: '', systemd: 'degraded' }, here, '5.4.2');
    expect(s.quadlet.available ? '' : s.quadlet.reason).toContain('not installed');
    expect(s.systemd).toEqual({ available: true, state: 'degraded' });
    expect(s.autoUpdate.available).toBe(true);
    expect(supportFrom({ dir: '/d', quadlet: '', systemd: '' }, here, '5.0.0').systemd).toMatchObject({
      available: false,
      reason: 'this machine does not run systemd (no `systemctl`)',
    });
  });

  it('the guest’s facts: everything available', () => {
    const s = supportFrom(
      parseListingOutput(OUTPUT),
      { where: 'tester@127.0.0.1 (over SSH)', remote: true },
      '5.4.2',
    );
    expect(s).toMatchObject({
      remote: true,
      unitDir: DIR,
      quadlet: { available: true, binary: '/usr/libexec/podman/quadlet' },
      systemd: { available: true, state: 'running' },
      autoUpdate: { available: true },
    });
  });
});
