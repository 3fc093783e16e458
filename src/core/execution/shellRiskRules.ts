// Risk check for shell text: every simple command the lexer finds (substitutions included)
// is judged by the rule for its command name, after peeling off what only wraps another
// command (sudo, env, xargs, watch, timeout, ssh, sh -c...). Redirections that overwrite
// system files are flagged whatever the command. Commands without a rule fall back to their
// words (scanCommandVerbs), and an unknown wrapper such as a runbook's own `retry` function
// is looked through when a known tool appears among its arguments.

import { parseOptions, type OptionSpec } from './commandOptions';
import { assessEtcdctl, assessHelm, assessKubectl, assessVirtctl } from './kubernetesRiskRules';
import {
  flagDestructive,
  type CommandContext,
  type CommandRule,
  type RiskAssessors,
  type RiskFinding,
} from './riskFinding';
import { isAssignment, splitShellCommands, type ShellRedirect, type SimpleCommand } from './shellLexer';
import { isSystemPath, SYSTEM_RULES } from './systemRiskRules';
import { isChangingName, scanCommandVerbs } from './verbScanner';

/** Words that structure a command list rather than name a command. */
const RESERVED_WORDS = new Set(['{', '}', '!', 'if', 'then', 'elif', 'else', 'fi', 'do', 'done', 'while', 'until', 'esac', 'time', 'coproc']);
/** Compound-command headers whose words are data: `for x in a b`, `case $x in`, `function f`. */
const DATA_HEADERS = new Set(['for', 'select', 'case', 'function']);
/** A wrapper inside a wrapper inside... past this many, the command is not worth untangling. */
const MAX_WRAPPER_NESTING = 16;

/** Tools worth finding inside an unknown wrapper's arguments: all of them can change a cluster or host. */
const EMBEDDED_TOOLS = new Set([
  'kubectl', 'oc', 'helm', 'virtctl', 'etcdctl', 'redis-cli', 'psql', 'mysql', 'systemctl', 'docker', 'podman',
  'crictl', 'kill', 'pkill', 'killall', 'reboot', 'shutdown',
]);

export function assessShellText(text: string, assessors: RiskAssessors): RiskFinding[] {
  return splitShellCommands(text).flatMap((command) => assessSimpleCommand(command, assessors));
}

function assessSimpleCommand(command: SimpleCommand, assessors: RiskAssessors): RiskFinding[] {
  if (command.unchecked !== undefined) return [flagDestructive('nests commands too deeply to check')];
  const context = contextFor({ stdin: command.stdin, piped: command.piped, redirects: command.redirects, assessors, depth: 0 });
  return [...assessRedirects(command.redirects), ...assessWords(command.words, context)];
}

function contextFor(base: Omit<CommandContext, 'assessCommand'>): CommandContext {
  return {
    ...base,
    // What a wrapper runs reads the wrapper's stdin (`kubectl exec -i pod -- psql <<EOF`) but not its pipe.
    assessCommand: (words) => assessWords(words, contextFor({ ...base, piped: false, redirects: [], depth: base.depth + 1 })),
  };
}

function assessRedirects(redirects: readonly ShellRedirect[]): RiskFinding[] {
  const findings: RiskFinding[] = [];
  for (const { operator, target } of redirects) {
    if (!/^(>|>\||&>|<>|>>|&>>)$/.test(operator) || !isSystemPath(target)) continue;
    findings.push(flagDestructive(operator.endsWith('>>') ? `appends to ${target}` : `overwrites ${target}`));
  }
  return findings;
}

/** Judges a command given as words, the command name first. */
function assessWords(input: readonly string[], context: CommandContext): RiskFinding[] {
  if (context.depth > MAX_WRAPPER_NESTING) return [flagDestructive('nests commands too deeply to check')];
  // Structure words, a `$ ` prompt copied from a terminal, and `NAME=value` prefixes.
  let start = 0;
  while (start < input.length && (RESERVED_WORDS.has(input[start]!) || input[start] === '$' || isAssignment(input[start]!))) {
    start++;
  }
  const first = input[start];
  const args = input.slice(start + 1);
  if (first === undefined || DATA_HEADERS.has(first)) return [];
  const name = commandName(first);

  const wrapped = unwrapCommand(name, args);
  if (wrapped) {
    // `curl ... | sudo bash`: the wrapped command keeps the wrapper's pipe and redirections.
    if (wrapped.shell === undefined) return assessWords(wrapped.words, contextFor({ ...context, depth: context.depth + 1 }));
    return context.assessors.shell(wrapped.shell);
  }

  const kubectlArgs = kubectlWrapperArgs(name, args);
  if (kubectlArgs) return assessKubectl(kubectlArgs, context, 'kubectl');

  const rule = COMMAND_RULES.get(name) ?? (name.startsWith('mkfs.') ? COMMAND_RULES.get('mkfs') : undefined);
  if (rule) return rule(args, context, name);
  return assessUnknownCommand(name, args, context);
}

/** `/usr/local/bin/kubectl.exe` → `kubectl`; `k` is the usual alias for kubectl. */
function commandName(word: string): string {
  const base = (word.split(/[\\/]/).pop() ?? word).replace(/\.exe$/i, '');
  if (base === 'k' || base === 'kubecolor' || /^kubectl[-.]?\d[\d.]*$/.test(base)) return 'kubectl';
  return base;
}

/** `microk8s kubectl ...`, `k3s kubectl ...`, `minikube kubectl -- ...`. */
function kubectlWrapperArgs(name: string, args: readonly string[]): readonly string[] | undefined {
  if (name === 'microk8s.kubectl') return args;
  if ((name === 'microk8s' || name === 'k3s' || name === 'minikube' || name === 'k0s') && args[0] === 'kubectl') {
    return args[1] === '--' ? args.slice(2) : args.slice(1);
  }
  return undefined;
}

interface Unwrapped {
  /** The wrapped command as words... */
  readonly words: readonly string[];
  /** ...or as shell text, when the wrapper hands a string to a shell. */
  readonly shell?: string;
}

/** Wrappers whose options are followed by the command they run. */
const PREFIX_WRAPPERS: ReadonlyMap<string, OptionSpec> = new Map<string, OptionSpec>([
  ['sudo', { shortWithValue: 'ughpCDrtUT', longWithValue: new Set(['user', 'group', 'host', 'prompt', 'chdir', 'role', 'type', 'other-user', 'close-from']), stopAtPositional: true }],
  ['doas', { shortWithValue: 'uC', stopAtPositional: true }],
  ['nice', { shortWithValue: 'n', longWithValue: new Set(['adjustment']), stopAtPositional: true }],
  ['ionice', { shortWithValue: 'cnp', longWithValue: new Set(['class', 'classdata']), stopAtPositional: true }],
  ['nohup', { stopAtPositional: true }],
  ['command', { stopAtPositional: true }],
  ['builtin', { stopAtPositional: true }],
  ['exec', { shortWithValue: 'a', stopAtPositional: true }],
  ['stdbuf', { shortWithValue: 'ioe', stopAtPositional: true }],
  ['setsid', { stopAtPositional: true }],
  ['unbuffer', { stopAtPositional: true }],
  ['strace', { shortWithValue: 'eopsuIEPS', stopAtPositional: true }],
  ['caffeinate', { stopAtPositional: true }],
  ['xargs', { shortWithValue: 'nLPsdEIa', longWithValue: new Set(['max-args', 'max-lines', 'max-procs', 'max-chars', 'delimiter', 'eof', 'replace', 'arg-file', 'process-slot-var']), stopAtPositional: true }],
  ['runuser', { shortWithValue: 'ugc', longWithValue: new Set(['user', 'group', 'command']), stopAtPositional: true }],
  ['nsenter', { shortWithValue: 'tSGw', longWithValue: new Set(['target', 'setuid', 'setgid', 'wd']), stopAtPositional: true }],
  ['flock', { shortWithValue: 'wEc', longWithValue: new Set(['timeout', 'conflict-exit-code', 'command']), stopAtPositional: true }],
]);

function unwrapCommand(name: string, args: readonly string[]): Unwrapped | undefined {
  const prefix = PREFIX_WRAPPERS.get(name);
  if (prefix) {
    // `command -v kubectl` and `command -V` only look a command up.
    if (name === 'command' && args.some((arg) => arg === '-v' || arg === '-V')) return { words: [] };
    const parsed = parseOptions(args, prefix);
    // `sudo -s`, `sudo -i` without a command open a shell: nothing runs yet.
    return { words: [...parsed.positionals, ...(parsed.rest ?? [])] };
  }
  switch (name) {
    case 'env': {
      const parsed = parseOptions(args, { shortWithValue: 'uCS', longWithValue: new Set(['unset', 'chdir', 'split-string']), stopAtPositional: true });
      const words = [...parsed.positionals, ...(parsed.rest ?? [])];
      return { words: dropAssignments(words) };
    }
    case 'time': {
      // /usr/bin/time [-v] [-f format] [-o file] COMMAND...
      const parsed = parseOptions(args, { shortWithValue: 'fo', longWithValue: new Set(['format', 'output']), stopAtPositional: true });
      return { words: [...parsed.positionals, ...(parsed.rest ?? [])] };
    }
    case 'timeout': {
      // timeout [options] DURATION COMMAND...
      const parsed = parseOptions(args, { shortWithValue: 'sk', longWithValue: new Set(['signal', 'kill-after']), stopAtPositional: true });
      return { words: parsed.rest ?? [] };
    }
    case 'watch': {
      // watch runs its words through `sh -c`, so a quoted pipeline is shell text.
      const parsed = parseOptions(args, { shortWithValue: 'nq', longWithValue: new Set(['interval', 'equexit']), stopAtPositional: true });
      const words = [...parsed.positionals, ...(parsed.rest ?? [])];
      return { words: [], shell: words.join(' ') };
    }
    case 'chroot': {
      const parsed = parseOptions(args, { longWithValue: new Set(['userspec', 'groups']), stopAtPositional: true });
      return { words: parsed.rest ?? [] };
    }
    case 'eval':
      return { words: [], shell: args.join(' ') };
    case 'su': {
      const parsed = parseOptions(args, { shortWithValue: 'cgGs', longWithValue: new Set(['command', 'group', 'shell']) });
      const command = parsed.options.find((option) => option.name === '-c' || option.name === '--command')?.value;
      return { words: [], shell: command ?? '' };
    }
    case 'ssh': {
      // ssh [options] host [command...]: the remote shell runs the words joined by spaces.
      const parsed = parseOptions(args, { shortWithValue: 'BbcDEeFIiJLlmOopQRSWw', stopAtPositional: true });
      const remote = parsed.rest ?? [];
      return remote.length > 0 ? { words: [], shell: remote.join(' ') } : undefined;
    }
    default:
      return undefined;
  }
}

function dropAssignments(words: readonly string[]): readonly string[] {
  const index = words.findIndex((word) => !isAssignment(word));
  return index === -1 ? [] : words.slice(index);
}

/** bash/sh/zsh: `-c STRING` is shell text; a heredoc or a pipe feeds a script on stdin. */
const assessShellInterpreter: CommandRule = (args, context) => {
  const parsed = parseOptions(args, { shortWithValue: 'oO', stopAtPositional: true });
  // `-c` may sit in a cluster such as `-lc`, `-ec` or `-xc`: the first positional is the text.
  if (parsed.options.some((option) => option.name === '-c')) {
    return context.assessors.shell(parsed.positionals[0] ?? '');
  }
  // A script file cannot be checked from here; `-` means stdin.
  if (parsed.positionals.length > 0 && parsed.positionals[0] !== '-') return [];
  const findings = context.stdin.flatMap((text) => context.assessors.shell(text));
  if (context.stdin.length === 0 && context.piped) findings.push(flagDestructive('runs a script piped from another command'));
  return findings;
};

/** ssh with a heredoc runs the heredoc on the remote host. */
const assessSshSession: CommandRule = (_args, context) => context.stdin.flatMap((text) => context.assessors.shell(text));

const COMMAND_RULES: ReadonlyMap<string, CommandRule> = new Map<string, CommandRule>([
  ...SYSTEM_RULES,
  ['kubectl', assessKubectl],
  ['oc', assessKubectl],
  ['helm', assessHelm],
  ['virtctl', assessVirtctl],
  ['etcdctl', assessEtcdctl],
  ['bash', assessShellInterpreter],
  ['sh', assessShellInterpreter],
  ['zsh', assessShellInterpreter],
  ['dash', assessShellInterpreter],
  ['ksh', assessShellInterpreter],
  ['ash', assessShellInterpreter],
  ['ssh', assessSshSession],
]);

function assessUnknownCommand(name: string, args: readonly string[], context: CommandContext): RiskFinding[] {
  const embedded = args.findIndex((arg) => EMBEDDED_TOOLS.has(commandName(arg)));
  if (embedded !== -1) return context.assessCommand(args.slice(embedded));
  if (isChangingName(name)) return [flagDestructive(`may change or remove things (${name})`)];
  return scanCommandVerbs(name, args);
}
