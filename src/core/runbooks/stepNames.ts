// How a step is named to people (the log, the journal view): runbook › section › step, with
// the headings that hold the step from the outermost, so "Investigation" under one scenario is
// told apart from "Investigation" under the next. The step id (`step-3`) stays for machines.
import type { Runbook, RunbookStep } from './model';
import { labelStep } from './runbookOutline';

export interface StepName {
  readonly runbook: string;
  /** Headings holding the step, outermost first, without the one that only repeats the runbook's title. */
  readonly sections: readonly string[];
  /** The fence's name, else the step's first command. */
  readonly step: string;
}

export function nameStep(runbook: Runbook, step: RunbookStep): StepName {
  return { runbook: runbook.title, sections: sectionPathOf(runbook, step.sectionId), step: labelStep(step) };
}

export function formatStepName(name: StepName): string {
  return [name.runbook, ...name.sections, name.step].filter((part) => part !== '').join(' › ');
}

/** Titles of the section and its parents, outermost first. */
export function sectionPathOf(runbook: Runbook, sectionId: string | undefined): string[] {
  const byId = new Map(runbook.sections.map((section) => [section.id, section]));
  const titles: string[] = [];
  const seen = new Set<string>();
  for (let section = sectionId !== undefined ? byId.get(sectionId) : undefined; section !== undefined && !seen.has(section.id); ) {
    seen.add(section.id);
    titles.unshift(section.title);
    section = section.parentId !== undefined ? byId.get(section.parentId) : undefined;
  }
  const sameAsTitle = (title: string): boolean => title.trim().toLowerCase() === runbook.title.trim().toLowerCase();
  while (titles.length > 0 && sameAsTitle(titles[0])) titles.shift();
  return titles.filter((title) => title !== '');
}
