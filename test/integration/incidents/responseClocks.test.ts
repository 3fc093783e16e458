// Response clocks when team runbooks disagree: five runbooks define the P0 response time each
// in its own form (a table, bold paragraphs, per-level headings, list items, and "Immediate",
// which sets none). Each incident runs against the runbook matched to it, then the setting,
// then the default, and follows a runbook edited while it is shown. Real Alertmanager alerts.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, Settings } from '../../../src/constants';
import type { OnCallApi } from '../../../src/extension';
import { startAlertmanager, type RunningAlertmanager } from '../../fixtures/alertmanager/alertmanagerProcess';
import { activateExtension, workspaceFolder } from '../support/hostHelpers';
import { waitFor } from '../../support/waiting';
import { drawIncidentTree, incidentRows } from '../support/incidentTree';

const RUNBOOKS = ['payments-api.md', 'search-cluster.md', 'checkout.md', 'status-page.md', 'ledger.md'];

/** Alert name → its runbook's P0 time as the hover states it, with `{P0: 20}` set. */
const EXPECTED_WITH_SETTING: Record<string, string> = {
  ClocksPaymentsDown: '5 min (runbooks/clocks/payments-api.md)',
  ClocksSearchDown: '15 min (runbooks/clocks/search-cluster.md)',
  ClocksCheckoutDown: '30 min (runbooks/clocks/checkout.md)',
  ClocksLedgerStuck: '10 min (runbooks/clocks/ledger.md)',
  // "Immediate" sets no clock; no runbook names the last alert.
  ClocksStatusPageDown: '20 min (setting oncall.incidents.responseTimes)',
  ClocksUnmatched: '20 min (setting oncall.incidents.responseTimes)',
};

describe('response clocks per incident, from the runbook matched to it', function () {
  this.timeout(120_000);
  let api: OnCallApi;
  let alertmanager: RunningAlertmanager;
  const settings = () => vscode.workspace.getConfiguration();
  const folder = () => vscode.Uri.joinPath(workspaceFolder(), 'runbooks/clocks');

  /** Every Clocks* row as drawn, with its hover text unescaped. */
  async function clockRows() {
    const rows = incidentRows(await drawIncidentTree(api)).filter((row) => row.description.startsWith('Clocks'));
    return Promise.all(
      rows.map(async (row) => {
        const item = api.incidentTree.getTreeItem(row.node);
        const tooltip = api.incidentTree.resolveTreeItem(item, row.node).tooltip;
        const hover = (tooltip instanceof vscode.MarkdownString ? tooltip.value : '').replace(/\\(.)/g, '$1');
        return { ...row, alertName: row.description.split(' · ')[0], hover };
      }),
    );
  }

  /** Waits until every alert's hover names the expected P0 response time. */
  async function clocksAre(expected: Record<string, string>) {
    return waitFor(`response times ${JSON.stringify(expected)}`, async () => {
      const rows = await clockRows();
      const ok = Object.entries(expected).every(([name, time]) => rows.find((row) => row.alertName === name)?.hover.includes(`P0 response time ${time}`));
      return ok ? rows : undefined;
    });
  }

  before(async () => {
    api = await activateExtension();
    const source = vscode.Uri.file(join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'test/fixtures/runbooks/severity-clocks'));
    for (const name of RUNBOOKS) await vscode.workspace.fs.copy(vscode.Uri.joinPath(source, name), vscode.Uri.joinPath(folder(), name), { overwrite: true });
    await settings().update(Settings.responseTimes, { P0: 20 }, vscode.ConfigurationTarget.Workspace);
    alertmanager = await startAlertmanager();
    const alert = (alertname: string, minutesAgo: number) => ({
      labels: { alertname, severity: 'P0', namespace: 'clocks' },
      annotations: { summary: `${alertname.replace(/^Clocks/, '')} for the clock test.` },
      startsAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    // Checkout has been down 40 minutes: overdue against its runbook's 30, not against 45.
    await alertmanager.postAlerts(Object.keys(EXPECTED_WITH_SETTING).map((name) => alert(name, name === 'ClocksCheckoutDown' ? 40 : 1)));
    await settings().update(Settings.alertmanagerPollInterval, 1, vscode.ConfigurationTarget.Workspace);
    await settings().update(Settings.alertmanagerInstances, [{ name: 'clocks', url: alertmanager.url }], vscode.ConfigurationTarget.Workspace);
  });

  after(async () => {
    await settings().update(Settings.alertmanagerInstances, undefined, vscode.ConfigurationTarget.Workspace);
    await settings().update(Settings.alertmanagerPollInterval, undefined, vscode.ConfigurationTarget.Workspace);
    await settings().update(Settings.responseTimes, undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.fs.delete(folder(), { recursive: true });
    await alertmanager?.stop();
  });

  it("runs each incident's clock against its own runbook, then the setting, whatever order the runbooks were read in", async () => {
    const rows = await clocksAre(EXPECTED_WITH_SETTING);
    const checkout = rows.find((row) => row.alertName === 'ClocksCheckoutDown');
    assert.ok(checkout);
    // The short facts first, "overdue" in words, then the title; the sentence in the description.
    assert.match(checkout.label, /^P0 · 4\dm · overdue 1\dm · CheckoutDown for the clock test\.$/);
    assert.match(checkout.description, /^ClocksCheckoutDown · for 4\dm · response 1\dm overdue$/);
    const ledger = rows.find((row) => row.alertName === 'ClocksLedgerStuck');
    assert.match(ledger?.label ?? '', /^P0 · \d+[sm] · LedgerStuck for the clock test\.$/);
    assert.match(ledger?.description ?? '', /^ClocksLedgerStuck · for \d+[sm] · respond within [89]m$/);
  });

  it('falls back to the default once the setting is gone, for incidents whose runbook sets no P0 time', async () => {
    await settings().update(Settings.responseTimes, undefined, vscode.ConfigurationTarget.Workspace);
    await clocksAre({
      ...EXPECTED_WITH_SETTING,
      ClocksStatusPageDown: '5 min (default)',
      ClocksUnmatched: '5 min (default)',
    });
  });

  it('follows an edit of the runbook: the cached clock is dropped when the runbook index changes', async () => {
    const checkout = vscode.Uri.joinPath(folder(), 'checkout.md');
    const text = Buffer.from(await vscode.workspace.fs.readFile(checkout)).toString('utf8');
    await vscode.workspace.fs.writeFile(checkout, Buffer.from(text.replace('Response within 30 minutes', 'Response within 45 minutes')));
    const rows = await clocksAre({ ClocksCheckoutDown: '45 min (runbooks/clocks/checkout.md)', ClocksSearchDown: '15 min (runbooks/clocks/search-cluster.md)' });
    const row = rows.find((candidate) => candidate.alertName === 'ClocksCheckoutDown');
    assert.match(row?.description ?? '', /^ClocksCheckoutDown · for 4\dm · respond within \dm$/, 'no longer overdue');
    assert.match(row?.label ?? '', /^P0 · 4\dm · CheckoutDown for the clock test\.$/);
  });
});
