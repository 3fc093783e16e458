// The same integration suite on desktop VS Code, for machines that can download it:
// @vscode/test-electron fetches VS Code (the minimum supported and the stable one) and
// calls the same `run()` as the code-server launcher.
import { runTests } from '@vscode/test-electron';
import { join } from 'node:path';
import { copyFixture, repoRoot } from './codeServer';

async function main(): Promise<void> {
  const versions = (process.env.ONCALL_VSCODE_VERSIONS ?? '1.93.0,stable').split(',');
  for (const version of versions) {
    const workspace = copyFixture('workspace');
    await runTests({
      version,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: join(repoRoot, 'out/integration/test/integration/index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
      extensionTestsEnv: { ONCALL_TEST_WORKSPACE: workspace },
    });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
