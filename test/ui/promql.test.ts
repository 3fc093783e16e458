// The PromQL panel as a user sees it: the packaged extension in code-server, a real Prometheus
// scraping the fixture's /metrics, and a click on the Run Query lens of a runbook block.
import assert from 'node:assert/strict';
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { repoRoot } from '../launch/codeServer';
import { startMetricsEndpoint, type MetricsEndpoint } from '../fixtures/prometheus/metricsEndpoint';
import { FIXTURE_JOB, startPrometheus, type RunningPrometheus } from '../fixtures/prometheus/prometheusProcess';
import { waitFor } from '../support/waiting';
import { clickRunLens, quickOpen, runFromPalette, screenshotForReadme, screenshotIfFailed } from './workbench';
import { closeWorkbenchSession, openWorkbenchSession, type WorkbenchSession } from './workbenchSession';

describe('the PromQL panel in the workbench', function () {
  this.timeout(180_000);
  let metrics: MetricsEndpoint;
  let prometheus: RunningPrometheus;
  let session: WorkbenchSession | undefined;
  let page: Page;
  let workspace: string;

  before(async () => {
    const vsix = join(repoRoot, 'oncall-runbooks.vsix');
    assert.ok(existsSync(vsix), 'run `npm run package` first');
    // The last hour as if the service had been running: the chart has a past to show.
    metrics = await startMetricsEndpoint({ historyMs: 58 * 60_000, wave: true });
    metrics.setGauge(4);
    prometheus = await startPrometheus({ targets: [metrics.target], backfill: metrics.history(FIXTURE_JOB, 1_000) });
    session = await openWorkbenchSession({
      settings: { 'oncall.prometheus.instances': [{ name: 'fixture', url: prometheus.url }] },
      prepareWorkspace: (workspace) => {
        cpSync(join(repoRoot, 'test/fixtures/promql'), join(workspace, 'runbooks/promql'), { recursive: true });
      },
    });
    ({ page, workspace } = session);
    await waitFor('five scrapes', () => metrics.scrapes.length >= 5, 60_000);
  });

  afterEach(async function () {
    await screenshotIfFailed(this.currentTest, page);
  });

  after(async () => {
    await closeWorkbenchSession(session);
    await prometheus?.stop();
    await metrics?.close();
  });

  /** The page inside the webview (VS Code nests it in two frames). */
  function panelFrame(): FrameLocator {
    return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  }

  it('runs a PromQL block from its lens and shows the series, their statistics and a chart', async () => {
    await quickOpen(page, 'checkout-traffic.md');
    const runbook = join(workspace, 'runbooks/promql/checkout-traffic.md');
    await clickRunLens(page, runbook, 'sum by (route) (rate(oncall_fixture_requests_total[5s]))');
    await page.locator('.editor-group-container .tab', { hasText: 'PromQL: Checkout traffic' }).waitFor({ timeout: 30_000 });
    const frame = panelFrame();
    await frame.getByText('{route="/checkout"}').waitFor({ timeout: 30_000 });
    await frame.getByText('{route="/cart"}').waitFor();
    assert.equal(await frame.locator('svg.chart path.line').count(), 2);
    assert.equal(await frame.locator('tbody tr').count(), 2);
    for (const label of ['Open in Prometheus', 'Add to Timeline', 'Run Again']) await frame.getByRole('button', { name: label }).waitFor();
    await runFromPalette(page, 'View: Close Primary Side Bar');
    await screenshotForReadme(page, 'promql-panel.png');
  });

  it('answers a click on Add to Timeline (the page’s script runs under its nonce)', async () => {
    await panelFrame().getByRole('button', { name: 'Add to Timeline' }).click();
    await page.locator('.notification-toast', { hasText: 'No incident is active: start one to keep this result in its timeline.' }).waitFor({ timeout: 30_000 });
  });
});
