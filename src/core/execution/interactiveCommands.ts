// Steps that leave a program in the foreground of the terminal: a session on another host or
// as another user, a shell or database prompt, a full-screen program, a pager, or a command
// that follows output until stopped. Such a step gets a terminal of its own, so the next step
// is never typed into that program (on another host, as another user, or as a password).
//
// One table, keyed by program name, decides; wrappers (`sudo`, `env`, `kubectl exec -it`,
// `ssh host cmd`, `bash -c`) are looked through. Whether stdin and stdout are the terminal
// matters: `psql <<EOF` or `kubectl logs x | less` are judged by where input comes from and
// output goes. Programs the table does not know are still safe: a terminal whose command has
// not ended never gets another step.

import { isAssignment, splitShellCommands, type SimpleCommand } from './shellLexer';

export type InteractiveKind = 'session' | 'shell' | 'prompt' | 'full-screen' | 'pager' | 'follow' | 'input';

export interface InteractiveUse {
  /** The program as the user knows it, e.g. `ssh`, `psql`, `kubectl logs -f`. */
  readonly program: string;
  readonly kind: InteractiveKind;
  /** A short phrase for the lens tooltip and the log, e.g. "opens a session on another host (ssh)". */
  readonly reason: string;
}

interface Streams {
  /** Standard input is the terminal: not a pipe, heredoc, here-string or `<` redirect. */
  readonly stdinTerminal: boolean;
  /** Standard output is the terminal: not piped or redirected (a pager would not start). */
  readonly stdoutTerminal: boolean;
}

/** Judges one command from its name and arguments; `inner` judges a command it runs. */
type Rule = (args: readonly string[], streams: Streams, inner: (words: readonly string[], streams: Streams) => InteractiveUse | undefined) => InteractiveUse | undefined;

const PHRASES: Readonly<Record<InteractiveKind, string>> = {
  session: 'opens a session on another host or as another user',
  shell: 'starts an interactive shell',
  prompt: 'opens an interactive prompt',
  'full-screen': 'opens a full-screen program',
  pager: 'shows its output in a pager',
  follow: 'keeps running until stopped',
  input: 'waits for input typed in the terminal',
};

function use(program: string, kind: InteractiveKind): InteractiveUse {
  return { program, kind, reason: `${PHRASES[kind]} (${program})` };
}

const NO_LONG_VALUES: ReadonlySet<string> = new Set();
const KUBECTL_LONG_VALUES = new Set(['namespace', 'context', 'container', 'selector', 'output', 'kubeconfig', 'cluster', 'user', 'server', 'token', 'image', 'overrides', 'env', 'restart', 'port', 'pod-running-timeout', 'since', 'tail', 'request-timeout', 'as', 'address', 'profile', 'target', 'filename', 'labels']);
const CONTAINER_LONG_VALUES = new Set(['name', 'network', 'entrypoint', 'user', 'workdir', 'env', 'env-file', 'volume', 'publish', 'mount', 'label', 'hostname', 'platform', 'pull', 'restart', 'cpus', 'memory', 'detach-keys', 'file', 'project-name', 'tail', 'since']);

/** Options of a command, split from its operands; `withValue` lists options that take the next word. */
function parseOptions(
  args: readonly string[],
  withValue: string,
  longWithValue: ReadonlySet<string> = NO_LONG_VALUES,
): { flags: Set<string>; long: Set<string>; operands: string[]; values: Map<string, string> } {
  const flags = new Set<string>();
  const long = new Set<string>();
  const operands: string[] = [];
  const values = new Map<string, string>();
  for (let index = 0; index < args.length; index++) {
    const word = args[index]!;
    if (word === '--') {
      operands.push(...args.slice(index + 1));
      break;
    }
    if (word.startsWith('--')) {
      const [name, value] = word.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      long.add(name);
      if (value !== undefined) values.set(name, value);
      else if (longWithValue.has(name)) values.set(name, args[++index] ?? '');
    } else if (word.startsWith('-') && word.length > 1) {
      for (let position = 1; position < word.length; position++) {
        const flag = word[position]!;
        flags.add(flag);
        if (withValue.includes(flag)) {
          const glued = word.slice(position + 1);
          values.set(flag, glued !== '' ? glued : (args[++index] ?? ''));
          break;
        }
      }
    } else {
      operands.push(word);
    }
  }
  return { flags, long, operands, values };
}

/** Judges text handed to a shell (`bash -c '…'`, `ssh host '…'`, `su -c '…'`). */
function judgeText(text: string, streams: Streams): InteractiveUse | undefined {
  return judgeCommands(splitShellCommands(text), streams);
}

const whenStdin =
  (kind: InteractiveKind, program?: string): Rule =>
  (_args, streams) =>
    streams.stdinTerminal ? use(program ?? '', kind) : undefined;

/** A shell: interactive without a script or `-c`; `-c` text is judged. */
const shellRule =
  (name: string): Rule =>
  (args, streams) => {
    const options = parseOptions(args, 'oO', new Set(['rcfile', 'init-file']));
    if (options.flags.has('c')) return options.operands[0] !== undefined ? judgeText(options.operands[0], streams) : undefined;
    if (options.flags.has('i')) return use(name, 'shell');
    if (options.operands.length > 0 && !options.flags.has('s')) return undefined;
    return streams.stdinTerminal ? use(name, 'shell') : undefined;
  };

/** A language interpreter: a prompt without a script, `-c`/`-e` code or a module. */
const interpreterRule =
  (name: string, codeFlags: string, withValue = ''): Rule =>
  (args, streams) => {
    const options = parseOptions(args, codeFlags + withValue);
    if (options.flags.has('i')) return use(name, 'prompt');
    if ([...codeFlags].some((flag) => options.flags.has(flag)) || options.long.has('eval') || options.long.has('print')) return undefined;
    if (options.operands.length > 0 && options.operands[0] !== '-') return undefined;
    return streams.stdinTerminal ? use(name, 'prompt') : undefined;
  };

/** A database client: a prompt unless it is given statements, a file, or stdin that is not the terminal. */
const clientRule =
  (name: string, statementFlags: string, statementLong: readonly string[], withValue: string): Rule =>
  (args, streams) => {
    const options = parseOptions(args, withValue);
    if ([...statementFlags].some((flag) => options.flags.has(flag)) || statementLong.some((flag) => options.long.has(flag))) return undefined;
    if (options.long.has('help') || options.long.has('version') || options.flags.has('V')) return undefined;
    return streams.stdinTerminal ? use(name, 'prompt') : undefined;
  };

const fullScreen =
  (name: string): Rule =>
  () =>
    use(name, 'full-screen');

/** Pagers and viewers that only page when their output is the terminal. */
const pagerProgram =
  (name: string): Rule =>
  (_args, streams) =>
    streams.stdoutTerminal ? use(name, 'full-screen') : undefined;

/** `<tool> [interval [count]]` statistics tools: an interval without a count runs forever. */
const intervalRule =
  (name: string, withValue = ''): Rule =>
  (args) => {
    const numbers = parseOptions(args, withValue).operands.filter((word) => /^\d+(\.\d+)?$/.test(word));
    return numbers.length === 1 ? use(`${name} ${numbers[0]}`, 'follow') : undefined;
  };

/** Filters that read standard input when given no file: waiting for typed input otherwise. */
const filterRule =
  (name: string, withValue: string, programOperands = 0, programFlags = ''): Rule =>
  (args, streams) => {
    if (!streams.stdinTerminal) return undefined;
    const options = parseOptions(args, withValue);
    if (options.flags.has('r') && (name === 'grep' || name === 'egrep')) return undefined;
    const skip = [...programFlags].some((flag) => options.flags.has(flag)) ? 0 : programOperands;
    const files = options.operands.slice(skip);
    return files.length === 0 || files.includes('-') ? use(name, 'input') : undefined;
  };

function sshRule(name: string): Rule {
  return (args, streams) => {
    const options = parseOptions(args, 'BbcDEeFIiJLlmOoPpQRSWw');
    if (options.flags.has('f')) return undefined;
    if (options.flags.has('N')) return use(`${name} -N`, 'follow');
    const [host, ...remote] = options.operands;
    if (host === undefined) return undefined;
    if (remote.length === 0) return streams.stdinTerminal || options.flags.has('t') ? use(name, 'session') : undefined;
    const inner = judgeText(remote.join(' '), streams);
    return inner ? { ...inner, program: `${name} … ${inner.program}`, reason: `${PHRASES[inner.kind]} on another host (${name} … ${inner.program})` } : undefined;
  };
}

/** `sudo`/`doas`: a root shell with `-i`/`-s` and no command; otherwise the command is judged. */
function privilegeRule(name: string, withValue: string): Rule {
  return (args, streams, inner) => {
    // Options end at the first word that is not one: the command, whose own options follow.
    let start = 0;
    const flags = new Set<string>();
    while (start < args.length && args[start]!.startsWith('-')) {
      const word = args[start++]!;
      if (word === '--') break;
      if (word.startsWith('--')) {
        const long = word.slice(2).split('=')[0]!;
        flags.add(long === 'login' ? 'i' : long === 'shell' ? 's' : long === 'edit' ? 'e' : long);
        if (!word.includes('=') && ['user', 'group', 'host', 'prompt', 'chdir', 'chroot', 'close-from', 'other-user', 'role', 'type', 'command-timeout'].includes(long)) start++;
        continue;
      }
      for (let position = 1; position < word.length; position++) {
        flags.add(word[position]!);
        if (withValue.includes(word[position]!)) {
          if (position === word.length - 1) start++;
          break;
        }
      }
    }
    if (flags.has('e') || name === 'sudoedit') return use(`${name} -e`, 'full-screen');
    const command = args.slice(start);
    if (command.length === 0) return flags.has('i') || flags.has('s') ? use(`${name} -${flags.has('i') ? 'i' : 's'}`, 'session') : undefined;
    return inner(command, streams);
  };
}

function suRule(name: string): Rule {
  return (args, streams) => {
    const options = parseOptions(args, 'cgGs');
    const command = options.values.get('c') ?? options.values.get('command') ?? options.values.get('session-command');
    if (command !== undefined) return judgeText(command, streams);
    return use(name, 'session');
  };
}

/** `kubectl`/`oc`, by subcommand. */
function kubectlRule(name: string): Rule {
  const withValue = 'nclos';
  return (args, streams, inner) => {
    const dashDash = args.indexOf('--');
    const before = dashDash === -1 ? args : args.slice(0, dashDash);
    const after = dashDash === -1 ? [] : args.slice(dashDash + 1);
    const options = parseOptions(before, withValue, KUBECTL_LONG_VALUES);
    const verb = options.operands[0];
    const follows = options.flags.has('f') || isTrue(options, 'follow');
    const stdin = options.flags.has('i') || isTrue(options, 'stdin');
    switch (verb) {
      case 'logs':
        return follows ? use(`${name} logs -f`, 'follow') : undefined;
      case 'get':
      case 'events':
        return options.flags.has('w') || isTrue(options, 'watch') || isTrue(options, 'watch-only') ? use(`${name} ${verb} --watch`, 'follow') : undefined;
      case 'port-forward':
      case 'proxy':
        return use(`${name} ${verb}`, 'follow');
      case 'edit':
        return use(`${name} edit`, 'full-screen');
      case 'attach':
        return stdin ? use(`${name} attach -i`, 'session') : use(`${name} attach`, 'follow');
      case 'rsh':
        return use(`${name} rsh`, 'session');
      case 'exec':
      case 'run':
      case 'debug': {
        if (!stdin) return undefined;
        const command = after.length > 0 ? after : verb === 'exec' ? options.operands.slice(2) : [];
        // Without a command, `run`/`debug` start the image's own entrypoint, usually a shell.
        if (command.length === 0) return use(`${name} ${verb} -i`, 'session');
        const found = inner(command, { stdinTerminal: true, stdoutTerminal: streams.stdoutTerminal });
        return found ? { ...found, program: `${name} ${verb} … ${found.program}`, reason: `${PHRASES[found.kind]} in a container (${name} ${verb} … ${found.program})` } : undefined;
      }
      case 'apply':
      case 'create':
      case 'replace':
        return streams.stdinTerminal && before.some((word, index) => ((word === '-f' || word === '--filename') && before[index + 1] === '-') || word === '--filename=-' || word === '-f-')
          ? use(`${name} ${verb} -f -`, 'input')
          : undefined;
      default:
        return undefined;
    }
  };
}

function isTrue(options: { long: Set<string>; values: Map<string, string> }, name: string): boolean {
  return options.long.has(name) && (options.values.get(name) ?? 'true') !== 'false';
}

function containerRule(name: string): Rule {
  return (args, streams, inner) => {
    const options = parseOptions(args, 'euwpvlm', CONTAINER_LONG_VALUES);
    const verb = options.operands[0];
    const stdin = options.flags.has('i') || options.long.has('interactive');
    if (verb === 'compose') {
      const sub = options.operands[1];
      if (sub === 'logs') return options.flags.has('f') || options.long.has('follow') ? use(`${name} compose logs -f`, 'follow') : undefined;
      if (sub === 'up') return options.flags.has('d') || options.long.has('detach') ? undefined : use(`${name} compose up`, 'follow');
      return undefined;
    }
    switch (verb) {
      case 'logs':
        return options.flags.has('f') || options.long.has('follow') ? use(`${name} logs -f`, 'follow') : undefined;
      case 'attach':
        return use(`${name} attach`, 'session');
      case 'events':
        return use(`${name} events`, 'follow');
      case 'stats':
        return options.long.has('no-stream') ? undefined : use(`${name} stats`, 'full-screen');
      case 'exec':
      case 'run': {
        if (!stdin) return undefined;
        const command = options.operands.slice(2);
        if (command.length === 0) return use(`${name} ${verb} -i`, 'session');
        const found = inner(command, { stdinTerminal: true, stdoutTerminal: streams.stdoutTerminal });
        return found ? { ...found, program: `${name} ${verb} … ${found.program}`, reason: `${PHRASES[found.kind]} in a container (${name} ${verb} … ${found.program})` } : undefined;
      }
      default:
        return undefined;
    }
  };
}

const RULES: Readonly<Record<string, Rule>> = {
  // Sessions on another host or as another user.
  ssh: sshRule('ssh'),
  autossh: sshRule('autossh'),
  mosh: () => use('mosh', 'session'),
  telnet: whenStdin('session', 'telnet'),
  sftp: (args, streams) => (parseOptions(args, 'bBcDFilPRsS').flags.has('b') ? undefined : streams.stdinTerminal ? use('sftp', 'session') : undefined),
  ftp: whenStdin('session', 'ftp'),
  su: suRule('su'),
  sudo: privilegeRule('sudo', 'ughpCDRTUrt'),
  sudoedit: privilegeRule('sudoedit', 'ughpCDRTUrt'),
  doas: privilegeRule('doas', 'uC'),
  machinectl: (args) => (args[0] === 'shell' || args[0] === 'login' ? use(`machinectl ${args[0]}`, 'session') : undefined),
  nc: (args, streams) => {
    const options = parseOptions(args, 'iIOpqsTVwWxX');
    if (options.flags.has('l')) return use('nc -l', 'follow');
    if (options.flags.has('z')) return undefined;
    return streams.stdinTerminal ? use('nc', 'session') : undefined;
  },
  openssl: (args, streams) => (args[0] === 's_server' ? use('openssl s_server', 'follow') : args[0] === 's_client' && streams.stdinTerminal ? use('openssl s_client', 'session') : undefined),
  // Shells.
  bash: shellRule('bash'),
  sh: shellRule('sh'),
  dash: shellRule('dash'),
  zsh: shellRule('zsh'),
  ksh: shellRule('ksh'),
  ash: shellRule('ash'),
  fish: shellRule('fish'),
  tcsh: shellRule('tcsh'),
  csh: shellRule('csh'),
  busybox: (args, streams, inner) => (args.length > 0 ? inner(args, streams) : undefined),
  // Language prompts.
  python: interpreterRule('python', 'cm', 'WXQ'),
  ipython: interpreterRule('ipython', 'cm'),
  bpython: interpreterRule('bpython', 'c'),
  node: interpreterRule('node', 'ep', 'r'),
  deno: (args, streams) => (args.length === 0 || args[0] === 'repl' ? (streams.stdinTerminal ? use('deno', 'prompt') : undefined) : undefined),
  irb: () => use('irb', 'prompt'),
  pry: () => use('pry', 'prompt'),
  iex: () => use('iex', 'prompt'),
  erl: interpreterRule('erl', '', 'e'),
  ghci: () => use('ghci', 'prompt'),
  jshell: interpreterRule('jshell', ''),
  lua: interpreterRule('lua', 'e'),
  julia: interpreterRule('julia', 'eE'),
  R: (args, streams) => (args.some((word) => word === '-e' || word === '-f' || word.startsWith('--file')) ? undefined : streams.stdinTerminal ? use('R', 'prompt') : undefined),
  perl: interpreterRule('perl', 'eE', 'IMm'),
  ruby: interpreterRule('ruby', 'e', 'IrC'),
  php: (args) => (args.includes('-a') ? use('php -a', 'prompt') : undefined),
  gdb: (args) => (args.some((word) => word === '-batch' || word === '--batch') ? undefined : use('gdb', 'prompt')),
  // Database and queue clients.
  psql: clientRule('psql', 'cfl', ['command', 'file', 'list'], 'hpUdcfvPoLTFRS'),
  // `-pSECRET` takes its password glued, never the next word: leave it out before reading options.
  mysql: (args, streams, inner) => clientRule('mysql', 'e', ['execute'], 'huPDSe')(args.filter((word) => !/^-p|^--password/.test(word)), streams, inner),
  mariadb: (args, streams, inner) => clientRule('mariadb', 'e', ['execute'], 'huPDSe')(args.filter((word) => !/^-p|^--password/.test(word)), streams, inner),
  'redis-cli': (args, streams) => {
    const options = parseOptions(args, 'hpsaunridDt');
    const command = options.operands[0]?.toLowerCase();
    if (command !== undefined) return ['monitor', 'subscribe', 'psubscribe', 'ssubscribe'].includes(command) ? use(`redis-cli ${command}`, 'follow') : undefined;
    if (['stat', 'latency', 'latency-history', 'latency-dist'].some((flag) => options.long.has(flag))) return use('redis-cli --stat', 'follow');
    if (['scan', 'bigkeys', 'memkeys', 'hotkeys', 'rdb', 'pipe', 'eval', 'functions-rdb'].some((flag) => options.long.has(flag))) return undefined;
    return streams.stdinTerminal ? use('redis-cli', 'prompt') : undefined;
  },
  mongo: (args, streams) => (args.some((word) => word === '--eval' || word === '-f' || word === '--file' || word.endsWith('.js')) ? undefined : streams.stdinTerminal ? use('mongo', 'prompt') : undefined),
  mongosh: (args, streams) => (args.some((word) => word === '--eval' || word === '-f' || word === '--file' || word.endsWith('.js')) ? undefined : streams.stdinTerminal ? use('mongosh', 'prompt') : undefined),
  sqlite3: (args, streams) => (parseOptions(args, '').operands.length >= 2 ? undefined : streams.stdinTerminal ? use('sqlite3', 'prompt') : undefined),
  cqlsh: clientRule('cqlsh', 'ef', ['execute', 'file'], 'uupk'),
  'clickhouse-client': clientRule('clickhouse-client', 'q', ['query', 'queries-file'], 'hpudq'),
  'kafka-console-consumer': (args) => (args.includes('--max-messages') ? undefined : use('kafka-console-consumer', 'follow')),
  'kafka-console-consumer.sh': (args) => (args.includes('--max-messages') ? undefined : use('kafka-console-consumer.sh', 'follow')),
  'kafka-console-producer': whenStdin('input', 'kafka-console-producer'),
  'kafka-console-producer.sh': whenStdin('input', 'kafka-console-producer.sh'),
  // Full-screen programs.
  less: pagerProgram('less'),
  more: pagerProgram('more'),
  most: pagerProgram('most'),
  man: pagerProgram('man'),
  vi: fullScreen('vi'),
  vim: fullScreen('vim'),
  nvim: fullScreen('nvim'),
  view: fullScreen('view'),
  vimdiff: fullScreen('vimdiff'),
  nano: fullScreen('nano'),
  pico: fullScreen('pico'),
  micro: fullScreen('micro'),
  emacs: (args) => (args.includes('--batch') || args.includes('--script') ? undefined : use('emacs', 'full-screen')),
  mcedit: fullScreen('mcedit'),
  visudo: fullScreen('visudo'),
  vipw: fullScreen('vipw'),
  top: (args) => {
    const options = parseOptions(args, 'dnpuUoOwE');
    if (!options.flags.has('b')) return use('top', 'full-screen');
    return options.flags.has('n') ? undefined : use('top -b', 'follow');
  },
  htop: fullScreen('htop'),
  atop: fullScreen('atop'),
  btop: fullScreen('btop'),
  iotop: (args) => (args.some((word) => /^-[a-zA-Z]*b/.test(word) || word === '--batch') ? undefined : use('iotop', 'full-screen')),
  iftop: fullScreen('iftop'),
  nethogs: fullScreen('nethogs'),
  nload: fullScreen('nload'),
  glances: fullScreen('glances'),
  bmon: fullScreen('bmon'),
  ctop: fullScreen('ctop'),
  k9s: fullScreen('k9s'),
  tig: fullScreen('tig'),
  lazygit: fullScreen('lazygit'),
  lazydocker: fullScreen('lazydocker'),
  mc: fullScreen('mc'),
  ranger: fullScreen('ranger'),
  ncdu: fullScreen('ncdu'),
  nmtui: fullScreen('nmtui'),
  watch: fullScreen('watch'),
  mtr: (args) => (args.some((word) => word === '-r' || word === '--report' || word === '-w' || word === '--report-wide' || word === '--json' || word === '-j') ? undefined : use('mtr', 'full-screen')),
  tmux: (args) => {
    const sub = args.find((word) => !word.startsWith('-'));
    if (sub === undefined || ['attach', 'attach-session', 'a'].includes(sub)) return use('tmux', 'full-screen');
    if ((sub === 'new' || sub === 'new-session') && !args.includes('-d')) return use('tmux', 'full-screen');
    return undefined;
  },
  screen: (args) => (args.some((word) => ['-ls', '-list', '-d', '-dm', '-X', '-Q'].includes(word) || /^-d?m/.test(word)) ? undefined : use('screen', 'full-screen')),
  crontab: (args) => (args.includes('-e') ? use('crontab -e', 'full-screen') : undefined),
  systemctl: (args, streams) => {
    const options = parseOptions(args, 'HMnoptP');
    const verb = options.operands[0];
    if (verb === 'edit') return use('systemctl edit', 'full-screen');
    if (options.long.has('no-pager') || !streams.stdoutTerminal) return undefined;
    return verb === undefined || verb === 'status' || verb === 'cat' || verb === 'show' || verb.startsWith('list-') ? use(`systemctl ${verb ?? 'list-units'}`, 'pager') : undefined;
  },
  journalctl: (args, streams) => {
    const options = parseOptions(args, 'bcDEFinoptuMS' + 'U');
    if (options.flags.has('f') || options.long.has('follow')) return use('journalctl -f', 'follow');
    if (options.long.has('no-pager') || !streams.stdoutTerminal) return undefined;
    return use('journalctl', 'pager');
  },
  git: (args, streams) => {
    const verbIndex = args.findIndex((word, index) => !word.startsWith('-') && !['-C', '-c', '--git-dir', '--work-tree'].includes(args[index - 1] ?? ''));
    const verb = args[verbIndex];
    const rest = args.slice(verbIndex + 1);
    if (verb === 'commit' && !rest.some((word) => /^(-[a-zA-Z]*[mFC]|--message|--file|--no-edit|--fixup|--reuse-message)/.test(word))) return use('git commit', 'full-screen');
    if (verb === 'rebase' && rest.some((word) => word === '-i' || word === '--interactive')) return use('git rebase -i', 'full-screen');
    if ((verb === 'add' || verb === 'checkout' || verb === 'reset' || verb === 'stash') && rest.some((word) => word === '-p' || word === '--patch')) return use(`git ${verb} -p`, 'prompt');
    const pagerOff = args.slice(0, Math.max(0, verbIndex)).some((word) => word === '--no-pager' || word === '-P');
    if (!pagerOff && streams.stdoutTerminal && ['log', 'diff', 'show', 'blame', 'reflog', 'shortlog'].includes(verb ?? '')) return use(`git ${verb}`, 'pager');
    return undefined;
  },
  // Commands that follow output until stopped.
  tail: (args, streams) => {
    const options = parseOptions(args, 'ncs');
    if (options.flags.has('f') || options.flags.has('F') || options.long.has('follow')) return use('tail -f', 'follow');
    return streams.stdinTerminal && options.operands.length === 0 ? use('tail', 'input') : undefined;
  },
  stern: (args) => (args.includes('--no-follow') ? undefined : use('stern', 'follow')),
  kail: () => use('kail', 'follow'),
  kubectl: kubectlRule('kubectl'),
  oc: kubectlRule('oc'),
  docker: containerRule('docker'),
  podman: containerRule('podman'),
  nerdctl: containerRule('nerdctl'),
  'docker-compose': (args) => {
    const options = parseOptions(args, 'fp');
    const sub = options.operands[0];
    if (sub === 'logs') return options.flags.has('f') || options.long.has('follow') ? use('docker-compose logs -f', 'follow') : undefined;
    if (sub === 'up') return options.flags.has('d') || options.long.has('detach') ? undefined : use('docker-compose up', 'follow');
    return undefined;
  },
  dmesg: (args) => (args.some((word) => /^-[a-zA-Z]*[wW]/.test(word) || word === '--follow' || word === '--follow-new') ? use('dmesg -w', 'follow') : undefined),
  ping: (args) => (args.some((word) => /^-[a-zA-Z]*[cw]/.test(word)) ? undefined : use('ping', 'follow')),
  ping6: (args) => (args.some((word) => /^-[a-zA-Z]*[cw]/.test(word)) ? undefined : use('ping6', 'follow')),
  tcpdump: (args) => (args.some((word) => /^-[a-zA-Z]*[cr]/.test(word)) ? undefined : use('tcpdump', 'follow')),
  tshark: (args) => (args.some((word) => /^-[a-zA-Z]*[cra]/.test(word)) ? undefined : use('tshark', 'follow')),
  strace: (args) => (args.some((word) => word === '-p' || /^-p\d/.test(word)) ? use('strace -p', 'follow') : undefined),
  vmstat: intervalRule('vmstat', 'St'),
  iostat: intervalRule('iostat', 'pjgH'),
  mpstat: intervalRule('mpstat', 'PI'),
  pidstat: intervalRule('pidstat', 'pCGeT'),
  sar: intervalRule('sar', 'fobeisPIBn'),
  sleep: (args) => (args.some((word) => word === 'infinity' || word === 'inf') ? use('sleep infinity', 'follow') : undefined),
  etcdctl: (args) => (args.includes('watch') ? use('etcdctl watch', 'follow') : undefined),
  consul: (args) => (args[0] === 'monitor' || args[0] === 'watch' ? use(`consul ${args[0]}`, 'follow') : undefined),
  nomad: (args) => (args[0] === 'monitor' || (args.includes('logs') && args.includes('-f')) ? use('nomad monitor', 'follow') : undefined),
  gcloud: (args) => {
    if (args.includes('ssh') && !args.some((word) => word === '--command' || word.startsWith('--command='))) return use('gcloud compute ssh', 'session');
    if (args.includes('sql') && args.includes('connect')) return use('gcloud sql connect', 'prompt');
    return undefined;
  },
  aws: (args) => {
    if (args[0] === 'ssm' && args[1] === 'start-session') return use('aws ssm start-session', 'session');
    if (args[0] === 'logs' && args[1] === 'tail' && args.includes('--follow')) return use('aws logs tail --follow', 'follow');
    return undefined;
  },
  az: (args) => (args[0] === 'ssh' ? use('az ssh', 'session') : undefined),
  // Waiting for typed input.
  // `-t` bounds the wait, `-u` reads another file descriptor.
  read: (args, streams) => (streams.stdinTerminal && !args.some((word) => /^-[a-zA-Z]*[tu]/.test(word)) ? use('read', 'input') : undefined),
  cat: filterRule('cat', ''),
  tac: filterRule('tac', 's'),
  grep: filterRule('grep', 'efABCmdD', 1, 'ef'),
  egrep: filterRule('egrep', 'efABCmdD', 1, 'ef'),
  sed: filterRule('sed', 'efl', 1, 'ef'),
  awk: filterRule('awk', 'fvF', 1, 'f'),
  jq: (args, streams, inner) => {
    if (args.some((word) => /^-[a-zA-Z]*n/.test(word) || word === '--null-input')) return undefined;
    // `--arg name value` and its kin take two words.
    const named = new Set(['--arg', '--argjson', '--slurpfile', '--rawfile']);
    const rest = args.filter((_, index) => !named.has(args[index - 1] ?? '') && !named.has(args[index - 2] ?? ''));
    return filterRule('jq', 'fL', 1)(rest, streams, inner);
  },
  sort: filterRule('sort', 'kotST'),
  uniq: filterRule('uniq', 'fsw'),
  wc: filterRule('wc', ''),
  head: filterRule('head', 'nc'),
  tr: whenStdin('input', 'tr'),
  tee: whenStdin('input', 'tee'),
  xargs: whenStdin('input', 'xargs'),
  base64: filterRule('base64', 'w'),
};

/** Wrappers that run the rest of their words as a command: options with a value, and whether stdin stays. */
const WRAPPERS: Readonly<Record<string, { withValue: string; stdin: 'kept' | 'closed'; operandsBefore?: number }>> = {
  env: { withValue: 'uCS', stdin: 'kept' },
  time: { withValue: 'fo', stdin: 'kept' },
  nice: { withValue: 'n', stdin: 'kept' },
  ionice: { withValue: 'cnp', stdin: 'kept' },
  stdbuf: { withValue: 'ioe', stdin: 'kept' },
  command: { withValue: '', stdin: 'kept' },
  exec: { withValue: 'a', stdin: 'kept' },
  chroot: { withValue: '', stdin: 'kept', operandsBefore: 1 },
  nohup: { withValue: '', stdin: 'closed' },
  setsid: { withValue: '', stdin: 'kept' },
  timeout: { withValue: 'ks', stdin: 'kept', operandsBefore: 1 },
};

function programName(word: string): string {
  const base = word.slice(word.lastIndexOf('/') + 1);
  if (/^python[0-9.]*$/.test(base) || base === 'pypy3' || base === 'pypy') return 'python';
  return base;
}

/** Reserved words the lexer keeps at the head of a simple command (`if ssh host; then`, `do less x`). */
const RESERVED = new Set(['if', 'then', 'else', 'elif', 'while', 'until', 'do', '!', '{', 'time']);

function judgeWords(words: readonly string[], streams: Streams, depth: number): InteractiveUse | undefined {
  if (depth > 8 || words.length === 0) return undefined;
  let index = 0;
  let loopCondition = false;
  while (index < words.length && (isAssignment(words[index]!) || RESERVED.has(words[index]!))) {
    if (words[index] === 'while' || words[index] === 'until') loopCondition = true;
    index++;
  }
  const name = programName(words[index] ?? '');
  // `while read line; do … done < file`: the loop's input is redirected where the lexer cannot see it from here.
  if (loopCondition && name === 'read') return undefined;
  const args = words.slice(index + 1);
  const wrapper = WRAPPERS[name];
  if (wrapper) {
    let start = 0;
    while (start < args.length && (args[start]!.startsWith('-') || isAssignment(args[start]!))) {
      const flag = args[start]!;
      start += flag.length === 2 && wrapper.withValue.includes(flag[1]!) ? 2 : 1;
    }
    start += wrapper.operandsBefore ?? 0;
    const inner = args.slice(start);
    const innerStreams = wrapper.stdin === 'closed' ? { stdinTerminal: false, stdoutTerminal: false } : streams;
    const found = judgeWords(inner, innerStreams, depth + 1);
    // `timeout` bounds a program that would otherwise run until stopped.
    if (found && name === 'timeout' && found.kind === 'follow') return undefined;
    return found;
  }
  const rule = RULES[name];
  return rule?.(args, streams, (inner, innerStreams) => judgeWords(inner, innerStreams, depth + 1));
}

function judgeCommands(commands: readonly SimpleCommand[], streams: Streams): InteractiveUse | undefined {
  const topLevel = commands.filter((command) => !command.substituted && command.unchecked === undefined);
  for (let index = 0; index < topLevel.length; index++) {
    const command = topLevel[index]!;
    const stdinRedirected = command.redirects.some((redirect) => redirect.operator === '<' || redirect.operator === '<>' || redirect.operator === '<&');
    const stdoutRedirected = command.redirects.some((redirect) => ['>', '>>', '>|', '&>', '&>>'].includes(redirect.operator));
    const own: Streams = {
      stdinTerminal: streams.stdinTerminal && !command.piped && command.stdin.length === 0 && !stdinRedirected,
      stdoutTerminal: streams.stdoutTerminal && !(topLevel[index + 1]?.piped ?? false) && !stdoutRedirected,
    };
    const found = judgeWords(command.words, own, 0);
    if (found) return found;
  }
  return undefined;
}

/**
 * Whether shell text leaves a program in the foreground that takes over the terminal (a
 * session, a prompt, a full-screen program, a pager, or output followed until stopped).
 * Returns the first such program, or undefined.
 */
export function findInteractiveUse(text: string): InteractiveUse | undefined {
  try {
    return judgeCommands(splitShellCommands(text), { stdinTerminal: true, stdoutTerminal: true });
  } catch {
    return undefined;
  }
}
