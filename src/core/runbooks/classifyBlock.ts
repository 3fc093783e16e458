import type { BlockKind } from './model';

// Which fences hold what. Shell covers the POSIX-ish shells people type into a terminal
// (fish included: a fish user's runbook is meant for their fish terminal) and the transcript
// languages `console`/`shell-session`, whose commands are only the prompted lines.
// PowerShell, batch and friends stay `other`: the product runs steps in a POSIX terminal.
// JSON stays `other` too; it is data to copy, not a manifest to apply.
const LANGUAGES: Readonly<Record<Exclude<BlockKind, 'other'>, readonly string[]>> = {
  shell: ['bash', 'sh', 'shell', 'zsh', 'ksh', 'dash', 'fish', 'console', 'shell-session', 'shellsession', 'sh-session'],
  sql: ['sql', 'psql', 'pgsql', 'postgres', 'postgresql', 'plpgsql', 'mysql', 'mariadb', 'sqlite', 'tsql', 'mssql', 'plsql'],
  python: ['python', 'py', 'python3', 'py3'],
  promql: ['promql', 'prometheus', 'metricsql'],
  yaml: ['yaml', 'yml'],
  template: ['markdown', 'md', 'text', 'txt', 'plaintext', 'plain'],
};
const LANGUAGE_KINDS: ReadonlyMap<string, BlockKind> = new Map(
  Object.entries(LANGUAGES).flatMap(([kind, languages]) => languages.map((language) => [language, kind as BlockKind] as const)),
);

const TRANSCRIPT_LANGUAGES: ReadonlySet<string> = new Set(['console', 'shell-session', 'shellsession', 'sh-session']);

export interface BlockClassification {
  readonly kind: BlockKind;
  /** Only prompted lines are commands (a transcript): `commands` must come from `extractPromptedCommands`. */
  readonly prompted: boolean;
  /** A bare fence whose content looks like shell commands. */
  readonly unlabelledShell: boolean;
}

/**
 * Decides a fenced block's kind from its language word, and for bare fences and transcripts
 * from its content: a bare fence is shell when its first meaningful line is a prompt or
 * starts with a well-known command; a `console` block without any prompt is run as a whole
 * when it looks like commands, and is `other` (nothing to run) when it does not, e.g. output
 * or a PromQL expression filed under `console`. A shell block (`bash`, `sh`...) or bare fence
 * whose first command line carries a `$ ` prompt is read as a transcript like `console`.
 */
export function classifyBlock(language: string, content: string): BlockClassification {
  if (language === '') {
    const look = inspectFirstCommandLine(content);
    if (look === 'prompt') return { kind: 'shell', prompted: true, unlabelledShell: true };
    if (look === 'command') return { kind: 'shell', prompted: false, unlabelledShell: true };
    return { kind: 'template', prompted: false, unlabelledShell: false };
  }
  if (TRANSCRIPT_LANGUAGES.has(language)) {
    if (hasPromptLine(content)) return { kind: 'shell', prompted: true, unlabelledShell: false };
    if (inspectFirstCommandLine(content) === 'command') return { kind: 'shell', prompted: false, unlabelledShell: false };
    return { kind: 'other', prompted: false, unlabelledShell: false };
  }
  const kind = LANGUAGE_KINDS.get(language) ?? 'other';
  // Many `bash` blocks are transcripts too (`$ kubectl get pods` followed by output); sent
  // as written, every line would fail with "$: command not found".
  const prompted = kind === 'shell' && inspectFirstCommandLine(content) === 'prompt';
  return { kind, prompted, unlabelledShell: false };
}

/** Whether `content` reads as shell commands (first meaningful line is a prompt or a known command). */
export function looksLikeShell(content: string): boolean {
  return inspectFirstCommandLine(content) !== 'none';
}

// Commands that start a line of a runbook step far more often than a line of prose, output
// or data. Case matters: prose starts with capitals ("Watch the logs"), commands do not.
const KNOWN_COMMANDS: ReadonlySet<string> = new Set([
  'kubectl', 'oc', 'helm', 'kustomize', 'k9s', 'kubeadm', 'kubectx', 'kubens', 'minikube', 'kind', 'eksctl',
  'crictl', 'ctr', 'nerdctl', 'docker', 'podman', 'docker-compose', 'virtctl', 'virsh', 'etcdctl', 'istioctl',
  'linkerd', 'argocd', 'flux', 'velero', 'ceph', 'rados', 'rbd', 'radosgw-admin', 'toolbox',
  'curl', 'wget', 'http', 'openssl', 'dig', 'nslookup', 'host', 'ping', 'traceroute', 'mtr', 'nc', 'ncat',
  'telnet', 'ssh', 'scp', 'rsync', 'netstat', 'ss', 'ip', 'ifconfig', 'iptables', 'nft', 'tcpdump',
  'systemctl', 'journalctl', 'service', 'dmesg', 'uptime', 'top', 'htop', 'ps', 'pgrep', 'pkill', 'kill',
  'killall', 'free', 'vmstat', 'iostat', 'sar', 'lsof', 'sysctl', 'ulimit', 'df', 'du', 'mount', 'umount',
  'lsblk', 'blkid', 'fdisk', 'chroot', 'nsenter', 'rpm-ostree', 'rpm', 'dnf', 'yum', 'apt', 'apt-get', 'snap',
  'psql', 'pg_dump', 'pg_restore', 'pg_isready', 'mysql', 'mysqldump', 'mysqladmin', 'redis-cli', 'mongo',
  'mongosh', 'cqlsh', 'nodetool', 'sqlcmd', 'sqlite3', 'rabbitmqctl', 'kafka-topics', 'kafka-consumer-groups',
  'git', 'gh', 'make', 'terraform', 'ansible', 'ansible-playbook', 'vault', 'consul', 'nomad', 'aws', 'gcloud',
  'gsutil', 'bq', 'az', 'doctl', 'jq', 'yq', 'awk', 'sed', 'grep', 'egrep', 'find', 'xargs', 'sort', 'uniq',
  'wc', 'head', 'tail', 'less', 'more', 'cat', 'tac', 'ls', 'cd', 'pwd', 'cp', 'mv', 'rm', 'mkdir', 'rmdir',
  'touch', 'chmod', 'chown', 'ln', 'tar', 'gzip', 'gunzip', 'zcat', 'base64', 'tee', 'diff', 'date', 'sleep',
  'watch', 'timeout', 'nohup', 'sudo', 'su', 'export', 'unset', 'source', 'echo', 'printf', 'env', 'openstack',
  'python', 'python3', 'node', 'npm', 'npx', 'go', 'java', 'bash', 'sh', 'zsh',
]);

// `$ cmd`, `# cmd` (root), `sh-4.4# cmd`, `[root@host ~]# cmd`, `user@host:~/dir$ cmd`.
const PROMPT = /^([ \t]*)((?:sh|bash|zsh|ksh)-\d+(?:\.\d+)*|\[[^\]\n]{1,80}\]|[\w.-]+@[\w.-]+(?::[^\s$#]*)?)?([$#]) /;

interface PromptMatch {
  /** Columns before the command text (indentation and prompt). */
  readonly length: number;
  readonly indent: number;
}

/**
 * A transcript prompt at the start of `line`. Transcripts use a bare `# ` both as the root
 * prompt and for comments, and running a comment's words as a command is worse than
 * skipping a line, so a bare `# ` counts only before a recognisable command
 * (`# systemctl restart kubelet`, not `# check the pods`).
 */
function matchPrompt(line: string): PromptMatch | undefined {
  const match = PROMPT.exec(line);
  if (match === null) return undefined;
  const rest = line.slice(match[0].length);
  if (rest.trim() === '') return undefined;
  if (match[3] === '#' && match[2] === undefined && !startsWithCommand(rest.trimStart())) return undefined;
  return { length: match[0].length, indent: match[1].length };
}

function hasPromptLine(content: string): boolean {
  for (const line of content.split('\n')) if (matchPrompt(line) !== undefined) return true;
  return false;
}

function inspectFirstCommandLine(content: string): 'prompt' | 'command' | 'none' {
  let start = 0;
  while (start <= content.length) {
    let end = content.indexOf('\n', start);
    if (end < 0) end = content.length;
    const line = content.slice(start, end);
    const trimmed = line.trim();
    start = end + 1;
    if (trimmed === '') continue;
    if (trimmed[0] !== '#' && matchPrompt(line) !== undefined) return 'prompt';
    // Comments and shebangs come before the first command often enough to skip them.
    if (trimmed[0] === '#') continue;
    return startsWithCommand(trimmed) ? 'command' : 'none';
  }
  return 'none';
}

function startsWithCommand(line: string): boolean {
  if (line.startsWith('./') && line.length > 2) return true;
  if (/^for [A-Za-z_]\w* in /.test(line)) return true;
  if (/^while (?:true|:|\[|!|read )/.test(line)) return true;
  // `CERT=$(oc get ...)`: an assignment from a command.
  if (/^[A-Za-z_]\w*=["']?\$\(/.test(line)) return true;
  const word = /^[A-Za-z0-9_.-]+(?=\s|$)/.exec(line);
  return word !== null && KNOWN_COMMANDS.has(word[0]);
}

export interface PromptedCommands {
  /** The commands, prompts removed, continuation and heredoc lines kept. */
  readonly commands: string;
  /** Indexes of the content lines that contributed, with the column where each one's command text starts. */
  readonly lines: ReadonlyMap<number, number>;
}

interface ShellScanState {
  quote: '' | "'" | '"';
  /** The line ended in an unescaped backslash. */
  continued: boolean;
  /** Heredoc terminators still to come, in order. */
  heredocs: { word: string; stripTabs: boolean }[];
}

/**
 * The commands of a transcript: prompted lines with the prompt removed, plus the lines that
 * belong to them (after a trailing backslash, inside an open quote, or a heredoc body up to
 * its terminator, with a `> ` secondary prompt removed). Everything else is output.
 */
export function extractPromptedCommands(content: string): PromptedCommands {
  const commands: string[] = [];
  const lines = new Map<number, number>();
  const state: ShellScanState = { quote: '', continued: false, heredocs: [] };
  let indent = 0;
  const contentLines = content.split('\n');
  for (let index = 0; index < contentLines.length; index++) {
    const line = contentLines[index];
    if (state.heredocs.length > 0) {
      const [text, column] = removeSecondaryPrompt(line, indent);
      commands.push(text);
      lines.set(index, column);
      const terminator = state.heredocs[0];
      const candidate = terminator.stripTabs ? text.replace(/^\t+/, '') : text;
      if (candidate.trimEnd() === terminator.word) state.heredocs.shift();
      continue;
    }
    if (state.continued || state.quote !== '') {
      const [text, column] = removeSecondaryPrompt(line, indent);
      commands.push(text);
      lines.set(index, column);
      scanShellLine(text, state);
      continue;
    }
    const prompt = matchPrompt(line);
    if (prompt === undefined) continue;
    indent = prompt.indent;
    const text = line.slice(prompt.length);
    commands.push(text);
    lines.set(index, prompt.length);
    scanShellLine(text, state);
  }
  return { commands: commands.join('\n'), lines };
}

// Continuation lines of an indented transcript share the prompt's indentation; a heredoc
// terminator only ends the heredoc at column 0, so that indentation has to go.
function removeSecondaryPrompt(line: string, indent: number): [string, number] {
  let column = 0;
  while (column < indent && (line[column] === ' ' || line[column] === '\t')) column++;
  if (line.startsWith('> ', column)) column += 2;
  return [line.slice(column), column];
}

// `<<EOF`, `<<-EOF`, `<< 'EOF'`, `<<"EOF"`, `<<\EOF`; sticky, tried where a `<<` is seen.
const HEREDOC = /<<(-?)[ \t]*(?:'([^'\n]+)'|"([^"\n]+)"|\\?([A-Za-z_][\w.-]*))/y;

/** Tracks quotes, line continuation and heredoc operators across the lines of one command. */
function scanShellLine(text: string, state: ShellScanState): void {
  let quote = state.quote;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (escaped) {
      escaped = false;
      continue;
    }
    if (quote === "'") {
      if (ch === "'") quote = '';
      continue;
    }
    if (ch === '\\') {
      escaped = true;
      continue;
    }
    if (quote === '"') {
      if (ch === '"') quote = '';
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
    } else if (ch === '#' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\t')) {
      // A comment: nothing after it counts, and a backslash in it does not continue the line.
      state.quote = quote;
      state.continued = false;
      return;
    } else if (ch === '<' && text[i + 1] === '<' && text[i + 2] === '<') {
      // A here-string (`<<<`) brings no body lines.
      i += 2;
    } else if (ch === '<' && text[i + 1] === '<') {
      HEREDOC.lastIndex = i;
      const heredoc = HEREDOC.exec(text);
      if (heredoc !== null) {
        state.heredocs.push({ word: heredoc[2] ?? heredoc[3] ?? heredoc[4], stripTabs: heredoc[1] === '-' });
        i += heredoc[0].length - 1;
      } else {
        i++;
      }
    }
  }
  state.quote = quote;
  state.continued = escaped && quote === '';
}
