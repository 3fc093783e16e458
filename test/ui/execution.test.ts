// Running steps as a person does, in the packaged extension: a placeholder picked from the
// fixture cluster's pods, the confirmation dialog of a destructive step, and the context
// name typed for a protected context. The fixture's request log proves what reached the
// cluster. Screenshots land in test-results/screenshots/.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { demoObjects, KubeApiFixture, writeKubeconfig } from '../fixtures/kube/kubeApiServer';
import { chooseQuickPickItem, clickRunLens as clickRunLensIn, openQuickInput, quickOpen, runFromPalette, screenshotForReadme, screenshotIfFailed, screenshots } from './workbench';
import { closeWorkbenchSession, openWorkbenchSession, type WorkbenchSession } from './workbenchSession';

describe('running runbook steps against a cluster, in the workbench', function () {
  this.timeout(180_000);
  let staging: KubeApiFixture;
  let prod: KubeApiFixture;
  let session: WorkbenchSession | undefined;
  let page: Page;
  let workspace: string;

  async function until(what: string, probe: () => boolean, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!probe()) {
      assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
      await page.waitForTimeout(100);
    }
  }

  /** Clicks the Run lens of the kube-checks.md block whose first line is `command`. */
  const clickRunLens = (command: string) => clickRunLensIn(page, join(workspace, 'runbooks/kube-checks.md'), command);

  before(async () => {
    [staging, prod] = await Promise.all([KubeApiFixture.start({ objects: demoObjects() }), KubeApiFixture.start({ objects: demoObjects() })]);
    session = await openWorkbenchSession({
      prepareHome: (home) => {
        mkdirSync(join(home, '.kube'), { recursive: true });
        writeKubeconfig(
          join(home, '.kube/config'),
          [
            { name: 'staging', server: staging.url, namespace: 'shop' },
            { name: 'prod-eu', server: prod.url, namespace: 'shop' },
          ],
          'staging',
        );
      },
    });
    ({ page, workspace } = session);
    await quickOpen(page, 'kube-checks.md');
    await page.locator('.editor-group-container .codelens-decoration >> visible=true').first().waitFor({ timeout: 60_000 });
  });

  afterEach(async function () {
    await screenshotIfFailed(this.currentTest, page);
  });

  after(async () => {
    await closeWorkbenchSession(session);
    await Promise.all([staging?.stop(), prod?.stop()]);
  });

  it('shows the context and namespace steps will run in, in the status bar', async () => {
    await page.locator('.statusbar-item', { hasText: '⎈ staging / shop' }).waitFor({ timeout: 30_000 });
    await screenshotForReadme(page, 'runbook-context.png');
  });

  it('offers the namespace\'s pods for <pod-name>, failing ones first, and runs with the chosen pod', async () => {
    staging.clearRequests();
    await clickRunLens('kubectl get pod <pod-name> -o name');
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await rows.filter({ hasText: 'web-7d9c-fghij' }).waitFor({ timeout: 30_000 });
    const labels = await rows.allInnerTexts();
    assert.match(labels[0], /CrashLoopBackOff|OOMKilled|ImagePullBackOff|Unschedulable|Pending/, `a failing pod first: ${JSON.stringify(labels)}`);
    await page.screenshot({ path: join(screenshots, 'placeholder-pick.png') });
    await chooseQuickPickItem(page, 'web-7d9c-fghij');
    await until('the GET of the chosen pod', () =>
      staging.requests().some((r) => r.method === 'GET' && r.path === '/api/v1/namespaces/shop/pods/web-7d9c-fghij'),
    );
  });

  it('asks before a destructive step, naming the context: a remembered pod is preselected, never used silently, and Enter alone does not run it', async () => {
    staging.clearRequests();
    const rows = page.locator('.quick-input-list .monaco-list-row');
    const focusedRow = page.locator('.quick-input-list .monaco-list-row.focused');
    const confirmation = page.locator('.quick-input-widget', { hasText: 'Run a destructive step in staging?' });
    for (const attempt of ['Enter', 'click Run'] as const) {
      await clickRunLens('kubectl delete pod <pod-name>');
      // The pod picked for the read-only step above is offered again, preselected, not used silently.
      await rows.filter({ hasText: 'remembered from an earlier step' }).waitFor({ timeout: 30_000 });
      assert.match(await focusedRow.innerText(), /web-7d9c-fghij/);
      await page.keyboard.press('Enter');
      await confirmation.waitFor({ timeout: 30_000 });
      const text = await confirmation.innerText();
      assert.match(text, /context "staging", namespace "shop"/);
      assert.match(text, /kubectl delete pod web-7d9c-fghij/);
      assert.match(text, /pod-name = web-7d9c-fghij \(chosen now\)/);
      assert.match(await focusedRow.innerText(), /Cancel/, 'the focused choice is Cancel');
      if (attempt === 'Enter') {
        await page.screenshot({ path: join(screenshots, 'confirm-destructive.png') });
        await page.keyboard.press('Enter');
        await confirmation.waitFor({ state: 'hidden' });
        await page.waitForTimeout(1_000);
        assert.equal(staging.requests().filter((r) => r.method === 'DELETE').length, 0, 'Enter alone ran nothing');
      } else {
        await rows.filter({ hasText: 'Run in staging' }).click();
      }
    }
    await until('the DELETE', () => staging.requests().some((r) => r.method === 'DELETE' && r.path === '/api/v1/namespaces/shop/pods/web-7d9c-fghij'));
  });

  it('needs the context name typed before a destructive step in a protected context', async () => {
    await runFromPalette(page, 'On-Call: Switch Kube Context...');
    await chooseQuickPickItem(page, 'prod-eu');
    await page.locator('.statusbar-item', { hasText: '⎈ prod-eu / shop' }).waitFor({ timeout: 30_000 });
    prod.clearRequests();

    await clickRunLens('kubectl delete pod <pod-name>');
    // A new context: the pod is picked again, from prod's pods.
    await chooseQuickPickItem(page, 'web-7d9c-abcde');
    const input = page.locator('.quick-input-widget input');
    const typedNameBox = page.locator('.quick-input-widget', { hasText: 'prod-eu is a protected context' });
    await typedNameBox.waitFor({ timeout: 30_000 });
    // The strongest prompt shows what it protects: the command and the values.
    const boxText = await typedNameBox.innerText();
    assert.match(boxText, /Command: kubectl delete pod web-7d9c-abcde/);
    assert.match(boxText, /pod-name = web-7d9c-abcde \(chosen now\)/);
    await input.fill('prod');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget', { hasText: 'Type the context name exactly: prod-eu' }).waitFor();
    await page.screenshot({ path: join(screenshots, 'confirm-typed-name.png') });
    assert.equal(prod.requests().filter((r) => r.method === 'DELETE').length, 0, 'a wrong name must not run the step');
    await input.fill('prod-eu');
    await page.keyboard.press('Enter');
    await until('the DELETE in prod', () => prod.requests().some((r) => r.method === 'DELETE' && r.path === '/api/v1/namespaces/shop/pods/web-7d9c-abcde'));
  });

  it('offers Choose Commands for a block holding a destructive command, and runs only the ticked ones', async () => {
    await quickOpen(page, 'web-alternatives.md');
    prod.clearRequests();
    await clickRunLensIn(page, join(workspace, 'runbooks/web-alternatives.md'), '# Look at the web pods first');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 30_000 });
    assert.match(await dialog.innerText(), /Run a block that holds a destructive command in prod-eu\?/);
    const buttons = await dialog.locator('.monaco-button').allInnerTexts();
    assert.deepEqual(buttons.map((b) => b.trim()).filter((b) => b !== '').sort(), ['Cancel', 'Choose Commands…', 'Run All']);
    // Enter presses the focused button: it must only open the list, never run the block.
    const focused = await page.evaluate('document.activeElement ? document.activeElement.textContent : ""');
    assert.equal(String(focused).trim(), 'Choose Commands…');
    await dialog.locator('.monaco-button', { hasText: 'Choose Commands…' }).click();

    const rows = page.locator('.quick-input-list .monaco-list-row');
    await rows.filter({ hasText: 'kubectl delete pod web-7d9c-fghij' }).waitFor({ timeout: 30_000 });
    assert.match(await rows.filter({ hasText: 'kubectl delete pod web-7d9c-fghij' }).innerText(), /delete/i);
    await page.screenshot({ path: join(screenshots, 'choose-commands.png') });
    await rows.filter({ hasText: 'kubectl get pods -l app=web -o name' }).click();
    await rows.filter({ hasText: 'kubectl get deployments -o name' }).click();
    await page.locator('.quick-input-widget .monaco-button', { hasText: 'OK' }).click();

    // A protected context asks even for read-only steps: the dialog shows exactly the chosen commands.
    const again = page.locator('.monaco-dialog-box', { hasText: 'Run this step in prod-eu?' });
    await again.waitFor({ timeout: 30_000 });
    const text = await again.innerText();
    assert.match(text, /kubectl get pods -l app=web -o name\s+kubectl get deployments -o name/);
    assert.doesNotMatch(text, /kubectl delete/);
    await again.locator('.monaco-button', { hasText: 'Run' }).click();
    await until('both GETs', () =>
      prod.requests().some((r) => r.path === '/apis/apps/v1/namespaces/shop/deployments') && prod.requests().some((r) => r.path === '/api/v1/namespaces/shop/pods' && r.query.labelSelector === 'app=web'),
    );
    await page.waitForTimeout(1_000);
    assert.equal(prod.requests().filter((r) => r.method !== 'GET').length, 0, 'the unticked delete never ran');
  });

  it('runs the whole command when a selection cuts a heredoc, and the confirmation says so', async () => {
    await runFromPalette(page, 'On-Call: Switch Kube Context...');
    await chooseQuickPickItem(page, 'staging');
    await page.locator('.statusbar-item', { hasText: '⎈ staging / shop' }).waitFor({ timeout: 30_000 });
    staging.clearRequests();
    // Select two lines inside the heredoc body, as a user drags over them.
    const file = join(workspace, 'runbooks/web-alternatives.md');
    const lineNumber = readFileSync(file, 'utf8').split('\n').indexOf('kind: ConfigMap') + 1;
    await page.locator('.editor-group-container .monaco-editor textarea').first().focus();
    const goTo = await openQuickInput(page, 'Control+G');
    await goTo.fill(`:${lineNumber}`);
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+End');
    await page.keyboard.press('Control+Alt+Enter');

    // A destructive step: the confirmation is a pick whose focused choice is Cancel.
    const dialog = page.locator('.quick-input-widget', { hasText: 'Run a destructive step in staging?' });
    await dialog.waitFor({ timeout: 30_000 });
    const text = await dialog.innerText();
    assert.match(text, /The selection cut a command with a heredoc on lines \d+–\d+, so the whole command runs\./);
    assert.match(text, /kubectl apply -f - <<EOF[\s\S]*name: drill[\s\S]*EOF/);
    assert.doesNotMatch(text, /kubectl get nodes/);
    await page.screenshot({ path: join(screenshots, 'selection-widened.png') });
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await page.waitForTimeout(1_000);
    assert.deepEqual(staging.requests().filter((r) => !['/version', '/api', '/apis'].includes(r.path)), [], 'nothing ran after Cancel');
  });
});
