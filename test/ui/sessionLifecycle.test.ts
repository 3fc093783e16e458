// The trial's scenario, as a user lives it in the packaged extension: a read-only step run from
// the runbook of a P2 warning asks before starting an incident (and starts none when told Not
// Now), the P1 alert's runbook starts one when told Start, Start Incident then offers the
// active incident, Resolve offers to expire the silence made during it, and the execution
// journal reads as a table. Screenshots land in test-results/screenshots/.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startAlertmanager, type RunningAlertmanager } from '../fixtures/alertmanager/alertmanagerProcess';
import { demoObjects, KubeApiFixture } from '../fixtures/kube/kubeApiServer';
import { answerInputBox, chooseFromContextMenu, chooseQuickPickItem, clickRunLens, homeWithKubeconfig, runFromPalette, screenshotForReadme, screenshotIfFailed, screenshots } from './workbench';
import { closeWorkbenchSession, openWorkbenchSession, type WorkbenchSession } from './workbenchSession';
import { waitFor } from '../support/waiting';

const RUNBOOK = `---
title: Orders drill
alerts: [OrdersDrill]
---
# Orders drill

## Look at the queue

\`\`\`bash
echo orders-queue-depth-ok
\`\`\`
`;

describe('incidents start and end without surprises, in the workbench', function () {
  this.timeout(180_000);
  let alertmanager: RunningAlertmanager;
  let cluster: KubeApiFixture;
  let session: WorkbenchSession | undefined;
  let page: Page;
  let workspace: string;

  const sidebar = () => page.locator('.part.sidebar');
  const row = (text: string) => sidebar().locator('.monaco-list-row', { hasText: text }).first();
  const toast = (text: string | RegExp) => page.locator('.notification-toast', { hasText: text }).first();
  const button = (text: string | RegExp, label: string) => toast(text).getByRole('button', { name: label, exact: true });
  const sessionInStatusBar = () => page.locator('.statusbar-item', { hasText: /INC-\d{8}-\d{3}/ }).first();

  /** Open Runbook from the alert's context menu, then the Run lens of its only step. */
  async function runStepFromRunbookOf(alertRow: string): Promise<void> {
    await chooseFromContextMenu(page, row(alertRow), 'Open Runbook');
    await page.locator('.editor-group-container .tab.active', { hasText: 'orders-drill.md' }).waitFor({ timeout: 30_000 });
    await clickRunLens(page, join(workspace, 'runbooks/orders-drill.md'), 'echo orders-queue-depth-ok');
  }

  /** So that the picture shows the notification the test is about, not those stacked over it. */
  async function clearNotifications(): Promise<void> {
    await runFromPalette(page, 'Notifications: Clear All Notifications');
    await page.locator('.notification-toast').first().waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
  }

  /** A toast slides in: wait until it has settled before taking the picture. */
  async function pictureOf(name: string): Promise<void> {
    await page.mouse.move(1, 400);
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(screenshots, name) });
  }

  before(async () => {
    [alertmanager, cluster] = await Promise.all([startAlertmanager(), KubeApiFixture.start({ objects: demoObjects() })]);
    const alertOf = (severity: string, summary: string, pod: string) => ({
      labels: { alertname: 'OrdersDrill', severity, namespace: 'shop', pod },
      annotations: { summary },
      startsAt: new Date(Date.now() - 5 * 60_000).toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    await alertmanager.postAlerts([alertOf('warning', 'Orders queue is slow', 'orders-1'), alertOf('critical', 'Orders are failing', 'orders-2')]);
    session = await openWorkbenchSession({
      settings: { 'oncall.alertmanager.instances': [{ name: 'prod-eu', url: alertmanager.url }], 'oncall.alertmanager.pollInterval': 2, 'oncall.incidents.notify': false },
      prepareHome: homeWithKubeconfig(cluster.url, 'staging', 'shop'),
      prepareWorkspace: (workspace) => {
        writeFileSync(join(workspace, 'runbooks/orders-drill.md'), RUNBOOK);
      },
    });
    ({ page, workspace } = session);
    await page.locator('.activitybar [aria-label^="On-Call"]').first().click();
    await sidebar().locator('.pane-header', { hasText: 'Runbooks' }).click();
    await row('Orders queue is slow').waitFor({ timeout: 60_000 });
  });

  afterEach(async function () {
    await screenshotIfFailed(this.currentTest, page);
  });

  after(async () => {
    await closeWorkbenchSession(session);
    await Promise.all([alertmanager?.stop(), cluster?.stop()]);
  });

  it('asks before starting an incident when a step is run from the runbook of a P2 warning, and starts none on Not Now', async () => {
    await runStepFromRunbookOf('Orders queue is slow');
    const question = toast('Start incident for P2 Orders queue is slow?');
    await question.waitFor({ timeout: 30_000 });
    await button('Start incident for P2', 'Start').waitFor();
    assert.equal(await button('Start incident for P2', 'Always for P0-P1').count(), 0, 'Always is offered for P0-P1 alerts only');
    await pictureOf('incident-start-asks.png');
    await button('Start incident for P2', 'Not Now').click();
    await question.waitFor({ state: 'hidden' });
    await page.waitForTimeout(1_500);
    assert.equal(await sessionInStatusBar().count(), 0, 'no incident was started');
  });

  it('starts the incident of a P1 alert when told Start', async () => {
    await runStepFromRunbookOf('Orders are failing');
    await button('Start incident for P1', 'Always for P0-P1').waitFor({ timeout: 30_000 });
    await button('Start incident for P1', 'Start').click();
    await sessionInStatusBar().waitFor({ timeout: 30_000 });
  });

  it('counts down to the next status update in the status bar', async () => {
    assert.match(await sessionInStatusBar().innerText(), /INC-\d{8}-\d{3} · \d+ s · update in (30|29)m$|INC-\d{8}-\d{3} · \d+ min · update in (30|29)m$/);
    await page.locator('.part.statusbar').screenshot({ path: join(screenshots, 'status-update-countdown.png') });
  });

  it('keeps Start Incident offered while one is active, and offers to show or resolve it', async () => {
    const id = ((await sessionInStatusBar().innerText()).match(/INC-\d{8}-\d{3}/) ?? [''])[0];
    await clearNotifications();
    await runFromPalette(page, 'On-Call: Start Incident...');
    const offer = toast(`${id} (P1) Orders are failing is active`);
    await offer.waitFor({ timeout: 30_000 });
    await button(id, `Resolve ${id}`).waitFor();
    await pictureOf('incident-start-while-active.png');
    await button(id, `Show ${id}`).click();
    await sidebar().locator('.pane-header', { hasText: 'Incident Sessions' }).waitFor({ timeout: 30_000 });
    await row(id).waitFor({ timeout: 30_000 });
  });

  it('offers at Resolve to expire the silence made during the incident, and expires it', async () => {
    await chooseFromContextMenu(page, row('Orders are failing'), 'Silence Alert...');
    await chooseQuickPickItem(page, '2 hours');
    await answerInputBox(page, 'Why is it silenced?', 'failing over the orders database');
    await clearNotifications();
    await runFromPalette(page, 'On-Call: Resolve Incident...');
    await answerInputBox(page, 'Resolve', 'Failed over to the replica');
    const offer = toast(/The silence made during INC-\d{8}-\d{3} still holds: Orders are failing/);
    await offer.waitFor({ timeout: 30_000 });
    await pictureOf('incident-resolve-silences.png');
    await button(/The silence made during/, 'Expire Silence').click();
    await toast(/Expired the silence made during/).waitFor({ timeout: 30_000 });
    const silences = (await alertmanager.silences()) as { comment: string; status: { state: string } }[];
    assert.equal(silences.find((s) => s.comment === 'failing over the orders database')?.status.state, 'expired');
  });

  it('writes the post-mortem of a resolved incident whose record file was deleted, and the record again, from what the window holds', async () => {
    const storage = join(session!.server.userDataDir, 'User/workspaceStorage');
    const records = readdirSync(storage).map((hash) => join(storage, hash, 'oncall.oncall-runbooks/incidents')).filter((folder) => existsSync(folder));
    const files = records.flatMap((folder) => readdirSync(folder).filter((name) => /^INC-\d{8}-\d{3}\.jsonl$/.test(name)).map((name) => join(folder, name)));
    assert.equal(files.length, 1, `one incident record, found ${JSON.stringify(files)}`);
    rmSync(files[0]);
    await clearNotifications();
    await runFromPalette(page, 'On-Call: Generate Post-Mortem...');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: /Post-mortem template for INC-\d{8}-\d{3}/ }).waitFor({ timeout: 30_000 });
    await page.keyboard.press('Enter');
    await page.locator('.editor-group-container .tab.active', { hasText: /^\d{4}-\d{2}-\d{2}-.*\.md/ }).waitFor({ timeout: 30_000 });
    assert.equal(readdirSync(join(workspace, 'postmortems')).length, 1, 'one post-mortem file');
    assert.ok(existsSync(files[0]), 'the record file is written again');
  });

  it('shows the execution journal as a table, with the raw JSON lines one click away', async () => {
    await runFromPalette(page, 'On-Call: Show Execution Journal');
    const editor = page.locator('.editor-group-container');
    await editor.locator('.tab.active', { hasText: 'Execution Journal.md' }).waitFor({ timeout: 30_000 });
    // Read as the editor shows it, wrapped rows joined: a step's full name may wrap.
    const shown = async () => (await editor.locator('.view-lines').first().innerText()).replace(/\s+/g, ' ');
    await waitFor('the step named runbook › section › step', async () => (await shown()).includes('| Orders drill › Look at the queue › echo orders-queue-depth-ok |'), 30_000);
    // The table wants the width of a common screen, with the panel and the side bar closed.
    await page.setViewportSize({ width: 1600, height: 800 });
    await runFromPalette(page, 'View: Toggle Panel Visibility');
    await runFromPalette(page, 'View: Toggle Primary Side Bar Visibility');
    await screenshotForReadme(page, 'execution-journal.png');
    await editor.locator('.editor-actions [aria-label^="Open Raw Journal"]').first().click();
    await editor.locator('.tab.active', { hasText: 'execution-journal.jsonl' }).waitFor({ timeout: 30_000 });
  });
});
