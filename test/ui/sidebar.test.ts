// UI tests against the packaged extension, as a user gets it: the .vsix is installed into
// a real VS Code (code-server) and the workbench is driven through headless Chromium.
// Screenshots land in test-results/screenshots/ (the README's pictures come from there).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { runFromPalette, screenshotForReadme, screenshotIfFailed, screenshots } from './workbench';
import { closeWorkbenchSession, openWorkbenchSession, type WorkbenchSession } from './workbenchSession';

describe('packaged extension in the workbench', function () {
  this.timeout(180_000);
  let session: WorkbenchSession | undefined;
  let page: Page;
  let extensionsDir: string;
  let workspace: string;

  before(async () => {
    session = await openWorkbenchSession();
    ({ page, workspace, extensionsDir } = session);
  });

  afterEach(async function () {
    await screenshotIfFailed(this.currentTest, page);
  });

  after(async () => {
    await closeWorkbenchSession(session);
  });

  it('installs from the .vsix with the bundle and nothing from the dev tree', () => {
    const installed = readdirSync(extensionsDir).find((name) => name.startsWith('oncall.oncall-runbooks-'));
    assert.ok(installed, `not installed: ${readdirSync(extensionsDir).join(', ')}`);
    const files = readdirSync(join(extensionsDir, installed));
    assert.ok(files.includes('dist'), 'the bundle is missing');
    for (const devOnly of ['src', 'test', 'node_modules', 'tsconfig.json', '.ci']) {
      assert.ok(!files.includes(devOnly), `${devOnly} was packaged`);
    }
  });

  it('shows the On-Call container with the Incidents and Runbooks views', async () => {
    await page.locator('.activitybar [aria-label^="On-Call"]').first().click();
    const sidebar = page.locator('.part.sidebar');
    await sidebar.locator('.pane-header', { hasText: 'Incidents' }).waitFor({ timeout: 30_000 });
    await sidebar.locator('.pane-header', { hasText: 'Runbooks' }).waitFor({ timeout: 30_000 });
    await sidebar.getByText('No incidents right now.').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(screenshots, 'sidebar-empty.png') });
  });

  it('runs "On-Call: Show Log" from the command palette and the log says it activated', async () => {
    await runFromPalette(page, 'On-Call: Show Log');
    await page.locator('.part.panel .view-lines', { hasText: 'Activated in' }).first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(screenshots, 'log.png') });
  });

  it('lists runbooks in the tree and shows Run and Copy lenses in the opened runbook', async () => {
    const sidebar = page.locator('.part.sidebar');
    const runbookRow = sidebar.locator('.monaco-list-row', { hasText: 'Checkout is down' });
    await runbookRow.waitFor({ timeout: 30_000 });
    await sidebar.locator('.monaco-list-row', { hasText: 'Starter runbooks' }).waitFor();
    await runbookRow.click();
    await sidebar.locator('.monaco-list-row', { hasText: 'Record what happened' }).click();
    // A click on a step opens the runbook at its block.
    await sidebar.locator('.monaco-list-row', { hasText: "cat > heredoc-result.txt <<'EOF'" }).click();
    await page.locator('.editor-group-container .tab', { hasText: 'checkout-down.md' }).waitFor();
    const lenses = page.locator('.editor-group-container .codelens-decoration >> visible=true');
    await lenses.first().waitFor({ timeout: 30_000 });
    const texts = await lenses.allInnerTexts();
    assert.ok(texts.some((t) => t.includes('Run') && t.includes('Copy')), `lenses: ${JSON.stringify(texts)}`);
    await page.screenshot({ path: join(screenshots, 'runbook-lenses.png') });
  });

  it("runs a step from the tree's inline Run action in the On-Call terminal", async () => {
    const sidebar = page.locator('.part.sidebar');
    const stepRow = sidebar.locator('.monaco-list-row', { hasText: "cat > heredoc-result.txt <<'EOF'" });
    await stepRow.hover();
    await stepRow.locator('.action-label[aria-label^="Run Runbook Step"]').click();
    const resultFile = join(workspace, 'runbooks/heredoc-result.txt');
    const deadline = Date.now() + 30_000;
    while (!existsSync(resultFile) || !readFileSync(resultFile, 'utf8').includes('stamp:')) {
      assert.ok(Date.now() < deadline, 'the step did not write its result file');
      await page.waitForTimeout(200);
    }
    assert.match(readFileSync(resultFile, 'utf8'), /^first line\n  indented line with \$HOME left literal\nswallowed: nothing\n/);
    await page.locator('.part.panel .tabs-container, .part.panel', { hasText: 'On-Call' }).first().waitFor();
    await page.screenshot({ path: join(screenshots, 'step-run.png') });
  });

  it('opens the Get Started walkthrough from the command palette', async () => {
    await runFromPalette(page, 'View: Hide Panel');
    await runFromPalette(page, 'On-Call: Get Started with On-Call');
    const walkthrough = page.locator('.gettingStartedContainer');
    await walkthrough.getByText('Get started with On-Call').first().waitFor({ timeout: 30_000 });
    for (const step of ['Open your runbooks', 'Pick a kube context', 'Connect Alertmanager', 'Set a PagerDuty token', 'Run a first step']) {
      await walkthrough.getByText(step, { exact: true }).first().waitFor();
    }
    await screenshotForReadme(page, 'walkthrough.png');
  });
});
