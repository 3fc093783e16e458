// The Incidents view as a user sees it in the packaged extension: alerts from a real
// Alertmanager, failing pods from the fixture cluster, PagerDuty incidents from the contract
// server, the badge, the status bar count, a silence made through the context menu, and the
// PagerDuty key typed into the input boxes. Screenshots land in test-results/screenshots/.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { alertsFromRules, startAlertmanager, type RunningAlertmanager } from '../fixtures/alertmanager/alertmanagerProcess';
import { demoObjects, KubeApiFixture } from '../fixtures/kube/kubeApiServer';
import { DEMO_USERS, PAGERDUTY_TEST_KEY, startPagerDutyServer, type PagerDutyServer } from '../fixtures/pagerduty/pagerDutyServer';
import { answerInputBox, chooseFromContextMenu, chooseQuickPickItem, homeWithKubeconfig, runFromPalette, screenshotForReadme, screenshotIfFailed } from './workbench';
import { closeWorkbenchSession, openWorkbenchSession, type WorkbenchSession } from './workbenchSession';

describe('the Incidents view in the workbench', function () {
  this.timeout(180_000);
  let alertmanager: RunningAlertmanager;
  let cluster: KubeApiFixture;
  let pagerDuty: PagerDutyServer;
  let session: WorkbenchSession | undefined;
  let page: Page;

  const sidebar = () => page.locator('.part.sidebar');
  const row = (text: string) => sidebar().locator('.monaco-list-row', { hasText: text }).first();

  /** Scrolls the Incidents tree back to its first row, as a user does with the wheel. */
  async function scrollIncidentsToTop(): Promise<void> {
    const list = sidebar().locator('.pane', { hasText: 'Incidents' }).locator('.monaco-list').first();
    await list.hover();
    for (let i = 0; i < 5; i++) await page.mouse.wheel(0, -2000);
    // Scrolled once the first row is drawn at the top.
    await list.locator('.monaco-list-row[data-index="0"]').waitFor({ timeout: 10_000 });
  }

  before(async () => {
    [alertmanager, cluster, pagerDuty] = await Promise.all([startAlertmanager(), KubeApiFixture.start({ objects: demoObjects() }), startPagerDutyServer()]);
    await alertmanager.postAlerts(alertsFromRules(undefined, ['KubePodCrashLooping', 'KubeAPIDown', 'KubeNodeNotReady', 'CPUThrottlingHigh', 'KubeDeploymentReplicasMismatch']));
    session = await openWorkbenchSession({
      settings: {
        'oncall.alertmanager.instances': [{ name: 'prod-eu', url: alertmanager.url }],
        'oncall.alertmanager.pollInterval': 2,
        'oncall.pagerduty.apiUrl': pagerDuty.url,
        'oncall.pagerduty.pollInterval': 2,
        // Notifications would cover the view in the screenshots; they are checked in the host tests.
        'oncall.incidents.notify': false,
      },
      prepareHome: homeWithKubeconfig(cluster.url, 'staging', 'shop'),
      height: 1000,
    });
    ({ page } = session);
  });

  afterEach(async function () {
    await screenshotIfFailed(this.currentTest, page);
  });

  after(async () => {
    await closeWorkbenchSession(session);
    await Promise.all([alertmanager?.stop(), cluster?.stop(), pagerDuty?.close()]);
  });

  it('counts open P0/P1 incidents in the status bar from the start, before the On-Call views were ever opened', async () => {
    // KubeAPIDown is critical: one P1 at least, from Alertmanager alone.
    const flame = page.locator('.statusbar-item', { has: page.locator('.codicon-flame') }).first();
    await flame.waitFor({ timeout: 60_000 });
    assert.match(await flame.innerText(), /\b[1-9]\d*\b/);
    assert.equal(await sidebar().locator('.pane-header', { hasText: 'Incidents' }).count(), 0, 'the Incidents view has not been opened');
  });

  it('opens the walkthrough with the steps already done ticked: runbooks, a kube context, an Alertmanager', async () => {
    // Opened the general way, not through On-Call's own command.
    await runFromPalette(page, 'Welcome: Open Walkthrough...');
    await chooseQuickPickItem(page, 'Get started with On-Call');
    const walkthrough = page.locator('.gettingStartedContainer');
    await walkthrough.getByText('Get started with On-Call').first().waitFor({ timeout: 30_000 });
    const step = (id: string) => walkthrough.locator(`[data-done-step-id$="#${id}"]`).first();
    // Done before the walkthrough opened, and none of its buttons was used.
    for (const id of ['runbooks', 'context', 'alertmanager']) {
      await walkthrough.locator(`[data-done-step-id$="#${id}"][aria-checked="true"]`).first().waitFor({ timeout: 30_000 });
    }
    // Not done yet: no PagerDuty key, no step run in this workspace.
    assert.equal(await step('pagerduty').getAttribute('aria-checked'), 'false');
    assert.equal(await step('firstStep').getAttribute('aria-checked'), 'false');
    await screenshotForReadme(page, 'walkthrough-progress.png');
    await runFromPalette(page, 'View: Close Editor');
    await walkthrough.waitFor({ state: 'detached', timeout: 30_000 });
  });

  it('groups alerts and failing pods by severity, with the P0/P1 count on the badge and in the status bar', async () => {
    await page.locator('.activitybar [aria-label^="On-Call"]').first().click();
    // The Runbooks view is not what these tests look at: give the Incidents view the height.
    await sidebar().locator('.pane-header', { hasText: 'Runbooks' }).click();
    await row('P1 · High').waitFor({ timeout: 60_000 });
    await row('P2 · Medium').waitFor();
    await row('KubeAPIDown').waitFor();
    // The crash-looping pod, its events and its Deployment are one problem row on the Deployment.
    await row('deployment/web').waitFor({ timeout: 60_000 });
    const badge = page.locator('.activitybar [aria-label^="On-Call"] .badge-content').first();
    // While a view loads, the same badge shows a progress spinner with no number: wait for the count.
    const handle = await page.waitForFunction(
      (element) => {
        const count = Number(element?.textContent?.trim() || '0');
        return count >= 1 ? count : false;
      },
      await badge.elementHandle({ timeout: 30_000 }),
      { timeout: 30_000 },
    );
    const count = (await handle.jsonValue()) as number;
    assert.ok(count >= 1, `badge: ${count}`);
    await page.locator('.statusbar-item', { hasText: String(count) }).filter({ has: page.locator('.codicon-flame') }).first().waitFor();
    await screenshotForReadme(page, 'incidents-panel.png');
  });

  it('silences an alert from its context menu: a duration, a comment, and it leaves the view', async () => {
    // The alert is folded with the cluster's own NotReady node-b: Silence on that row silences the alert.
    const target = row('KubeNodeNotReady');
    await chooseFromContextMenu(page, target, 'Silence Alert...');
    await chooseQuickPickItem(page, '2 hours');
    await answerInputBox(page, 'Why is it silenced?', 'node-b is being replaced');
    await target.waitFor({ state: 'detached', timeout: 30_000 });
    const silences = (await alertmanager.silences()) as { comment: string; status: { state: string }; matchers: { name: string; value: string }[] }[];
    const created = silences.find((silence) => silence.comment === 'node-b is being replaced');
    assert.ok(created, 'the silence reached Alertmanager');
    assert.equal(created.status.state, 'active');
    assert.ok(created.matchers.some((m) => m.name === 'alertname' && m.value === 'KubeNodeNotReady'));
    // The "hidden" row is the last one: End scrolls the tree to it, as a keyboard user would.
    // The tree gets the keyboard focus without a click, which would fold the row it hits.
    await sidebar().locator('.pane', { hasText: 'Incidents' }).locator('.monaco-list').first().focus();
    await page.keyboard.press('End');
    await row('silenced or inhibited alert').waitFor();
  });

  it('takes the PagerDuty key through input boxes and lists its incidents', async () => {
    await runFromPalette(page, 'On-Call: Set PagerDuty Token...');
    await page.locator('.quick-input-widget', { hasText: 'PagerDuty (1/2)' }).waitFor();
    assert.equal(await page.locator('.quick-input-widget input').getAttribute('type'), 'password', 'the key is masked');
    await answerInputBox(page, 'PagerDuty (1/2)', PAGERDUTY_TEST_KEY);
    await answerInputBox(page, 'PagerDuty (2/2)', DEMO_USERS[0].email);
    // The tree was scrolled to its end by the previous test; PagerDuty's P0 rows are at the top.
    await scrollIncidentsToTop();
    await row('Checkout error rate above 5%').waitFor({ timeout: 60_000 });
    assert.ok(pagerDuty.requests.some((request) => request.headers.authorization === `Token token=${PAGERDUTY_TEST_KEY}`));
    await screenshotForReadme(page, 'incidents-pagerduty.png');
  });

  it('starts an incident from an alert, notes it, and writes its post-mortem', async () => {
    await scrollIncidentsToTop();
    const alert = row('KubeAPIDown');
    await chooseFromContextMenu(page, alert, 'Start Incident...');
    await answerInputBox(page, 'Start Incident: title', 'Kubernetes API unreachable for the shop cluster');
    await page.locator('.statusbar-item', { hasText: /INC-\d{8}-001/ }).first().waitFor({ timeout: 30_000 });
    await runFromPalette(page, 'On-Call: Add Timeline Note...');
    await answerInputBox(page, 'Timeline note for', 'Failing over to the standby control plane');
    await runFromPalette(page, 'On-Call: Generate Post-Mortem...');
    await chooseQuickPickItem(page, 'Google SRE style');
    const editor = page.locator('.editor-group-container');
    await editor.locator('.view-line', { hasText: '# Post-mortem: Kubernetes API unreachable for the shop cluster' }).waitFor({ timeout: 30_000 });
    await editor.locator('.tab', { hasText: /\d{4}-\d{2}-\d{2}-kubernetes-api-unreachable/ }).waitFor();
    await screenshotForReadme(page, 'postmortem.png');
  });
});
