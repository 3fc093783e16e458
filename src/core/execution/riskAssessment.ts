// Decides whether a runbook step needs confirmation before it runs, and says why in a few
// short phrases for the dialog ("deletes Kubernetes resources", "scales to 0 replicas").
// The check errs on the side of asking: a false alarm costs a click, a missed one can cost
// an outage. It never changes what runs; the step's text reaches the terminal untouched.

import { assessPythonText } from './pythonRiskRules';
import { flagUnchecked, type RiskAssessors, type RiskFinding } from './riskFinding';
import { assessShellText } from './shellRiskRules';
import { assessSqlText } from './sqlRiskRules';

export type StepLanguage = 'shell' | 'sql' | 'python';

export interface RiskAssessment {
  readonly destructive: boolean;
  /**
   * Why the step is destructive, each phrase once, in the order found. For a step that is not
   * destructive, remarks such as "dry run only (kubectl apply)", or nothing.
   */
  readonly reasons: readonly string[];
  /**
   * Part of what the step runs could not be read (a script file, code fetched from the
   * network, a verb in a variable): it asks because it cannot be checked.
   */
  readonly unchecked: boolean;
}

/** How deeply one language may hand text to another (`bash -c "eval '...'"`, Python running psql). */
const MAX_LANGUAGE_NESTING = 16;

/** The rules of each language, wired to each other for one assessment. */
function createAssessors(): RiskAssessors {
  let nesting = 0;
  const nested =
    <Extra extends unknown[]>(assess: (text: string, assessors: RiskAssessors, ...extra: Extra) => RiskFinding[]) =>
    (text: string, ...extra: Extra): RiskFinding[] => {
      // Text nested this deeply would take too long to untangle: ask instead of passing it.
      if (nesting >= MAX_LANGUAGE_NESTING) return [flagUnchecked('nests commands too deeply to check')];
      nesting++;
      try {
        return assess(text, assessors, ...extra);
      } finally {
        nesting--;
      }
    };
  const assessors: RiskAssessors = {
    shell: nested(assessShellText),
    sql: nested(assessSqlText),
    python: nested(assessPythonText),
  };
  return assessors;
}

export function assessRisk(command: string, kind: StepLanguage): RiskAssessment {
  let findings: RiskFinding[];
  try {
    findings = createAssessors()[kind](command);
  } catch {
    // A step the check cannot read (e.g. wrappers nested thousands deep) asks, never passes.
    findings = [flagUnchecked('is too complex to check')];
  }
  const destructive = findings.some((finding) => finding.destructive);
  const shown = findings.filter((finding) => finding.destructive === destructive);
  const reasons = shown.map((finding) => finding.reason);
  return { destructive, reasons: [...new Set(reasons)], unchecked: shown.some((finding) => finding.unchecked === true) };
}
