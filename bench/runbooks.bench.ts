// Runbook parsing figures, measured against a bare markdown-it parse of the same text in the
// same run: indexing the whole shared corpus, and the lenses of a 10,000-line runbook.
import MarkdownIt from 'markdown-it';
import { parseRunbook } from '../src/core/runbooks/parseRunbook';
import { bigRunbook, corpusFiles } from '../test/fixtures/bench/corpus';
import { CORPUS_HINT, findCorpus } from '../test/support/corpus';
import { Figure, sampleAgainst } from './measure';

export function runbookFigures(repoRoot: string): Figure[] {
  const corpusDir = findCorpus(repoRoot);
  if (!corpusDir) throw new Error(`The runbook figures need the corpus of real runbooks: ${CORPUS_HINT}.`);
  const files = corpusFiles(corpusDir);
  const bare = new MarkdownIt();

  const index = sampleAgainst(
    () => {
      for (const file of files) parseRunbook(file.text, { fileName: file.name });
    },
    () => {
      for (const file of files) bare.parse(file.text, {});
    },
    15,
    3,
  );

  // A 10,000-line runbook made of real ones back to back (the one the extension host opens, too).
  const { text: big, lines } = bigRunbook(files);
  const lenses = sampleAgainst(
    () => {
      // What the CodeLens provider does on a cache miss: parse, then one lens per step.
      const runbook = parseRunbook(big, { fileName: 'big.md' });
      const out: { line: number; command: string }[] = [];
      for (const step of runbook.steps) {
        if (step.runnable) out.push({ line: step.range.startLine, command: 'run' });
        out.push({ line: step.range.startLine, command: 'copy' });
      }
    },
    () => bare.parse(big, {}),
    21,
    3,
  );

  return [
    {
      name: `index the shared corpus (${files.length} runbooks)`,
      value: index.measured,
      unit: 'ms',
      reference: { name: 'bare markdown-it parse', value: index.reference },
      maxRatio: 1.3,
    },
    {
      name: `CodeLens for a ${lines}-line runbook, cold (in node: parse + one lens per step)`,
      value: lenses.measured,
      unit: 'ms',
      reference: { name: 'bare markdown-it parse', value: lenses.reference },
      maxRatio: 1.2,
      maxValue: 20,
    },
  ];
}
