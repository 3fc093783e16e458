// The Incidents view folded into problems, as the demo shows it: the demo cluster and the
// demo's Alertmanager alerts in the packaged extension, at the sidebar's default 300 px. One
// row per object that broke, naming both sources, its signals one click away. Saves
// incidents-folded.png in test-results/screenshots/.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startAlertmanager, type RunningAlertmanager } from '../fixtures/alertmanager/alertmanagerProcess';
import { demoAlerts } from '../fixtures/alertmanager/demoAlerts';
import { demoObjects, KubeApiFixture } from '../fixtures/kube/kubeApiServer';
import { homeWithKubeconfig, screenshotForReadme, screenshotIfFailed, setSidebarWidth } from './workbench';
import { closeWorkbenchSession, openWorkbenchSession, type WorkbenchSession } from './workbenchSession';

const SIDEBAR_WIDTH = 300;
/** The demo's Warning events, pods, Deployments and alerts: 26 incidents about about ten objects. */
const MOST_PROBLEM_ROWS = 12;

describe('problems in the Incidents view at the default sidebar width', function () {
  this.timeout(180_000);
  let alertmanager: RunningAlertmanager;
  let cluster: KubeApiFixture;
  let session: WorkbenchSession | undefined;
  let page: Page;

  const sidebar = () => page.locator('.part.sidebar');
  const row = (text: string) => sidebar().locator('.monaco-list-row', { hasText: text }).first();

  before(async () => {
    [alertmanager, cluster] = await Promise.all([startAlertmanager(), KubeApiFixture.start({ objects: demoObjects() })]);
    await alertmanager.postAlerts(demoAlerts());
    session = await openWorkbenchSession({
      settings: {
        'oncall.alertmanager.instances': [{ name: 'demo', url: alertmanager.url }],
        'oncall.alertmanager.pollInterval': 2,
        // A notification would cover the view in the screenshot.
        'oncall.incidents.notify': false,
      },
      prepareHome: homeWithKubeconfig(cluster.url, 'demo', 'shop'),
      height: 900,
    });
    ({ page } = session);
  });

  after(async () => {
    await closeWorkbenchSession(session);
    await Promise.all([alertmanager?.stop(), cluster?.stop()]);
  });

  afterEach(async function () {
    await screenshotIfFailed(this.currentTest, page);
  });

  it('shows one row per broken object, naming both sources, with its signals one click away', async () => {
    await page.locator('.activitybar [aria-label^="On-Call"]').first().click();
    await sidebar().locator('.pane-header', { hasText: 'Runbooks' }).click();
    // The crash loop: the alert about the pod and the cluster's pod, events and Deployment.
    const web = row('deployment/web').filter({ hasText: 'Alertmanager + Kubernetes' });
    await web.waitFor({ timeout: 90_000 });
    await setSidebarWidth(page, SIDEBAR_WIDTH);
    // Every alert and signal has arrived once the node-b alert has joined the cluster's node-b.
    await row('node/node-b').filter({ hasText: 'Alertmanager + Kubernetes' }).waitFor({ timeout: 60_000 });

    const label = await web.locator('.label-name').innerText();
    // The object first, then "overdue 42m" (or its age): both on screen at 300 px.
    assert.match(label, /^deployment\/web · (overdue )?\d+[mh]/);
    const [labelRight, rowRight] = await web.evaluate((element) => [
      element.querySelector('.label-name')!.getBoundingClientRect().right,
      element.getBoundingClientRect().right,
    ]);
    assert.ok(labelRight <= rowRight, `the label is cut off at 300 px: it ends at ${labelRight}, the row at ${rowRight}`);
    assert.match((await web.getAttribute('aria-label')) ?? '', /^P1 deployment shop\/web, \d+ signals from Alertmanager \+ Kubernetes/);

    // Problems are the third level (severity, group, problem): one row each, not one per signal.
    const problems = await sidebar().locator('.monaco-list-row[aria-level="3"]').count();
    assert.ok(problems <= MOST_PROBLEM_ROWS, `${problems} problem rows for the demo's ten or so objects`);

    // Opened, the problem lists its signals, each with its own source.
    await web.locator('.monaco-tl-twistie').click();
    await row('web-7d9c-fghij web: CrashLoopBackOff').waitFor({ timeout: 30_000 });
    await row('A web pod keeps crashing.').waitFor();
    await row('shop/web: 1/3 replicas available').waitFor();
    assert.equal(await sidebar().locator('.monaco-list-row[aria-level="4"]').count() >= 4, true, 'the pod, its events, the Deployment and the alerts');
    // Clear the selection and leave the tree: a selected row's inline buttons would cover its label in the picture.
    await page.keyboard.press('Escape');
    await page.locator('.part.editor').click({ position: { x: 400, y: 300 } });
    await sidebar().locator('.monaco-list-row.selected').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
    await screenshotForReadme(page, 'incidents-folded.png');
  });
});
