// The commands of a block offered one by one (Choose Commands), each with what the risk check
// says of it. The plan of each is made by the caller with the same rules as a whole step, so
// a choice shows the text that would run and its own risk.

import type { RunbookStep } from '../runbooks/model';
import { narrowStep, splitBlockCommands, type BlockCommand } from './blockCommands';
import type { RiskAssessment } from './riskAssessment';

export interface CommandChoice {
  readonly command: BlockCommand;
  /** The step reduced to this command. */
  readonly step: RunbookStep;
  /** The text that would run, values filled where known. */
  readonly shown: string;
  readonly risk: RiskAssessment;
}

/** Only shell blocks are split: SQL and Python steps run whole (statements are not split here). */
export function blockCommandsOf(step: RunbookStep): BlockCommand[] {
  return step.kind === 'shell' ? splitBlockCommands(step.commands) : [];
}

/** Whether the confirmation offers Choose Commands: a shell block of several commands, at least one destructive. */
export function offersCommandChoice(step: RunbookStep, risk: RiskAssessment): boolean {
  return risk.destructive && blockCommandsOf(step).length >= 2;
}

export function listCommandChoices(step: RunbookStep, plan: (narrowed: RunbookStep) => { command: string; risk: RiskAssessment }): CommandChoice[] {
  return blockCommandsOf(step).map((command) => {
    const narrowed = narrowStep(step, [command]);
    const planned = plan(narrowed);
    return { command, step: narrowed, shown: planned.command, risk: planned.risk };
  });
}

/** One phrase for a choice: its risk reasons, or that it looks read-only. */
export function describeChoiceRisk(choice: CommandChoice): string {
  if (choice.risk.destructive) return choice.risk.reasons.join('; ');
  return choice.risk.reasons.length > 0 ? `read-only: ${choice.risk.reasons.join('; ')}` : 'read-only';
}
