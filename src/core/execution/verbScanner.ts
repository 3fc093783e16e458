// The fallback for tools without a rule of their own (ceph, rbd, odf, aws, gcloud, terraform,
// ovn-appctl, a team's scripts...). Command-line tools put their action in the first few
// positional words (`ceph osd pool delete`, `aws ec2 terminate-instances`, `odf subvolume ls`),
// so those words are read until one names an action: a reading one ends the scan, a changing
// one flags the command. Later words are arguments (names, paths) and are not looked at.

import { flagDestructive, type RiskFinding } from './riskFinding';

/** Actions that change or remove something. */
const CHANGING_VERBS = new Set([
  'add', 'apply', 'approve', 'abort', 'calibrate', 'cancel', 'clean', 'cleanup', 'clear', 'compact', 'cordon', 'create',
  'decommission', 'defrag', 'del', 'delete', 'demote', 'deny', 'deploy', 'deregister', 'destroy', 'detach',
  'disable', 'down', 'drain', 'drop', 'edit', 'enable', 'erase', 'evict', 'exit', 'expire', 'failover', 'fix',
  'flush', 'flushall', 'flushdb', 'format', 'halt', 'import', 'insert', 'install', 'kill', 'lost', 'migrate',
  'modify', 'move', 'mv', 'out', 'patch', 'pause', 'poweroff', 'promote', 'prune', 'purge', 'put', 'rebalance',
  'reboot', 'rebuild', 'recalibrate', 'reconcile', 'reconfigure', 'recover', 'reinstall', 'reload', 'remove', 'rename',
  'repair', 'replace', 'reset', 'resize', 'restart', 'restore', 'resume', 'reweight', 'revoke', 'rm', 'rmi',
  'rollback', 'rotate', 'scale', 'set', 'shutdown', 'start', 'stop', 'suspend', 'sync', 'taint', 'terminate',
  'truncate', 'uncordon', 'undo', 'uninstall', 'unlink', 'unset', 'update', 'upgrade', 'upload', 'wipe',
  'write', 'zap',
]);

/** Actions that only look. */
const READING_VERBS = new Set([
  'audit', 'cat', 'check', 'count', 'describe', 'detail', 'df', 'diff', 'display', 'dump', 'events', 'explain', 'export',
  'fetch', 'find', 'get', 'health', 'help', 'history', 'info', 'inspect', 'lint', 'list', 'log', 'logs',
  'lookup', 'ls', 'ops', 'perf', 'ping', 'plan', 'preview', 'print', 'probe', 'pull', 'query', 'read', 'report', 'scan',
  'search', 'show', 'stat', 'stats', 'status', 'summary', 'tail', 'template', 'top', 'trace', 'tree', 'usage',
  'validate', 'verify', 'version', 'view', 'watch', 'which', 'whoami',
]);

/**
 * How many action-like words to read before giving up: past them come names and paths. A word
 * right after a `--long` option may be its value (`--env prod`): it is read, but not counted,
 * since which options take a value is not known for a tool without a rule.
 */
const WORDS_TO_READ = 3;

/** Options that name an action (`kafka-topics --delete`, `kafka-consumer-groups --reset-offsets`). */
const CHANGING_OPTION = /^--?(delete|remove|drop|purge|wipe|truncate|destroy|reset|alter|terminate|flush|erase|kill)([-_=]|$)/;

/**
 * Flags `tool` when one of its first positional words names a changing action. Words are
 * split on `-_./:` so `set-quota`, `terminate-instances` and `cluster/status` are understood.
 */
export function scanCommandVerbs(tool: string, args: readonly string[]): RiskFinding[] {
  const verdict = classifyCommandVerbs(tool, args);
  return verdict === 'reads' || verdict === 'unknown' ? [] : [verdict];
}

/**
 * What the first positional words say: a finding when one names a change, `reads` when one
 * names a read, `unknown` when none names an action.
 */
export function classifyCommandVerbs(tool: string, args: readonly string[]): RiskFinding | 'reads' | 'unknown' {
  const path = [tool];
  let read = 0;
  let afterLongOption = false;
  for (const arg of args) {
    if (arg.startsWith('-')) {
      if (arg === '--') break;
      const option = CHANGING_OPTION.exec(arg);
      if (option) return flagDestructive(`may change or remove things (${tool} ${arg.split('=')[0]})`);
      afterLongOption = arg.startsWith('--') && !arg.includes('=');
      continue;
    }
    const optionValue = afterLongOption;
    afterLongOption = false;
    // Placeholders, paths, numbers and substitutions are arguments, not actions.
    if (!/^[A-Za-z][A-Za-z0-9_.:/-]*$/.test(arg)) continue;
    path.push(arg);
    const parts = arg.toLowerCase().split(/[-_./:]/);
    if (CHANGING_VERBS.has(parts[0]!)) return flagChange(path);
    if (parts.some((part) => READING_VERBS.has(part))) return 'reads';
    if (parts.some((part) => CHANGING_VERBS.has(part))) return flagChange(path);
    if (!optionValue && ++read >= WORDS_TO_READ) break;
  }
  return 'unknown';
}

/** True when a command's own name says it changes things (`delete-old-pods.sh`, `restart-app`). */
export function isChangingName(name: string): boolean {
  const parts = name.toLowerCase().replace(/\.[a-z]+$/, '').split(/[-_.]/);
  return CHANGING_VERBS.has(parts[0]!) && !READING_VERBS.has(parts[1] ?? '');
}

function flagChange(path: readonly string[]): RiskFinding {
  return flagDestructive(`may change or remove things (${path.join(' ')})`);
}
