// Bad input typed into the create form, the way a user makes mistakes: each case shows an error naming the
// field beside that field, and afterwards the engine has nothing new (containers, networks, volumes, pods).
// The same mistakes through the headless API are covered by electron/integration/shell.test.ts (the full table).
import { expect, test } from '@playwright/test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import {
  FIXTURE_IMAGE,
  listEngineObjects,
  podmanCli,
  uniqueName,
  type EngineObjects,
} from '../core/integration/harness/fixtures.js';
import { AppPage, CreatePage } from './pages/app.js';
import { podmanLabelled } from './support/containers.js';

interface UiCase {
  name: string;
  /** Form labels → typed text (Image defaults to the fixture). */
  fields?: Record<string, string>;
  port?: { hostIp?: string; host?: string; container: string };
  mount?: { source: string; target: string; options?: string };
  keepId?: { uid: string; gid?: string };
  /** The field the error must name. */
  field: RegExp;
  /** Skip when the host makes the premise false (port 80 allowed). */
  when?: () => boolean;
}

let dir = '';
let busyPort = 0;
let server: Server | undefined;
let existing = '';
let before: EngineObjects;

const privilegedPortsClosed = () =>
  Number(readFileSync('/proc/sys/net/ipv4/ip_unprivileged_port_start', 'utf8').trim()) > 80;

const ENV = 'Environment (KEY=value per line)';
const cases = (): UiCase[] => [
  { name: 'empty image', fields: { Image: '' }, field: /image/ },
  { name: 'image with a space', fields: { Image: 'busy box' }, field: /image/ },
  { name: 'uppercase repository', fields: { Image: 'docker.io/Library/Alpine' }, field: /image/ },
  { name: 'double colon tag', fields: { Image: 'alpine::latest' }, field: /image/ },
  { name: 'tag with a slash', fields: { Image: 'alpine:la/test' }, field: /image/ },
  { name: 'bad digest', fields: { Image: 'alpine@sha256:xyz' }, field: /image/ },
  { name: 'name with a slash', fields: { Name: 'web/1' }, field: /name/ },
  { name: 'name with a space', fields: { Name: 'my web' }, field: /name/ },
  { name: 'name starting with a dash', fields: { Name: '-web' }, field: /name/ },
  { name: 'duplicate name', fields: { Name: existing }, field: /name/ },
  { name: 'env without =', fields: { [ENV]: 'FOO' }, field: /env\[0\]/ },
  { name: 'env with an empty key', fields: { [ENV]: '=value' }, field: /env\[0\]/ },
  { name: 'env key with a space', fields: { [ENV]: 'OK=1\nMY VAR=1' }, field: /env\[1\]/ },
  { name: 'relative workdir', fields: { 'Working directory': 'app' }, field: /workdir/ },
  { name: 'user a:b:c', fields: { User: 'a:b:c' }, field: /user/ },
  { name: 'invalid hostname', fields: { Hostname: 'bad_host!' }, field: /hostname/ },
  { name: 'DNS not an IP', fields: { 'DNS servers': 'dns.example' }, field: /dns\[0\]/ },
  { name: 'memory 12zb', fields: { Memory: '12zb' }, field: /limits\.memory/ },
  { name: 'memory below 6m', fields: { Memory: '1m' }, field: /limits\.memory/ },
  {
    name: 'memory+swap below memory',
    fields: { Memory: '64m', 'Memory + swap': '32m' },
    field: /limits\.memorySwap/,
  },
  {
    name: 'reservation above memory',
    fields: { Memory: '64m', 'Memory reservation': '128m' },
    field: /limits\.memoryReservation/,
  },
  { name: 'cpus -1', fields: { CPUs: '-1' }, field: /limits\.cpus/ },
  { name: 'cpus 0', fields: { CPUs: '0' }, field: /limits\.cpus/ },
  { name: 'cpus as text', fields: { CPUs: 'two' }, field: /limits\.cpus/ },
  { name: 'cpu shares 1', fields: { 'CPU shares': '1' }, field: /limits\.cpuShares/ },
  { name: 'cpuset 0-', fields: { 'CPU set': '0-' }, field: /limits\.cpusetCpus/ },
  { name: 'pids limit -5', fields: { 'PIDs limit': '-5' }, field: /limits\.pidsLimit/ },
  { name: 'blkio weight 5', fields: { 'Block I/O weight': '5' }, field: /limits\.blkioWeight/ },
  { name: 'blkio weight 2000', fields: { 'Block I/O weight': '2000' }, field: /limits\.blkioWeight/ },
  { name: 'unknown capability', fields: { 'Add capabilities': 'CAP_FLY' }, field: /security\.capAdd/ },
  { name: 'relative seccomp path', fields: { 'Seccomp profile': 'profile.json' }, field: /seccomp/ },
  {
    name: 'missing seccomp file',
    fields: { 'Seccomp profile': '/nonexistent/seccomp.json' },
    field: /seccomp/,
  },
  { name: 'seccomp file not JSON', fields: { 'Seccomp profile': join(dir, 'bad.json') }, field: /seccomp/ },
  {
    name: 'seccomp JSON without defaultAction',
    fields: { 'Seccomp profile': join(dir, 'nodefault.json') },
    field: /seccomp/,
  },
  { name: 'container port 70000', port: { container: '70000' }, field: /ports\[0\]/ },
  { name: 'host port 70000', port: { host: '70000', container: '8080' }, field: /ports\[0\]/ },
  { name: 'host port in use', port: { host: String(busyPort), container: '8080' }, field: /ports\[0\]/ },
  {
    name: 'privileged host port 80',
    port: { host: '80', container: '8080' },
    field: /ports\[0\]/,
    when: privilegedPortsClosed,
  },
  {
    name: 'invalid host IP',
    port: { hostIp: '999.1.1.1', host: '18080', container: '8080' },
    field: /ports\[0\]/,
  },
  { name: 'relative container path', mount: { source: dir, target: 'data' }, field: /mounts\[0\]/ },
  { name: 'relative host path', mount: { source: 'data', target: '/data' }, field: /mounts\[0\]/ },
  {
    name: 'missing host path',
    mount: { source: join(dir, 'missing'), target: '/data' },
    field: /mounts\[0\]/,
  },
  {
    name: 'unknown bind option',
    mount: { source: dir, target: '/data', options: 'bogus' },
    field: /mounts\[0\]/,
  },
  {
    name: 'ro and rw together',
    mount: { source: dir, target: '/data', options: 'ro,rw' },
    field: /mounts\[0\]/,
  },
  { name: 'keep-id:uid=abc', keepId: { uid: 'abc' }, field: /userns/ },
  { name: 'keep-id:uid=-1', keepId: { uid: '-1' }, field: /userns/ },
];

test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'burrow-e2e-bad-'));
  await writeFile(join(dir, 'bad.json'), 'this is not json');
  await writeFile(join(dir, 'nodefault.json'), '{"syscalls": []}');
  server = createServer();
  await new Promise<void>((r) => server?.listen(0, '0.0.0.0', () => r()));
  const addr = server.address();
  busyPort = typeof addr === 'object' && addr ? addr.port : 0;
  existing = uniqueName('existing');
  await podmanLabelled('create', existing, { command: ['true'] });
  before = await listEngineObjects();
});

test.afterAll(async () => {
  await podmanCli(['rm', '-f', existing]).catch(() => undefined);
  server?.close();
  await rm(dir, { recursive: true, force: true });
});

test('at least 40 bad inputs through the form: each names its field, nothing is created', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const all = cases();
  expect(all.length).toBeGreaterThanOrEqual(40);
  const app = new AppPage(page);
  const form = new CreatePage(page);
  let ran = 0;
  for (const c of all) {
    if (c.when && !c.when()) continue;
    await test.step(c.name, async () => {
      await page.goto('about:blank');
      await app.open('#/create');
      await form.fill({ Image: FIXTURE_IMAGE, Command: 'true', ...c.fields });
      if (c.port) {
        await page.getByRole('button', { name: 'Add port' }).click();
        if (c.port.hostIp !== undefined) await page.getByLabel('Port 1 host IP').fill(c.port.hostIp);
        if (c.port.host !== undefined) await page.getByLabel('Port 1 host port').fill(c.port.host);
        await page.getByLabel('Port 1 container port').fill(c.port.container);
      }
      if (c.mount) await form.addMount(c.mount.source, c.mount.target, c.mount.options);
      if (c.keepId) {
        await form.userns('keep-id with uid/gid');
        await page.getByLabel('keep-id uid').fill(c.keepId.uid);
        await page.getByLabel('keep-id gid').fill(c.keepId.gid ?? '1001');
      }
      await form.submit();
      const err = form.fieldError();
      await expect(err, c.name).toContainText(c.field);
      // Errors say what to do, not only what is wrong.
      await expect(err.locator('.hint'), c.name).not.toBeEmpty();
      ran += 1;
    });
  }
  expect(ran).toBeGreaterThanOrEqual(40);
  expect(await listEngineObjects()).toEqual(before);
});
