// What the UI tests do to the workbench in the same way: run a palette command, and keep a
// screenshot of the workbench when a test fails.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { repoRoot } from '../launch/codeServer';
import { writeKubeconfig } from '../fixtures/kube/kubeApiServer';

export const screenshots = join(repoRoot, 'test-results/screenshots');

// A root hook: once before every test of the run, whichever file comes first, so a failure's
// picture from an earlier file is never removed by a later one.
before(() => {
  mkdirSync(screenshots, { recursive: true });
  for (const stale of readdirSync(screenshots).filter((f) => f.startsWith('failed-'))) rmSync(join(screenshots, stale));
});

const QUICK_INPUT_FOCUSED = `(() => {
  const box = document.querySelector('.quick-input-widget');
  return !!box && box.style.display !== 'none' && !!document.activeElement && !!document.activeElement.closest('.quick-input-widget');
})()`;

/**
 * Presses `key` (F1, Ctrl+P, Ctrl+G) and returns the quick input's text box once it is
 * visible and has the keyboard focus: the state typing needs. A quick input still closing
 * from the last command (a click, a hidden panel moving the focus) swallows a key pressed too
 * early, so the key is pressed again only when no box took the focus.
 */
export async function openQuickInput(page: Page, key: string): Promise<Locator> {
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('input');
  // The previous box, if any, must be gone first, or the key would act on it.
  await widget.waitFor({ state: 'hidden', timeout: 30_000 }).catch(() => undefined);
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press(key);
    const focused = await page
      // Evaluated in the page (a string: this project is not compiled against the DOM types).
      .waitForFunction(QUICK_INPUT_FOCUSED, undefined, { timeout: 10_000 })
      .then(() => true, () => false);
    if (focused) return input;
    assert.ok(attempt < 3, `${key} opened no quick input with the keyboard focus`);
  }
}

/**
 * Runs a command from the command palette by its title, as a user types it, and returns once
 * the palette is gone (or the command's own box replaced it). Something else opening in the
 * workbench (an editor restored at startup, a view taking the focus) closes the palette under
 * the typing: then it is opened again, up to three times.
 */
export async function runFromPalette(page: Page, title: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const input = await openQuickInput(page, 'F1');
    try {
      await input.fill(`>${title}`, { timeout: 10_000 });
      // The row whose label is exactly the title: others may match it in part, or rank first.
      const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(title)}$`) }) });
      await row.first().click({ timeout: 15_000 });
      break;
    } catch (error) {
      const stillOpen = await page.locator('.quick-input-widget').isVisible();
      if (stillOpen || attempt >= 3) throw error;
    }
  }
  // The palette is done once it is gone, or once the command's own box replaced it.
  await page.waitForFunction(
    `(() => {
      const box = document.querySelector('.quick-input-widget');
      const input = box && box.querySelector('input');
      return !box || box.style.display === 'none' || !input || input.value !== ${JSON.stringify(`>${title}`)};
    })()`,
    undefined,
    { timeout: 30_000 },
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Runs `label` from the context menu of `target`, as a user does: right-click, point at the
 * item, Enter. A click right after the menu opened can be taken for the right-click's own
 * release and ignored, leaving the menu open; the item under the pointer is the menu's
 * focused one, so Enter runs exactly it. Returns once the menu is gone.
 */
export async function chooseFromContextMenu(page: Page, target: Locator, label: string): Promise<void> {
  await rowsSettled(target);
  // A row's hover card, left open by the pointer resting on another row, covers the rows
  // around it and takes the click: park the pointer and let any card close first.
  await page.mouse.move(800, 500);
  await page.locator('.workbench-hover-container, .monaco-hover:not(.hidden)').first().waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
  const menu = page.locator('.context-view .monaco-menu');
  const item = menu.locator('.action-item', { has: page.locator('.action-label', { hasText: label }) }).first();
  for (let attempt = 1; ; attempt++) {
    await target.click({ button: 'right' });
    await item.waitFor({ timeout: 30_000 });
    // A tree reuses its row elements: when rows arrive or move between finding the target and
    // the click, the click lands on whichever item now sits there, and the menu acts on that
    // one. The tree focuses the row it opened the menu for, so the target must be focused.
    if (await target.evaluate((row) => row.classList.contains('focused'))) break;
    assert.ok(attempt < 3, `the context menu kept opening on another row than the one wanted for "${label}"`);
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden', timeout: 10_000 });
  }
  await item.hover();
  await menu.locator('.action-item.focused', { has: page.locator('.action-label', { hasText: label }) }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  await menu.waitFor({ state: 'hidden', timeout: 10_000 });
}

/** The page's MutationObserver, as far as rowsSettled uses it. */
type PageMutationObserver = new (changed: () => void) => { observe(node: unknown, options: { childList: boolean; subtree: boolean; characterData: boolean }): void; disconnect(): void };

/**
 * Resolves once the rows of the tree holding `target` have not changed for `quietMs` (or after
 * `patienceMs` of constant change). A view refreshed from its root forgets every row until VS
 * Code asks for them again: a menu item chosen in that moment reaches its command without the
 * row, and the command asks which incident instead of acting on it. Sources still arriving
 * (the Kubernetes watch folding into rows) refresh the root, so menus wait for them.
 */
async function rowsSettled(target: Locator, quietMs = 1_500, patienceMs = 30_000): Promise<void> {
  await target.waitFor({ timeout: 30_000 });
  await target.evaluate(
    (row, [quiet, patience]) =>
      new Promise<void>((resolve) => {
        const rows = row.closest('.monaco-list-rows') ?? row.parentElement ?? row;
        // Runs in the page; the tests' types know no DOM beyond the element Playwright hands over.
        const Observer = (globalThis as unknown as { MutationObserver: PageMutationObserver }).MutationObserver;
        const observer = new Observer(() => {
          clearTimeout(timer);
          timer = setTimeout(done, quiet);
        });
        const done = (): void => {
          observer.disconnect();
          clearTimeout(giveUp);
          resolve();
        };
        let timer = setTimeout(done, quiet);
        const giveUp = setTimeout(done, patience);
        // Rows added, removed or relabelled; not the hover and focus classes a pointer changes.
        observer.observe(rows, { childList: true, subtree: true, characterData: true });
      }),
    [quietMs, patienceMs] as const,
  );
}

/**
 * Accepts the item labelled exactly `label` in the open quick pick, with the keyboard: the
 * arrow keys move the highlight onto it, then Enter. A click aimed at a row while the list is
 * still being drawn can land on the row that moved into its place.
 */
export async function chooseQuickPickItem(page: Page, label: string): Promise<void> {
  const target = page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) })
    .first();
  await target.waitFor({ timeout: 30_000 });
  for (let moves = 0; !(await target.evaluate((row) => row.classList.contains('focused'))); moves++) {
    assert.ok(moves < 50, `"${label}" never became the highlighted item`);
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
}

/** Opens a workspace file with Quick Open (Ctrl+P), as a user types its name. */
export async function quickOpen(page: Page, fileName: string): Promise<void> {
  const input = await openQuickInput(page, 'Control+P');
  await input.fill(fileName);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: fileName }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
  await page.locator('.editor-group-container .tab.active', { hasText: fileName }).waitFor({ timeout: 30_000 });
}

/**
 * Types `value` into the input box titled `title` and accepts it. Waits for that box first:
 * the quick-input widget is one element reused by every box, so typing right after the
 * previous box closed can land in the old box, or be replaced by the new box's default value.
 */
export async function answerInputBox(page: Page, title: string, value: string): Promise<void> {
  const widget = page.locator('.quick-input-widget', { has: page.locator('.quick-input-title', { hasText: title }) });
  await widget.waitFor({ timeout: 30_000 });
  const input = widget.locator('input');
  await input.fill(value);
  assert.equal(await input.inputValue(), value, `the "${title}" box holds what was typed`);
  await page.keyboard.press('Enter');
}

/**
 * Clicks the Run lens of the code block whose first line is `command`, in the open editor of
 * `runbookFile`. The block is brought into view first (Go to Line), as a user scrolls to it.
 */
export async function clickRunLens(page: Page, runbookFile: string, command: string): Promise<void> {
  const lineNumber = readFileSync(runbookFile, 'utf8').split('\n').indexOf(command) + 1;
  assert.ok(lineNumber > 0, `"${command}" is not a line of ${runbookFile}`);
  await page.locator('.editor-group-container .monaco-editor textarea').first().focus();
  const goTo = await openQuickInput(page, 'Control+G');
  await goTo.fill(`:${lineNumber}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  // The editor re-renders its lines and lenses for a while after the jump: an element found a
  // moment ago can be gone (no box), and a click on a lens being replaced is lost. So look
  // again until the line and the lens above it are both on screen, then click at once.
  const line = page.locator('.editor-group-container .view-line >> visible=true', { hasText: command }).first();
  const lenses = page.locator('.editor-group-container .codelens-decoration >> visible=true');
  const deadline = Date.now() + 30_000;
  for (;;) {
    await page.waitForTimeout(750);
    const lineBox = await line.boundingBox().catch(() => null);
    let best: { index: number; y: number } | undefined;
    if (lineBox) {
      const count = await lenses.count();
      for (let i = 0; i < count; i++) {
        const box = await lenses.nth(i).boundingBox().catch(() => null);
        if (box && box.y < lineBox.y && (!best || box.y > best.y)) best = { index: i, y: box.y };
      }
    }
    if (best) {
      const clicked = await lenses.nth(best.index).locator('a', { hasText: 'Run' }).click({ timeout: 5_000 }).then(() => true, () => false);
      if (clicked) return;
    }
    assert.ok(Date.now() < deadline, lineBox ? `no Run lens above "${command}"` : `"${command}" is not on screen`);
  }
}

/** For `afterEach`: saves `failed-<test title>.png` when the test failed. */
export async function screenshotIfFailed(test: Mocha.Test | undefined, page: Page | undefined): Promise<void> {
  if (test?.state !== 'failed' || !page) return;
  const name = test.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
  await page.screenshot({ path: join(screenshots, `failed-${name}.png`) }).catch(() => undefined);
}

/**
 * Saves a screenshot for the README: notifications cleared and the pointer parked, so no
 * toast or hover covers what the picture is about.
 */
export async function screenshotForReadme(page: Page, name: string): Promise<void> {
  await runFromPalette(page, 'Notifications: Clear All Notifications');
  await page.locator('.notification-toast').first().waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
  await page.mouse.move(1, 400);
  await page.locator('.workbench-hover, .monaco-hover:not(.hidden)').first().waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
  await page.screenshot({ path: join(screenshots, name) });
}

/** Drags the sash between the sidebar and the editor until the sidebar is `width` px wide. */
export async function setSidebarWidth(page: Page, width: number): Promise<void> {
  const sidebar = page.locator('.part.sidebar');
  for (let attempt = 1; ; attempt++) {
    const box = await sidebar.boundingBox();
    assert.ok(box, 'the sidebar is shown');
    if (Math.abs(box.width - width) <= 1) return;
    assert.ok(attempt <= 3, `the sidebar stays ${box.width} px wide`);
    const edge = box.x + box.width;
    const y = box.y + box.height / 2;
    await page.mouse.move(edge, y);
    await page.mouse.down();
    await page.mouse.move(edge + (box.x + width - edge) / 2, y, { steps: 5 });
    await page.mouse.move(box.x + width, y, { steps: 5 });
    await page.mouse.up();
  }
}

/** A `prepareHome` giving code-server's user a ~/.kube/config with one context, on the fixture cluster at `server`. */
export function homeWithKubeconfig(server: string, context: string, namespace: string): (home: string) => void {
  return (home) => {
    mkdirSync(join(home, '.kube'), { recursive: true });
    writeKubeconfig(join(home, '.kube/config'), [{ name: context, server, namespace }], context);
  };
}
