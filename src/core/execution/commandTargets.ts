// Where a step's commands go when they say so themselves. The terminal is pinned to the
// context in the status bar, but a command can name another target: `kubectl --context
// prod-eu delete …`, `--kubeconfig`, `KUBECONFIG=… kubectl`, `helm --kube-context …`,
// `--cluster`, `--server`/`-s`, `--user`, `--token`. Such a step must be judged (protected or
// not, typed name or not) by the target it names, and the dialog must name that target.
//
// Some commands also move where *later* steps go, by rewriting the kubeconfig kubectl reads
// in that terminal (`kubectx`, `kubectl config use-context|set-context`, `aws eks
// update-kubeconfig`) or the terminal's KUBECONFIG itself (`export KUBECONFIG=`, `unset
// KUBECONFIG`). Those are destructive whatever they look like: "changes where later steps run".
//
// This module only finds what the text says; judgeStepTargets (commandTargetJudgement.ts)
// looks the names up in the kubeconfig and decides.

import { parseOptions } from './commandOptions';
import { KUBECTL_OPTIONS } from './kubernetesRiskRules';
import { assessPythonText } from './pythonRiskRules';
import type { RiskAssessors } from './riskFinding';
import type { StepLanguage } from './riskAssessment';
import { isAssignment, splitShellCommands } from './shellLexer';
import { commandName, DATA_HEADERS, kubectlWrapperArgs, RESERVED_WORDS, unwrapCommand } from './shellRiskRules';

/** A command that names where it goes, as far as the text says. */
export interface NamedTarget {
  /** The tool, e.g. `kubectl`, `helm`. */
  readonly tool: string;
  /** How the command names its target, for the dialog: `kubectl --context prod-eu`. */
  readonly written: string;
  readonly context?: string;
  readonly cluster?: string;
  readonly server?: string;
  readonly user?: string;
  /** A bearer token of its own (`--token`, `--kube-token`); the value is never kept. */
  readonly token?: boolean;
  /** `--kubeconfig` or `KUBECONFIG=` paths, as written. */
  readonly kubeconfig?: readonly string[];
  /** The host of `ssh host kubectl …`: its cluster is the remote host's business. */
  readonly host?: string;
  /** Set when the target cannot be read from the text: why, for the dialog. */
  readonly unreadable?: string;
}

export interface CommandTargets {
  readonly targets: readonly NamedTarget[];
  /** Each command that moves later steps, once: `kubectl config use-context`. */
  readonly retargets: readonly string[];
}

type TargetField = 'context' | 'cluster' | 'server' | 'user' | 'token' | 'kubeconfig';

/** Flags naming a target, per tool; short flags take `-s URL`, `-s=URL` and `-sURL`. */
type TargetFlags = Readonly<Partial<Record<TargetField, readonly string[]>>>;

const KUBECTL_FLAGS: TargetFlags = {
  context: ['--context'],
  cluster: ['--cluster'],
  server: ['--server', '-s'],
  user: ['--user'],
  token: ['--token'],
  kubeconfig: ['--kubeconfig'],
};
/** kubectl's long flags only: in these tools `-s` means something else (stern's `--since`). */
const CLIENT_GO_LONG_FLAGS: TargetFlags = {
  context: ['--context'],
  cluster: ['--cluster'],
  server: ['--server'],
  user: ['--user'],
  token: ['--token'],
  kubeconfig: ['--kubeconfig'],
};
const HELM_FLAGS: TargetFlags = {
  context: ['--kube-context'],
  server: ['--kube-apiserver'],
  token: ['--kube-token'],
  kubeconfig: ['--kubeconfig'],
};

/** Tools that read a kubeconfig, with the flags that pick their target. */
const KUBE_TOOLS: ReadonlyMap<string, TargetFlags> = new Map<string, TargetFlags>([
  ['kubectl', KUBECTL_FLAGS],
  ['oc', KUBECTL_FLAGS],
  ['virtctl', KUBECTL_FLAGS],
  ['argo', KUBECTL_FLAGS],
  ['helm', HELM_FLAGS],
  ['helmfile', { context: ['--kube-context'], kubeconfig: ['--kubeconfig'] }],
  ['skaffold', { context: ['--kube-context'], kubeconfig: ['--kubeconfig'] }],
  ['velero', { context: ['--kubecontext'], kubeconfig: ['--kubeconfig'] }],
  ['k9s', CLIENT_GO_LONG_FLAGS],
  ['stern', CLIENT_GO_LONG_FLAGS],
  ['flux', CLIENT_GO_LONG_FLAGS],
  ['istioctl', CLIENT_GO_LONG_FLAGS],
  ['linkerd', CLIENT_GO_LONG_FLAGS],
  ['cilium', CLIENT_GO_LONG_FLAGS],
  ['kubeseal', CLIENT_GO_LONG_FLAGS],
  ['kustomize', {}],
  ['kubectx', CLIENT_GO_LONG_FLAGS],
  ['kubens', CLIENT_GO_LONG_FLAGS],
]);

/** `kubectl config` subcommands that only read. */
const CONFIG_READ_VERBS = new Set(['view', 'current-context', 'get-contexts', 'get-clusters', 'get-users', 'help']);

/** Commands that write a context into the kubeconfig and make it current: tool, then the words that must follow. */
const KUBECONFIG_WRITERS: readonly (readonly string[])[] = [
  ['aws', 'eks', 'update-kubeconfig'],
  ['gcloud', 'container', 'clusters', 'get-credentials'],
  ['gcloud', 'container', 'fleet', 'memberships', 'get-credentials'],
  ['az', 'aks', 'get-credentials'],
  ['doctl', 'kubernetes', 'cluster', 'kubeconfig', 'save'],
  ['oci', 'ce', 'cluster', 'create-kubeconfig'],
  ['kind', 'export', 'kubeconfig'],
  ['k3d', 'kubeconfig', 'merge'],
  ['minikube', 'update-context'],
  ['eksctl', 'utils', 'write-kubeconfig'],
];

/** Builtins that assign variables: `export KUBECONFIG=…` and friends. */
const ASSIGNING_BUILTINS = new Set(['export', 'declare', 'typeset', 'local', 'readonly']);

/** Wrapper nesting past which nothing more is looked at (the risk check already asks then). */
const MAX_DEPTH = 16;

/** Finds the targets a step's commands name, and the commands that move later steps. */
export function findCommandTargets(text: string, language: StepLanguage): CommandTargets {
  const walker = new TargetWalker();
  if (language === 'shell') walker.shell(text, false);
  else if (language === 'python') walker.python(text);
  // SQL reaches a database, never a kube context.
  return { targets: walker.targets, retargets: [...new Set(walker.retargets)] };
}

/** Skips reserved words, `$` prompts and assignments before a command; `KUBECONFIG=…` among them is remembered. */
function skipCommandPrefix(input: readonly string[], kubeconfig: readonly string[] | undefined): { start: number; assigned: readonly string[] | undefined } {
  let start = 0;
  let assigned = kubeconfig;
  while (start < input.length && (RESERVED_WORDS.has(input[start]!) || input[start] === '$' || isAssignment(input[start]!))) {
    if (isAssignment(input[start]!)) assigned = assignedKubeconfig([input[start]!]) ?? assigned;
    start++;
  }
  return { start, assigned };
}

class TargetWalker {
  readonly targets: NamedTarget[] = [];
  readonly retargets: string[] = [];
  private depth = 0;

  shell(text: string, remote: string | false): void {
    if (this.depth > MAX_DEPTH) return;
    this.depth++;
    try {
      for (const command of splitShellCommands(text)) {
        if (command.unchecked !== undefined) continue;
        const kubeconfig = assignedKubeconfig(command.assignments);
        if (command.words.length === 0) {
          // `KUBECONFIG=/x` alone: the terminal's exported KUBECONFIG changes for every later step.
          if (kubeconfig !== undefined) this.retargets.push('KUBECONFIG=');
          continue;
        }
        this.words(command.words, kubeconfig, command.stdin, remote);
      }
    } finally {
      this.depth--;
    }
  }

  /** Python steps: the shell commands its `os.system` / `subprocess` calls run with literal text. */
  python(text: string): void {
    const collect: RiskAssessors = {
      shell: (shellText) => {
        this.shell(shellText, false);
        return [];
      },
      sql: () => [],
      python: (pythonText) => {
        this.python(pythonText);
        return [];
      },
    };
    assessPythonText(text, collect);
  }

  private words(input: readonly string[], kubeconfig: readonly string[] | undefined, stdin: readonly string[], remote: string | false): void {
    if (this.depth > MAX_DEPTH) return;
    const { start, assigned: prefixAssigned } = skipCommandPrefix(input, kubeconfig);
    let assigned = prefixAssigned;
    const first = input[start];
    if (first === undefined || DATA_HEADERS.has(first)) return;
    const name = commandName(first);
    const args = input.slice(start + 1);

    if (this.shellStateRetarget(name, args)) return;
    if (name === 'env') {
      // `env KUBECONFIG=/x kubectl …`: the assignments apply to the command it runs.
      for (const arg of args) {
        if (!isAssignment(arg)) break;
        assigned = assignedKubeconfig([arg]) ?? assigned;
      }
    }
    if (this.wrappedCommand(name, args, assigned, stdin, remote)) return;

    const kubectlArgs = kubectlWrapperArgs(name, args);
    const tool = kubectlArgs ? 'kubectl' : name;
    const flags = KUBE_TOOLS.get(tool);
    if (flags) {
      this.kubeTool(tool, kubectlArgs ?? args, flags, assigned, remote);
      return;
    }
    this.otherProgram(name, args, assigned, stdin, remote);
  }

  /** Runs `walk` one level deeper, for text a command hands on to another command or shell. */
  private nested(walk: () => void): void {
    this.depth++;
    try {
      walk();
    } finally {
      this.depth--;
    }
  }

  /** `export KUBECONFIG=…`, `unset KUBECONFIG`: true when `name` is such a builtin (retarget or not). */
  private shellStateRetarget(name: string, args: readonly string[]): boolean {
    if (ASSIGNING_BUILTINS.has(name)) {
      if (args.some((arg) => /^KUBECONFIG\+?=/.test(arg))) this.retargets.push(`${name} KUBECONFIG=`);
      return true;
    }
    if (name === 'unset') {
      if (args.includes('KUBECONFIG')) this.retargets.push('unset KUBECONFIG');
      return true;
    }
    return false;
  }

  /** `ssh host cmd`, `sudo cmd`, `bash -c '…'`: walks the command they run; true when `name` is one of them. */
  private wrappedCommand(name: string, args: readonly string[], assigned: readonly string[] | undefined, stdin: readonly string[], remote: string | false): boolean {
    if (name === 'ssh') {
      const unwrapped = unwrapCommand(name, args);
      this.nested(() => {
        if (unwrapped?.shell !== undefined) this.shell(unwrapped.shell, `ssh ${sshHost(args)}`);
        for (const text of stdin) this.shell(text, `ssh ${sshHost(args)}`);
      });
      return true;
    }
    const unwrapped = unwrapCommand(name, args);
    if (unwrapped) {
      this.nested(() => {
        if (unwrapped.shell !== undefined) this.shell(unwrapped.shell, remote);
        else this.words(unwrapped.words, assigned, stdin, remote);
      });
      return true;
    }
    if (isShellInterpreter(name)) {
      this.nested(() => {
        const dashC = args.findIndex((arg) => /^-[a-zA-Z]*c[a-zA-Z]*$/.test(arg));
        if (dashC !== -1 && args[dashC + 1] !== undefined) this.shell(args[dashC + 1]!, remote);
        for (const text of stdin) this.shell(text, remote);
      });
      return true;
    }
    return false;
  }

  /** A program that is not a kube tool: it may write a kubeconfig, read KUBECONFIG, or wrap a kube tool. */
  private otherProgram(name: string, args: readonly string[], assigned: readonly string[] | undefined, stdin: readonly string[], remote: string | false): void {
    const writer = kubeconfigWriter(name, args);
    if (writer) this.retargets.push(writer.join(' '));
    // Any other program started with KUBECONFIG=… (a team's deploy script) reads that kubeconfig.
    if (assigned !== undefined) this.targets.push(kubeconfigTarget(name, assigned, remote));
    // An unknown wrapper (`retry 3 kubectl …`): look at the kube tool among its arguments.
    const embedded = args.findIndex((arg) => KUBE_TOOLS.has(commandName(arg)));
    if (embedded !== -1) this.nested(() => this.words(args.slice(embedded), assigned, stdin, remote));
  }

  private kubeTool(tool: string, args: readonly string[], flags: TargetFlags, assigned: readonly string[] | undefined, remote: string | false): void {
    // Flags after `--` belong to the command run in a pod (`kubectl exec … -- kubectl …`).
    const own = args.includes('--') ? args.slice(0, args.indexOf('--')) : args;
    const found: Partial<Record<TargetField, string>> = {};
    const writtenParts: string[] = [tool];
    let unreadable: string | undefined;
    // `kubectl config set-cluster x --server=…` edits the kubeconfig: its flags are data (the edit
    // itself is a retarget, below). Only --kubeconfig says which file it edits.
    const editsConfig = (tool === 'kubectl' || tool === 'oc') && parseOptions(own, KUBECTL_OPTIONS).positionals[0] === 'config';
    const fields = editsConfig ? (['kubeconfig'] as const) : (['context', 'cluster', 'server', 'user', 'token', 'kubeconfig'] as const);
    for (const field of fields) {
      const value = flagValue(own, flags[field] ?? []);
      if (value === undefined || value.value === '') continue;
      found[field] = value.value;
      writtenParts.push(field === 'token' ? `${value.flag} …` : `${value.flag} ${value.value}`);
      if (field !== 'token' && !isLiteral(value.value)) unreadable ??= `${value.flag} is given a value the check cannot read (${value.value})`;
    }
    let kubeconfig: readonly string[] | undefined = found.kubeconfig !== undefined ? [found.kubeconfig] : undefined;
    if (kubeconfig === undefined && assigned !== undefined) {
      kubeconfig = assigned;
      writtenParts.splice(0, 0, `KUBECONFIG=${assigned.join(':')}`);
      if (!assigned.every(isLiteral)) unreadable ??= `KUBECONFIG is given a value the check cannot read (${assigned.join(':')})`;
    }

    this.noteRetarget(tool, own);

    if (remote !== false) {
      // kubectl on another host uses that host's kubeconfig: nothing here says which cluster.
      this.targets.push({ tool, written: `${remote} ${writtenParts.join(' ')}`, host: remote.replace(/^ssh /, ''), unreadable: `it runs ${tool} on another host (${remote}), whose cluster cannot be known here` });
      return;
    }
    const named = Object.keys(found).length > 0 || kubeconfig !== undefined;
    if (!named) return;
    this.targets.push({
      tool,
      written: writtenParts.join(' '),
      ...(found.context !== undefined ? { context: found.context } : {}),
      ...(found.cluster !== undefined ? { cluster: found.cluster } : {}),
      ...(found.server !== undefined ? { server: found.server } : {}),
      ...(found.user !== undefined ? { user: found.user } : {}),
      ...(found.token !== undefined ? { token: true } : {}),
      ...(kubeconfig !== undefined ? { kubeconfig } : {}),
      ...(unreadable !== undefined ? { unreadable } : {}),
    });
  }

  /** kubectx, kubens, `kubectl config use-context`, `oc project x`, `kubectl ctx x`… */
  private noteRetarget(tool: string, args: readonly string[]): void {
    const words = tool === 'kubectl' || tool === 'oc' ? parseOptions(args, KUBECTL_OPTIONS).positionals : positionals(args);
    const help = args.includes('-h') || args.includes('--help');
    if (help) return;
    if (tool === 'kubectx' || tool === 'kubens') {
      // Bare, they may be interactive (fzf) and switch; only `-c` / `--current` just prints.
      if (!args.includes('-c') && !args.includes('--current')) this.retargets.push(tool);
      return;
    }
    if (tool !== 'kubectl' && tool !== 'oc') return;
    const [verb, sub] = words;
    if (verb === 'config' && sub !== undefined && !CONFIG_READ_VERBS.has(sub)) this.retargets.push(`${tool} config ${sub}`);
    else if ((verb === 'ctx' || verb === 'ns') && !args.includes('-c') && !args.includes('--current')) this.retargets.push(`${tool} ${verb}`);
    else if (tool === 'oc' && verb === 'project' && sub !== undefined) this.retargets.push('oc project');
    else if (tool === 'oc' && (verb === 'login' || verb === 'logout')) this.retargets.push(`oc ${verb}`);
  }
}

function kubeconfigTarget(tool: string, paths: readonly string[], remote: string | false): NamedTarget {
  const written = `KUBECONFIG=${paths.join(':')} ${tool}`;
  if (remote !== false) return { tool, written, host: remote.replace(/^ssh /, ''), unreadable: `it runs ${tool} on another host (${remote}), whose cluster cannot be known here` };
  return { tool, written, kubeconfig: paths, ...(paths.every(isLiteral) ? {} : { unreadable: `KUBECONFIG is given a value the check cannot read (${paths.join(':')})` }) };
}

/** The KUBECONFIG value of `KUBECONFIG=…` among assignments (the last one wins), split into paths. */
function assignedKubeconfig(assignments: readonly string[]): readonly string[] | undefined {
  let value: string | undefined;
  for (const assignment of assignments) {
    const match = /^KUBECONFIG\+?=(.*)$/s.exec(assignment);
    if (match) value = match[1]!;
  }
  if (value === undefined) return undefined;
  // Split like kubectl: on ':' (a path list), keeping `${…}` whole.
  return value.split(/:(?![^{]*\})/).filter((path) => path !== '');
}

/** The value of the last of `names` in `args` (`--flag v`, `--flag=v`, `-sV`). */
function flagValue(args: readonly string[], names: readonly string[]): { flag: string; value: string } | undefined {
  let found: { flag: string; value: string } | undefined;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    for (const name of names) {
      if (arg === name && index + 1 < args.length) found = { flag: name, value: args[index + 1]! };
      else if (arg.startsWith(`${name}=`)) found = { flag: name, value: arg.slice(name.length + 1) };
      else if (name.length === 2 && arg.startsWith(name) && arg.length > 2 && !arg.startsWith('--')) found = { flag: name, value: arg.slice(2) };
    }
  }
  return found;
}

/**
 * A value the text fixes: no expansion, no substitution, no unfilled placeholder. A leading
 * `$HOME` / `${HOME}` is allowed (resolveHomeVariable): runbooks write kubeconfig paths that way.
 */
function isLiteral(value: string): boolean {
  const rest = value.replace(/^(\$HOME|\$\{HOME\})(?=\/|$)/, '~');
  return !/[$`]/.test(rest) && !/^<.*>$/.test(rest) && !/^~[^/]/.test(rest);
}

/** `$HOME/x` and `${HOME}/x` as `~/x`, which path expansion understands. */
export function resolveHomeVariable(path: string): string {
  return path.replace(/^(\$HOME|\$\{HOME\})(?=\/|$)/, '~');
}

function positionals(args: readonly string[]): string[] {
  return args.filter((arg) => !arg.startsWith('-'));
}

/**
 * `aws --region x eks update-kubeconfig …`: the words in order, with option values allowed in
 * between (a flag's value cannot be told from a positional word without each tool's options).
 */
function kubeconfigWriter(name: string, args: readonly string[]): readonly string[] | undefined {
  const words = positionals(args);
  return KUBECONFIG_WRITERS.find(([tool, ...path]) => {
    if (tool !== name) return false;
    let at = 0;
    for (const word of words) if (word === path[at] && ++at === path.length) return true;
    return false;
  });
}

function isShellInterpreter(name: string): boolean {
  return ['bash', 'sh', 'zsh', 'dash', 'ksh', 'ash'].includes(name);
}

function sshHost(args: readonly string[]): string {
  return positionals(args)[0] ?? 'another host';
}
