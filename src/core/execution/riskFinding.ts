// What the risk rules report, and how one language's rules reach another's (a shell line can
// hold SQL for psql, Python code can hold a shell command) without the modules importing
// each other.

import type { ShellRedirect } from './shellLexer';
import type { SqlDialect } from './sqlRiskRules';

export interface RiskFinding {
  /** True when the step should not run without confirmation. */
  readonly destructive: boolean;
  /** A short phrase for the confirmation dialog, e.g. "deletes Kubernetes resources". */
  readonly reason: string;
  /**
   * The check could not read what will run (a script file, code fetched from the network, a
   * verb held in a variable): the step asks because it cannot be checked, not because it is
   * known to change things.
   */
  readonly unchecked?: true;
}

export interface RiskAssessors {
  shell(text: string): RiskFinding[];
  /** `dialect`: whose rules split the text (psql's unless said otherwise). */
  sql(text: string, dialect?: SqlDialect): RiskFinding[];
  python(text: string): RiskFinding[];
}

/**
 * The reason for a command that moves the terminal's later steps elsewhere (another kube
 * context, namespace or kubeconfig, another cloud project). The risk rules and the target
 * walker (commandTargets.ts) both find such commands; planExecution keeps the walker's
 * phrase, which names the command, in place of this bare one, so both must say the same.
 */
export const RETARGET_REASON = 'changes where later steps run';

export function flagDestructive(reason: string): RiskFinding {
  return { destructive: true, reason };
}

/** The step asks because what it runs cannot be read here; `reason` says why, e.g. "runs code downloaded from the network, which cannot be checked". */
export function flagUnchecked(reason: string): RiskFinding {
  return { destructive: true, reason, unchecked: true };
}

/** A remark that does not call for confirmation, e.g. that a command only does a dry run. */
export function noteSafe(reason: string): RiskFinding {
  return { destructive: false, reason };
}

/** What a command rule knows besides its arguments. */
export interface CommandContext {
  /** Heredoc bodies and here-strings fed to the command. */
  readonly stdin: readonly string[];
  /** The command reads a pipe. */
  readonly piped: boolean;
  /** The name of the command whose output the pipe carries (`curl` in `curl x | sh`). */
  readonly pipedFrom?: string;
  /** Aliases and variables the block itself defines, so `alias k=kubectl` or `K=kubectl; $K get` can be read. */
  readonly definitions?: ShellDefinitions;
  readonly redirects: readonly ShellRedirect[];
  readonly assessors: RiskAssessors;
  /** How many wrappers (`sudo`, `xargs`, `kubectl exec`...) enclose this command. */
  readonly depth: number;
  /** Assesses words as a command of their own: what `sudo`, `xargs` or `kubectl exec` runs. */
  assessCommand(words: readonly string[]): RiskFinding[];
}

export interface ShellDefinitions {
  readonly aliases: ReadonlyMap<string, string>;
  /** Values set in the block; undefined when a value is computed at run time. */
  readonly variables: ReadonlyMap<string, string | undefined>;
}

/** Judges one command from its arguments (the command name removed). */
export type CommandRule = (args: readonly string[], context: CommandContext, name: string) => RiskFinding[];
