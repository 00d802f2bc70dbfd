// Notifications in the real page: Chromium with the notification permission granted, the real headless host and
// real rootless Podman. A container killed from a shell, behind Burrow's back, is exactly one Web Notification
// (the browser's own API, called by the page), listed in the centre, and clicking it opens the container.
import { expect, test } from '@playwright/test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_IMAGE, podmanCli, podmanSleeper, uniqueName } from '../core/integration/harness/fixtures.js';
import { DEFAULT_TIMING } from '../core/notify/rules.js';
import { AppPage } from './pages/app.js';
import { ActivityPage, DesktopNotifications, recordNotifications } from './pages/notifications.js';
import { ProjectsPage } from './pages/projects.js';

const prefix = uniqueName('e2e-ntf');
let n = 0;
const name = (what: string) => `${prefix}-${what}-${++n}`;

test.use({ permissions: ['notifications'] });

/**
 * Problems that follow a notification within the merge time update it (core/notify/rules.ts). The host is shared
 * with the other specs, so a test that reads a notification's own title starts once nothing before can be joined.
 */
const apart = (page: import('@playwright/test').Page) => page.waitForTimeout(DEFAULT_TIMING.mergeMs + 500);

test.afterAll(async () => {
  const all = (await podmanCli(['ps', '-a', '--format', '{{.Names}}'])).split('\n').map((s) => s.trim());
  const ours = all.filter((s) => s.startsWith(prefix));
  if (ours.length) await podmanCli(['rm', '-f', '-t', '0', ...ours]);
});

/**
 * Kill a fresh container and wait for its notification: everything about containers killed before it has then
 * been decided. Problems close together update one notification (same tag), so the sentinel may join an earlier
 * one — it is still not a second notification about that earlier container.
 */
async function sentinel(shown: DesktopNotifications): Promise<string> {
  const s = name('sentinel');
  await podmanSleeper('run', s);
  await podmanCli(['kill', s]);
  await expect.poll(async () => (await shown.about(s)).length).toBeGreaterThan(0);
  return s;
}

test('a container killed from the CLI: exactly one desktop notification, in the centre, and a click opens it', async ({
  page,
}) => {
  await recordNotifications(page);
  const app = new AppPage(page);
  await app.open();
  const shown = new DesktopNotifications(page);
  expect(await shown.permission()).toBe('granted');
  await apart(page);

  const c = name('killed');
  const id = (await podmanSleeper('run', c)).trim();
  await podmanCli(['kill', c]);
  await expect
    .poll(async () => (await shown.about(c)).map((x) => x.title))
    .toEqual([`${c} was killed (SIGKILL, exit code 137)`]);
  const [first] = await shown.about(c);

  const s = await sentinel(shown);
  const aboutC = await shown.about(c);
  expect(new Set(aboutC.map((x) => x.tag))).toEqual(new Set([first?.tag]));
  for (const later of aboutC.slice(1)) expect(`${later.title} ${later.body}`).toContain(s);

  // The centre keeps it (updated or not), and lists the container as needing attention.
  await app.nav('Activity').click();
  const activity = new ActivityPage(page);
  await expect(activity.centre.getByRole('listitem').filter({ hasText: c }).first()).toBeVisible();
  await expect(activity.problems.getByRole('link', { name: c })).toBeVisible();

  // Clicking the desktop notification (a click event on it, as the browser fires) opens the container.
  await page.goto(AppPage.url('#/containers'));
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await apart(page);
  const only = name('alone');
  const onlyId = (await podmanSleeper('run', only)).trim();
  await podmanCli(['kill', only]);
  await expect
    .poll(async () => (await shown.about(only)).map((x) => x.title))
    .toEqual([`${only} was killed (SIGKILL, exit code 137)`]);
  await shown.click((await shown.about(only))[0]?.tag ?? '');
  await expect(page).toHaveURL(new RegExp(`#/container/${onlyId}/summary$`));
  await expect(page.getByRole('heading', { level: 1, name: only })).toBeVisible();
  expect(id).toMatch(/^[0-9a-f]{64}$/);
});

test('a muted container is not told (the one killed after it is)', async ({ page }) => {
  await recordNotifications(page);
  const app = new AppPage(page);
  const muted = name('muted');
  const mutedId = (await podmanSleeper('run', muted)).trim();
  await app.open(`#/container/${mutedId}/summary`);
  await expect(page.getByRole('heading', { level: 1, name: muted })).toBeVisible();
  await page.getByRole('combobox', { name: 'Notifications for this container' }).selectOption('mute');
  await expect(page.getByRole('combobox', { name: 'Notifications for this container' })).toHaveValue('mute');
  const shown = new DesktopNotifications(page);
  await podmanCli(['kill', muted]);
  await sentinel(shown);
  expect(await shown.about(muted)).toEqual([]);
  await page.getByRole('combobox', { name: 'Notifications for this container' }).selectOption('default');
  await expect(page.getByRole('combobox', { name: 'Notifications for this container' })).toHaveValue(
    'default',
  );
});

test('a compose up and a kube play that end while the window has no focus are notifications; a click opens the job', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const dir = await mkdtemp(join(tmpdir(), 'burrow-e2e-ntf-'));
  const project = name('proj');
  const pod = name('pod');
  try {
    await recordNotifications(page);
    const app = new AppPage(page);
    await app.open('#/projects');
    const shown = new DesktopNotifications(page);
    // The user switches to another window: the page lets go of the focus (renderer/src/notify/store.ts).
    await page.evaluate(() => window.dispatchEvent(new Event('blur')));

    const file = join(dir, 'compose.yaml');
    await writeFile(
      file,
      [
        'services:',
        '  web:',
        `    image: ${FIXTURE_IMAGE}`,
        '    command: ["sleep", "600"]',
        '    stop_signal: SIGKILL',
        '    labels: { burrow.test: "1" }',
        '',
      ].join('\n'),
    );
    const projects = new ProjectsPage(page);
    await projects.composeUp(file, project);
    await expect
      .poll(async () => (await shown.about(`Compose up ${project}`)).map((x) => x.title), {
        timeout: 120_000,
      })
      .toEqual([`Compose up ${project} finished`]);

    await projects.playYaml(
      [
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        `  name: ${pod}`,
        '  labels: { burrow.test: "1" }',
        'spec:',
        '  containers:',
        '  - name: main',
        `    image: ${FIXTURE_IMAGE}`,
        '    command: ["sleep", "600"]',
        '',
      ].join('\n'),
    );
    await expect
      .poll(async () => (await shown.all()).map((x) => x.title), { timeout: 120_000 })
      .toContain('Kube play finished');

    // A click on the desktop notification opens the job in the Activity centre; the job links to the project.
    await shown.click((await shown.about(`Compose up ${project}`))[0]?.tag ?? '');
    await expect(page).toHaveURL(/#\/activity\?job=/);
    const job = page.getByRole('listitem').and(page.locator('[aria-current="true"]'));
    await expect(job).toContainText(`Compose up ${project}`);
    await expect(job).toContainText('succeeded');
    await job.getByRole('link', { name: 'Show the result' }).click();
    await expect(page.getByRole('heading', { level: 1, name: project })).toBeVisible();
  } finally {
    await podmanCli(['pod', 'rm', '-f', pod]).catch(() => undefined);
    const all = (await podmanCli(['ps', '-a', '--format', '{{.Names}}'])).split('\n');
    for (const c of all.filter((n) => n.startsWith(project)))
      await podmanCli(['rm', '-f', '-t', '0', c]).catch(() => undefined);
    await podmanCli(['network', 'rm', '-f', `${project}_default`]).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
});
