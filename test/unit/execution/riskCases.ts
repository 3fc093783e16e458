// The labelled risk cases kept as data (riskCases/*.json): each names a command or SQL
// statement, the verdict a careful engineer expects, and the reason the confirmation should
// give. Shared by the unit tests and the real-PostgreSQL test, which runs the SQL cases.
import * as assert from 'node:assert/strict';
import { assessRisk, type RiskAssessment, type StepLanguage } from '../../../src/core/execution/riskAssessment';
import handWritten from './riskCases/hand-written.json';
import shellUnchecked from './riskCases/shell-unchecked.json';
import sql from './riskCases/sql.json';
import pythonCases from './riskCases/python.json';

/**
 * - `destructive`: asks, naming what it changes;
 * - `asks`: asks because what it runs cannot be read here ("cannot be checked");
 * - `read-only`: runs without a confirmation (outside protected contexts).
 */
export type Verdict = 'destructive' | 'asks' | 'read-only';

export interface RiskCase {
  readonly command: string;
  readonly verdict: Verdict;
  /** One of the reasons the check must give (empty for read-only). */
  readonly reason: string;
  /** Why the verdict is right, for the reader of a failure. */
  readonly why?: string;
  /** Read-only, but the check cannot tell it from a write and asks: a false alarm kept on purpose. */
  readonly knownFalseAlarm?: boolean;
}

interface RawCase {
  readonly knownFalseAlarm?: boolean;
  readonly command?: string;
  readonly statement?: string;
  readonly verdict: string;
  readonly reason: string;
  readonly why?: string;
}

function load(raw: readonly RawCase[], file: string): RiskCase[] {
  return raw.map((entry, index) => {
    const command = entry.command ?? entry.statement;
    assert.ok(typeof command === 'string', `${file} entry ${index} has no command`);
    assert.ok(entry.verdict === 'destructive' || entry.verdict === 'asks' || entry.verdict === 'read-only', `${file} entry ${index}: unknown verdict ${entry.verdict}`);
    return { command, verdict: entry.verdict, reason: entry.reason, why: entry.why, knownFalseAlarm: entry.knownFalseAlarm === true };
  });
}

export const SQL_CASES = load(sql, 'sql.json');
export const SHELL_UNCHECKED_CASES = load(shellUnchecked, 'shell-unchecked.json');
export const HAND_WRITTEN_CASES = load(handWritten, 'hand-written.json');
export const PYTHON_CASES = load(pythonCases, 'python.json');

/** The verdict an assessment amounts to. */
export function verdictOf(risk: RiskAssessment): Verdict {
  if (!risk.destructive) return 'read-only';
  return risk.unchecked ? 'asks' : 'destructive';
}

/** Describes how an assessment differs from a case's label, or undefined when it matches. */
export function mismatch(entry: RiskCase, language: StepLanguage, risk = assessRisk(entry.command, language)): string | undefined {
  const verdict = verdictOf(risk);
  // A step that asks for both reasons (one it can read, one it cannot) still asks.
  const verdictMatches = verdict === entry.verdict || (entry.verdict === 'destructive' && verdict === 'asks' && risk.reasons.includes(entry.reason));
  const reasonMatches = entry.verdict === 'read-only' || entry.reason === '' || risk.reasons.includes(entry.reason);
  if (verdictMatches && reasonMatches) return undefined;
  return `${JSON.stringify(entry.command)}: expected ${entry.verdict}${entry.reason ? ` (${entry.reason})` : ''}, got ${verdict}${risk.reasons.length > 0 ? ` (${risk.reasons.join('; ')})` : ''}${entry.why ? ` — ${entry.why}` : ''}`;
}
