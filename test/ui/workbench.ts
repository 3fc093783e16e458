// What the UI tests do to the workbench in the same way: run a palette command, and keep a
// screenshot of the workbench when a test fails.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from '../launch/codeServer';

export const screenshots = join(repoRoot, 'test-results/screenshots');

/** Runs a command from the command palette by its title, as a user types it. */
export async function runFromPalette(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().click();
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
  await page.mouse.move(1, 400);
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(screenshots, name) });
}
