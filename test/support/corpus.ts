// The corpus: real runbooks and alert rules written by others (prometheus-operator, OpenShift,
// KubeVirt, kube-prometheus). It is other people's text, so it never enters the repository:
// tests look for it at $ONCALL_CORPUS, then in the `shared/corpus` folder beside the
// repository, then in `.corpus/` (gitignored), where `npm run corpus` puts it.
//
// Without it, the suites that read it are reported as skipped, with one line saying how to
// get it, and everything else runs. With CI=true a missing corpus fails instead: a CI run
// must never pass by skipping the real-world checks.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** How to get the corpus, for the one line printed when it is missing. */
export const CORPUS_HINT = 'get it with `npm run corpus` (needs internet access) or point ONCALL_CORPUS at a copy';

/** The folders searched, in order. Tests and tools run from the repository root. */
export function corpusCandidates(repoRoot: string = process.cwd()): string[] {
  const fromEnv = process.env.ONCALL_CORPUS;
  return [...(fromEnv ? [resolve(fromEnv)] : []), resolve(repoRoot, '..', 'shared', 'corpus'), resolve(repoRoot, '.corpus')];
}

/** A corpus folder holds at least the kube-prometheus rules and one runbook collection. */
function looksLikeCorpus(dir: string): boolean {
  try {
    return statSync(dir).isDirectory() && existsSync(join(dir, 'kube-prometheus-rules')) && existsSync(join(dir, 'prometheus-operator-runbooks'));
  } catch {
    return false;
  }
}

/**
 * The corpus folder, or undefined when there is none. An ONCALL_CORPUS that names no corpus
 * is an error rather than a fallback: the caller asked for that copy.
 */
export function findCorpus(repoRoot: string = process.cwd()): string | undefined {
  const fromEnv = process.env.ONCALL_CORPUS;
  if (fromEnv) {
    if (looksLikeCorpus(resolve(fromEnv))) return resolve(fromEnv);
    throw new Error(`ONCALL_CORPUS is ${fromEnv}, which holds no corpus (kube-prometheus-rules/ and prometheus-operator-runbooks/ are missing).`);
  }
  return corpusCandidates(repoRoot).find(looksLikeCorpus);
}

const SKIPPED = Symbol.for('oncall.corpus.skipped');

interface WithSkipped {
  [SKIPPED]?: string[];
}

/** Titles of the suites skipped for want of a corpus in this process (read by the summary reporter). */
export function corpusSuitesSkipped(): readonly string[] {
  return (globalThis as WithSkipped)[SKIPPED] ?? [];
}

/** The line the summary reporter prints when suites were skipped for want of a corpus. */
export function corpusSkippedLine(titles: readonly string[]): string {
  return `corpus: not found, so ${titles.length} suite${titles.length === 1 ? '' : 's'} reading it skipped (${titles.join('; ')}): ${CORPUS_HINT}.`;
}

/**
 * A mocha suite that reads the corpus. `body` receives the corpus folder. Without a corpus
 * the suite is skipped (its tests show as pending), or fails with CI=true.
 */
export function describeWithCorpus(title: string, body: (this: Mocha.Suite, corpusDir: string) => void): void {
  const dir = findCorpus();
  if (dir) {
    describe(title, function () {
      body.call(this, dir);
    });
    return;
  }
  if (process.env.CI === 'true') {
    describe(title, () => {
      it('has the corpus of real runbooks to read', () => {
        assert.fail(`The corpus is missing (searched ${corpusCandidates().join(', ')}); with CI=true it must be there: ${CORPUS_HINT}.`);
      });
    });
    return;
  }
  const skipped = ((globalThis as WithSkipped)[SKIPPED] ??= []);
  skipped.push(title);
  // The body still declares its tests, so they are counted as skipped; nothing in it runs.
  describe.skip(title, function () {
    body.call(this, join(process.cwd(), '.corpus-missing'));
  });
}

/** One test that reads the corpus, among others that do not: the same rules as describeWithCorpus. */
export function itWithCorpus(title: string, body: (corpusDir: string) => void | Promise<void>): void {
  const dir = findCorpus();
  if (dir) {
    it(title, () => body(dir));
    return;
  }
  if (process.env.CI === 'true') {
    it(title, () => {
      assert.fail(`The corpus is missing (searched ${corpusCandidates().join(', ')}); with CI=true it must be there: ${CORPUS_HINT}.`);
    });
    return;
  }
  ((globalThis as WithSkipped)[SKIPPED] ??= []).push(title);
  it.skip(title, () => undefined);
}

/** Every Markdown file under `dir`, depth first, for the suites that read the whole corpus. */
export function listMarkdown(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listMarkdown(path);
    return name.endsWith('.md') ? [path] : [];
  });
}
