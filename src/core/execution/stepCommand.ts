// The shell text that runs a runbook step. Shell blocks run as written; SQL goes to psql and
// Python to python3, each through a quoted heredoc so that nothing in the block is expanded
// by the shell on the way.
//
// Python runs isolated (`-I`, Python 3.4+): a script read from stdin otherwise gets the
// working folder (the repository, beside the runbook) first on sys.path, so a `json.py` or
// `sitecustomize.py` there would replace the standard library. `-I` also ignores PYTHON*
// variables and the user's site-packages; a virtualenv's python3 first on PATH keeps its own
// packages. (`-P` would keep those, but Python before 3.11 refuses the option.)
import type { RunbookStep } from '../runbooks/model';

const INTERPRETERS: Partial<Record<RunbookStep['kind'], { command: string; tag: string }>> = {
  sql: { command: 'psql', tag: 'ONCALL_SQL' },
  python: { command: 'python3 -I -', tag: 'ONCALL_PYTHON' },
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
