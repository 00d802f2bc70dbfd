// Quadlet units and auto-update on the engine's host. Here (Debian 12: Podman 4.3, no systemd user instance for
// the test user) both say they are not available and why, and nothing is written. On the Debian 13 guest
// (Podman 5.4, systemd, reached over Burrow's SSH connection, so every command runs through the connection's
// ssh) the whole cycle: a container exported with UserNS=keep-id:uid=…,gid=…, a memory limit and
// AutoUpdate=registry, checked by the generator, saved, started, its journal read, enabled, removed; then a
// new image pushed to the local registry, the dry run says the unit would update, the update runs, and the
// container runs the new image (and a broken image is rolled back).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine-api.js';
import { autoUpdatePreview, autoUpdateRun, markAutoUpdate } from '../systemd/auto-update.js';
import {
  checkUnit,
  listUnits,
  removeUnit,
  systemdSupport,
  unitAction,
  unitJournal,
  writeUnit,
  type EngineHost,
} from '../systemd/quadlet-host.js';
import { engineHost, exportUnit, writeUnitFor } from '../systemd/service.js';
import type { AutoUpdateEvent, UnitJournalEntry } from '../model/systemd.js';
import { openTestEngine } from './harness/engine.js';
import { FIXTURE_IMAGE, podmanCli, TEST_LABELS, uniqueName } from './harness/fixtures.js';
import { onEngineHost, onGuest } from './harness/target.js';

let engine: Engine;
let host: EngineHost;
const units: string[] = [];
const images: string[] = [];

beforeAll(async () => {
  engine = await openTestEngine({ tag: 'quadlet' });
  host = engineHost(engine);
});

afterAll(async () => {
  for (const u of units) await removeUnit(host, u).catch(() => undefined);
  for (const i of images) await podmanCli(['rmi', '-f', i]).catch(() => undefined);
  await engine?.close();
});

describe.skipIf(onGuest)('on this Debian 12 host', () => {
  it('says Quadlet and auto-update are not available, and why', async () => {
    const s = await systemdSupport(host);
    expect(s).toMatchObject({ where: 'this machine', remote: false, podmanVersion: '4.3.1' });
    expect(s.quadlet).toMatchObject({
      available: false,
      reason: 'Podman 4.3.1 on this machine has no Quadlet: it arrived in Podman 4.4',
    });
    // The test user has no systemd user instance (no login session): systemctl --user cannot reach a bus.
    expect(s.systemd.available).toBe(false);
    expect(s.systemd.available ? '' : s.systemd.reason).toBe(
      'no systemd user instance runs for you on this machine (`systemctl --user is-system-running` says offline)',
    );
    expect(s.autoUpdate.available).toBe(false);
    expect(s.unitDir).toMatch(/\.config\/containers\/systemd$/);
  });

  it('refuses to write, start or auto-update with that reason, and writes nothing', async () => {
    const name = uniqueName('q');
    const { id } = await engine.containers.create({
      image: FIXTURE_IMAGE,
      name,
      command: ['sleep', '600'],
      labels: TEST_LABELS,
    });
    try {
      const exported = await exportUnit(engine, id, { autoUpdate: 'registry' });
      expect(exported.unit.text).toContain('AutoUpdate=registry');
      expect(exported.validation).toEqual({
        checked: false,
        reason: 'Podman 4.3.1 on this machine has no Quadlet: it arrived in Podman 4.4',
      });
      await expect(writeUnitFor(engine, id)).rejects.toMatchObject({
        code: 'unsupported_on_host',
        message:
          'Saving a Quadlet unit: Podman 4.3.1 on this machine has no Quadlet: it arrived in Podman 4.4',
        hint: expect.stringContaining('Podman to 4.4'),
      });
      await expect(unitAction(host, `${name}.container`, 'start')).rejects.toMatchObject({
        code: 'unsupported_on_host',
      });
      await expect(autoUpdatePreview(host)).rejects.toMatchObject({
        code: 'unsupported_on_host',
        message: expect.stringMatching(
          /^Auto-update is not available: `podman auto-update` restarts the systemd units/,
        ),
      });
      const events: AutoUpdateEvent[] = [];
      await expect(
        (async () => {
          for await (const e of autoUpdateRun(host)) events.push(e);
        })(),
      ).rejects.toMatchObject({ code: 'unsupported_on_host' });
      expect((await listUnits(host)).units.some((u) => u.fileName === `${name}.container`)).toBe(false);
    } finally {
      await engine.containers.remove(id, { force: true });
    }
  });
});

describe.runIf(onGuest)('on the Debian 13 guest, over the connection’s ssh', () => {
  it('has Quadlet, a running systemd user instance and auto-update', async () => {
    const s = await systemdSupport(host);
    expect(s.remote).toBe(true);
    expect(s.where).toMatch(/\(over SSH\)$/);
    expect(s.quadlet).toMatchObject({ available: true, binary: '/usr/libexec/podman/quadlet' });
    expect(s.systemd).toMatchObject({ available: true });
    expect(s.autoUpdate).toEqual({ available: true });
    expect(s.unitDir).toBe('/home/tester/.config/containers/systemd');
  });

  describe('a unit from an exported container: keep-id with uid/gid, a memory limit, AutoUpdate=registry', () => {
    const name = uniqueName('qweb');
    const fileName = `${name}.container`;
    let service = '';

    it('is checked by the generator, then saved; a broken unit is refused and nothing is saved', async () => {
      const { id } = await engine.containers.create({
        image: FIXTURE_IMAGE,
        name,
        // Stops on SIGTERM (sleep as PID 1 would not: systemd would then call the stop a failure).
        command: ['sh', '-c', 'trap "exit 0" TERM; sleep 600 & wait'],
        userns: { kind: 'keep-id', uid: 1001, gid: 1001 },
        limits: { memory: '64m' },
        labels: TEST_LABELS,
      });
      const exported = await exportUnit(engine, id, { autoUpdate: 'registry' });
      expect(exported.unit.text).toContain('UserNS=keep-id:uid=1001,gid=1001');
      expect(exported.unit.text).toContain('AutoUpdate=registry');
      expect(exported.unit.text).toMatch(/^PodmanArgs=.*--memory=64m/m);
      expect(exported.validation).toEqual({ checked: true, ok: true, service: `${name}.service` });
      await engine.containers.remove(id, { force: true });

      const bad = await checkUnit(host, `${name}-bad.container`, '[Container]\nImage=x\nBogus=1\n');
      expect(bad).toEqual({ ok: false, error: expect.stringContaining("unsupported key 'Bogus'") });
      await expect(
        writeUnit(host, { fileName: `${name}-bad.container`, text: '[Container]\nBogus=1\n' }),
      ).rejects.toMatchObject({
        code: 'invalid_input',
        field: 'text',
        message: expect.stringMatching(/^Quadlet does not accept/),
      });
      await expect(
        writeUnit(host, { fileName: '../evil.container', text: exported.unit.text }),
      ).rejects.toMatchObject({
        field: 'fileName',
      });

      units.push(fileName);
      const saved = await writeUnit(host, { fileName, text: exported.unit.text });
      expect(saved.path).toBe(`/home/tester/.config/containers/systemd/${fileName}`);
      expect(saved.service).toBe(`${name}.service`);
      expect(saved.generated).toContain('--userns keep-id:uid=1001,gid=1001');
      expect(saved.generated).toContain('--label io.containers.autoupdate=registry');
      service = saved.service;
      const listed = (await listUnits(host)).units;
      expect(listed.some((u) => u.fileName === `${name}-bad.container`)).toBe(false);
      expect(listed.find((u) => u.fileName === fileName)).toMatchObject({
        kind: 'container',
        service,
        state: 'inactive',
        enabled: true,
        autoUpdate: 'registry',
      });
      await expect(writeUnit(host, { fileName, text: exported.unit.text })).rejects.toMatchObject({
        field: 'overwrite',
      });
    });

    it('starts under systemd as the user’s service, with its user namespace, limit and labels', async () => {
      const u = await unitAction(host, fileName, 'start');
      expect(u.state).toBe('active');
      expect(u.since).toMatch(/^\d{4}-/);
      const c = await engine.containers.inspect(name);
      expect(c.state).toBe('running');
      expect(c.labels.PODMAN_SYSTEMD_UNIT).toBe(service);
      expect(c.labels['io.containers.autoupdate']).toBe('registry');
      expect(c.userns).toEqual({ kind: 'keep-id', uid: 1001, gid: 1001 });
      // cgroup v2 with delegation: the limit is enforced, not only asked for.
      expect(c.enforcedLimits.memory).toBe(64 * 1024 * 1024);
      const id = (await engine.containers.exec(c.id, ['id', '-u'])).stdout.trim();
      expect(id).toBe('1001');
      const uidMap = await onEngineHost('cat', [`/proc/${c.pid}/uid_map`]);
      // keep-id:uid=1001 maps the user's own uid (1000 on the guest) to 1001 inside.
      expect(uidMap).toMatch(/^\s*1001\s+1000\s+1\s*$/m);
    });

    it('has a journal, read and followed', async () => {
      const entries: UnitJournalEntry[] = [];
      for await (const e of unitJournal(host, fileName, { lines: 50 })) entries.push(e);
      // systemd's own lines about the unit (the container's output goes to its log driver, not here).
      expect(entries.some((e) => e.message.startsWith('Started ') && e.identifier === 'systemd')).toBe(true);
      expect(entries.every((e) => !Number.isNaN(Date.parse(e.time)))).toBe(true);
      const ac = new AbortController();
      const seen: string[] = [];
      const follow = (async () => {
        for await (const e of unitJournal(host, fileName, { lines: 0, follow: true, signal: ac.signal })) {
          seen.push(e.message);
          if (e.message.startsWith('Started ')) ac.abort();
        }
      })();
      await new Promise((r) => setTimeout(r, 2000));
      const restarted = await unitAction(host, fileName, 'restart');
      expect(restarted.state).toBe('active');
      const giveUp = setTimeout(() => ac.abort(), 60_000);
      await follow;
      clearTimeout(giveUp);
      expect(seen.some((m) => m.startsWith('Stopping ') || m.startsWith('Stopped '))).toBe(true);
      expect(seen.some((m) => m.startsWith('Started '))).toBe(true);
    });

    it('is disabled and enabled through its [Install] section; stops; is removed with its file', async () => {
      const off = await unitAction(host, fileName, 'disable');
      expect(off.enabled).toBe(false);
      expect(off.text).not.toContain('WantedBy=');
      const wantsOff = await onEngineHost('systemctl', ['--user', 'show', '-p', 'Wants', 'default.target']);
      expect(wantsOff).not.toContain(service);
      const on = await unitAction(host, fileName, 'enable');
      expect(on.enabled).toBe(true);
      expect(await onEngineHost('systemctl', ['--user', 'show', '-p', 'Wants', 'default.target'])).toContain(
        service,
      );
      const stopped = await unitAction(host, fileName, 'stop');
      expect(stopped.state).toBe('inactive');
      await removeUnit(host, fileName);
      expect((await listUnits(host)).units.some((u) => u.fileName === fileName)).toBe(false);
      expect(await onEngineHost('systemctl', ['--user', 'show', '-p', 'LoadState', service])).toContain(
        'not-found',
      );
      await expect(unitAction(host, fileName, 'start')).rejects.toMatchObject({
        code: 'not_found',
        field: 'unit',
      });
    });
  });

  describe('auto-update from the local registry', () => {
    const registry = process.env.BURROW_TEST_REGISTRY;
    const repo = uniqueName('au');
    const image = `${registry}/burrow-test/${repo}:latest`;
    const fileName = `${repo}.container`;
    let v2 = '';

    /** Build an image on the guest (from the fixture, or a broken one without a shell), push it under the tag. */
    async function push(label: string, broken = false): Promise<string> {
      const local = `localhost/burrow-test/${repo}-${label}:latest`;
      images.push(local);
      const ctx = `/tmp/${repo}`;
      await onEngineHost('sh', ['-c', `mkdir -p ${ctx} && echo ${label} > ${ctx}/version`]);
      await onEngineHost('podman', ['build', '-q', '-t', local, '-f', '-', ctx], {
        input: `FROM ${broken ? 'scratch' : FIXTURE_IMAGE}\nCOPY version /version\n`,
        timeoutMs: 300_000,
      });
      await podmanCli(['push', '--quiet', '--tls-verify=false', local, image], { timeoutMs: 300_000 });
      return (await podmanCli(['image', 'inspect', '--format', '{{.Id}}', local])).trim();
    }

    it('the unit runs v1; the dry run says it is up to date', async () => {
      expect(registry).toBeTruthy();
      await push('v1');
      images.push(image);
      await podmanCli(['pull', '--quiet', '--tls-verify=false', image], { timeoutMs: 300_000 });
      units.push(fileName);
      await writeUnit(host, {
        fileName,
        text: `[Container]\nImage=${image}\nContainerName=${repo}\nExec=sleep 600\nAutoUpdate=registry\n`,
      });
      expect((await unitAction(host, fileName, 'start')).state).toBe('active');
      const preview = await autoUpdatePreview(host);
      expect(preview.find((e) => e.unit === `${repo}.service`)).toMatchObject({
        containerName: repo,
        image,
        policy: 'registry',
        status: 'unchanged',
      });
    });

    it('after v2 is pushed the dry run says it would update; the update runs; the container runs v2', async () => {
      v2 = await push('v2');
      const preview = await autoUpdatePreview(host);
      expect(preview.find((e) => e.unit === `${repo}.service`)?.status).toBe('pending');
      const events: AutoUpdateEvent[] = [];
      for await (const e of autoUpdateRun(host)) events.push(e);
      const done = events.at(-1);
      expect(done).toMatchObject({ kind: 'done', ok: true });
      if (done?.kind !== 'done') throw new Error('no done');
      expect(done.result?.find((e) => e.unit === `${repo}.service`)?.status).toBe('updated');
      expect(done.summary).toMatch(/^Auto-update: 1 updated/);
      const c = await engine.containers.inspect(repo);
      expect(c.state).toBe('running');
      expect(c.imageId).toBe(v2);
    });

    it('a broken image is rolled back to the one that worked', async () => {
      await push('broken', true);
      const events: AutoUpdateEvent[] = [];
      for await (const e of autoUpdateRun(host)) events.push(e);
      const done = events.at(-1);
      expect(done?.kind === 'done' && done.ok).toBe(false);
      if (done?.kind !== 'done') throw new Error('no done');
      expect(done.result?.find((e) => e.unit === `${repo}.service`)?.status).toBe('rolled-back');
      expect(done.summary).toMatch(/1 rolled back/);
      const c = await engine.containers.inspect(repo);
      expect(c.state).toBe('running');
      expect(c.imageId).toBe(v2);
    });

    it('is marked local, then unmarked, in the unit file', async () => {
      const local = await markAutoUpdate(host, fileName, 'local');
      expect(local.autoUpdate).toBe('local');
      expect(local.text).toContain('AutoUpdate=local');
      const none = await markAutoUpdate(host, fileName, undefined);
      expect(none.autoUpdate).toBeUndefined();
      expect(none.text).not.toContain('AutoUpdate');
      await removeUnit(host, fileName);
    });
  });
});
