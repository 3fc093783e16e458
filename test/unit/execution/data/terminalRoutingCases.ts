// Terminals of a context in a given state, and where the next step must go.
import type { TerminalSnapshot } from '../../../../src/core/execution/terminalRouting';

export interface TerminalRoutingCase {
  readonly name: string;
  readonly pool: string;
  readonly open: readonly TerminalSnapshot[];
  /** `reuse:<name>` or `create:<name>`. */
  readonly expected: string;
  /** A pattern the reason for a new terminal must match. */
  readonly because?: RegExp;
}

const idle = (name: string, pool = 'On-Call: dev'): TerminalSnapshot => ({ name, pool, running: 0, awaitingEnd: false });

export const terminalRoutingCases: readonly TerminalRoutingCase[] = [
  { name: 'no terminal yet', pool: 'On-Call: dev', open: [], expected: 'create:On-Call: dev' },
  { name: 'the context terminal at its prompt', pool: 'On-Call: dev', open: [idle('On-Call: dev')], expected: 'reuse:On-Call: dev' },
  {
    name: 'the context terminal still running a step',
    pool: 'On-Call: dev',
    open: [{ ...idle('On-Call: dev'), running: 1, lastCommand: 'cat' }],
    expected: 'create:On-Call: dev (2)',
    because: /"On-Call: dev" is still running `cat`/,
  },
  {
    name: 'a step sent but not started yet counts as busy',
    pool: 'On-Call: dev',
    open: [{ ...idle('On-Call: dev'), awaitingEnd: true, lastCommand: 'kubectl get pods' }],
    expected: 'create:On-Call: dev (2)',
    because: /has not reported the end of `kubectl get pods`/,
  },
  {
    name: 'a command the user typed is still running',
    pool: 'On-Call: dev',
    open: [{ ...idle('On-Call: dev'), running: 1, lastCommand: 'vim notes' }],
    expected: 'create:On-Call: dev (2)',
  },
  {
    name: 'the first is busy, the second free',
    pool: 'On-Call: dev',
    open: [{ ...idle('On-Call: dev'), running: 1 }, idle('On-Call: dev (2)')],
    expected: 'reuse:On-Call: dev (2)',
  },
  {
    name: 'both busy: the next free number',
    pool: 'On-Call: dev',
    open: [{ ...idle('On-Call: dev'), running: 1 }, { ...idle('On-Call: dev (2)'), running: 2 }],
    expected: 'create:On-Call: dev (3)',
    because: /1 more/,
  },
  {
    name: 'a gap in the numbers is filled',
    pool: 'On-Call: dev',
    open: [{ ...idle('On-Call: dev'), running: 1 }, { ...idle('On-Call: dev (3)'), running: 1 }],
    expected: 'create:On-Call: dev (2)',
  },
  {
    name: 'the busy first terminal was closed: its name is free again',
    pool: 'On-Call: dev',
    open: [{ ...idle('On-Call: dev (2)'), running: 1 }],
    expected: 'create:On-Call: dev',
  },
  {
    name: 'an interactive terminal at its prompt is not used for ordinary steps',
    pool: 'On-Call: dev',
    open: [idle('On-Call: dev (interactive: ssh)', 'On-Call: dev (interactive: ssh)'), { ...idle('On-Call: dev'), running: 1 }],
    expected: 'create:On-Call: dev (2)',
  },
  {
    name: "an interactive step never goes to the context's terminal",
    pool: 'On-Call: dev (interactive: ssh)',
    open: [idle('On-Call: dev')],
    expected: 'create:On-Call: dev (interactive: ssh)',
  },
  {
    name: 'an interactive terminal whose session ended is reused for the same program',
    pool: 'On-Call: dev (interactive: ssh)',
    open: [idle('On-Call: dev (interactive: ssh)', 'On-Call: dev (interactive: ssh)')],
    expected: 'reuse:On-Call: dev (interactive: ssh)',
  },
  {
    name: 'another context never shares',
    pool: 'On-Call: prod',
    open: [idle('On-Call: dev')],
    expected: 'create:On-Call: prod',
  },
];
