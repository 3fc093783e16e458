// Which terminal a step goes to. A step is typed only into a terminal at its prompt: one
// whose last command has ended, as shell integration reports it. A terminal still running
// something (a step, or a command the user typed), or one whose last step's end was never
// seen (no shell integration), gets no step: a new terminal of the same context is opened,
// named so the user sees why. Steps that take over the terminal get a pool of their own.

import type { InteractiveUse } from './interactiveCommands';

export interface TerminalSnapshot {
  readonly name: string;
  /** The pool it was opened for: `On-Call: <context>` or `On-Call: <context> (interactive: <program>)`. */
  readonly pool: string;
  /** Commands started and not ended, as shell integration reported them. */
  readonly running: number;
  /** A step was sent and its end has not been seen (always so without shell integration). */
  readonly awaitingEnd: boolean;
  /** What it is busy with, for the message: the step or command line last started. */
  readonly lastCommand?: string;
}

export type TerminalChoice =
  | { readonly kind: 'reuse'; readonly name: string }
  | {
      readonly kind: 'create';
      readonly name: string;
      readonly pool: string;
      /** Why a terminal other than the pool's first one is opened; shown in it and logged. */
      readonly because?: string;
    };

/** The pool a step's terminal comes from. */
export function terminalPool(contextPool: string, interactive: InteractiveUse | undefined): string {
  return interactive ? `${contextPool} (interactive: ${interactive.program.split(' ')[0]})` : contextPool;
}

export function isAtPrompt(terminal: TerminalSnapshot): boolean {
  return terminal.running === 0 && !terminal.awaitingEnd;
}

/** The first terminal of `pool` at its prompt, else a new one with the next free name. */
export function chooseStepTerminal(pool: string, open: readonly TerminalSnapshot[]): TerminalChoice {
  const members = open.filter((terminal) => terminal.pool === pool);
  const free = members.find(isAtPrompt);
  if (free) return { kind: 'reuse', name: free.name };
  const names = new Set(open.map((terminal) => terminal.name));
  let name = pool;
  for (let n = 2; names.has(name); n++) name = `${pool} (${n})`;
  const busy = members[0];
  if (!busy) return { kind: 'create', name, pool };
  return { kind: 'create', name, pool, because: describeBusy(busy, members.length) };
}

function describeBusy(first: TerminalSnapshot, count: number): string {
  const what = first.lastCommand ? `\`${shorten(first.lastCommand)}\`` : 'a command';
  const state =
    first.running > 0 ? `is still running ${what}` : `has not reported the end of ${what} (no shell integration), so it may still be running`;
  const others = count > 1 ? ` (and ${count - 1} more of its terminals are busy)` : '';
  return `"${first.name}" ${state}${others}: this step runs in a new terminal instead of being typed into it.`;
}

function shorten(command: string): string {
  const line = command.split('\n')[0]!.trim();
  return line.length > 60 ? `${line.slice(0, 57)}…` : line + (command.includes('\n') ? ' …' : '');
}
