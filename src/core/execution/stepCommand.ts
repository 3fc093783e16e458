// The shell text that runs a runbook step. Shell blocks run as written; SQL goes to psql and
// Python to python3, each through a quoted heredoc so that nothing in the block is expanded
// by the shell on the way.
import type { RunbookStep } from '../runbooks/model';

const INTERPRETERS: Partial<Record<RunbookStep['kind'], { command: string; tag: string }>> = {
  sql: { command: 'psql', tag: 'ONCALL_SQL' },
  python: { command: 'python3 -', tag: 'ONCALL_PYTHON' },
};

export function buildStepCommand(step: Pick<RunbookStep, 'kind' | 'commands'>): string {
  const interpreter = INTERPRETERS[step.kind];
  if (!interpreter) return step.commands;
  const tag = heredocTag(step.commands, interpreter.tag);
  const body = step.commands.replace(/\s+$/u, '');
  return `${interpreter.command} <<'${tag}'\n${body}\n${tag}`;
}

/** A heredoc delimiter that no line of the body equals (a body line equal to it would end the heredoc early). */
function heredocTag(body: string, base: string): string {
  const lines = new Set(body.split('\n').map((line) => line.trim()));
  let tag = base;
  for (let n = 2; lines.has(tag); n++) tag = `${base}_${n}`;
  return tag;
}
