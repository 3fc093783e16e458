// The value used is the value chosen for this incident: with two crash-looping pods on the
// fixture cluster, a pod picked earlier for a read-only step is never reused silently; Open
// Runbook from the incident of the other pod fills <pod-name> from that incident's labels,
// Enter alone cancels the delete, and Run deletes that incident's pod and leaves the other
// alone, as the fixture's request log shows.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { demoObjects, KubeApiFixture } from '../fixtures/kube/kubeApiServer';
import { chooseQuickPickItem, clickRunLens as clickRunLensIn, homeWithKubeconfig, runFromPalette, screenshotIfFailed } from './workbench';
import { closeWorkbenchSession, openWorkbenchSession, type WorkbenchSession } from './workbenchSession';

// Both crash-loop in namespace shop of the demo cluster, so each is an incident.
const POD_A = 'checkout-5f6b-xyz12';
const POD_B = 'web-7d9c-fghij';

describe('placeholder values follow the incident the runbook was opened for, in the workbench', function () {
  this.timeout(180_000);
  let cluster: KubeApiFixture;
  let session: WorkbenchSession | undefined;
  let page: Page;
  let workspace: string;

  const rows = () => page.locator('.quick-input-list .monaco-list-row');
  const focusedRow = () => page.locator('.quick-input-list .monaco-list-row.focused');
  const clickRunLens = (command: string) => clickRunLensIn(page, join(workspace, 'runbooks/kube-checks.md'), command);
  const deletes = () => cluster.requests().filter((r) => r.method === 'DELETE').map((r) => r.path);

  async function until(what: string, probe: () => boolean, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!probe()) {
      assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
      await page.waitForTimeout(100);
    }
  }

  async function openRunbookFor(pod: string): Promise<void> {
    await runFromPalette(page, 'On-Call: Open Runbook for Incident');
    await rows().filter({ hasText: pod }).filter({ hasText: 'CrashLoopBackOff' }).first().click();
    await page.locator('.tab.active', { hasText: 'kube-checks.md' }).waitFor({ timeout: 30_000 });
  }

  before(async () => {
    cluster = await KubeApiFixture.start({ objects: demoObjects() });
    session = await openWorkbenchSession({
      settings: { 'oncall.incidents.notify': false },
      prepareHome: homeWithKubeconfig(cluster.url, 'staging', 'shop'),
      height: 900,
      prepareWorkspace: (workspace) => {
        // Both incidents open the same runbook (kube-checks.md), as in the trial: the copy's
        // checkout runbook stops claiming the crash-loop alert.
        const checkoutRunbook = join(workspace, 'runbooks/checkout-down.md');
        writeFileSync(checkoutRunbook, readFileSync(checkoutRunbook, 'utf8').replace('alerts: [CheckoutDown, KubePodCrashLooping]', 'alerts: [CheckoutDown]'));
      },
    });
    ({ page, workspace } = session);
    // Showing the Incidents view starts the watch that turns the failing pods into incidents.
    await page.locator('.activitybar [aria-label^="On-Call"]').first().click();
    // Each pod's signals fold into one row on the Deployment that owns it.
    await page.locator('.part.sidebar .monaco-list-row', { hasText: 'deployment/checkout' }).first().waitFor({ timeout: 60_000 });
    await page.locator('.part.sidebar .monaco-list-row', { hasText: 'deployment/web' }).first().waitFor({ timeout: 30_000 });
  });

  afterEach(async function () {
    await screenshotIfFailed(this.currentTest, page);
  });

  after(async () => {
    await closeWorkbenchSession(session);
    await cluster?.stop();
  });

  it("B's pod, chosen for a read-only step, is offered again but not used silently for a delete", async () => {
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill('kube-checks.md');
    await rows().filter({ hasText: 'kube-checks.md' }).first().click();
    await page.locator('.editor-group-container .codelens-decoration >> visible=true').first().waitFor({ timeout: 60_000 });
    cluster.clearRequests();
    await clickRunLens('kubectl get pod <pod-name> -o name');
    await chooseQuickPickItem(page, POD_B);
    await until(`the GET of ${POD_B}`, () => cluster.requests().some((r) => r.method === 'GET' && r.path === `/api/v1/namespaces/shop/pods/${POD_B}`));

    await clickRunLens('kubectl delete pod <pod-name>');
    await rows().filter({ hasText: 'remembered from an earlier step' }).waitFor({ timeout: 30_000 });
    assert.match(await focusedRow().innerText(), new RegExp(POD_B), 'preselected, for the user to confirm or change');
    await page.keyboard.press('Escape');
    await page.waitForTimeout(1_000);
    assert.deepEqual(deletes(), [], 'nothing deleted');
  });

  it("Open Runbook from incident B: a read-only step takes B's pod from the incident, without asking", async () => {
    await openRunbookFor(POD_B);
    cluster.clearRequests();
    await clickRunLens('kubectl get pod <pod-name> -o name');
    await until(`the GET of ${POD_B}`, () => cluster.requests().some((r) => r.method === 'GET' && r.path === `/api/v1/namespaces/shop/pods/${POD_B}`));
  });

  it("Open Runbook from incident A: the delete uses A's pod, Enter alone cancels, Run deletes A's pod and leaves B's", async () => {
    await openRunbookFor(POD_A);
    cluster.clearRequests();
    const confirmation = page.locator('.quick-input-widget', { hasText: 'Run a destructive step in staging?' });

    await clickRunLens('kubectl delete pod <pod-name>');
    await confirmation.waitFor({ timeout: 30_000 });
    const text = await confirmation.innerText();
    assert.match(text, new RegExp(`kubectl delete pod ${POD_A}`));
    assert.match(text, new RegExp(`pod-name = ${POD_A} \\(from the incident\\)`));
    assert.doesNotMatch(text, new RegExp(POD_B));
    assert.match(await focusedRow().innerText(), /Cancel/);
    await page.keyboard.press('Enter');
    await confirmation.waitFor({ state: 'hidden' });
    await page.waitForTimeout(1_000);
    assert.deepEqual(deletes(), [], 'Enter alone ran nothing');

    await clickRunLens('kubectl delete pod <pod-name>');
    await confirmation.waitFor({ timeout: 30_000 });
    await rows().filter({ hasText: 'Run in staging' }).click();
    await until(`the DELETE of ${POD_A}`, () => deletes().includes(`/api/v1/namespaces/shop/pods/${POD_A}`));
    await page.waitForTimeout(1_000);
    assert.deepEqual(deletes(), [`/api/v1/namespaces/shop/pods/${POD_A}`], `only ${POD_A} was deleted; ${POD_B} is left alone`);
  });
});
