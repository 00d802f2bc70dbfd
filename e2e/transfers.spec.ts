// Journeys that move things in and out of the engine, clicked through the real UI: log in to a registry that
// asks for a password → pull → push → log out; save an image to a tar archive → load it back; export a volume →
// import it into a new one (the data round-trips); create a secret → give it to a container through the create form
// → the container reads it, and no inspect shows it. Tag in the UI, search a registry's tags, prune volumes, and
// Cancel a pull that hangs (the engine stops too).
import { expect, test } from '@playwright/test';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_IMAGE, podmanCli, uniqueName } from '../core/integration/harness/fixtures.js';
import {
  startLocalRegistry,
  startStalledRegistry,
  trustRegistryCa,
  type LocalRegistry,
} from '../core/integration/harness/local-registry.js';
import { AppPage, CreatePage, DetailPage } from './pages/app.js';
import { ImagesPage, SecretsPage, VolumesPage } from './pages/images.js';

let dir = '';
const undo: (() => Promise<unknown>)[] = [];

test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'burrow-e2e-transfers-'));
});

test.afterAll(async () => {
  for (const f of undo.reverse()) await f().catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

test.afterEach(async ({ page }, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus)
    await page.screenshot({ path: testInfo.outputPath('failure.png'), fullPage: true });
});

test('log in to a registry that asks for a password, pull, push, log out', async ({ page }) => {
  const user = 'burrow';
  const password = `pw-${uniqueName('e2e')}`;
  const registry: LocalRegistry = await startLocalRegistry({ auth: { username: user, password } });
  undo.push(() => registry.stop());
  undo.push(await trustRegistryCa(registry.address, registry.caCert ?? ''));
  undo.push(() => podmanCli(['logout', registry.address]));
  const repo = `${registry.address}/burrow-test/${uniqueName('img')}`;
  await podmanCli(['push', '--quiet', '--creds', `${user}:${password}`, FIXTURE_IMAGE, `${repo}:v1`], {
    timeoutMs: 120_000,
  });
  undo.push(() => podmanCli(['rmi', '-f', `${repo}:v1`]));

  const app = new AppPage(page);
  await app.open('#/images');
  const images = new ImagesPage(page);

  // Before login: refused, and the error says where to log in.
  let progress = await images.pull(`${repo}:v1`);
  await expect(progress.getByRole('heading')).toContainText('Pull failed', { timeout: 60_000 });
  await expect(progress.getByRole('alert')).toContainText(`Log in to ${registry.address}`);
  await images.closeDialog('Pull image');

  // Log in: a wrong password is refused on the password field, then the right one works.
  let d = await images.login(registry.address, user, 'not-the-password');
  await expect(d.locator('#err-password')).toContainText('refused');
  await expect(d.getByLabel('Password or token')).toHaveValue(''); // cleared at submit, whatever the answer
  expect(await page.content()).not.toContain('not-the-password');
  await d.getByLabel('Password or token').fill(password);
  await d.getByRole('button', { name: 'Log in', exact: true }).click();
  await expect(d.getByRole('table', { name: 'Registry logins' })).toContainText(registry.address);
  await expect(d.getByLabel('Password or token')).toHaveValue('');
  // The password is nowhere the page keeps things, nor in the host's output.
  expect(page.url()).not.toContain(password);
  expect(await page.content()).not.toContain(password);
  expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }))).not.toContain(
    password,
  );
  const hostLog = process.env.BURROW_E2E_HOST_LOG ?? '';
  expect(hostLog).not.toBe('');
  expect(await readFile(hostLog, 'utf8')).not.toContain(password);
  await images.closeDialog('Registries');

  // Pull now works; push the fixture under another tag, with per-layer progress.
  progress = await images.pull(`${repo}:v1`);
  await expect(progress.getByRole('heading')).toContainText('Pulled', { timeout: 60_000 });
  await images.closeDialog('Pull image');
  await images.rowAction('Push', `${repo}:v1`);
  d = images.dialog(/^Push /);
  await d.getByLabel('Destination').fill(`${repo}:pushed`);
  await d.getByRole('button', { name: 'Push', exact: true }).click();
  const pushing = d.getByRole('region', { name: `Pushing ${repo}:pushed` });
  await expect(pushing.getByRole('heading')).toContainText('Pushed', { timeout: 60_000 });
  await expect(pushing.getByRole('status')).toContainText(`to ${repo}:pushed`);
  expect(await pushing.getByRole('progressbar').count()).toBeGreaterThan(0);
  for (const bar of await pushing.getByRole('progressbar').all())
    await expect(bar).toHaveAttribute('value', '100');
  await images.closeDialog(/^Push /);
  // The podman CLI sees the pushed tag with the same login (one auth.json).
  expect(await podmanCli(['search', '--list-tags', '--format', '{{.Tag}}', repo])).toContain('pushed');

  // Search the registry with the login, list the result's tags, pull the pushed one from there.
  undo.push(() => podmanCli(['rmi', '-f', `${repo}:pushed`]));
  await images.header('Search…');
  d = images.dialog('Search images');
  await d.getByLabel('Search term').fill(`${registry.address}/burrow-test`);
  await d.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(d.getByRole('table', { name: 'Search results' })).toContainText(repo, { timeout: 30_000 });
  await d.getByRole('button', { name: `Tags of ${repo}` }).click();
  const tags = d.getByRole('region', { name: `Tags of ${repo}` });
  await expect(tags).toContainText('v1', { timeout: 30_000 });
  await expect(tags).toContainText('pushed');
  await tags.getByRole('button', { name: `Pull ${repo}:pushed` }).click();
  await expect(d.getByRole('region', { name: `Pulling ${repo}:pushed` }).getByRole('heading')).toContainText(
    'Pulled',
    { timeout: 60_000 },
  );
  await images.closeDialog('Search images');
  await expect(images.table).toContainText(`${repo}:pushed`);

  // Log out: the list empties and the CLI no longer has the login either.
  await images.header('Registries…');
  d = images.dialog('Registries');
  await d.getByRole('button', { name: `Log out of ${registry.address}` }).click();
  await page.getByRole('dialog', { name: 'Log out' }).getByRole('button', { name: 'Log out' }).click();
  await expect(d.getByRole('table', { name: 'Registry logins' })).toHaveCount(0);
  await expect(podmanCli(['search', '--list-tags', repo])).rejects.toThrow();
});

test('save an image to a tar archive and load it back', async ({ page }) => {
  const repo = `localhost/burrow-test/${uniqueName('saved')}`;
  await podmanCli(['tag', FIXTURE_IMAGE, `${repo}:v1`]);
  undo.push(() => podmanCli(['rmi', '-f', `${repo}:v1`]));
  const path = join(dir, 'image.tar');
  const app = new AppPage(page);
  await app.open('#/images');
  const images = new ImagesPage(page);

  await images.rowAction('Save', `${repo}:v1`);
  let d = images.dialog(/^Save /);
  await d.getByLabel('Archive file (absolute path)').fill('relative.tar');
  await d.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(d.locator('#err-path')).toContainText('absolute');
  // The path is named with Browse…: Escape closes the browser alone; then a folder and a file name, Save here.
  await d.getByRole('button', { name: 'Browse for the archive file' }).click();
  let picker = page.getByRole('dialog', { name: 'Save as' });
  await expect(picker).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(picker).toHaveCount(0);
  await expect(d).toBeVisible();
  await d.getByRole('button', { name: 'Browse for the archive file' }).click();
  await picker.getByLabel('Folder').fill(dir);
  await picker.getByRole('button', { name: 'Go' }).click();
  await expect(picker.getByRole('list', { name: `Contents of ${dir}` })).toBeVisible();
  await picker.getByLabel('File name').fill('image.tar');
  await picker.getByRole('button', { name: 'Save here' }).click();
  await expect(d.getByLabel('Archive file (absolute path)')).toHaveValue(path);
  await d.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(d.getByRole('region', { name: 'Saving' }).getByRole('status')).toContainText(`to ${path}`, {
    timeout: 60_000,
  });
  await images.closeDialog(/^Save /);

  await podmanCli(['rmi', `${repo}:v1`]);
  await expect(images.table).not.toContainText(`${repo}:v1`);
  await images.header('Load…');
  d = images.dialog('Load images');
  await d.getByRole('button', { name: 'Browse for the archive file' }).click();
  picker = page.getByRole('dialog', { name: 'Choose a file' });
  await picker.getByLabel('Folder').fill(dir);
  await picker.getByRole('button', { name: 'Go' }).click();
  await picker
    .getByRole('list', { name: `Contents of ${dir}` })
    .getByRole('button', { name: 'image.tar' })
    .click();
  await expect(d.getByLabel('Archive file (absolute path)')).toHaveValue(path);
  await d.getByRole('button', { name: 'Load', exact: true }).click();
  const loaded = d.getByRole('region', { name: 'Loading' }).getByRole('status');
  await expect(loaded).toContainText(/^Loaded /, { timeout: 60_000 });
  await expect(loaded).toContainText(`${repo}:v1`);
  await images.closeDialog('Load images');
  await expect(images.table).toContainText(`${repo}:v1`);

  // Tag it: a bad tag is refused under the field with a hint; a good one shows in the table.
  undo.push(() => podmanCli(['rmi', '-f', `${repo}:v2`]));
  await images.rowAction('Tag', `${repo}:v1`);
  d = images.dialog('Tag image');
  await d.getByLabel('New tag').fill('Not A Tag!');
  await d.getByRole('button', { name: 'Tag', exact: true }).click();
  await expect(d.locator('#err-tag')).toContainText('is not a repository:tag');
  await expect(d.locator('#err-tag')).toContainText('For example');
  await d.getByLabel('New tag').fill(`${repo}:v2`);
  await d.getByRole('button', { name: 'Tag', exact: true }).click();
  await expect(d).toHaveCount(0);
  await expect(images.row(`${repo}:v2`)).toContainText(`${repo}:v1`);

  // The image's detail: its history (layers, what made them) and inspect; untag the loaded tag there.
  await images.row(`${repo}:v1`).getByRole('link').click();
  await page.getByRole('tab', { name: 'History' }).click();
  const history = page.getByRole('table', { name: 'History' });
  await expect(history.getByRole('row')).not.toHaveCount(0);
  await expect(history).toContainText(/COPY|ADD|busybox|sh/);
  await page.getByRole('tab', { name: 'Inspect' }).click();
  await expect(page.getByLabel('Inspect JSON')).toContainText('"RepoTags"');
  await page.getByRole('tab', { name: 'Tags' }).click();
  await page.getByRole('button', { name: `Untag ${repo}:v1` }).click();
  await page.getByRole('dialog', { name: 'Untag' }).getByRole('button', { name: 'Untag' }).click();
  await expect(page.getByRole('table', { name: 'Tags' })).not.toContainText(`${repo}:v1`);
  expect(await podmanCli(['images', '--format', '{{.Repository}}:{{.Tag}}'])).not.toContain(`${repo}:v1`);
});

test('export a volume and import it into a new one: the data round-trips', async ({ page }) => {
  const source = uniqueName('vol-src');
  const target = uniqueName('vol-dst');
  undo.push(() => podmanCli(['volume', 'rm', '-f', source, target]));
  await podmanCli(['volume', 'create', '--label', 'burrow.test=1', source]);
  const script =
    'echo hello > /d/a.txt && mkdir /d/sub && head -c 2500000 /dev/urandom > /d/sub/big && chown 1234:5678 /d/sub/big';
  await podmanCli(['run', '--rm', '-v', `${source}:/d`, FIXTURE_IMAGE, 'sh', '-c', script]);
  const manifest = (v: string) =>
    podmanCli([
      'run',
      '--rm',
      '-v',
      `${v}:/d:ro`,
      FIXTURE_IMAGE,
      'sh',
      '-c',
      'cd /d && find . | sort | while read f; do stat -c "%n %u:%g %a %s" "$f"; done; sha256sum a.txt sub/big',
    ]);
  const path = join(dir, 'volume.tar');
  const app = new AppPage(page);
  await app.open('#/volumes');
  const volumes = new VolumesPage(page);

  let d = await volumes.export(source, path);
  await expect(d.getByRole('region', { name: 'Exporting' }).getByRole('status')).toContainText(
    `Exported volume ${source} to ${path}`,
    { timeout: 60_000 },
  );
  await d.getByRole('button', { name: 'Close' }).click();
  d = await volumes.import(target, path);
  await expect(d.getByRole('region', { name: 'Importing' }).getByRole('status')).toContainText(
    `into volume ${target} (created)`,
    { timeout: 60_000 },
  );
  await d.getByRole('button', { name: 'Close' }).click();
  await expect(volumes.table).toContainText(target);
  expect(await manifest(target)).toBe(await manifest(source));
  await volumes.table.getByRole('button', { name: `Inspect volume ${target}` }).click();
  const inspect = page.getByRole('dialog', { name: `Volume ${target}` });
  await expect(inspect.getByLabel('Inspect JSON')).toContainText('"Mountpoint"');
  await expect(inspect.getByLabel('Inspect JSON')).toContainText(target);
  await inspect.getByRole('button', { name: 'Close' }).click();

  // Prune: both are unused; what was removed is named with the space it gave back.
  const unused = (await podmanCli(['volume', 'ls', '-q', '--filter', 'dangling=true'])).trim().split('\n');
  expect(unused).toEqual(expect.arrayContaining([source, target]));
  await page.getByRole('button', { name: 'Prune', exact: true }).click();
  await page.getByRole('dialog', { name: 'Prune volumes' }).getByRole('button', { name: 'Prune' }).click();
  const outcome = app.toast(/^Removed .*; reclaimed /);
  await expect(outcome).toBeVisible();
  if (unused.length <= 5) for (const v of [source, target]) await expect(outcome).toContainText(v);
  await expect(outcome).toContainText(/reclaimed [\d.]+ MB/);
  // (with no volumes left there is no table at all)
  await expect(volumes.table.getByText(source)).toHaveCount(0);
  expect(await podmanCli(['volume', 'ls', '-q'])).not.toContain(target);
});

test('a pull that hangs is cancelled: Cancel ends it in the engine too', async ({ page }) => {
  const stalled = await startStalledRegistry();
  undo.push(() => stalled.stop());
  const ref = `${stalled.address}/burrow-test/hangs:1`;
  const app = new AppPage(page);
  await app.open('#/images');
  const images = new ImagesPage(page);
  const progress = await images.pull(ref);
  await expect(progress.getByRole('heading')).toContainText(`Pulling ${ref}`);
  await expect.poll(() => stalled.open(), { timeout: 30_000 }).toBeGreaterThan(0);
  expect(stalled.requests[0]).toMatch(/^GET \/v2\/ /);
  await images.dialog('Pull image').getByRole('button', { name: 'Cancel' }).click();
  await expect(progress.getByRole('alert')).toHaveText('Cancelled');
  // The engine dropped its request to the registry: the pull really stopped, not only its display.
  await expect.poll(() => stalled.open(), { timeout: 30_000 }).toBe(0);
  await expect(images.dialog('Pull image').getByRole('button', { name: 'Pull', exact: true })).toBeEnabled();
});

test('create a secret, give it to a container as a file and a variable; no inspect shows its value', async ({
  page,
}) => {
  const name = uniqueName('secret');
  const value = `value-${uniqueName('v')}`;
  const container = uniqueName('with-secret');
  undo.push(() => podmanCli(['secret', 'rm', name]));
  undo.push(() => podmanCli(['rm', '-f', '-t', '0', container]));
  const app = new AppPage(page);
  await app.open('#/secrets');
  const secrets = new SecretsPage(page);
  const d = await secrets.create('bad/name', { text: value });
  await expect(d.locator('#err-name')).toBeVisible();
  await d.getByLabel('Name').fill(name);
  await d.getByLabel('Value', { exact: true }).fill(value);
  await d.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(secrets.table).toContainText(name);
  await secrets.table.getByRole('button', { name: `Inspect secret ${name}` }).click();
  const inspect = page.getByRole('dialog', { name: `Secret ${name}` });
  await expect(inspect.getByLabel('Inspect JSON')).toContainText(name);
  expect(await page.content()).not.toContain(value);
  await inspect.getByRole('button', { name: 'Close' }).click();

  // From a file on this computer: the engine keeps the file's bytes, the page never shows them.
  const fromFile = uniqueName('secret-file');
  const fileValue = `file-${uniqueName('v')}`;
  undo.push(() => podmanCli(['secret', 'rm', fromFile]));
  await writeFile(join(dir, 'secret.txt'), fileValue);
  const f = await secrets.create(fromFile, { file: join(dir, 'secret-missing.txt') });
  await expect(f.locator('#err-file')).toBeVisible();
  await f.getByLabel('File (absolute path)').fill(join(dir, 'secret.txt'));
  await f.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(secrets.table).toContainText(fromFile);
  expect(await page.content()).not.toContain(fileValue);
  expect(
    await podmanCli(['run', '--rm', '--secret', fromFile, FIXTURE_IMAGE, 'cat', `/run/secrets/${fromFile}`]),
  ).toBe(fileValue);

  // The create form: the secret as a file under /run/secrets and as $APP_SECRET.
  await app.open('#/create');
  const form = new CreatePage(page);
  await form.fill({ Image: FIXTURE_IMAGE, Name: container, Command: 'sleep 600' });
  for (const [as, target] of [
    ['file', ''],
    ['env', 'APP_SECRET'],
  ] as const) {
    await page.getByRole('button', { name: 'Add secret' }).click();
    const n = await page.locator('[data-control^="secrets-"]').count();
    await page.getByLabel(`Secret ${n} name`).selectOption(name);
    await page.getByLabel(`Secret ${n} as`).selectOption(as);
    if (target) await page.getByLabel(`Secret ${n} target`).fill(target);
  }
  await expect(page.getByLabel('Secret 1 appears at')).toHaveText(`/run/secrets/${name}`);
  await expect(page.getByLabel('Secret 2 appears at')).toHaveText('$APP_SECRET');
  await form.submit();
  await expect(page.getByRole('heading', { level: 1, name: container })).toBeVisible();
  await expect(page.locator('.badge[aria-label="state running"]')).toBeVisible();
  expect((await podmanCli(['exec', container, 'cat', `/run/secrets/${name}`])).trim()).toBe(value);
  expect((await podmanCli(['exec', container, 'sh', '-c', 'echo "$APP_SECRET"'])).trim()).toBe(value);
  const detail = new DetailPage(page);
  await detail.tab('Inspect');
  await expect(page.getByLabel('Inspect JSON')).toContainText('APP_SECRET=*******');
  expect(await page.content()).not.toContain(value);

  await podmanCli(['rm', '-f', '-t', '0', container]);
  await app.open('#/secrets');
  await secrets.table.getByRole('button', { name: `Remove secret ${name}` }).click();
  await page.getByRole('dialog', { name: 'Remove secret' }).getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByText(name)).toHaveCount(0);
});
