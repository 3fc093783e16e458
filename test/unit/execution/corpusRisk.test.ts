// The guard against commands from real runbooks. The corpus is other people's text, so the
// repository keeps only references and labels (riskCases/corpus-labels.json): the file, the
// first line and line count of the command in it, how the text is taken from those lines,
// the sha256 of that text, the verdict a careful engineer gives and the reason. The commands
// are read from the corpus with the product's own runbook parser.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assessRisk } from '../../../src/core/execution/riskAssessment';
import { extractPromptedCommands } from '../../../src/core/runbooks/classifyBlock';
import type { Runbook } from '../../../src/core/runbooks/model';
import { parseRunbook } from '../../../src/core/runbooks/parseRunbook';
import { describeWithCorpus } from '../../support/corpus';
import labels from './riskCases/corpus-labels.json';
import { mismatch, type RiskCase, type Verdict } from './riskCases';

/**
 * How a labelled command is taken from its lines of a fenced block (`lines` counted from the
 * block's content, which the parser gives without the fence's indentation):
 * - `block`: the whole step as it runs (the parser's `commands`);
 * - `lines`: the lines as written (a `$ ` prompt kept);
 * - `prompted`: the prompted commands of the lines, prompts removed, as the parser does for transcripts;
 * - `dedented` / `prompted-dedented`: the same with the lines' common indentation and trailing blanks removed;
 * - `trimmed`: the lines with blanks removed at both ends.
 */
type Form = 'block' | 'lines' | 'prompted' | 'dedented' | 'prompted-dedented' | 'trimmed';

interface CorpusLabel {
  readonly file: string;
  /** 1-based line of the file where the command starts. */
  readonly line: number;
  readonly lines: number;
  readonly form: Form;
  readonly sha256: string;
  readonly verdict: Verdict;
  readonly reason: string;
}

const LABELS = labels as readonly CorpusLabel[];

function dedent(text: string): string {
  const lines = text.split('\n').map((line) => line.trimEnd());
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^[ \t]*/.exec(line)![0].length);
  const indent = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(indent)).join('\n');
}

/** The labelled command's text, or undefined when the file has no block at that line. */
function extractCommand(runbook: Runbook, label: CorpusLabel): string | undefined {
  const first = label.line - 1;
  const step = runbook.steps.find((candidate) => candidate.contentRange.startLine <= first && first <= candidate.contentRange.endLine);
  if (step === undefined) return undefined;
  if (label.form === 'block') return step.commands;
  const offset = first - step.contentRange.startLine;
  const slice = step.content.split('\n').slice(offset, offset + label.lines).join('\n');
  switch (label.form) {
    case 'lines':
      return slice;
    case 'prompted':
      return extractPromptedCommands(slice).commands;
    case 'dedented':
      return dedent(slice);
    case 'prompted-dedented':
      return dedent(extractPromptedCommands(slice).commands);
    case 'trimmed':
      return slice.trim();
  }
}

describeWithCorpus('assessRisk on labelled commands from real runbooks', function (corpus) {
  this.timeout(60_000);
  const found: RiskCase[] = [];
  const notFound: string[] = [];

  before(() => {
    const runbooks = new Map<string, Runbook>();
    for (const label of LABELS) {
      let runbook = runbooks.get(label.file);
      if (runbook === undefined) {
        let text: string;
        try {
          text = readFileSync(join(corpus, label.file), 'utf8');
        } catch {
          notFound.push(`${label.file}: no such file`);
          continue;
        }
        runbook = parseRunbook(text, { fileName: label.file });
        runbooks.set(label.file, runbook);
      }
      const command = extractCommand(runbook, label);
      if (command === undefined || createHash('sha256').update(command).digest('hex') !== label.sha256) {
        notFound.push(`${label.file}:${label.line} (${label.form}, ${label.lines} lines) does not hold the labelled command`);
        continue;
      }
      found.push({ command, verdict: label.verdict, reason: label.reason });
    }
  });

  it(`finds every one of the ${LABELS.length} labelled commands in the corpus`, () => {
    assert.deepEqual(notFound, []);
    assert.ok(found.length >= 300);
    const readOnly = found.filter((entry) => entry.verdict === 'read-only').length;
    assert.ok(readOnly >= 100 && found.length - readOnly >= 100, 'both kinds are well represented');
  });

  it('asks before every destructive command (no false negatives)', () => {
    const missed = found.filter((entry) => entry.verdict !== 'read-only' && !assessRisk(entry.command, 'shell').destructive);
    assert.deepEqual(missed.map((entry) => entry.command), []);
  });

  it('raises no false alarm on the read-only commands', () => {
    const alarms = found
      .filter((entry) => entry.verdict === 'read-only')
      .map((entry) => ({ command: entry.command, reasons: assessRisk(entry.command, 'shell').reasons }))
      .filter((alarm) => alarm.reasons.length > 0 && assessRisk(alarm.command, 'shell').destructive);
    assert.deepEqual(alarms, []);
  });

  it('gives the labelled verdict and reason for each command', () => {
    const wrong = found.map((entry) => mismatch(entry, 'shell')).filter((text) => text !== undefined);
    assert.deepEqual(wrong, []);
  });
});
