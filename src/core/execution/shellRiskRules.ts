// Risk check for shell text: every simple command the lexer finds (substitutions included)
// is judged by the rule for its command name, after peeling off what only wraps another
// command (sudo, env, xargs, watch, timeout, ssh, sh -c...). Redirections that overwrite
// system files are flagged whatever the command. Commands without a rule fall back to their
// words (scanCommandVerbs), and an unknown wrapper such as a runbook's own `retry` function
// is looked through when a known tool appears among its arguments. What cannot be read (a
// script file, code fetched from the network, a command held in a variable) asks, saying it
// cannot be checked; aliases and variables the block sets to plain text are read through.

import { hasOption, parseOptions, type OptionSpec } from './commandOptions';
import { assessEtcdctl, assessHelm, assessKubectl, assessVirtctl } from './kubernetesRiskRules';
import {
  flagDestructive,
  flagUnchecked,
  RETARGET_REASON,
  type CommandContext,
  type CommandRule,
  type RiskAssessors,
  type RiskFinding,
  type ShellDefinitions,
} from './riskFinding';
import { isAssignment, splitShellCommands, type ShellRedirect, type SimpleCommand } from './shellLexer';
import { isSystemPath, SYSTEM_RULES } from './systemRiskRules';
import { isChangingName, scanCommandVerbs } from './verbScanner';

/** Words that structure a command list rather than name a command. */
export const RESERVED_WORDS = new Set(['{', '}', '!', 'if', 'then', 'elif', 'else', 'fi', 'do', 'done', 'while', 'until', 'esac', 'time', 'coproc']);
/** Compound-command headers whose words are data: `for x in a b`, `case $x in`, `function f`. */
export const DATA_HEADERS = new Set(['for', 'select', 'case', 'function']);
/** A wrapper inside a wrapper inside... past this many, the command is not worth untangling. */
const MAX_WRAPPER_NESTING = 16;

/** Tools worth finding inside an unknown wrapper's arguments: all of them can change a cluster, a cloud or a host. */
const EMBEDDED_TOOLS = new Set([
  'kubectl', 'oc', 'helm', 'virtctl', 'etcdctl', 'redis-cli', 'psql', 'mysql', 'systemctl', 'docker', 'podman',
  'crictl', 'kill', 'pkill', 'killall', 'reboot', 'shutdown', 'gcloud', 'aws', 'az', 'terraform', 'pulumi',
  'dropdb', 'rsync', 'bash', 'sh', 'eval', 'xargs', 'sudo', 'kubectx', 'kubens', 'python', 'python3',
]);

/** Why a step asks when the check cannot read what runs. */
const UNCHECKED = {
  downloaded: 'runs code downloaded from the network, which cannot be checked',
  builtAtRunTime: 'runs commands built at run time, which cannot be checked',
  scriptFile: 'runs a script file, which cannot be checked',
  pipedScript: 'runs a script piped from another command, which cannot be checked',
  variable: 'takes its command from a variable, which cannot be checked',
  pattern: 'names its command with a pattern or brace expansion, which cannot be checked',
} as const;

/** Programs that fetch from the network: what they print and a shell then runs is unknown code. */
const DOWNLOADER = /(^|[\s(|;&`])(curl|wget|fetch|aria2c|http|https|lwp-request)(\s|$)/;

/** Why text built by a substitution (`$(curl ...)`, `<(...)`) cannot be checked. */
function builtAtRunTime(text: string): RiskFinding {
  return flagUnchecked(DOWNLOADER.test(text) ? UNCHECKED.downloaded : UNCHECKED.builtAtRunTime);
}

/** Why a script read from a pipe cannot be checked. */
function pipedScript(context: CommandContext): RiskFinding {
  return flagUnchecked(context.pipedFrom !== undefined && DOWNLOADER.test(` ${context.pipedFrom} `) ? UNCHECKED.downloaded : UNCHECKED.pipedScript);
}

/** A script named by a word: a file (`./fix.sh`), or a process substitution (`<(curl ...)`). */
function scriptSource(word: string): RiskFinding {
  return /^[<>]\(|^\$\(|`/.test(word) ? builtAtRunTime(word) : flagUnchecked(UNCHECKED.scriptFile);
}

export function assessShellText(text: string, assessors: RiskAssessors): RiskFinding[] {
  const commands = splitShellCommands(text);
  const definitions = collectDefinitions(commands);
  return commands.flatMap((command, index) => assessSimpleCommand(command, assessors, definitions, upstreamOf(commands, index)));
}

/** The command a piped command reads from: the one before it at the same level. */
function upstreamOf(commands: readonly SimpleCommand[], index: number): string | undefined {
  const command = commands[index]!;
  if (!command.piped) return undefined;
  for (let at = index - 1; at >= 0; at--) {
    const candidate = commands[at]!;
    if (candidate.substituted !== command.substituted) continue;
    const words = candidate.words.filter((word) => word !== '$' && !RESERVED_WORDS.has(word));
    return words[0] === undefined ? undefined : commandName(words[0]);
  }
  return undefined;
}

/** Aliases and variables the block defines anywhere (a later definition may be what an earlier line sees when rerun). */
function collectDefinitions(commands: readonly SimpleCommand[]): ShellDefinitions {
  const aliases = new Map<string, string>();
  const variables = new Map<string, string | undefined>();
  const setVariable = (assignment: string): void => {
    const equals = assignment.indexOf('=');
    const name = assignment.slice(0, equals).replace(/\+$|\[.*$/, '');
    const value = assignment.slice(equals + 1);
    // A value built at run time is unknown, and a second different value makes it unknown too.
    const known = /[$`]/.test(value) || (variables.has(name) && variables.get(name) !== value) ? undefined : value;
    variables.set(name, known);
  };
  for (const command of commands) {
    command.assignments.forEach(setVariable);
    const [first, ...args] = command.words;
    if (first === 'alias') {
      for (const arg of args) {
        const equals = arg.indexOf('=');
        if (equals > 0) aliases.set(arg.slice(0, equals), arg.slice(equals + 1));
      }
    } else if (first !== undefined && DECLARING_BUILTINS.has(first)) {
      args.filter((arg) => !arg.startsWith('-') && arg.includes('=')).forEach(setVariable);
    } else if (first === 'read' || first === 'mapfile' || first === 'readarray') {
      for (const arg of args) if (/^[A-Za-z_]\w*$/.test(arg)) variables.set(arg, undefined);
    }
  }
  return { aliases, variables };
}

const DECLARING_BUILTINS = new Set(['export', 'declare', 'typeset', 'local', 'readonly']);

/** Variables whose value decides where, or what, later steps run. */
function assessAssignment(assignment: string): RiskFinding[] {
  const name = assignment.slice(0, assignment.indexOf('=')).replace(/\+$/, '');
  return assessVariableChange(name);
}

function assessVariableChange(name: string): RiskFinding[] {
  if (name === 'KUBECONFIG') return [flagDestructive(RETARGET_REASON)];
  if (name === 'PATH' || name === 'LD_PRELOAD' || name === 'LD_LIBRARY_PATH') {
    return [flagUnchecked('changes which programs later steps run, which cannot be checked')];
  }
  if (name === 'PROMPT_COMMAND' || name === 'BASH_ENV' || name === 'ENV' || name === 'PS0') {
    return [flagUnchecked('sets commands the shell runs after each later step, which cannot be checked')];
  }
  return [];
}

function assessSimpleCommand(
  command: SimpleCommand,
  assessors: RiskAssessors,
  definitions: ShellDefinitions,
  pipedFrom: string | undefined,
): RiskFinding[] {
  if (command.unchecked !== undefined) return [flagUnchecked('nests commands too deeply to check')];
  const context = contextFor({ stdin: command.stdin, piped: command.piped, pipedFrom, redirects: command.redirects, assessors, depth: 0, definitions });
  // `NAME=value` alone lasts for the rest of the shell; as a prefix it applies to one command.
  const assignments = command.words.length === 0 ? command.assignments.flatMap(assessAssignment) : [];
  return [...assignments, ...assessRedirects(command.redirects), ...assessWords(command.words, context)];
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
  if (first === undefined) return [];
  // `function name { body; }`: the body is commands; `for x in a b`, `case $x in` are data.
  if (first === 'function') return assessWords(input.slice(start + 2), context);
  if (DATA_HEADERS.has(first)) return [];

  const unreadable = assessCommandWord(first, args, context);
  if (unreadable) return unreadable;
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

/**
 * A command word the check cannot take at face value: an alias or variable the block defines
 * (read through), a variable or substitution (unknown), a pattern, or a script file. Undefined
 * for an ordinary command name.
 */
function assessCommandWord(word: string, args: readonly string[], context: CommandContext): RiskFinding[] | undefined {
  const rest = args.map(quoteWord).join(' ');
  const alias = context.definitions?.aliases.get(word);
  // An alias is expanded once: its text is read without the block's aliases, so `alias ls='ls -l'` ends.
  if (alias !== undefined) return context.assessors.shell(`${alias} ${rest}`);
  if (/\$\(|`/.test(word)) return [builtAtRunTime(word)];
  const variable = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(word);
  if (variable) {
    const value = context.definitions?.variables.get(variable[1]!);
    // With IFS changed, a value splits where the check cannot see: `IFS=,; c=kubectl,delete; $c`.
    if (value !== undefined && !value.includes(variable[0]) && !context.definitions?.variables.has('IFS')) return context.assessors.shell(`${value} ${rest}`);
    return [flagUnchecked(UNCHECKED.variable)];
  }
  if (word.includes('$')) return [flagUnchecked(UNCHECKED.variable)];
  // `{kubectl,delete,ns,x}`, `/usr/bin/kub?ctl`; text with `=` or quotes in braces is not a brace expansion (PromQL pasted in a bare fence).
  // A PromQL range such as `errors_total[5m]` is left to the word rules.
  if (/\{[^{}=\s"'$]*(,|\.\.)[^{}=\s"'$]*\}/.test(word) || (/^[\w./~-]*([*?]|\[[^\]]+\])[\w./~*?[\]-]*$/.test(word) && !/^\w+\[\d+[smhdwy]\]$/.test(word))) {
    return [flagUnchecked(UNCHECKED.pattern)];
  }
  // `./fix.sh`, `~/bin/fix`, `tools/fix.py`: a program whose text is a file the check cannot read.
  // A bare `name.sh` found on PATH is an installed tool (kafka-topics.sh) and is judged by its words.
  if (/^(\.{1,2}\/|~\/)|\/.*\.(sh|bash|zsh|ksh|py|pl|rb)$/.test(word) && !COMMAND_RULES.has(commandName(word))) {
    return [flagUnchecked(UNCHECKED.scriptFile)];
  }
  return undefined;
}

/** A word as shell text that reads back as that one word. */
function quoteWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** `/usr/local/bin/kubectl.exe` → `kubectl`; `k` is the usual alias for kubectl. */
export function commandName(word: string): string {
  const base = (word.split(/[\\/]/).pop() ?? word).replace(/\.exe$/i, '');
  if (base === 'k' || base === 'kubecolor' || /^kubectl[-.]?\d[\d.]*$/.test(base)) return 'kubectl';
  return base;
}

/** `microk8s kubectl ...`, `k3s kubectl ...`, `minikube kubectl -- ...`. */
export function kubectlWrapperArgs(name: string, args: readonly string[]): readonly string[] | undefined {
  if (name === 'microk8s.kubectl') return args;
  if ((name === 'microk8s' || name === 'k3s' || name === 'minikube' || name === 'k0s') && args[0] === 'kubectl') {
    return args[1] === '--' ? args.slice(2) : args.slice(1);
  }
  return undefined;
}

export interface Unwrapped {
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
  ['nsenter', { shortWithValue: 'tSGw', longWithValue: new Set(['target', 'setuid', 'setgid', 'wd']), stopAtPositional: true }],
  ['parallel', { shortWithValue: 'jSa', longWithValue: new Set(['jobs', 'sshlogin', 'arg-file', 'delay', 'timeout', 'joblog', 'results']), stopAtPositional: true }],
  ['systemd-run', { shortWithValue: 'pEMH', longWithValue: new Set(['unit', 'property', 'slice', 'uid', 'gid', 'setenv', 'working-directory', 'description', 'machine', 'host', 'on-active', 'on-boot', 'on-startup', 'on-unit-active', 'on-unit-inactive', 'on-calendar', 'timer-property', 'path-property', 'socket-property', 'service-type', 'nice']), stopAtPositional: true }],
  ['unshare', { stopAtPositional: true }],
  ['setpriv', { longWithValue: new Set(['reuid', 'regid', 'groups', 'inh-caps', 'ambient-caps', 'bounding-set', 'securebits', 'selinux-label', 'apparmor-profile']), stopAtPositional: true }],
  ['chronic', { stopAtPositional: true }],
  ['torsocks', { stopAtPositional: true }],
  ['proxychains', { shortWithValue: 'f', stopAtPositional: true }],
  ['proxychains4', { shortWithValue: 'f', stopAtPositional: true }],
]);

export function unwrapCommand(name: string, args: readonly string[]): Unwrapped | undefined {
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
      // `env -S 'kubectl delete ns x'` splits its value into the command.
      const split = parsed.options.find((option) => option.name === '-S' || option.name === '--split-string')?.value;
      if (split !== undefined) return { words: [], shell: [split, ...parsed.positionals, ...(parsed.rest ?? [])].map((word, index) => (index === 0 ? word : quoteWord(word))).join(' ') };
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
    case 'su':
    case 'runuser': {
      const parsed = parseOptions(args, { shortWithValue: 'cgGsuw', longWithValue: new Set(['command', 'group', 'shell', 'user', 'supp-group', 'whitelist-environment', 'session-command']) });
      const command = parsed.options.find((option) => /^(-c|--command|--session-command)$/.test(option.name))?.value;
      if (command !== undefined) return { words: [], shell: command };
      // `runuser -u user -- command...`
      return { words: parsed.rest ?? [] };
    }
    case 'flock': {
      // flock [options] FILE -c COMMAND | flock [options] FILE COMMAND... | flock [options] FD
      const parsed = parseOptions(args, { shortWithValue: 'wEc', longWithValue: new Set(['timeout', 'conflict-exit-code', 'command']), stopAtPositional: true });
      const inner = parseOptions(parsed.rest ?? [], { shortWithValue: 'c', longWithValue: new Set(['command']), stopAtPositional: true });
      const command = [...parsed.options, ...inner.options].find((option) => option.name === '-c' || option.name === '--command')?.value;
      if (command !== undefined) return { words: [], shell: command };
      return { words: parsed.rest ?? [] };
    }
    case 'script': {
      // script [options] [file]: -c runs a command instead of an interactive shell.
      const parsed = parseOptions(args, { shortWithValue: 'cEIOBTtm', longWithValue: new Set(['command', 'echo', 'log-in', 'log-out', 'log-io', 'log-timing', 'logging-format', 'output-limit']) });
      const command = parsed.options.find((option) => option.name === '-c' || option.name === '--command')?.value;
      return command === undefined ? undefined : { words: [], shell: command };
    }
    case 'busybox':
      return { words: args };
    case 'ssh': {
      // ssh [options] host [command...]: the remote shell runs the words joined by spaces.
      const parsed = parseOptions(args, { shortWithValue: 'BbcDEeFIiJLlmOopQRSWw', stopAtPositional: true });
      const remote = parsed.rest ?? [];
      // -o ProxyCommand=... / LocalCommand=... run here, before anything reaches the host.
      const local = parsed.options
        .filter((option) => option.name === '-o' && /^(ProxyCommand|LocalCommand|KnownHostsCommand)\s*[= ]/i.test(option.value ?? ''))
        .map((option) => option.value!.replace(/^\w+\s*[= ]\s*/, ''));
      if (local.length > 0) return { words: [], shell: [...local, remote.join(' ')].join('\n') };
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

/** bash/sh/zsh: `-c STRING` is shell text; a script file cannot be read; a heredoc or a pipe feeds a script on stdin. */
const assessShellInterpreter: CommandRule = (args, context) => {
  const parsed = parseOptions(args, { shortWithValue: 'oO', stopAtPositional: true });
  // `-c` may sit in a cluster such as `-lc`, `-ec` or `-xc`: the first positional is the text.
  if (parsed.options.some((option) => option.name === '-c')) {
    return context.assessors.shell(parsed.positionals[0] ?? '');
  }
  // `-s` reads the script from stdin whatever follows; `-` means stdin.
  const script = parsed.options.some((option) => option.name === '-s') ? undefined : parsed.positionals[0];
  if (script !== undefined && script !== '-') return [scriptSource(script)];
  const findings = context.stdin.flatMap((text) => context.assessors.shell(text));
  if (context.stdin.length === 0 && context.piped) findings.push(pipedScript(context));
  return findings;
};

/** `source FILE` / `. FILE` runs the file in this shell. */
const assessSource: CommandRule = (args) => (args[0] === undefined ? [] : [scriptSource(args[0])]);

/** `trap 'commands' SIGNAL`: the commands run later, when the signal comes. */
const assessTrap: CommandRule = (args, context) => {
  const handler = args.find((arg) => !arg.startsWith('-'));
  return handler === undefined || args.length < 2 ? [] : context.assessors.shell(handler);
};

/** `export NAME=value` and friends: harmless, except for the variables that move later steps. */
const assessDeclaration: CommandRule = (args) => args.filter((arg) => !arg.startsWith('-') && arg.includes('=')).flatMap(assessAssignment);

const assessUnset: CommandRule = (args) => args.filter((arg) => !arg.startsWith('-')).flatMap(assessVariableChange);

/** kubectx / kubens: without a name they list; with one they switch (`-` switches back). */
const assessContextSwitcher: CommandRule = (args) => {
  const parsed = parseOptions(args, {});
  if (hasOption(parsed, '-c', '--current', '-h', '--help') || (parsed.positionals.length === 0 && !hasOption(parsed, '-d', '-u', '--unset'))) return [];
  return [flagDestructive(RETARGET_REASON)];
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
  ['source', assessSource],
  ['.', assessSource],
  ['trap', assessTrap],
  ['unset', assessUnset],
  ...[...DECLARING_BUILTINS].map((name): [string, CommandRule] => [name, assessDeclaration]),
  ['kubectx', assessContextSwitcher],
  ['kubens', assessContextSwitcher],
]);

function assessUnknownCommand(name: string, args: readonly string[], context: CommandContext): RiskFinding[] {
  // `kill` right after the tool's name is its verb (`workerctl kill 42`), not a wrapped command.
  const embedded = args.findIndex((arg, index) => EMBEDDED_TOOLS.has(commandName(arg)) && !(index === 0 && arg === 'kill'));
  if (embedded !== -1) return context.assessCommand(args.slice(embedded));
  // `az aks get-credentials`, `doctl kubernetes cluster kubeconfig save`, `kind export kubeconfig`: the kubeconfig changes.
  if (args.some((arg, index) => /^(get-credentials|update-kubeconfig|write-kubeconfig|update-context|use-context)$/.test(arg) || (arg === 'kubeconfig' && /^(save|merge|write|export|use)$/.test(args[index + 1] ?? args[index - 1] ?? '')))) {
    return [flagDestructive(RETARGET_REASON)];
  }
  // `tmux new -d 'kubectl delete ns x'`, `retry 'helm rollback api'`: a quoted command line handed to a tool.
  const quoted = args.filter((arg) => /\s/.test(arg) && EMBEDDED_TOOLS.has(commandName(arg.trim().split(/\s+/)[0]!)));
  if (quoted.length > 0) return quoted.flatMap((text) => context.assessors.shell(text));
  if (isChangingName(name)) return [flagDestructive(`may change or remove things (${name})`)];
  return scanCommandVerbs(name, args);
}
