// Runs the mocha suite in test/integration inside the extension host of a real VS Code
// (code-server), the same contract as @vscode/test-electron: the workbench loads the
// extension from this folder and calls the suite's `run()`, then reports its exit code.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  copyFixture,
  delay,
  forwardConsole,
  launchBrowser,
  openWorkbench,
  repoRoot,
  scratchDir,
  startCodeServer,
} from './codeServer';

interface SuiteResults {
  passes: number;
  failures: number;
  pending: number;
}

async function main(): Promise<number> {
  const testsEntry = join(repoRoot, 'out/integration/test/integration/index.js');
  if (!existsSync(join(repoRoot, 'dist/extension.js')) || !existsSync(testsEntry)) {
    console.error('Build first: npm run build && npm run build:integration');
    return 2;
  }
  const workspace = copyFixture('workspace');
  const resultsFile = join(scratchDir('results'), 'integration.json');
  const server = await startCodeServer({
    workspace,
    env: { ONCALL_TEST_RESULTS: resultsFile, ONCALL_TEST_WORKSPACE: workspace },
  });
  const browser = await launchBrowser();
  const timeoutMs = Number(process.env.ONCALL_TEST_TIMEOUT_MS ?? 600_000);
  try {
    const page = await browser.newPage();
    forwardConsole(page);
    const exitCode = new Promise<number>((resolveExit) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
    });
    const remote = (path: string) => `vscode-remote://127.0.0.1:${server.port}${path}`;
    await openWorkbench(page, server, workspace, [
      ['extensionDevelopmentPath', remote(repoRoot)],
      ['extensionTestsPath', remote(testsEntry)],
    ]);
    const code = await Promise.race([exitCode, delay(timeoutMs).then(() => -1)]);
    if (code === -1) {
      console.error(`The integration suite did not finish within ${timeoutMs / 1000} s.`);
      console.error(server.output());
      return 1;
    }
    if (!existsSync(resultsFile)) {
      console.error('The suite never ran inside the extension host (no results file).');
      console.error(server.output());
      return 1;
    }
    const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as SuiteResults;
    console.log(`integration: ${results.passes} passed, ${results.failures} failed, ${results.pending} skipped`);
    if (results.passes === 0) {
      console.error('No integration test ran.');
      return 1;
    }
    return code === 0 && results.failures === 0 ? 0 : 1;
  } finally {
    await browser.close();
    await server.stop();
    rmSync(workspace, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
