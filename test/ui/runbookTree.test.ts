// The Runbooks view at the default side bar width, with runbooks as teams write them: several
// scenarios with Investigation and Resolution sections each, and four runbooks of one title.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { repoRoot } from '../launch/codeServer';
import { waitFor } from '../support/waiting';
import { screenshotForReadme, screenshotIfFailed } from './workbench';
import { closeWorkbenchSession, openWorkbenchSession, type WorkbenchSession } from './workbenchSession';

const TEAM_RUNBOOKS = ['same-title/payments.md', 'same-title/search.md', 'same-title/checkout.md', 'same-title/identity.md'];

describe('the Runbooks view shows a runbook of scenarios at 300 px', function () {
  this.timeout(180_000);
  let session: WorkbenchSession | undefined;
  let page: Page;

  before(async () => {
    session = await openWorkbenchSession({
      prepareWorkspace: (workspace) => {
        mkdirSync(join(workspace, 'runbooks/teams'), { recursive: true });
        for (const name of TEAM_RUNBOOKS) cpSync(join(repoRoot, 'test/fixtures/runbooks', name), join(workspace, 'runbooks/teams', name));
      },
    });
    ({ page } = session);
    await page.locator('.activitybar [aria-label^="On-Call"]').first().click();
  });

  afterEach(async function () {
    await screenshotIfFailed(this.currentTest, page);
  });

  after(async () => {
    await closeWorkbenchSession(session);
  });

  function runbooksPane(): Locator {
    return page.locator('.part.sidebar .pane', { has: page.locator('.pane-header', { hasText: 'Runbooks' }) });
  }

  /** True when the first `length` characters of the label are drawn, not hidden behind the ellipsis. */
  async function drawnUpTo(label: Locator, length: number): Promise<boolean> {
    return label.evaluate((element, end) => {
      const walker = element.ownerDocument.createTreeWalker(element, 4 /* text nodes */);
      const text = walker.nextNode();
      if (!text) return false;
      const range = element.ownerDocument.createRange();
      range.setStart(text, 0);
      range.setEnd(text, Math.min(end, text.textContent?.length ?? 0));
      const box = (element.closest('.monaco-icon-label-container') ?? element).getBoundingClientRect();
      // Room for the ellipsis itself: what it covers is not drawn.
      return range.getBoundingClientRect().right <= box.right - 8;
    }, length);
  }

  it('tells four runbooks of one title apart by service, and nests each scenario with its own sections', async () => {
    const sidebar = runbooksPane();
    const width = await sidebar.evaluate((element) => element.getBoundingClientRect().width);
    assert.ok(width <= 310, `the side bar is ${width} px wide, not the default`);
    const rows = sidebar.locator('.monaco-list-row', { hasText: 'Incident Response Runbook' });
    await rows.nth(3).waitFor({ timeout: 30_000 });
    // What tells them apart comes first, so the side bar's ellipsis never takes it.
    const services: string[] = [];
    for (let index = 0; index < 4; index++) {
      const name = rows.nth(index).locator('.label-name');
      const [service] = (await name.innerText()).split(' · ');
      services.push(service!);
      assert.ok(await drawnUpTo(name, `${service} · Incident Response`.length), `row ${index} is cut too soon: ${await name.innerText()}`);
    }
    assert.deepEqual(services, ['checkout', 'identity', 'payments', 'search']);

    await rows.nth(2).click();
    const scenario = sidebar.locator('.monaco-list-row', { hasText: 'Scenario 2: API latency high' });
    await scenario.click();
    // The scenario's own sections, right under it and one level deeper. The tree draws the
    // chevron open before it has the children: wait for the row itself.
    const rowBelow = async () => {
      const below = runbooksPane().locator(`.monaco-list-row[data-index="${Number(await scenario.getAttribute('data-index')) + 1}"]`);
      return { text: await below.innerText().catch(() => ''), level: Number(await below.getAttribute('aria-level').catch(() => null)) };
    };
    const scenarioLevel = Number(await scenario.getAttribute('aria-level'));
    await waitFor('the Investigation row under the scenario', async () => /Investigation Steps/.test((await rowBelow()).text), 30_000);
    assert.equal((await rowBelow()).level, scenarioLevel + 1);
    await screenshotForReadme(page, 'runbook-scenarios.png');
  });
});
