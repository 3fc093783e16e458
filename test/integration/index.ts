// Entry point the extension host calls (`extensionTestsPath`): runs every suite file with
// mocha inside the real VS Code extension host. Shared by the code-server and the
// @vscode/test-electron launchers.
import Mocha from 'mocha';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusSkippedLine, corpusSuitesSkipped } from '../support/corpus';

export async function run(): Promise<void> {
  // After the deliberate crash the workbench restarts the extension host, which would run the
  // phase again: the results file says it already ran.
  if (process.env.ONCALL_TEST_KILL_HOST && process.env.ONCALL_TEST_RESULTS && existsSync(process.env.ONCALL_TEST_RESULTS)) {
    await new Promise(() => undefined);
  }
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  // The launcher picks the folder: `suite` (trusted workspace) or `restricted` (Restricted Mode).
  const suiteDir = join(__dirname, process.env.ONCALL_TEST_SUITE ?? 'suite');
  const only = process.env.ONCALL_TEST_GREP;
  if (only) mocha.grep(only);
  for (const file of readdirSync(suiteDir).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(join(suiteDir, file));
  }
  const stats = await new Promise<Mocha.Stats>((resolveRun) => {
    const runner = mocha.run(() => resolveRun(runner.stats ?? ({ passes: 0, failures: 0, pending: 0 } as Mocha.Stats)));
  });
  const results = { passes: stats.passes, failures: stats.failures, pending: stats.pending };
  // Several windows on one workspace share the environment: each host writes a file of its own.
  const resultsFile = process.env.ONCALL_TEST_RESULTS && (process.env.ONCALL_TEST_WINDOWS ? `${process.env.ONCALL_TEST_RESULTS}.${process.pid}` : process.env.ONCALL_TEST_RESULTS);
  if (process.env.ONCALL_TEST_KILL_HOST) {
    // A crash, not a shutdown: nothing gets to flush or deactivate. The next phase reopens the
    // same workspace and checks what survived.
    console.log('Killing the extension host (SIGKILL), as a crash would.');
    // Give the console a moment to reach the launcher, which forwards it.
    await new Promise((resolveWait) => setTimeout(resolveWait, 1000));
    if (resultsFile) writeFileSync(resultsFile, JSON.stringify(results));
    process.kill(process.pid, 'SIGKILL');
  }
  if (resultsFile) writeFileSync(resultsFile, JSON.stringify(results));
  const withoutCorpus = corpusSuitesSkipped();
  if (withoutCorpus.length > 0) console.log(corpusSkippedLine(withoutCorpus));
  console.log(`integration (in the extension host): ${results.passes} passed, ${results.failures} failed, ${results.pending} skipped`);
  if (results.failures > 0) throw new Error(`${results.failures} integration test(s) failed`);
}
