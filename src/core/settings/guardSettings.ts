// Which value of a safety setting takes effect. The user's settings decide safety; a
// workspace (a repository's .vscode/settings.json) may only add to it: it can protect more
// contexts or ask more often, never fewer or less. A workspace value that would lower the
// guard is ignored, and the caller logs the sentence returned for it.

import { Settings } from '../../constants';
import type { ConfirmMode } from '../execution/planExecution';
import { DEFAULT_PROTECTED_PATTERNS } from '../kube/protectedContextPolicy';

/** The values of one setting per scope, as `WorkspaceConfiguration.inspect()` gives them. */
export interface ScopedValues {
  readonly defaultValue?: unknown;
  /** User settings (`globalValue`). */
  readonly userValue?: unknown;
  readonly workspaceValue?: unknown;
  readonly workspaceFolderValue?: unknown;
}

export interface GuardDecision<T> {
  readonly value: T;
  /** One sentence per workspace value that was ignored ("this workspace tries to …; ignored"). */
  readonly ignored: readonly string[];
}

const PROTECTED_SETTING = Settings.protectedContexts;
const CONFIRM_SETTING = Settings.executionConfirm;
const CAPTURE_SETTING = Settings.captureStepOutput;

function patternList(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter((item): item is string => typeof item === 'string' && item.trim() !== '').map((item) => item.trim());
}

/**
 * The protected-context patterns: the user's (or the default), plus every pattern a workspace
 * adds. A workspace list that leaves out some of the user's patterns would unprotect those
 * contexts in VS Code's own merge (a workspace array replaces the user's): that part is ignored.
 */
export function effectiveProtectedContexts(values: ScopedValues, fallback: readonly string[] = DEFAULT_PROTECTED_PATTERNS): GuardDecision<string[]> {
  const base = patternList(values.userValue) ?? patternList(values.defaultValue) ?? [...fallback];
  const result = [...base];
  const seen = new Set(base.map((pattern) => pattern.toLowerCase()));
  const ignored: string[] = [];
  for (const workspaceValue of [values.workspaceValue, values.workspaceFolderValue]) {
    if (workspaceValue === undefined) continue;
    const list = patternList(workspaceValue);
    if (!list) {
      ignored.push(`this workspace tries to set ${PROTECTED_SETTING} to ${JSON.stringify(workspaceValue)}; ignored`);
      continue;
    }
    const listed = new Set(list.map((pattern) => pattern.toLowerCase()));
    const dropped = base.filter((pattern) => !listed.has(pattern.toLowerCase()));
    if (dropped.length > 0) {
      ignored.push(`this workspace tries to remove ${dropped.map((pattern) => JSON.stringify(pattern)).join(', ')} from ${PROTECTED_SETTING}; ignored (its own patterns are added)`);
    }
    for (const pattern of list) {
      if (seen.has(pattern.toLowerCase())) continue;
      seen.add(pattern.toLowerCase());
      result.push(pattern);
    }
  }
  return { value: result, ignored };
}

const CONFIRM_STRENGTH: Record<ConfirmMode, number> = { never: 0, destructive: 1, always: 2 };

function confirmMode(value: unknown): ConfirmMode | undefined {
  return value === 'never' || value === 'destructive' || value === 'always' ? value : undefined;
}

/** The confirm mode: the user's (or the default), made stricter by a workspace, never looser. */
export function effectiveConfirmMode(values: ScopedValues): GuardDecision<ConfirmMode> {
  let value: ConfirmMode = confirmMode(values.userValue) ?? confirmMode(values.defaultValue) ?? 'destructive';
  const base = value;
  const ignored: string[] = [];
  for (const workspaceValue of [values.workspaceValue, values.workspaceFolderValue]) {
    if (workspaceValue === undefined) continue;
    const mode = confirmMode(workspaceValue);
    if (mode === undefined || CONFIRM_STRENGTH[mode] < CONFIRM_STRENGTH[base]) {
      ignored.push(`this workspace tries to set ${CONFIRM_SETTING} to ${JSON.stringify(workspaceValue)}, which asks less than your "${base}"; ignored`);
      continue;
    }
    if (CONFIRM_STRENGTH[mode] > CONFIRM_STRENGTH[value]) value = mode;
  }
  return { value, ignored };
}

/**
 * Whether steps keep what they print: the user's choice (or the default, on). The output is
 * the evidence of what ran, so a workspace may turn it on, never off: a repository must not be
 * able to make a run leave no trace beyond its exit code.
 */
export function effectiveCaptureOutput(values: ScopedValues): GuardDecision<boolean> {
  let value = typeof values.userValue === 'boolean' ? values.userValue : values.defaultValue !== false;
  const ignored: string[] = [];
  for (const workspaceValue of [values.workspaceValue, values.workspaceFolderValue]) {
    if (workspaceValue === undefined || workspaceValue === value) continue;
    if (workspaceValue === true) {
      value = true;
      continue;
    }
    ignored.push(`this workspace tries to set ${CAPTURE_SETTING} to ${JSON.stringify(workspaceValue)}, which would keep less of what steps print than your settings; ignored`);
  }
  return { value, ignored };
}
