// Many containers as one thing, through the real UI in Chromium on real rootless Podman: a compose project up
// from a file, grouped in the list, one service reaching the other by name from a terminal, its logs labelled,
// and down; a Kubernetes YAML played, its pod shown, its YAML generated and saved, torn down; a container marked
// for auto-update in its Quadlet unit and shown as Kube YAML; and the Units view saying why this host has no Quadlet.
import { expect, test } from '@playwright/test';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FIXTURE_IMAGE,
  listEngineObjects,
  podmanCli,
  uniqueName,
} from '../core/integration/harness/fixtures.js';
import { AppPage, ContainersPage, DetailPage } from './pages/app.js';
import { PodsPage, ProjectPage, ProjectRowPage, ProjectsPage, UnitsPage } from './pages/projects.js';

let dir: string;
const projects: string[] = [];
const pods: string[] = [];
const made: string[] = [];

test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'burrow-e2e-projects-'));
});

test.afterAll(async () => {
  for (const p of projects) {
    const names = (await podmanCli(['ps', '-a', '--format', '{{.Names}}']))
      .split('\n')
      .filter((n) => n.startsWith(p));
    for (const n of names) await podmanCli(['rm', '-f', '-t', '0', n]).catch(() => undefined);
    await podmanCli(['network', 'rm', '-f', `${p}_default`]).catch(() => undefined);
  }
  for (const p of pods) await podmanCli(['pod', 'rm', '-f', p]).catch(() => undefined);
  for (const c of made) await podmanCli(['rm', '-f', '-t', '0', c]).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

test.afterEach(async ({ page }, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus)
    await page.screenshot({ path: testInfo.outputPath('failure.png'), fullPage: true });
});

test('compose up from a file → grouped in the list → one service reaches the other → logs → down', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const project = uniqueName('shop');
  projects.push(project);
  const file = join(dir, `${project}.yaml`);
  await writeFile(
    file,
    [
      'services:',
      '  srv:',
      `    image: ${FIXTURE_IMAGE}`,
      '    command: ["sh", "-c", "echo srv-hello; exec httpd -f -p 8080 -h /www"]',
      '    stop_signal: SIGKILL',
      '    labels: { burrow.test: "1" }',
      '  cli:',
      `    image: ${FIXTURE_IMAGE}`,
      '    command: ["sh", "-c", "echo cli-hello; exec sleep 600"]',
      '    depends_on: [srv]',
      '    stop_signal: SIGKILL',
      '    labels: { burrow.test: "1" }',
      '',
    ].join('\n'),
  );
  const app = new AppPage(page);
  await app.open('#/projects');
  const projectsPage = new ProjectsPage(page);
  await projectsPage.composeUp(file, project);
  await expect(projectsPage.outcome(projectsPage.compose)).toContainText(
    `Project ${project} is up: 2 of 2 services running`,
    { timeout: 120_000 },
  );
  await expect(page.getByTestId('compose-ran')).toContainText(
    /^Ran (podman compose|podman-compose|docker-compose)/,
  );

  await app.nav('Containers').click();
  const header = new ProjectRowPage(page, project);
  await expect(header.count).toHaveText('compose · 2 of 2 running');
  await expect(header.members()).toHaveCount(2);
  await header.row.getByRole('button', { name: `Hide the services of ${project}` }).click();
  await expect(header.members()).toHaveCount(0);
  await header.row.getByRole('button', { name: `Show the services of ${project}` }).click();

  await header.row.getByRole('link', { name: project }).click();
  const projectPage = new ProjectPage(page);
  await expect(page.getByRole('heading', { level: 1, name: project })).toBeVisible();
  const cli = (await page.getByRole('table', { name: 'Services' }).getByRole('link').allTextContents()).find(
    (n) => n.includes('cli'),
  );
  expect(cli).toBeTruthy();
  await projectPage.tab('Logs');
  await expect(projectPage.logs.locator('[data-service="srv"]', { hasText: 'srv-hello' })).toBeVisible();
  await expect(projectPage.logs.locator('[data-service="cli"]', { hasText: 'cli-hello' })).toBeVisible();

  await projectPage.tab('Services');
  await projectPage.openService(cli as string);
  const detail = new DetailPage(page);
  const term = await detail.openShell();
  await detail.type('wget -q -O - http://srv:8080/index.html');
  await expect(term).toContainText('hello from the burrow fixture', { timeout: 30_000 });

  await page.goto(AppPage.url(`#/project/${project}`));
  await projectPage.down();
  await expect(projectPage.outcome).toContainText(`Project ${project} is down`, { timeout: 120_000 });
  await app.nav('Containers').click();
  await expect(header.row).toHaveCount(0);
  const left = await listEngineObjects();
  expect(left.containers.filter((n) => n.startsWith(project))).toEqual([]);
  expect(left.networks.filter((n) => n.startsWith(project))).toEqual([]);
});

test("a project's header row in the list: stop, start, restart, logs and remove act on all its services", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const project = uniqueName('row');
  projects.push(project);
  const file = join(dir, `${project}.yaml`);
  const service = (name: string) => [
    `  ${name}:`,
    `    image: ${FIXTURE_IMAGE}`,
    `    command: ["sh", "-c", "echo ${name}-says-hi; exec sleep 600"]`,
    '    stop_signal: SIGKILL',
    '    labels: { burrow.test: "1" }',
  ];
  await writeFile(file, ['services:', ...service('one'), ...service('two'), ''].join('\n'));
  await writeFile(join(dir, `${project}.txt`), 'not a compose file\n');
  await mkdir(join(dir, `${project}-sub`));
  const app = new AppPage(page);
  await app.open('#/projects');
  const projectsPage = new ProjectsPage(page);

  // The file is picked with Browse…: the dialog walks this machine's folders and offers only YAML files.
  await page.getByRole('button', { name: 'Browse for the compose file' }).click();
  const picker = page.getByRole('dialog', { name: 'Choose a file' });
  await picker.getByLabel('Folder').fill(dir);
  await picker.getByRole('button', { name: 'Go' }).click();
  const listing = picker.getByRole('list', { name: `Contents of ${dir}` });
  await expect(listing.getByRole('button', { name: `${project}.yaml` })).toBeVisible();
  await expect(listing.getByRole('button', { name: `${project}.txt` })).toHaveCount(0);
  await expect(listing).toContainText(`${project}.txt`);
  await listing.getByRole('button', { name: `${project}-sub` }).click();
  await expect(
    picker.getByRole('list', { name: `Contents of ${join(dir, `${project}-sub`)}` }),
  ).toContainText('This folder is empty.');
  await picker.getByRole('button', { name: 'Up' }).click();
  // The folder field follows the folder shown, and a field emptied to type another path stays empty.
  await expect(picker.getByLabel('Folder')).toHaveValue(dir);
  await picker.getByLabel('Folder').fill('');
  await expect(picker.getByLabel('Folder')).toHaveValue('');
  await listing.getByRole('button', { name: `${project}.yaml` }).click();
  await expect(picker).toHaveCount(0);
  await expect(page.getByLabel('Compose file (absolute path on this machine)')).toHaveValue(file);
  await page.getByLabel('Project name (optional: from the file or its folder)').fill(project);
  await projectsPage.compose.getByRole('button', { name: 'Up', exact: true }).click();
  await expect(projectsPage.outcome(projectsPage.compose)).toContainText(
    `Project ${project} is up: 2 of 2 services running`,
    { timeout: 120_000 },
  );
  const members = async () =>
    (
      await podmanCli([
        'ps',
        '-a',
        '--filter',
        `label=com.docker.compose.project=${project}`,
        '--format',
        '{{.Names}}',
      ])
    )
      .split('\n')
      .filter(Boolean)
      .sort();
  const inspectEach = async (format: string) => {
    const names = await members();
    return names.length
      ? (await podmanCli(['inspect', '--format', format, ...names])).split('\n').filter(Boolean)
      : [];
  };
  const engineStates = () => inspectEach('{{.State.Status}}');
  // When each service last started (a restart moves it; inspect's time has nanoseconds).
  const startedAt = async () => (await inspectEach('{{.State.StartedAt}}')).join(' ');

  await app.nav('Containers').click();
  const header = new ProjectRowPage(page, project);
  await expect(header.count).toHaveText('compose · 2 of 2 running');

  await header.row.getByRole('button', { name: `Stop project ${project}`, exact: true }).click();
  await expect(header.count).toHaveText('compose · 0 of 2 running', { timeout: 60_000 });
  expect(await engineStates()).toEqual(['exited', 'exited']);

  await header.row.getByRole('button', { name: `Start project ${project}`, exact: true }).click();
  await expect(header.count).toHaveText('compose · 2 of 2 running', { timeout: 60_000 });
  expect(await engineStates()).toEqual(['running', 'running']);

  const before = await startedAt();
  await header.row.getByRole('button', { name: `Restart project ${project}`, exact: true }).click();
  await expect(app.toast(`Restarted ${project}`)).toBeVisible({ timeout: 60_000 });
  await expect.poll(startedAt, { timeout: 30_000 }).not.toBe(before);
  await expect(header.count).toHaveText('compose · 2 of 2 running');

  await header.row.getByRole('button', { name: `Logs of project ${project}`, exact: true }).click();
  const projectPage = new ProjectPage(page);
  await expect(
    projectPage.logs.locator('[data-service="one"]', { hasText: 'one-says-hi' }).first(),
  ).toBeVisible();
  await expect(
    projectPage.logs.locator('[data-service="two"]', { hasText: 'two-says-hi' }).first(),
  ).toBeVisible();

  await app.nav('Containers').click();
  await header.row.getByRole('button', { name: `Remove project ${project}`, exact: true }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove project' });
  await expect(confirm).toContainText(
    `Remove the 2 containers of ${project} and its networks? Its volumes stay.`,
  );
  await confirm.getByRole('button', { name: 'Remove' }).click();
  await expect(header.row).toHaveCount(0, { timeout: 60_000 });
  expect(await engineStates()).toEqual([]);
});

test('kube play → the pod is shown → its YAML is generated and saved → torn down', async ({ page }) => {
  test.setTimeout(180_000);
  const pod = uniqueName('kpod');
  pods.push(pod);
  const yaml = [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${pod}`,
    '  labels: { burrow.test: "1" }',
    'spec:',
    '  containers:',
    '  - name: web',
    `    image: ${FIXTURE_IMAGE}`,
    '    command: ["httpd", "-f", "-p", "8080", "-h", "/www"]',
    '',
  ].join('\n');
  const app = new AppPage(page);
  await app.open('#/projects');
  const projectsPage = new ProjectsPage(page);
  await projectsPage.playYaml(yaml);
  await expect(projectsPage.outcome(projectsPage.kube)).toContainText(`kube play: pod ${pod} running`, {
    timeout: 120_000,
  });
  await expect(page.getByRole('list', { name: 'What the YAML holds' })).toContainText(`Pod ${pod}`);

  await app.nav('Pods').click();
  const podsPage = new PodsPage(page);
  await expect(podsPage.row(pod)).toContainText('Running');
  const dialog = await podsPage.kubeYaml(pod);
  await expect(dialog.getByLabel('Kubernetes YAML')).toContainText(`name: ${pod}`);
  await expect(dialog.getByLabel('Kubernetes YAML')).toContainText('kind: Pod');
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: `Save ${pod}.yaml` }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe(`${pod}.yaml`);
  const text = await readFile((await saved.path()) as string, 'utf8');
  expect(text).toMatch(/^kind: Pod$/m);
  expect(text).toContain(`image: ${FIXTURE_IMAGE}`);
  await dialog.getByRole('button', { name: 'Close' }).click();

  await app.nav('Projects').click();
  await page.getByLabel('Kubernetes YAML to play').fill(yaml);
  await projectsPage.tearDown();
  await expect(app.toast('Tore down 1 pod')).toBeVisible({ timeout: 60_000 });
  await app.nav('Pods').click();
  await expect(podsPage.row(pod)).toHaveCount(0);
});

test('the Units view says why this host has no Quadlet and no auto-update', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('#/units');
  const units = new UnitsPage(page);
  await expect(units.unavailable('quadlet')).toContainText('has no Quadlet: it arrived in Podman 4.4');
  await expect(units.unavailable('systemd-user-instance')).toContainText(
    'no systemd user instance runs for you',
  );
  await expect(units.unavailable('auto-update')).toContainText(
    '`podman auto-update` restarts the systemd units',
  );
  await expect(page.getByRole('button', { name: 'Dry run' })).toBeDisabled();
});

test('a container is marked for auto-update in its Quadlet unit (saving says why not here) and shown as Kube YAML', async ({
  page,
}) => {
  const name = uniqueName('au');
  made.push(name);
  await podmanCli(['create', '--name', name, '--label', 'burrow.test=1', FIXTURE_IMAGE, 'sleep', '600']);
  const app = new AppPage(page);
  await app.open();
  await new ContainersPage(page).openDetail(name);
  const detail = new DetailPage(page);
  await detail.tab('Quadlet');
  const unit = page.getByLabel('Quadlet unit');
  await expect(unit).toContainText(`ContainerName=${name}`);
  await expect(unit).not.toContainText('AutoUpdate=');
  await page.getByLabel('Auto-update').selectOption('registry');
  await expect(unit).toContainText('AutoUpdate=registry');
  await page.getByRole('button', { name: 'Save as a unit' }).click();
  await expect(
    app.toast('Saving a Quadlet unit: Podman 4.3.1 on this machine has no Quadlet: it arrived in Podman 4.4'),
  ).toBeVisible();

  await detail.tab('Kube YAML');
  const yaml = page.getByLabel('Kubernetes YAML');
  await expect(yaml).toContainText('kind: Pod');
  await expect(yaml).toContainText(`image: ${FIXTURE_IMAGE}`);
  await expect(page.getByRole('button', { name: `Save ${name}.yaml` })).toBeVisible();
});
