// The commands of a shell block, with where each one starts and ends, so that a user can run
// some of them: the ones selected in the editor, or the ones ticked in "Choose Commands".
//
// A command here is what a user would call one: a pipeline or an `&&`/`||` chain, a compound
// (`if…fi`, `for…done`, `case…esac`, `{ …; }`, `( … )`), together with its heredoc bodies,
// `\` continuations, multi-line quotes and `$( … )` spanning lines. Commands end at a newline,
// `;` or `&` at the top level (a newline right after `|`, `&&` or `||` continues the chain).
// Boundaries come from the shell lexer, so they follow the same rules as the risk check.

import { extractPromptedCommands } from '../runbooks/classifyBlock';
import type { RunbookStep } from '../runbooks/model';
import { findPlaceholders } from '../runbooks/placeholders';
import { lexTopLevel } from './shellLexer';

/** Why a command spans more than the text a selection might cover. */
export type CommandShape = 'simple' | 'continued' | 'heredoc' | 'compound' | 'multi-line';

export interface BlockCommand {
  /** Exactly as written in the text that runs, from its first token to its last (heredoc delimiter included). */
  readonly text: string;
  /** Offsets of `text` in the block's run text. */
  readonly start: number;
  readonly end: number;
  /** 0-based lines of the run text holding `start` and `end`. */
  readonly startLine: number;
  readonly endLine: number;
  /** The comment lines just above the command, `#` removed, if any. */
  readonly comment?: string;
  readonly shape: CommandShape;
}

/** Words that open a compound command, and the word that closes each. */
const OPENERS: Readonly<Record<string, string>> = { if: 'fi', case: 'esac', for: 'done', while: 'done', until: 'done', select: 'done', '{': '}' };
const CLOSERS = new Set(['fi', 'esac', 'done', '}']);
/** Reserved words after which the next word starts a command again (`then if …`, `do {`). */
const COMMAND_FOLLOWS = new Set(['then', 'do', 'else', 'elif', 'if', 'while', 'until', '{', '!', 'time']);
const CHAIN_OPERATORS = new Set(['&&', '||', '|', '|&']);

/** Splits shell text into the commands a user would run one by one. */
export function splitBlockCommands(text: string): BlockCommand[] {
  const source = text.replace(/\r\n?/g, '\n');
  const lines = source.split('\n');
  const lineStarts = startsOfLines(lines);
  const commands: BlockCommand[] = [];
  /** Open compounds, innermost last: the word (or `(`) that closes each. */
  const open: string[] = [];
  let start: number | undefined;
  let end = 0;
  let heredoc = false;
  let compound = false;
  let afterChain = false;
  let commandFollows = false;

  const close = (): void => {
    if (start !== undefined) commands.push(describe(source, lines, lineStarts, start, end, heredoc, compound, commands[commands.length - 1]));
    start = undefined;
    heredoc = compound = afterChain = false;
  };
  const extend = (from: number, to: number): void => {
    start ??= from;
    end = Math.max(end, to);
  };

  lexTopLevel(source, {
    token(raw, from, to, first) {
      extend(from, to);
      afterChain = false;
      const commandWord = first || commandFollows;
      commandFollows = commandWord && COMMAND_FOLLOWS.has(raw);
      if (!commandWord) return;
      const closer = OPENERS[raw];
      if (closer !== undefined) {
        open.push(closer);
        compound = true;
      } else if (CLOSERS.has(raw) && open[open.length - 1] === raw) {
        open.pop();
      } else if (CLOSERS.has(raw) && open.includes(raw)) {
        // A compound left open inside another (`{ if x; }`): close up to the matching one.
        open.length = open.lastIndexOf(raw);
      }
    },
    operator(operator, from, to, heredocPending) {
      commandFollows = operator !== ')';
      if (operator === '(') {
        extend(from, to);
        open.push(')');
        compound = true;
        return;
      }
      if (operator === ')') {
        extend(from, to);
        // In `case`, `pattern)` is not a subshell's end.
        if (open[open.length - 1] === ')') open.pop();
        return;
      }
      if (CHAIN_OPERATORS.has(operator)) {
        extend(from, to);
        afterChain = true;
        return;
      }
      if (operator === '&') extend(from, to);
      if (open.length > 0 || heredocPending || start === undefined) return;
      if (operator === '\n' && afterChain) return;
      if (operator === ';;') return;
      close();
    },
    heredocEnd(to) {
      if (start === undefined) return;
      end = Math.max(end, to);
      heredoc = true;
    },
  });
  close();
  return commands;
}

function describe(
  source: string,
  lines: readonly string[],
  lineStarts: readonly number[],
  start: number,
  end: number,
  heredoc: boolean,
  compound: boolean,
  previous: BlockCommand | undefined,
): BlockCommand {
  const text = source.slice(start, end);
  const startLine = lineOf(lineStarts, start);
  const endLine = lineOf(lineStarts, Math.max(start, end - 1));
  const shape: CommandShape = heredoc ? 'heredoc' : compound ? 'compound' : /\\\n/.test(text) ? 'continued' : endLine > startLine ? 'multi-line' : 'simple';
  return { text, start, end, startLine, endLine, comment: commentAbove(lines, startLine, previous?.endLine ?? -1), shape };
}

/** Comment lines directly above `line` (and below the previous command), joined. */
function commentAbove(lines: readonly string[], line: number, previousEnd: number): string | undefined {
  const found: string[] = [];
  for (let index = line - 1; index > previousEnd; index--) {
    const trimmed = lines[index]!.trim();
    if (!trimmed.startsWith('#')) break;
    found.unshift(trimmed.replace(/^#+\s*/, ''));
  }
  const comment = found.filter((text) => text !== '').join(' ');
  return comment === '' ? undefined : comment;
}

function startsOfLines(lines: readonly string[]): number[] {
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  return starts;
}

/** The line holding `offset` (binary search: blocks can hold thousands of commands). */
function lineOf(lineStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (lineStarts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** A position in the runbook file, 0-based, as an editor selection gives it. */
export interface DocumentPosition {
  readonly line: number;
  readonly column: number;
}

export interface SelectedCommands {
  /** The step narrowed to the chosen commands: `commands` and `placeholders` cover only them. */
  readonly step: RunbookStep;
  readonly commands: readonly BlockCommand[];
  /**
   * Set when the selection cut a command and it was extended to the whole command: one
   * sentence for the confirmation, naming the lines and why.
   */
  readonly extendedNote?: string;
}

export type SelectionResult = { readonly ok: true; readonly selected: SelectedCommands } | { readonly ok: false; readonly message: string };

const SHAPE_PHRASES: Readonly<Record<CommandShape, string>> = {
  simple: 'a command',
  continued: 'a command continued with \\',
  heredoc: 'a command with a heredoc',
  compound: 'a compound command',
  'multi-line': 'a command with a multi-line quote or substitution',
};

/**
 * The commands of `step` that a selection from `from` to `to` (document positions) touches.
 * A command the selection covers only in part is taken whole, and the result says so.
 */
export function selectStepCommands(step: RunbookStep, from: DocumentPosition, to: DocumentPosition): SelectionResult {
  if (step.kind !== 'shell') {
    return { ok: false, message: `Only shell blocks can be run in part; this ${step.kind === 'sql' ? 'SQL' : step.kind === 'python' ? 'Python' : step.kind} block runs as a whole.` };
  }
  const map = runTextMap(step);
  const start = map.toRunOffset(from, 'start');
  const end = map.toRunOffset(to, 'end');
  const commands = splitBlockCommands(step.commands);
  const touched = commands.filter((command) => command.start < end && start < command.end);
  if (touched.length === 0) return { ok: false, message: 'The selection holds no command of this block: select the lines to run.' };
  const cut = touched.filter((command) => start > command.start || end < command.end);
  let extendedNote: string | undefined;
  if (cut.length > 0) {
    const parts = cut.map((command) => {
      const first = map.toDocumentLine(command.startLine);
      const last = map.toDocumentLine(command.endLine);
      return `${SHAPE_PHRASES[command.shape]} on ${first === last ? `line ${first + 1}` : `lines ${first + 1}–${last + 1}`}`;
    });
    extendedNote = `The selection cut ${parts.join(' and ')}, so the whole command runs.`;
  }
  return { ok: true, selected: { step: narrowStep(step, touched), commands: touched, extendedNote } };
}

/** The step reduced to `commands` (in their order in the block), with placeholders found again in that text. */
export function narrowStep(step: RunbookStep, commands: readonly BlockCommand[]): RunbookStep {
  const text = [...commands].sort((a, b) => a.start - b.start).map((command) => command.text).join('\n');
  return { ...step, commands: text, placeholders: findPlaceholders(text, step.kind) };
}

interface RunTextMap {
  toRunOffset(position: DocumentPosition, edge: 'start' | 'end'): number;
  /** The document line of a line of the run text. */
  toDocumentLine(runLine: number): number;
}

/**
 * Maps document positions to offsets in `step.commands`. For a transcript (`$ ` prompts)
 * the run text holds only the prompted lines, prompts removed; a position on an output line
 * moves to the next command line (a selection's start) or the previous one (its end).
 */
function runTextMap(step: RunbookStep): RunTextMap {
  const runLines = step.commands.split('\n');
  const lineStarts: number[] = [];
  let offset = 0;
  for (const line of runLines) {
    lineStarts.push(offset);
    offset += line.length + 1;
  }
  // For each run line: its content line and the column where its text starts there.
  let origins: { contentLine: number; column: number }[];
  // Chat commands left out are blanked, not removed, so lines still match the content.
  if (step.commands === step.content || step.leftOut !== undefined) {
    origins = runLines.map((_, index) => ({ contentLine: index, column: 0 }));
  } else {
    origins = [...extractPromptedCommands(step.content).lines].map(([contentLine, column]) => ({ contentLine, column }));
  }
  const first = step.contentRange.startLine;
  return {
    toRunOffset(position, edge) {
      const contentLine = position.line - first;
      if (edge === 'start') {
        const index = origins.findIndex((origin) => origin.contentLine >= contentLine);
        if (index === -1) return step.commands.length;
        const origin = origins[index]!;
        const column = origin.contentLine === contentLine ? Math.max(0, position.column - origin.column) : 0;
        return lineStarts[index]! + Math.min(column, runLines[index]!.length);
      }
      let index = -1;
      for (let candidate = 0; candidate < origins.length && origins[candidate]!.contentLine <= contentLine; candidate++) index = candidate;
      if (index === -1) return 0;
      const origin = origins[index]!;
      const column = origin.contentLine === contentLine ? Math.max(0, position.column - origin.column) : Number.MAX_SAFE_INTEGER;
      return lineStarts[index]! + Math.min(column, runLines[index]!.length);
    },
    toDocumentLine(runLine) {
      return first + (origins[runLine]?.contentLine ?? runLine);
    },
  };
}
