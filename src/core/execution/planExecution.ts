// Plans one run of a runbook step: the text that will reach the shell, whether it is
// destructive, which confirmation it needs, and which placeholders still need values (and
// where those can come from). Pure: the VS Code side asks the questions the plan lists.

import type { Placeholder, RunbookStep } from '../runbooks/model';
import { findPlaceholders } from '../runbooks/placeholders';
import { describeHiddenCharacterInValue, findHiddenCharacter, refuseHiddenCharacters } from './hiddenCharacters';
import { judgeStepTargets, type KubeTargetContext, type StepTargetJudgement } from './commandTargetJudgement';
import { findCommandTargets, type CommandTargets } from './commandTargets';
import { fillPlaceholderValues, type ValueRefusal } from './placeholderValues';
import { assessRisk, type RiskAssessment, type StepLanguage } from './riskAssessment';
import { RETARGET_REASON } from './riskFinding';
import { buildStepCommand } from './stepCommand';

/** `oncall.execution.confirm`. */
export type ConfirmMode = 'destructive' | 'always' | 'never';

/**
 * What the user must do before the step runs:
 * - `none`: it runs at once;
 * - `modal`: a modal dialog naming the context, with a Run button;
 * - `typed-name`: the context name typed into an input box (destructive steps in protected contexts).
 */
export type Confirmation = 'none' | 'modal' | 'typed-name';

/** Kubernetes objects a placeholder can be chosen from, listed live from the cluster. */
export type LiveObjectKind = 'pod' | 'deployment' | 'node' | 'namespace' | 'statefulset';

export interface PlaceholderQuestion {
  /** Normalised name, the key of the value (e.g. `pod-name`). */
  readonly name: string;
  /** As first written in the step, e.g. `<pod-name>`. */
  readonly text: string;
  /** Set when the value can be picked from live objects of the cluster. */
  readonly liveKind?: LiveObjectKind;
}

export interface ExecutionPlan {
  /** The text sent to the terminal, with every known placeholder filled. */
  readonly command: string;
  readonly risk: RiskAssessment;
  readonly confirmation: Confirmation;
  /** Placeholders without a value yet, once each, in order of first appearance. */
  readonly questions: readonly PlaceholderQuestion[];
  /** The values used, for the confirmation dialog and the journal. */
  readonly values: Readonly<Record<string, string>>;
  /**
   * Set when the step must not run at all, whatever the user answers: one sentence saying
   * why (a hidden control, bidi or zero-width character in the final text).
   */
  readonly refusal?: string;
  /** Targets the commands name themselves, and commands that move later steps. */
  readonly targets: CommandTargets;
  /** Those targets looked up in the kubeconfig (empty without `kube` in the input). */
  readonly judgement: StepTargetJudgement;
  /**
   * The name to type for a `typed-name` confirmation: the protected (or unknown) target a
   * command names, else the active context (`activeContext`); undefined when nothing names one.
   */
  readonly typedName?: string;
  /**
   * Values that cannot stand where their placeholder is (not a valid name of its kind, a
   * line break, a quote that cannot be escaped there...): one sentence each. A plan with
   * refusals must not run; its command keeps those placeholders unfilled.
   */
  readonly refusals: readonly ValueRefusal[];
}

export interface PlanInput {
  readonly step: Pick<RunbookStep, 'kind' | 'commands' | 'placeholders' | 'runnable'> & Partial<Pick<RunbookStep, 'content' | 'contentRange'>>;
  /** Known placeholder values by normalised name: remembered ones, incident labels. */
  readonly values: Readonly<Record<string, string>>;
  /** The context the terminal is pinned to is protected. */
  readonly protectedContext: boolean;
  readonly confirm: ConfirmMode;
  /** The pinned context's name, typed to confirm when it is the protected one. */
  readonly activeContext?: string;
  /** To judge targets the commands name themselves; without it they are found but not looked up. */
  readonly kube?: KubeTargetContext;
}

const LIVE_KINDS: Readonly<Record<string, LiveObjectKind>> = {
  pod: 'pod',
  'pod-name': 'pod',
  podname: 'pod',
  'pod-id': 'pod',
  deployment: 'deployment',
  'deployment-name': 'deployment',
  deploy: 'deployment',
  node: 'node',
  'node-name': 'node',
  nodename: 'node',
  namespace: 'namespace',
  ns: 'namespace',
  'namespace-name': 'namespace',
  statefulset: 'statefulset',
  'statefulset-name': 'statefulset',
  sts: 'statefulset',
};

/** The kind of live object a placeholder names, if any (`<pod-name>`, `$POD`, `${NAMESPACE}`...). */
export function liveKindOf(placeholderName: string): LiveObjectKind | undefined {
  return LIVE_KINDS[placeholderName];
}

/**
 * Placeholders that a run fills: the shell-facing forms only. `[Brief description]`-style
 * blanks and dates in a command are left for the engineer; they are rare in commands and
 * often legitimate (`[[ -f x ]]` aside, which the parser already skips).
 */
function fillable(placeholder: Placeholder): boolean {
  return placeholder.form === 'angle' || placeholder.form === 'braced-variable' || placeholder.form === 'variable';
}

export function planExecution(input: PlanInput): ExecutionPlan {
  const { step } = input;
  const placeholders = step.placeholders.filter(fillable);
  const values: Record<string, string> = {};
  const questions: PlaceholderQuestion[] = [];
  const asked = new Set<string>();
  for (const placeholder of placeholders) {
    const known = input.values[placeholder.name];
    if (known !== undefined) {
      values[placeholder.name] = known;
    } else if (!asked.has(placeholder.name)) {
      asked.add(placeholder.name);
      questions.push({ name: placeholder.name, text: placeholder.text, liveKind: liveKindOf(placeholder.name) });
    }
  }
  // Placeholder offsets refer to `content`; `commands` differs from it only for prompted blocks,
  // so placeholders are looked up again in the text that actually runs.
  // CRLF line ends of a runbook are line ends; a CR left after this one is hostile (it would run the line early).
  // Each value is written as one word or literal of the language at its position; the risk
  // check below reads exactly the text that will be sent, after every substitution.
  const runText = step.commands.replace(/\r\n/g, '\n');
  const language: StepLanguage = step.kind === 'sql' ? 'sql' : step.kind === 'python' ? 'python' : 'shell';
  const { text: filled, refusals } = fillPlaceholderValues(runText, language, findPlaceholders(runText, step.kind).filter(fillable), values);
  const command = buildStepCommand({ kind: step.kind, commands: filled });
  const targets = findCommandTargets(filled, language);
  const risk = withRetargets(assessRisk(filled, language), targets);
  const judgement = input.kube ? judgeStepTargets(targets.targets, input.kube) : { targets: [] };
  // Checked on the exact text that would be sent, after every value is in.
  const placeholderTexts = Object.fromEntries(placeholders.map((p) => [p.name, p.text]));
  const refusal =
    refuseHiddenCharacters({ command, content: step.content?.replace(/\r\n/g, '\n'), firstContentLine: step.contentRange?.startLine, values, placeholderTexts }) ??
    refuseHiddenValue(values, placeholderTexts);
  const { confirmation, typedName } = decideTargetConfirmation(risk.destructive, input, judgement);
  return {
    command,
    risk,
    confirmation,
    questions,
    values,
    refusals,
    targets,
    judgement,
    ...(typedName !== undefined ? { typedName } : {}),
    ...(refusal === undefined ? {} : { refusal }),
  };
}

/** A step that moves later steps (kubectx, `export KUBECONFIG=`…) is destructive, whatever else it does. */
function withRetargets(risk: RiskAssessment, targets: CommandTargets): RiskAssessment {
  if (targets.retargets.length === 0) return risk;
  const reason = `${RETARGET_REASON} (${targets.retargets.join(', ')})`;
  // The shell rules may say the same without naming the command: keep the phrase that does.
  const others = risk.destructive ? risk.reasons.filter((other) => other !== RETARGET_REASON) : [];
  return { ...risk, destructive: true, reasons: [...new Set([...others, reason])] };
}

/**
 * The confirmation, judged by where the commands go: a protected target a command names
 * counts like a protected pinned context (its own name is typed); a target that cannot be
 * looked up asks even for a read-only step, and needs its name typed for a destructive one.
 */
function decideTargetConfirmation(
  destructive: boolean,
  input: PlanInput,
  judgement: StepTargetJudgement,
): { confirmation: Confirmation; typedName?: string } {
  const named = judgement.protectedTarget ?? (destructive ? judgement.unknownTarget : undefined);
  const anyProtected = input.protectedContext || judgement.protectedTarget !== undefined;
  let confirmation = decideConfirmation(destructive, anyProtected, input.confirm);
  if (judgement.unknownTarget) confirmation = destructive ? 'typed-name' : confirmation === 'none' ? 'modal' : confirmation;
  const typedName = confirmation === 'typed-name' ? (named?.typedName ?? input.activeContext) : undefined;
  return typedName !== undefined ? { confirmation, typedName } : { confirmation };
}

/**
 * A value with a hidden character is never written into the command (the filler refuses
 * it), so the command check above cannot see it: the value is named here instead.
 */
function refuseHiddenValue(values: Readonly<Record<string, string>>, placeholderTexts: Readonly<Record<string, string>>): string | undefined {
  for (const [name, value] of Object.entries(values)) {
    const found = findHiddenCharacter(value);
    if (found !== undefined) return describeHiddenCharacterInValue(found, placeholderTexts[name] ?? `<${name}>`);
  }
  return undefined;
}

/**
 * Destructive steps always ask, whatever the setting, and in a protected context the name
 * must be typed. The setting decides only about read-only steps: `always` asks for every
 * step, `destructive` (the default) asks for read-only steps only in protected contexts,
 * `never` lets read-only steps run at once everywhere.
 */
export function decideConfirmation(destructive: boolean, protectedContext: boolean, mode: ConfirmMode): Confirmation {
  if (destructive) return protectedContext ? 'typed-name' : 'modal';
  if (mode === 'always') return 'modal';
  if (mode === 'destructive' && protectedContext) return 'modal';
  return 'none';
}

/** Placeholders of the runnable forms still left in a command: such a command must not run. */
export function unfilledPlaceholders(command: string, kind: RunbookStep['kind']): string[] {
  return [...new Set(findPlaceholders(command, kind).filter(fillable).map((p) => p.text))];
}
