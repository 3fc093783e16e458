// Which markdown files found by the runbook patterns are runbooks. A folder of runbooks often
// opens with a README that explains the folder: listing it among the runbooks, or opening it
// for an alert it mentions, shows a newcomer prose where they expected steps.

import type { Runbook } from './model';

/** A README counts only when it has something to run; any other matching file is a runbook. */
export function isRunbookFile(fileName: string, runbook: Runbook): boolean {
  if (!/^readme\.(?:md|markdown)$/i.test(fileName)) return true;
  return runbook.steps.some((step) => step.runnable);
}
