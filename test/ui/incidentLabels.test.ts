// Incident rows at the sidebar's default 300 px, in the packaged extension: the label starts
// with the short facts (level, age, "overdue 25m") so they are on screen before the title is
// cut, overdue reads in words as well as in red, and the hover keeps the whole sentence with
// where the response time comes from. Saves incidents-300px.png in test-results/screenshots/.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startAlertmanager, type RunningAlertmanager } from '../fixtures/alertmanager/alertmanagerProcess';
import { screenshotForReadme, screenshotIfFailed, setSidebarWidth } from './workbench';
import { closeWorkbenchSession, openWorkbenchSession, type WorkbenchSession } from './workbenchSession';

const SIDEBAR_WIDTH = 300;
// CheckoutDown is claimed by the fixture workspace's checkout runbook (P1: 15 minutes); nothing
// claims SearchLatencyHigh, whose P2 takes the default hour.
const OVERDUE_TITLE = 'Checkout error rate above 5% for every shopper';
const ON_TIME_TITLE = 'Search p99 latency above 2 s';

/**
 * In the page: the text of the row showing `title`, how far right `fact` ends in it, and where
 * the row's label is clipped (the nearest boxes that hide overflow). Evaluated as a string:
 * this project is not compiled against the DOM types.
 */
function measureRow(title: string, fact: string): string {
  return `(() => {
    const row = [...document.querySelectorAll('.part.sidebar .monaco-list-row')].find((r) => r.textContent.includes(${JSON.stringify(title)}));
    if (!row) return undefined;
    const label = row.querySelector('.label-name');
    const text = label ? label.textContent : '';
    const at = text.indexOf(${JSON.stringify(fact)});
    let factRight;
    if (at >= 0) {
      const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
      let offset = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const end = offset + node.textContent.length;
        if (at + ${fact.length} <= end && at >= offset) {
          const range = document.createRange();
          range.setStart(node, at - offset);
          range.setEnd(node, at - offset + ${fact.length});
          factRight = range.getBoundingClientRect().right;
          break;
        }
        offset = end;
      }
    }
    let clipRight = row.getBoundingClientRect().right;
    for (let box = label; box && box !== row.parentElement; box = box.parentElement) {
      if (getComputedStyle(box).overflowX !== 'visible') clipRight = Math.min(clipRight, box.getBoundingClientRect().right);
    }
    return { text, factRight, clipRight };
  })()`;
}

interface Measured {
  readonly text: string;
  readonly factRight?: number;
  readonly clipRight: number;
}

describe('incident rows at the default sidebar width', function () {
  this.timeout(180_000);
  let alertmanager: RunningAlertmanager;
  let session: WorkbenchSession | undefined;
  let page: Page;

  const sidebar = () => page.locator('.part.sidebar');
  const row = (text: string) => sidebar().locator('.monaco-list-row', { hasText: text }).first();

  async function measure(title: string, fact: string): Promise<Measured> {
    const handle = await page.waitForFunction(measureRow(title, fact), undefined, { timeout: 60_000 });
    return (await handle.jsonValue()) as Measured;
  }

  before(async () => {
    alertmanager = await startAlertmanager();
    const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    const until = new Date(Date.now() + 3_600_000).toISOString();
    await alertmanager.postAlerts([
      { labels: { alertname: 'CheckoutDown', severity: 'critical', namespace: 'shop' }, annotations: { summary: OVERDUE_TITLE }, startsAt: ago(40), endsAt: until },
      { labels: { alertname: 'SearchLatencyHigh', severity: 'warning', namespace: 'search' }, annotations: { summary: ON_TIME_TITLE }, startsAt: ago(5), endsAt: until },
    ]);
    session = await openWorkbenchSession({
      settings: {
        'oncall.alertmanager.instances': [{ name: 'prod-eu', url: alertmanager.url }],
        'oncall.alertmanager.pollInterval': 2,
        // A notification would cover the view in the screenshot.
        'oncall.incidents.notify': false,
      },
    });
    ({ page } = session);
  });

  after(async () => {
    await closeWorkbenchSession(session);
    await Promise.all([alertmanager?.stop()]);
  });

  afterEach(async function () {
    await screenshotIfFailed(this.currentTest, page);
  });

  it('shows level, age and "overdue" before the title, uncut at 300 px, and the whole sentence on hover', async () => {
    await page.locator('.activitybar [aria-label^="On-Call"]').first().click();
    // The Incidents view gets the height: the Runbooks view is folded.
    await sidebar().locator('.pane-header', { hasText: 'Runbooks' }).click();
    await row(OVERDUE_TITLE).waitFor({ timeout: 60_000 });
    await setSidebarWidth(page, SIDEBAR_WIDTH);

    // The clock shows once the alert's runbook is matched.
    await row(OVERDUE_TITLE).filter({ hasText: 'overdue' }).waitFor({ timeout: 60_000 });
    const overdue = await measure(OVERDUE_TITLE, 'overdue');
    assert.match(overdue.text, /^P1 · 4\dm · overdue 2\dm · Checkout error rate above 5% for every shopper$/);
    const fact = overdue.text.match(/overdue \d+m/)![0];
    const shown = await measure(OVERDUE_TITLE, fact);
    assert.ok(shown.factRight !== undefined && shown.factRight <= shown.clipRight, `"${fact}" is cut off: it ends at ${shown.factRight}, the row shows up to ${shown.clipRight}`);

    await row(ON_TIME_TITLE).filter({ hasText: 'respond within' }).waitFor({ timeout: 60_000 });
    const onTime = await measure(ON_TIME_TITLE, 'P2 · ');
    assert.match(onTime.text, /^P2 · \d+m · Search p99 latency above 2 s$/, 'no "overdue" for an incident still within its time');
    assert.ok(onTime.factRight !== undefined && onTime.factRight <= onTime.clipRight);

    // Overdue has its own icon, not only a red tint.
    assert.equal(await row(OVERDUE_TITLE).locator('.codicon-clock').count(), 1);
    assert.equal(await row(ON_TIME_TITLE).locator('.codicon-clock').count(), 0);

    // The hover has the sentence the row cuts off, and where the 15 minutes come from.
    await row(OVERDUE_TITLE).hover();
    const hover = page.locator('.workbench-hover, .monaco-hover:not(.hidden)', { hasText: 'P1 response time 15 min' }).first();
    await hover.waitFor({ timeout: 30_000 });
    assert.match(await hover.innerText(), /Response 2\dm overdue; P1 response time 15 min \(runbooks\/checkout-down\.md\)/);

    await screenshotForReadme(page, 'incidents-300px.png');
  });
});
