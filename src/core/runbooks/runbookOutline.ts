// How a step is labelled wherever one is listed (the Runbooks view, pickers, the journal).
// Pure so it is tested without VS Code.
import type { BlockKind, RunbookStep } from './model';
import { truncate } from '../shared/text';

/**
 * A one-line label for a step: its name when the fence names it, else its first command
 * line (comments and blank lines skipped), shortened to `max` characters.
 */
export function labelStep(step: RunbookStep, max = 60): string {
  if (step.name) return step.name;
  const source = step.runnable ? step.commands : step.content;
  const firstLine =
    source
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line !== '' && !(step.kind === 'shell' && line.startsWith('#')) && !line.startsWith('--')) ??
    source.split('\n').map((l) => l.trim()).find((l) => l !== '') ??
    '(empty block)';
  return truncate(firstLine, max);
}

const KIND_NAMES: Record<BlockKind, string> = {
  shell: 'shell',
  sql: 'SQL',
  python: 'Python',
  promql: 'PromQL',
  yaml: 'YAML',
  template: 'template',
  other: 'code',
};

export function describeBlockKind(step: RunbookStep): string {
  return step.language && step.language !== step.kind ? step.language : KIND_NAMES[step.kind];
}
