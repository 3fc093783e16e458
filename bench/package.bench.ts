// What ships: the extension staged as `npm run package` would pack it (the files vsce selects,
// with dist/ built by the `build:prod` script into the stage instead of over ./dist), packed
// into a .vsix. Figures: the .vsix size, and the size of dist/extension.js, the code
// activate() loads (the parsers and the Kubernetes client are separate files loaded on first
// use). The stage
// is also what the in-host benchmarks load, so they time the minified bundle users get.
import { execSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Figure, single } from './measure';

interface VscePackage {
  listFiles(options: { cwd: string; dependencies: boolean; prepublish: boolean }): Promise<string[]>;
  pack(options: { cwd: string; packagePath: string; dependencies: boolean; rewriteRelativeLinks: boolean; allowMissingRepository: boolean }): Promise<{ packagePath: string; files: unknown[] }>;
}

export interface StagedExtension {
  /** A folder holding exactly what the .vsix holds, with the production bundles. */
  readonly dir: string;
  readonly figures: Figure[];
}

/**
 * A copy of the stage that VS Code activates only when asked: the same code, without the
 * `onStartupFinished` event. With it, the host activates On-Call as soon as it has started,
 * before the activation benchmark can time the call from outside (and before its memory
 * baseline, which must not hold On-Call). The caller removes the folder.
 */
export function stageActivatedOnDemand(stageDir: string): string {
  const dir = `${stageDir}-on-demand`;
  cpSync(stageDir, dir, { recursive: true });
  const manifestPath = join(dir, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { activationEvents?: string[] };
  if (!manifest.activationEvents?.includes('onStartupFinished')) throw new Error('the staged package.json has no onStartupFinished event to leave out: check the activation benchmark');
  manifest.activationEvents = manifest.activationEvents.filter((event) => event !== 'onStartupFinished');
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  return dir;
}

export async function stageExtension(repoRoot: string): Promise<StagedExtension> {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-bench-stage-'));
  // A computed require: vsce stays out of the bench bundle.
  const vsce = createRequire(join(repoRoot, 'package.json'))('@vscode/vsce/out/package') as VscePackage;
  const files = await vsce.listFiles({ cwd: repoRoot, dependencies: false, prepublish: false });
  for (const file of [...files, '.vscodeignore']) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(join(repoRoot, file), join(dir, file));
  }
  // The production build, as `vscode:prepublish` runs it, written into the stage.
  const script = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['build:prod'];
  if (!script?.includes('--outdir=dist ')) throw new Error(`cannot redirect the build:prod script: ${script}`);
  execSync(script.replaceAll('--outdir=dist ', `--outdir=${join(dir, 'dist')} `), {
    cwd: repoRoot,
    // Its size report is left out; a failure throws with its output.
    stdio: 'pipe',
    env: { ...process.env, PATH: `${join(repoRoot, 'node_modules/.bin')}:${process.env.PATH ?? ''}` },
  });
  const vsix = join(dir, '..', `${dir.slice(dir.lastIndexOf('/') + 1)}.vsix`);
  // pack() prints the file tree: kept out of the figures.
  const log = console.log;
  console.log = () => undefined;
  try {
    await vsce.pack({ cwd: dir, packagePath: vsix, dependencies: false, rewriteRelativeLinks: false, allowMissingRepository: true });
  } finally {
    console.log = log;
  }
  const kb = (path: string) => statSync(path).size / 1024;
  return {
    dir,
    figures: [
      { name: `.vsix size (${files.length} files)`, value: single(kb(vsix)), unit: 'KB', maxValue: 1024 },
      { name: 'code loaded by activate() (dist/extension.js, minified)', value: single(kb(join(dir, 'dist/extension.js'))), unit: 'KB', maxValue: 600 },
      { name: '  services, loaded on the tick after activation (dist/services.js)', value: single(kb(join(dir, 'dist/services.js'))), unit: 'KB' },
      { name: '  parsers (markdown-it, yaml), loaded on the first parse (dist/parsers.js)', value: single(kb(join(dir, 'dist/parsers.js'))), unit: 'KB' },
      { name: '  Kubernetes client, loaded on first use (dist/kubeClient.js)', value: single(kb(join(dir, 'dist/kubeClient.js'))), unit: 'KB' },
    ],
  };
}
