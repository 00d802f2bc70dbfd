// Compose projects on the real engine, with every compose tool this machine has: a two-service file brought up
// (one service reaches the other by name), grouped as a project, stopped/started/restarted, its services' logs
// interleaved and labelled, brought down with nothing left. On the guest the same runs over Burrow's SSH
// connection: the tool runs here, pointed at the tunnel, and the project lands on the guest's Podman 5.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine-api.js';
import { localShell } from '../host-shell.js';
import { composeDown, composeProviders, composeUp } from '../compose/run.js';
import {
  listProjects,
  projectLogs,
  removeProject,
  restartProject,
  startProject,
  stopProject,
} from '../compose/projects.js';
import { findComposeProviders } from '../compose/provider.js';
import type { ComposeEvent, ProjectLogLine } from '../model/compose.js';
import { openTestEngine } from './harness/engine.js';
import { FIXTURE_IMAGE, listEngineObjects, podmanCli, TEST_LABEL, uniqueName } from './harness/fixtures.js';
import { onGuest } from './harness/target.js';
import { until } from './harness/until.js';

// Which tools to prove: every one installed here (scripts/provision-test-host.sh installs two); on the guest (each
// step is slow under qemu) the one Burrow picks, since there it is the engine, not the tool, that differs.
const found = await findComposeProviders(localShell(), '/nonexistent/podman.sock');
const proven = onGuest ? found.available.slice(0, 1) : found.available;

let engine: Engine;
let dir: string;
const projects: string[] = [];

/** srv serves the fixture's page; cli only waits. Both say hello first, so their logs can be told apart. */
function composeFile(): string {
  const labels = `    labels:\n      ${TEST_LABEL}: "1"\n    stop_signal: SIGKILL\n`;
  return [
    'services:',
    '  srv:',
    `    image: ${FIXTURE_IMAGE}`,
    `    command: ["sh", "-c", "echo srv-hello; exec httpd -f -p 8080 -h /www"]`,
    labels,
    '  cli:',
    `    image: ${FIXTURE_IMAGE}`,
    // Says "poked" when /tmp/poke appears: a new log line on demand from the main process.
    `    command: ["sh", "-c", "echo cli-hello; while sleep 0.2; do if [ -e /tmp/poke ]; then rm /tmp/poke; echo poked; fi; done"]`,
    '    depends_on: [srv]',
    labels,
  ].join('\n');
}

async function collect(events: AsyncIterable<ComposeEvent>): Promise<ComposeEvent[]> {
  const out: ComposeEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}

function done(events: ComposeEvent[]) {
  const last = events.at(-1);
  if (last?.kind !== 'done') throw new Error(`no done item: ${JSON.stringify(events.slice(-3))}`);
  return last;
}

beforeAll(async () => {
  engine = await openTestEngine({ tag: 'compose' });
  dir = await mkdtemp(join(tmpdir(), 'burrow-compose-it-'));
});

afterAll(async () => {
  for (const p of projects) await removeProject(engine, p).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
  await engine?.close();
});

it('this machine has a compose tool (provisioned), and Burrow picks the first in its order', async () => {
  expect(found.available.length).toBeGreaterThan(0);
  const p = await composeProviders(engine);
  expect(p.chosen?.kind).toBe(found.available[0]?.kind);
  expect(p.chosen?.version).toMatch(/^\d+\.\d+/);
  // Podman 4.3 here has no `podman compose`, and says so.
  if (!onGuest) expect(p.tried[0]).toMatchObject({ kind: 'podman compose', found: false });
});

describe.each(proven.map((p) => [p.kind]))('a two-service project with %s', (kind) => {
  const project = uniqueName('shop');
  let file: string;

  beforeAll(async () => {
    projects.push(project);
    file = join(dir, `${project}.yaml`);
    await writeFile(file, composeFile());
  });

  it('comes up, says which tool ran, and is grouped as a project', async () => {
    const events = await collect(composeUp(engine, { file, project }, { provider: kind }));
    const provider = events.find((e) => e.kind === 'provider');
    expect(provider).toMatchObject({ kind: 'provider', project, provider: { kind } });
    expect(provider?.kind === 'provider' && provider.command).toEqual([
      ...(provider?.kind === 'provider' ? provider.provider.command : []),
      '-f',
      file,
      '-p',
      project,
      'up',
      '-d',
    ]);
    const end = done(events);
    expect(end.summary).toContain(`Project ${project} is up: 2 of 2 services running (ran ${kind}`);
    expect(end.ok).toBe(true);
    expect(events.some((e) => e.kind === 'line' && e.stream !== 'info')).toBe(true);
    const p = (await listProjects(engine)).find((x) => x.name === project);
    expect(p?.services.map((s) => `${s.service}:${s.state}`)).toEqual(['cli:running', 'srv:running']);
    expect(p?.workingDir).toBe(dir);
  });

  it('one service reaches the other by its name', async () => {
    const p = (await listProjects(engine)).find((x) => x.name === project);
    const cli = p?.services.find((s) => s.service === 'cli');
    let r = { exitCode: -1, stdout: '', stderr: '' };
    for (let i = 0; i < 20 && r.exitCode !== 0; i++) {
      r = await engine.containers.exec(cli!.containerId, [
        'wget',
        '-q',
        '-O',
        '-',
        'http://srv:8080/index.html',
      ]);
      if (r.exitCode !== 0) await new Promise((res) => setTimeout(res, 300));
    }
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('hello from the burrow fixture');
  });

  it('stops, starts and restarts as one, and interleaves its services’ logs, labelled', async () => {
    const stopped = await stopProject(engine, project);
    expect(stopped.done.sort()).toHaveLength(2);
    let p = (await listProjects(engine)).find((x) => x.name === project);
    expect(p?.running).toBe(0);
    await startProject(engine, project);
    p = (await listProjects(engine)).find((x) => x.name === project);
    expect(p?.running).toBe(2);
    await restartProject(engine, project);
    p = (await listProjects(engine)).find((x) => x.name === project);
    expect(p?.running).toBe(2);
    // Each start prints one hello per service: three starts. "Running" comes before the process has printed (and
    // conmon logged) its hello, so the logs are read until all six are there (the test's timeout is the bound).
    const hellos = (lines: ProjectLogLine[], service: string) =>
      lines.filter((l) => l.service === service && l.text === `${service}-hello`).length;
    const lines = await until(
      async () => {
        const read: ProjectLogLine[] = [];
        for await (const l of projectLogs(engine, project)) read.push(l);
        return read;
      },
      (read) => hellos(read, 'srv') >= 3 && hellos(read, 'cli') >= 3,
      200,
    );
    expect(hellos(lines, 'srv')).toBe(3);
    expect(hellos(lines, 'cli')).toBe(3);
    const stamps = lines.map((l) => Date.parse(l.timestamp ?? ''));
    expect(stamps.every((t, i) => i === 0 || t >= (stamps[i - 1] as number))).toBe(true);
    expect(lines.every((l) => l.container.startsWith(project))).toBe(true);
  });

  it('follows new lines of every service until cancelled, silent services included', async () => {
    const ac = new AbortController();
    const seen: string[] = [];
    const p = (await listProjects(engine)).find((x) => x.name === project);
    const follow = (async () => {
      for await (const l of projectLogs(engine, project, { tail: 0, follow: true, signal: ac.signal })) {
        seen.push(`${l.service}:${l.text}`);
        if (seen.includes('cli:poked')) ac.abort();
      }
    })();
    await new Promise((r) => setTimeout(r, 1000));
    await engine.containers.exec(p!.services.find((s) => s.service === 'cli')!.containerId, [
      'touch',
      '/tmp/poke',
    ]);
    const giveUp = setTimeout(() => ac.abort(), 60_000);
    await follow;
    clearTimeout(giveUp);
    // Only what came after it started (tail 0): the poke, none of the earlier hellos; srv said nothing.
    expect(seen).toEqual(['cli:poked']);
  });

  it('goes down through the tool with nothing left: no containers, no network', async () => {
    const before = await listEngineObjects();
    expect(before.containers.filter((n) => n.startsWith(project))).toHaveLength(2);
    const events = await collect(composeDown(engine, { project }, { provider: kind }));
    const end = done(events);
    expect(end).toMatchObject({
      ok: true,
      summary: `Project ${project} is down (ran ${end.summary.split('(ran ')[1]}`,
    });
    const after = await listEngineObjects();
    expect(after.containers.filter((n) => n.startsWith(project))).toEqual([]);
    expect(after.networks.filter((n) => n.startsWith(project))).toEqual([]);
  });
});

describe('without a compose file or with bad input', () => {
  it('on a machine with none of the compose tools, says which were tried and what to install', async () => {
    // Nothing on PATH: the same lookup a machine without any compose package makes.
    const empty = join(dir, 'empty-path');
    await mkdir(empty, { recursive: true });
    const none = await findComposeProviders(localShell({ ...process.env, PATH: empty }), '/nonexistent.sock');
    expect(none.chosen).toBeUndefined();
    expect(none.available).toEqual([]);
    expect(none.tried.map((t) => [t.kind, t.found])).toEqual([
      ['podman compose', false],
      ['podman-compose', false],
      ['docker-compose', false],
      ['docker compose', false],
    ]);
    expect(none.hint).toMatch(/apt install podman-compose/);
  });

  it('a project whose file is gone is removed through the engine, networks included', async () => {
    const project = uniqueName('gone');
    projects.push(project);
    const file = join(dir, `${project}.yaml`);
    await writeFile(file, composeFile());
    expect(done(await collect(composeUp(engine, { file, project }))).ok).toBe(true);
    await rm(file);
    const events = await collect(composeDown(engine, { project }));
    expect(events[0]).toMatchObject({
      kind: 'line',
      text: expect.stringContaining('is not on this machine'),
    });
    expect(done(events)).toMatchObject({
      ok: true,
      summary: `Project ${project} is down: 2 containers removed`,
    });
    const after = await listEngineObjects();
    expect(after.containers.filter((n) => n.startsWith(project))).toEqual([]);
    expect(after.networks.filter((n) => n.startsWith(project))).toEqual([]);
  });

  it('refuses a relative path, a missing file, a bad project name or an unknown tool before anything runs', async () => {
    const before = await listEngineObjects();
    const file = join(dir, 'ok.yaml');
    await writeFile(file, composeFile());
    const refused = async (args: { file: string; project?: string }, provider?: string) => {
      try {
        await collect(composeUp(engine, args, provider ? { provider: provider as never } : {}));
        return 'accepted';
      } catch (e) {
        return (e as { field?: string }).field;
      }
    };
    expect(await refused({ file: 'compose.yaml' })).toBe('file');
    expect(await refused({ file: join(dir, 'missing.yaml') })).toBe('file');
    expect(await refused({ file, project: 'Not Valid' })).toBe('project');
    expect(await refused({ file, project: uniqueName('x') }, 'docker compose')).toBe('provider');
    expect(await listEngineObjects()).toEqual(before);
    await expect(collect(composeDown(engine, { project: uniqueName('none') }))).rejects.toMatchObject({
      code: 'not_found',
      field: 'project',
    });
  });

  it('a service that cannot start makes the outcome a failure that names it', async () => {
    const project = uniqueName('bad');
    projects.push(project);
    const file = join(dir, `${project}.yaml`);
    const missing = `${process.env.BURROW_TEST_REGISTRY}/burrow-test/no-such-image:latest`;
    await writeFile(
      file,
      [
        'services:',
        '  ok:',
        `    image: ${FIXTURE_IMAGE}`,
        '    command: ["sleep", "600"]',
        '    stop_signal: SIGKILL',
        `    labels: { ${TEST_LABEL}: "1" }`,
        '  boom:',
        `    image: ${missing}`,
        `    labels: { ${TEST_LABEL}: "1" }`,
        '',
      ].join('\n'),
    );
    const end = done(await collect(composeUp(engine, { file, project })));
    expect(end.ok).toBe(false);
    // Whether the tool exits non-zero or not (podman-compose 1.0 does not), the outcome says it failed.
    expect(end.summary).toMatch(
      new RegExp(`^compose up of ${project} failed: .*(no container for boom|exited with)`),
    );
    await removeProject(engine, project).catch(() => undefined);
    expect((await podmanCli(['ps', '-a', '--format', '{{.Names}}'])).includes(project)).toBe(false);
  });
});
