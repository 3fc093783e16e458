// `npm run demo`: the packaged extension in a local VS Code (code-server) on loopback, with
// a demo workspace holding the starter runbooks. Prints the URL and runs until Ctrl-C.
// Everything it writes lives in one temp folder, removed on exit.
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { installVsix, repoRoot, scratchDir, startCodeServer } from './codeServer';

async function main(): Promise<void> {
  const demoRoot = scratchDir('demo');
  const workspace = join(demoRoot, 'workspace');
  mkdirSync(workspace, { recursive: true });
  cpSync(join(repoRoot, 'runbooks'), join(workspace, 'runbooks'), { recursive: true });
  const extensionsDir = join(demoRoot, 'extensions');
  installVsix(join(repoRoot, 'oncall-runbooks.vsix'), extensionsDir);
  const server = await startCodeServer({ workspace, extensionsDir });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the demo...');
    await server.stop();
    rmSync(demoRoot, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  console.log(`On-Call demo is running: ${server.origin}/?folder=${encodeURIComponent(workspace)}`);
  console.log('Open it in a browser. Press Ctrl-C to stop.');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
