// Pods in the real UI: create one with a name, a published port and keep-id; a container created into it from
// the create form answers on the pod's port and runs as me; the pod's detail lists it. Bad input is refused at
// its field in the dialog.
import { stat } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { FIXTURE_IMAGE, podmanCli, uniqueName } from '../core/integration/harness/fixtures.js';
import { freePort } from '../core/integration/harness/local-registry.js';
import { AppPage, CreatePage } from './pages/app.js';
import { PodsPage } from './pages/resources.js';

const pods: string[] = [];

test.afterEach(async ({ page }, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus)
    await page.screenshot({ path: testInfo.outputPath('failure.png'), fullPage: true });
  for (const p of pods.splice(0)) await podmanCli(['pod', 'rm', '-f', '-t', '0', p]).catch(() => undefined);
});

test('create a pod with a port and keep-id, put a container in it from the form, see it in the pod', async ({
  page,
}) => {
  const pod = uniqueName('pod');
  const web = uniqueName('inpod');
  pods.push(pod);
  const port = await freePort();
  const app = new AppPage(page);
  await app.open('#/pods');
  const view = new PodsPage(page);

  const bad = await view.create({ name: 'bad name' });
  await expect(bad.getByRole('alert')).toContainText('is not a valid pod name');
  await bad.getByRole('button', { name: 'Cancel' }).click();

  await view.create({ name: pod, ports: [{ host: String(port), container: '8080' }], userns: 'keep-id' });
  await expect(app.toast(`Created pod ${pod}`)).toBeVisible();
  await expect(view.table).toContainText(pod);
  expect((await podmanCli(['pod', 'inspect', '-f', '{{.InfraConfig.PortBindings}}', pod])).trim()).toContain(
    String(port),
  );

  await app.open('#/create');
  const form = new CreatePage(page);
  await form.fill({ Image: FIXTURE_IMAGE, Name: web, Command: 'httpd -f -p 8080 -h /www' });
  await page.getByLabel('Pod', { exact: true }).selectOption(pod);
  await form.submit();
  await expect(page.getByRole('heading', { level: 1, name: web })).toBeVisible();
  await expect
    .poll(
      async () =>
        fetch(`http://127.0.0.1:${port}/`).then(
          (r) => r.text(),
          () => '',
        ),
      { timeout: 15_000 },
    )
    .toContain('burrow fixture');
  // Who owns the process on this host (`huser` would print a name where the image's passwd has one for my uid).
  const hostPid = (await podmanCli(['top', web, 'hpid'])).split('\n')[1]?.trim();
  expect((await stat(`/proc/${hostPid}`)).uid).toBe(process.getuid?.());

  await app.nav('Pods').click();
  const detail = await view.open(pod);
  await expect(detail.getByRole('table', { name: `Containers in ${pod}` })).toContainText(web);
  await detail.getByRole('link', { name: web }).click();
  await expect(page.getByRole('heading', { level: 1, name: web })).toBeVisible();
});
