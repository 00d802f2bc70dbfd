// Edit & recreate and Duplicate in the real UI: the form opens pre-filled with the container's settings (user
// namespace, mounts, limits, security, environment), lists what an edit changes, and Recreate replaces the
// container under the same name with its named volume's data intact; Duplicate makes a second one beside it.
import { FIXTURE_IMAGE, podmanCli, uniqueName } from '../core/integration/harness/fixtures.js';
import { AppPage, ContainersPage, CreatePage } from './pages/app.js';
import { DetailActions } from './pages/detail-actions.js';
import { expect, test } from './support/containers.js';

const volumes: string[] = [];

test.afterEach(async ({ page }, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus)
    await page.screenshot({ path: testInfo.outputPath('failure.png'), fullPage: true });
  for (const v of volumes.splice(0)) await podmanCli(['volume', 'rm', '-f', v]).catch(() => undefined);
});

/** A container made through Burrow's own API (as the form would), so its requested limits are on record. */
async function createThroughApi(spec: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${process.env.BURROW_E2E_ORIGIN}/api/call`, {
    method: 'POST',
    headers: { authorization: `Bearer ${process.env.BURROW_E2E_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ channel: 'containers.create', args: spec }),
  });
  const body = (await res.json()) as { ok: boolean; value?: { id: string }; error?: unknown };
  if (!body.ok || !body.value) throw new Error(JSON.stringify(body.error));
  return body.value.id;
}

test('edit: pre-filled form, the changes listed, recreate keeps the name and the volume’s data', async ({
  page,
  containers,
}) => {
  const name = uniqueName('edit');
  const vol = uniqueName('editvol');
  containers.track(name);
  volumes.push(vol);
  const oldId = await createThroughApi({
    image: FIXTURE_IMAGE,
    name,
    command: ['sh', '-c', 'trap "exit 0" TERM; test -f /data/kept || date > /data/kept; sleep 600 & wait'],
    labels: { 'burrow.test': '1' },
    env: ['MODE=one'],
    mounts: [{ type: 'volume', name: vol, target: '/data' }],
    userns: { kind: 'keep-id' },
    // Root inside (keep-id alone would run as me, who cannot write the fresh volume's root-owned folder).
    user: '0:0',
    limits: { memory: '64m' },
    security: { capDrop: ['KILL', 'SETFCAP'], capAdd: ['SYS_TIME'], noNewPrivileges: true },
  });
  await podmanCli(['start', name]);
  await expect.poll(async () => podmanCli(['exec', name, 'cat', '/data/kept']).catch(() => '')).not.toBe('');
  const kept = await podmanCli(['exec', name, 'cat', '/data/kept']);

  const app = new AppPage(page);
  await app.open();
  const list = new ContainersPage(page);
  await list.filter(name);
  await list.openDetail(name);
  await new DetailActions(page).more('Edit & recreate…');
  await expect(page.getByRole('heading', { level: 1, name: `Edit ${name}` })).toBeVisible();
  const form = new CreatePage(page);
  await expect(form.field('Name')).toHaveValue(name);
  await expect(form.field('Environment (KEY=value per line)')).toHaveValue('MODE=one');
  await expect(form.field('Memory')).toHaveValue('64m');
  await expect(form.field('Drop capabilities')).toHaveValue('KILL, SETFCAP');
  await expect(form.field('Add capabilities')).toHaveValue('SYS_TIME');
  await expect(form.field('User')).toHaveValue('0:0');
  await expect(page.getByLabel('No new privileges')).toBeChecked();
  await expect(page.getByRole('radio', { name: /^keep-id —/ })).toBeChecked();
  await expect(page.getByLabel('Mount 1 volume name')).toHaveValue(vol);
  await expect(page.getByLabel('Mount 1 container path')).toHaveValue('/data');
  const changes = page.getByRole('region', { name: 'Changes' });
  await expect(changes).toContainText('No changes yet');

  await form.field('Environment (KEY=value per line)').fill('MODE=two');
  await expect(changes.locator('tr[data-field="env"]')).toContainText('MODE=one');
  await expect(changes.locator('tr[data-field="env"]')).toContainText('MODE=two');
  await page.getByRole('button', { name: 'Recreate' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.locator('.badge[aria-label="state running"]')).toBeVisible();

  const newId = (await podmanCli(['inspect', '-f', '{{.Id}}', name])).trim();
  expect(newId).not.toBe(oldId);
  expect(await podmanCli(['inspect', '-f', '{{range .Config.Env}}{{println .}}{{end}}', name])).toContain(
    'MODE=two',
  );
  expect(await podmanCli(['exec', name, 'cat', '/data/kept'])).toBe(kept);
  expect((await podmanCli(['inspect', '-f', '{{.HostConfig.UsernsMode}}', name])).trim()).toMatch(
    /keep-id|private/,
  );
});

test('duplicate: a copy beside the original, with a name of its own', async ({ page, containers }) => {
  const name = uniqueName('orig');
  const copy = uniqueName('copy');
  containers.track(copy);
  await containers.run(name, {
    options: ['-e', 'ROLE=web'],
    command: ['sh', '-c', 'trap "exit 0" TERM; sleep 600 & wait'],
  });
  const app = new AppPage(page);
  await app.open();
  const list = new ContainersPage(page);
  await list.filter(name);
  await list.openDetail(name);
  await new DetailActions(page).more('Duplicate…');
  await expect(page.getByRole('heading', { level: 1, name: 'Duplicate container' })).toBeVisible();
  const form = new CreatePage(page);
  await expect(form.field('Environment (KEY=value per line)')).toHaveValue('ROLE=web');
  await expect(form.field('Name')).toHaveValue('');
  // The original's name is taken: refused at the field, nothing made.
  await form.field('Name').fill(name);
  await page.getByRole('button', { name: 'Create copy' }).click();
  await expect(form.fieldError()).toContainText('already exists');
  await form.field('Name').fill(copy);
  await page.getByRole('button', { name: 'Create copy' }).click();
  await expect(page.getByRole('heading', { level: 1, name: copy })).toBeVisible();
  expect(await podmanCli(['inspect', '-f', '{{range .Config.Env}}{{println .}}{{end}}', copy])).toContain(
    'ROLE=web',
  );
  expect((await podmanCli(['inspect', '-f', '{{.State.Status}}', name])).trim()).toBe('running');
});
