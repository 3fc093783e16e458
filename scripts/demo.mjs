#!/usr/bin/env node
// `npm run demo`: makes sure the local VS Code (code-server) is installed, packages the
// extension when its sources changed since the last demo, then starts the demo
// (test/launch/demo.ts). Build output goes to a log file, so the terminal shows the demo's own
// few lines and its URL; a warm start skips the build entirely.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const demoScript = join(repoRoot, 'out/launch/test/launch/demo.js');
const vsix = join(repoRoot, 'oncall-runbooks.vsix');
const stampFile = join(repoRoot, 'out/demo-build.stamp');
const buildLog = join(repoRoot, 'out/demo-build.log');

/** What the .vsix and the demo script are built from. */
const INPUTS = ['src', 'runbooks', 'media', 'test/launch', 'test/fixtures', 'test/support', 'package.json', 'package-lock.json', '.vscodeignore', 'README.md', 'CHANGELOG.md', 'LICENSE', 'tsconfig.json'];

function files(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => files(join(path, name)));
}

/** A hash of every input's path and content: a checkout or an edit changes it, a touch does not. */
function fingerprint() {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    for (const file of files(join(repoRoot, input))) {
      hash.update(relative(repoRoot, file)).update('\0').update(readFileSync(file)).update('\0');
    }
  }
  return hash.digest('hex');
}

function build(stamp) {
  mkdirSync(dirname(buildLog), { recursive: true });
  console.log(`Building the extension for the demo (output in ${relative(repoRoot, buildLog)})...`);
  const log = openSync(buildLog, 'w');
  try {
    for (const script of ['package', 'build:launch']) {
      const result = spawnSync('npm', ['run', script], { cwd: repoRoot, stdio: ['ignore', log, log] });
      if (result.status !== 0) {
        const tail = readFileSync(buildLog, 'utf8').trimEnd().split('\n').slice(-15).join('\n');
        console.error(`${tail}\nThe demo could not be built: npm run ${script} failed (whole output in ${buildLog}).`);
        process.exit(1);
      }
    }
  } finally {
    closeSync(log);
  }
  writeFileSync(stampFile, stamp);
}

// code-server, once per machine; silent when it is there.
const install = spawnSync('bash', [join(repoRoot, 'scripts/install-test-host.sh')], { cwd: repoRoot, stdio: 'inherit' });
if (install.status !== 0) process.exit(install.status ?? 1);

const stamp = fingerprint();
const current = existsSync(vsix) && existsSync(demoScript) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp;
if (!current) build(stamp);

// Ctrl-C reaches the demo directly (same process group); a SIGTERM sent to this launcher is
// passed on. Either way the demo stops everything it started, and its exit code is ours.
const demo = spawn(process.execPath, [demoScript], { cwd: repoRoot, stdio: 'inherit' });
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => demo.kill('SIGTERM'));
demo.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
