// Shapes a parsed runbook into what the Runbooks view shows (runbook → section → step) and
// applies the view's text filter. Pure so it is tested without VS Code.
import type { BlockKind, Runbook, RunbookSection, RunbookStep } from './model';
import { truncate } from '../shared/text';

export interface OutlineSection {
  readonly section: RunbookSection;
  readonly steps: readonly RunbookStep[];
}

export interface RunbookOutline {
  /** Steps that sit before the first heading. */
  readonly looseSteps: readonly RunbookStep[];
  /** Sections that directly hold at least one step, in document order. */
  readonly sections: readonly OutlineSection[];
}

/**
 * Groups steps under the section that directly holds them. Sections without steps are left
 * out: a deep heading tree of prose would bury the commands an engineer is looking for.
 * When `filter` is given, only steps matching it are kept, unless the runbook's own title,
 * path or alerts match, in which case everything is kept.
 */
export function outlineRunbook(runbook: Runbook, filter?: string, path = ''): RunbookOutline | undefined {
  const needle = filter?.trim().toLowerCase() ?? '';
  const wholeRunbookMatches =
    needle === '' ||
    runbook.title.toLowerCase().includes(needle) ||
    path.toLowerCase().includes(needle) ||
    runbook.alerts.some((alert) => alert.name.toLowerCase().includes(needle));

  const sectionsById = new Map(runbook.sections.map((section) => [section.id, section]));
  const looseSteps: RunbookStep[] = [];
  const grouped = new Map<string, RunbookStep[]>();
  for (const step of runbook.steps) {
    if (!wholeRunbookMatches && !stepMatches(step, sectionsById.get(step.sectionId ?? ''), needle)) continue;
    if (step.sectionId === undefined || !sectionsById.has(step.sectionId)) {
      looseSteps.push(step);
    } else {
      const list = grouped.get(step.sectionId) ?? [];
      list.push(step);
      grouped.set(step.sectionId, list);
    }
  }
  const sections = runbook.sections
    .filter((section) => grouped.has(section.id))
    .map((section) => ({ section, steps: grouped.get(section.id) ?? [] }));
  if (!wholeRunbookMatches && looseSteps.length === 0 && sections.length === 0) return undefined;
  return { looseSteps, sections };
}

function stepMatches(step: RunbookStep, section: RunbookSection | undefined, needle: string): boolean {
  return (
    step.content.toLowerCase().includes(needle) ||
    (step.name?.toLowerCase().includes(needle) ?? false) ||
    (section?.title.toLowerCase().includes(needle) ?? false)
  );
}

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
