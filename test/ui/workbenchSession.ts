// What every UI test file starts from: the packaged extension installed in a fresh extensions
// folder, a copy of the fixture workspace, code-server on it, and a browser page showing the
// workbench. One place, so each file says only what is its own (settings, a home, files).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { type CodeServer, type CodeServerOptions, copyFixture, installVsix, launchBrowser, openWorkbench, repoRoot, scratchDir, startCodeServer } from '../launch/codeServer';

export interface WorkbenchSession {
  readonly server: CodeServer;
  readonly browser: Browser;
  readonly page: Page;
  /** The copy of the fixture workspace the workbench has open. */
  readonly workspace: string;
  readonly extensionsDir: string;
}

export interface WorkbenchSessionOptions extends Omit<CodeServerOptions, 'workspace' | 'extensionsDir'> {
  /** The browser window's height; 800 unless a view needs the room (always 1280 wide). */
  readonly height?: number;
  /** Changes the workspace copy (adds or edits runbooks) before the server opens it. */
  readonly prepareWorkspace?: (workspace: string) => void;
}

export async function openWorkbenchSession(options: WorkbenchSessionOptions = {}): Promise<WorkbenchSession> {
  const { height = 800, prepareWorkspace, ...serverOptions } = options;
  const vsix = join(repoRoot, 'oncall-runbooks.vsix');
  assert.ok(existsSync(vsix), 'run `npm run package` first');
  const extensionsDir = scratchDir('extensions');
  installVsix(vsix, extensionsDir);
  const workspace = copyFixture('workspace');
  prepareWorkspace?.(workspace);
  const server = await startCodeServer({ ...serverOptions, workspace, extensionsDir });
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1280, height } });
    await openWorkbench(page, server, workspace);
    return { server, browser, page, workspace, extensionsDir };
  } catch (error) {
    // The file's after hook has no session to close: leave no server or browser running.
    await browser?.close();
    await server.stop();
    throw error;
  }
}

/** Closes the browser, then stops the server; safe when the session never opened. */
export async function closeWorkbenchSession(session: WorkbenchSession | undefined): Promise<void> {
  await session?.browser.close();
  await session?.server.stop();
}
