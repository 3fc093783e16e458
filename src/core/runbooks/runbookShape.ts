// The shape of a runbook as the Runbooks view shows it: sections nested by heading level, so
// that "Investigation" under one scenario is told apart from "Investigation" under the next,
// and the view's text filter narrowed to the sections and steps that match. Pure, so it is
// tested without VS Code.
import type { Runbook, RunbookSection, RunbookStep } from './model';

/** One row of the tree below a runbook: a section, or a chain of sections shown as one row. */
export interface ShapedSection {
  /** The outermost section of the row: where Open lands, and the row's identity. */
  readonly section: RunbookSection;
  /**
   * The sections the row stands for, outermost first. Several when a heading holds nothing
   * but one sub-heading (`Database › Failover`): one row instead of two that say less.
   */
  readonly chain: readonly RunbookSection[];
  /** Steps the row's innermost section holds itself (not those of its sub-sections). */
  readonly steps: readonly RunbookStep[];
  readonly children: readonly ShapedSection[];
  /** Steps anywhere below the row. */
  readonly stepCount: number;
  /** The filter named this row itself (a heading, or an alert the section names). */
  readonly matched: boolean;
}

export interface RunbookShape {
  /** Steps before the first heading. */
  readonly looseSteps: readonly RunbookStep[];
  readonly sections: readonly ShapedSection[];
}

export interface ShapeOptions {
  /** The view's filter text; empty or absent shows everything. */
  readonly filter?: string;
  /** Workspace-relative path of the runbook, which the filter also matches. */
  readonly path?: string;
}

interface Draft {
  readonly section: RunbookSection;
  readonly steps: RunbookStep[];
  readonly children: Draft[];
}

/**
 * Nests sections by heading level and leaves out sections with no step anywhere below them:
 * a deep tree of prose would bury the commands an engineer is looking for. A heading that is
 * the only one at the top (the runbook's own title, or a lone scenario) gives no row: its
 * sub-sections are shown instead, so a runbook of one level looks as it always did. The
 * shape is decided on the whole runbook, then filtered, so it does not change as one types.
 * With a filter, only matching steps and sections are kept (with the sections holding them);
 * the runbook's title, path, service or front-matter alerts keep all of it. Undefined when
 * nothing matches.
 */
export function shapeRunbook(runbook: Runbook, options: ShapeOptions = {}): RunbookShape | undefined {
  const { roots, looseSteps } = nestSections(runbook);
  const { rows, lifted } = liftLoneTop(roots.filter(hasSteps));
  const whole: RunbookShape = { looseSteps, sections: rows.map(collapseChain) };
  const needle = options.filter?.trim().toLowerCase() ?? '';
  if (needle === '') return whole;
  const matcher = new SectionMatcher(runbook, needle);
  if (matcher.runbookMatches(options.path ?? '', lifted)) return whole;
  const sections = whole.sections.map((row) => filterRow(row, matcher)).filter((row): row is ShapedSection => row !== undefined);
  const kept = looseSteps.filter((step) => stepMatches(step, needle));
  return sections.length > 0 || kept.length > 0 ? { looseSteps: kept, sections } : undefined;
}

function nestSections(runbook: Runbook): { roots: Draft[]; looseSteps: RunbookStep[] } {
  const drafts = new Map<string, Draft>(runbook.sections.map((section) => [section.id, { section, steps: [], children: [] }]));
  const roots: Draft[] = [];
  for (const section of runbook.sections) {
    const draft = drafts.get(section.id)!;
    const parent = section.parentId !== undefined ? drafts.get(section.parentId) : undefined;
    (parent ? parent.children : roots).push(draft);
  }
  const looseSteps: RunbookStep[] = [];
  for (const step of runbook.steps) {
    const holder = step.sectionId !== undefined ? drafts.get(step.sectionId) : undefined;
    if (holder) holder.steps.push(step);
    else looseSteps.push(step);
  }
  return { roots, looseSteps };
}

function hasSteps(draft: Draft): boolean {
  return draft.steps.length > 0 || draft.children.some(hasSteps);
}

/**
 * While one heading holds everything, its sub-sections take its place; it keeps a row of its
 * own only for the steps it holds directly. The first such heading is the runbook's title;
 * below it, a lone heading with a single sub-section stays, as one row naming both (`Troubleshooting
 * › Logs` says more than `Logs`). Returns the headings that gave up their row, which the filter
 * treats as naming the whole runbook.
 */
function liftLoneTop(roots: Draft[]): { rows: Draft[]; lifted: RunbookSection[] } {
  let rows = roots;
  const lifted: RunbookSection[] = [];
  for (;;) {
    const children = rows.length === 1 ? rows[0].children.filter(hasSteps) : [];
    if (children.length < (lifted.length === 0 ? 1 : 2)) return { rows, lifted };
    const [top] = rows;
    lifted.push(top.section);
    rows = top.steps.length > 0 ? [{ section: top.section, steps: top.steps, children: [] }, ...children] : children;
  }
}

function collapseChain(draft: Draft): ShapedSection {
  const chain = [draft.section];
  let inner = draft;
  for (;;) {
    const children = inner.children.filter(hasSteps);
    if (inner.steps.length > 0 || children.length !== 1) break;
    inner = children[0];
    chain.push(inner.section);
  }
  const children = inner.children.filter(hasSteps).map(collapseChain);
  const stepCount = inner.steps.length + children.reduce((sum, child) => sum + child.stepCount, 0);
  return { section: draft.section, chain, steps: inner.steps, children, stepCount, matched: false };
}

/** The row's label: its headings joined, outermost first. */
export function titleRow(row: ShapedSection): string {
  return row.chain.map((section) => section.title || '(untitled section)').join(' › ');
}

function filterRow(row: ShapedSection, matcher: SectionMatcher): ShapedSection | undefined {
  if (row.chain.some((section) => matcher.names(section))) return { ...row, matched: true };
  const steps = row.steps.filter((step) => stepMatches(step, matcher.needle));
  const children = row.children.map((child) => filterRow(child, matcher)).filter((child): child is ShapedSection => child !== undefined);
  if (steps.length === 0 && children.length === 0) return undefined;
  const stepCount = steps.length + children.reduce((sum, child) => sum + child.stepCount, 0);
  return { ...row, steps, children, stepCount, matched: false };
}

function stepMatches(step: RunbookStep, needle: string): boolean {
  return step.content.toLowerCase().includes(needle) || (step.name?.toLowerCase().includes(needle) ?? false);
}

/** What the filter text names: the runbook as a whole, or particular sections. */
class SectionMatcher {
  /** Sections whose heading or named alerts contain the filter text. */
  private readonly named = new Set<string>();

  constructor(
    private readonly runbook: Runbook,
    readonly needle: string,
  ) {
    for (const section of runbook.sections) {
      if (section.title.toLowerCase().includes(needle)) this.named.add(section.id);
    }
    for (const alert of runbook.alerts) {
      if (alert.sectionId !== undefined && alert.name.toLowerCase().includes(needle)) this.named.add(alert.sectionId);
    }
  }

  /**
   * The title, path or service of the whole runbook, or a heading that stands for all of it.
   * An alert of the front matter or file name names the whole runbook only when no section
   * names it: a runbook listing every scenario's alert up front still narrows to the scenario.
   */
  runbookMatches(path: string, lifted: readonly RunbookSection[]): boolean {
    const { runbook, needle } = this;
    const service = runbook.frontMatter?.service ?? '';
    return (
      [runbook.title, path, service].some((text) => text.toLowerCase().includes(needle)) ||
      lifted.some((section) => this.named.has(section.id)) ||
      (this.named.size === 0 && runbook.alerts.some((alert) => alert.sectionId === undefined && alert.name.toLowerCase().includes(needle)))
    );
  }

  names(section: RunbookSection): boolean {
    return this.named.has(section.id);
  }
}

/** The rows from the top down to the first one `test` accepts; undefined when none does. */
export function findRowPath(rows: readonly ShapedSection[], test: (row: ShapedSection) => boolean): ShapedSection[] | undefined {
  for (const row of rows) {
    if (test(row)) return [row];
    const below = findRowPath(row.children, test);
    if (below) return [row, ...below];
  }
  return undefined;
}
