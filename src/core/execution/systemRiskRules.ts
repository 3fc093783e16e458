// Risk rules for the host-level commands runbooks use next to kubectl: processes, files,
// disks, services, the network, containers, databases and HTTP. Each rule receives the words
// after the command name; read-only uses pass, changes are flagged with a short phrase.

import { hasOption, optionValue, parseOptions, type OptionSpec } from './commandOptions';
import { flagDestructive, flagUnchecked, RETARGET_REASON, type CommandContext, type CommandRule, type RiskFinding } from './riskFinding';
import { scanCommandVerbs } from './verbScanner';

/** Paths whose files belong to the system: writing there changes the machine, not a scratch file. */
const SYSTEM_PATH = /^(\/(etc|usr|var|boot|bin|sbin|lib|lib32|lib64|opt|root|srv|sys|proc|dev|host)(\/|$)|(~|\$HOME|\$\{HOME\})\/\.(kube|ssh)(\/|$))/;
/** Special files that are safe to write to. */
const HARMLESS_DEVICE = /^\/dev\/(null|zero|stdout|stderr|stdin|tty|fd\/\d+)$|^\/proc\/self\/fd\/\d+$/;

export function isSystemPath(path: string): boolean {
  return SYSTEM_PATH.test(path) && !HARMLESS_DEVICE.test(path);
}

function flagged(reason: string): RiskFinding[] {
  return [flagDestructive(reason)];
}

const none: CommandRule = () => [];

/** Commands that only read or print (or change nothing outside the shell), whatever their arguments. */
const READ_ONLY_COMMANDS = [
  // Text and files.
  'echo', 'printf', 'cat', 'tac', 'less', 'more', 'head', 'tail', 'grep', 'egrep', 'fgrep', 'zgrep', 'zcat', 'rg',
  'ag', 'cut', 'tr', 'sort', 'uniq', 'wc', 'column', 'jq', 'nl', 'fold', 'paste', 'join',
  'comm', 'diff', 'cmp', 'ls', 'll', 'tree', 'stat', 'file', 'du', 'df', 'base64', 'base32', 'md5sum', 'sha1sum',
  'sha256sum', 'sha512sum', 'xxd', 'hexdump', 'od', 'strings', 'basename', 'dirname', 'realpath', 'readlink',
  'mkdir', 'touch', 'xmllint', 'envsubst', 'gzip', 'gunzip', 'zip', 'unzip', 'openssl',
  // Processes and the machine.
  'free', 'vmstat', 'iostat', 'mpstat', 'pidstat', 'sar', 'top', 'htop', 'atop', 'iotop', 'ps', 'pstree', 'pgrep',
  'pidof', 'uptime', 'w', 'who', 'whoami', 'id', 'groups', 'uname', 'cal', 'lsblk', 'blkid', 'findmnt', 'dmesg',
  'lscpu', 'lspci', 'lsusb', 'lsmod', 'nproc', 'getent', 'last', 'sensors', 'locale', 'tty',
  // Network diagnostics.
  'dig', 'nslookup', 'host', 'ping', 'ping6', 'traceroute', 'tracepath', 'mtr', 'nc', 'ncat', 'telnet', 'ss',
  'netstat', 'lsof', 'arp', 'tcpdump', 'iftop', 'nethogs', 'iperf', 'iperf3', 'ntpq',
  // Shell builtins that only touch the shell itself.
  'printenv', 'which', 'whereis', 'type', 'hash', 'export', 'local', 'declare', 'typeset', 'readonly', 'unset',
  'shift', 'read', 'cd', 'pushd', 'popd', 'pwd', 'true', 'false', 'test', '[', '[[', 'sleep', 'wait', 'jobs',
  'exit', 'return', 'break', 'continue', 'trap', 'set', 'shopt', 'alias', 'source', '.', 'clear', 'history',
  'man', 'seq', 'yes', 'expr', 'bc', 'numfmt', 'ulimit', 'umask',
  // Read-only companions of the cluster tools.
  'promtool', 'kubectx', 'kubens', 'k9s', 'stern', 'kubetail', 'pg_dump', 'pg_dumpall', 'mysqldump', 'pg_isready',
  'pg_controldata',
];

const KILL_SIGNALS_THAT_ONLY_CHECK = new Set(['-0', '-s0', '-l', '-L', '--list', '--table']);

const assessKill: CommandRule = (args) =>
  args.length === 0 || args.some((arg) => KILL_SIGNALS_THAT_ONLY_CHECK.has(arg)) ? [] : flagged('kills processes');

const assessRm: CommandRule = (args) => {
  const recursive = args.some((arg) => /^-[a-zA-Z]*[rR]/.test(arg) || arg === '--recursive');
  return flagged(recursive ? 'deletes files recursively' : 'deletes files');
};

const assessDd: CommandRule = (args) => {
  const output = args.find((arg) => arg.startsWith('of='))?.slice(3);
  return output === '/dev/null' ? [] : flagged('writes raw data with dd');
};

const assessMount: CommandRule = (args, _context, name) => {
  if (name === 'umount') return flagged('unmounts filesystems');
  // Without a device or directory (or -a), mount only lists what is mounted.
  const parsed = parseOptions(args, { shortWithValue: 'tOoL', longWithValue: new Set(['types', 'options']) });
  return parsed.positionals.length > 0 || hasOption(parsed, '-a', '--all') ? flagged('mounts filesystems') : [];
};

const assessSysctl: CommandRule = (args) => {
  const writes = args.some((arg) => arg === '-w' || arg === '--write' || arg === '-p' || arg === '--load' || arg === '--system')
    || args.some((arg) => !arg.startsWith('-') && arg.includes('='));
  return writes ? flagged('changes kernel settings') : [];
};

/** Upper-case short commands change rules (-A append, -D delete, -F flush...); -L, -S and -C only read. */
const IPTABLES_CHANGE_LETTERS = /[FDAIRXZPNE]/;
const IPTABLES_CHANGE_WORDS = /^--(flush|delete|append|insert|replace|delete-chain|zero|policy|new-chain|rename-chain)$/;
const assessIptables: CommandRule = (args) =>
  args.some((arg) => IPTABLES_CHANGE_WORDS.test(arg) || (/^-[a-zA-Z]+$/.test(arg) && IPTABLES_CHANGE_LETTERS.test(arg)))
    ? flagged('changes firewall rules')
    : [];

const assessNft: CommandRule = (args) => {
  const parsed = parseOptions(args, { shortWithValue: 'fI' });
  if (hasOption(parsed, '-f', '--file')) return flagged('changes firewall rules');
  const [action] = parsed.positionals;
  return action && /^(add|insert|delete|flush|replace|create|destroy|reset|rename)$/.test(action) ? flagged('changes firewall rules') : [];
};

const IP_CHANGES = /^(add|a|del|delete|d|change|replace|set|flush|append|prepend|restore)$/;
const assessIp: CommandRule = (args, context) => {
  const parsed = parseOptions(args, { shortWithValue: 'nbf' });
  if (hasOption(parsed, '-b', '-batch', '--batch')) return flagged('changes network configuration');
  const [object, action, ...rest] = parsed.positionals;
  if (object === 'netns' && action === 'exec') return context.assessCommand(rest.slice(1));
  return action !== undefined && IP_CHANGES.test(action) ? flagged('changes network configuration') : [];
};

const assessIfconfig: CommandRule = (args) =>
  args.filter((arg) => !arg.startsWith('-')).length > 1 ? flagged('changes network configuration') : [];

const ETHTOOL_CHANGES = /^(-[sKGACLEfrW]|--(change|offload|features|set-ring|pause|coalesce|set-channels|change-eeprom|flash|negotiate|set-dump|set-priv-flags|set-eee|set-fec))$/;
const assessEthtool: CommandRule = (args) => (args.some((arg) => ETHTOOL_CHANGES.test(arg)) ? flagged('changes network interface settings') : []);

const assessHostname: CommandRule = (args) =>
  args.some((arg) => !arg.startsWith('-')) ? flagged('changes the hostname') : [];

const assessDate: CommandRule = (args) =>
  args.some((arg) => arg === '-s' || arg.startsWith('--set')) ? flagged('changes the system clock') : [];

const SYSTEMCTL_OPTIONS: OptionSpec = {
  shortWithValue: 'HMtpnos',
  longWithValue: new Set(['host', 'machine', 'type', 'property', 'lines', 'output', 'signal', 'kill-whom', 'kill-who', 'state', 'root', 'job-mode', 'what']),
};
const SYSTEMCTL_READ = new Set([
  'status', 'show', 'cat', 'list-units', 'list-unit-files', 'list-sockets', 'list-timers', 'list-jobs',
  'list-dependencies', 'list-machines', 'is-active', 'is-enabled', 'is-failed', 'is-system-running', 'help',
  'get-default', 'show-environment', 'daemon-reload',
]);
const SYSTEMCTL_PHRASES = new Map<string, string>([
  ['stop', 'stops services'],
  ['restart', 'restarts services'],
  ['try-restart', 'restarts services'],
  ['reload-or-restart', 'restarts services'],
  ['try-reload-or-restart', 'restarts services'],
  ['reload', 'reloads services'],
  ['start', 'starts services'],
  ['disable', 'disables services'],
  ['enable', 'enables services'],
  ['kill', "kills the services' processes"],
  ['mask', 'masks services'],
  ['unmask', 'unmasks services'],
  ['isolate', 'switches the system target'],
  ['reboot', 'reboots the machine'],
  ['poweroff', 'powers the machine off'],
  ['halt', 'halts the machine'],
  ['kexec', 'reboots the machine'],
  ['suspend', 'suspends the machine'],
  ['hibernate', 'hibernates the machine'],
]);
const assessSystemctl: CommandRule = (args) => {
  const parsed = parseOptions(args, SYSTEMCTL_OPTIONS);
  const [action] = parsed.positionals;
  if (action === undefined || SYSTEMCTL_READ.has(action)) return [];
  return flagged(SYSTEMCTL_PHRASES.get(action) ?? `changes services (systemctl ${action})`);
};

const assessService: CommandRule = (args) => {
  const positionals = args.filter((arg) => !arg.startsWith('-'));
  const action = positionals[1];
  if (action === undefined || action === 'status') return [];
  return flagged(/^(stop|restart|force-reload|condrestart|try-restart|zap)$/.test(action)
    ? (action === 'stop' ? 'stops services' : 'restarts services')
    : `changes services (service ${action})`);
};

const assessJournalctl: CommandRule = (args) =>
  args.some((arg) => /^--(vacuum-|rotate|flush|relinquish-var|setup-keys|sync)/.test(arg)) ? flagged('deletes or rotates journal files') : [];

const assessPower: CommandRule = (args, _context, name) => {
  if (name === 'init' || name === 'telinit') return args.some((arg) => /^[06]$/.test(arg)) ? flagged('reboots or shuts down the machine') : [];
  return flagged('reboots or shuts down the machine');
};

const CONTAINER_MANAGEMENT = new Set([
  'container', 'image', 'volume', 'network', 'system', 'builder', 'buildx', 'node', 'service', 'stack', 'secret',
  'config', 'plugin', 'context', 'swarm', 'pod', 'machine', 'manifest', 'trust', 'checkpoint',
]);
const CONTAINER_READ = new Set([
  'ps', 'ls', 'list', 'logs', 'inspect', 'images', 'stats', 'top', 'info', 'version', 'events', 'port', 'diff',
  'history', 'search', 'pull', 'df', 'save', 'export', 'build', 'tag', 'login', 'logout', 'help', 'healthcheck',
  'wait', 'use', 'show', 'exists',
]);
const CONTAINER_PHRASES = new Map<string, string>([
  ['rm', 'removes containers'],
  ['rmi', 'removes images'],
  ['remove', 'removes containers or images'],
  ['prune', 'prunes unused containers, images or volumes'],
  ['kill', 'kills containers'],
  ['stop', 'stops containers'],
  ['restart', 'restarts containers'],
  ['pause', 'pauses containers'],
  ['exec', 'runs a command inside a container'],
  ['attach', 'attaches to a running container'],
  ['run', 'starts a container'],
  ['create', 'creates a container'],
  ['start', 'starts containers'],
  ['update', 'changes container settings'],
  ['push', 'pushes images'],
  ['down', 'stops and removes containers'],
  ['up', 'starts containers'],
  ['scale', 'changes the number of containers'],
  ['rollback', 'rolls back a service'],
  ['leave', 'leaves the swarm'],
  ['rename', 'renames a container'],
  ['commit', 'creates an image from a container'],
  ['load', 'loads images'],
  ['import', 'imports images'],
  ['cp', 'copies files into a container'],
]);

/** docker, podman and nerdctl share their command layout. */
const assessContainerTool: CommandRule = (args, _context, name) => {
  const parsed = parseOptions(args, { shortWithValue: 'Hcl', longWithValue: new Set(['host', 'context', 'config', 'log-level', 'url', 'connection', 'remote', 'root', 'runroot', 'storage-driver']), stopAtPositional: true });
  let [verb] = parsed.positionals;
  let rest = parsed.rest ?? [];
  if (verb === 'compose' || verb === 'docker-compose') {
    const inner = parseOptions(rest, { shortWithValue: 'fp', longWithValue: new Set(['file', 'project-name', 'profile', 'env-file', 'project-directory']), stopAtPositional: true });
    verb = inner.positionals[0];
    rest = inner.rest ?? [];
  } else if (verb !== undefined && CONTAINER_MANAGEMENT.has(verb)) {
    const inner = parseOptions(rest, { stopAtPositional: true });
    const action = inner.positionals[0];
    if (verb === 'system' && (action === 'prune' || action === 'reset')) return flagged('prunes unused containers, images and networks');
    verb = action;
    rest = inner.rest ?? [];
  }
  if (verb === undefined || CONTAINER_READ.has(verb)) return [];
  if (verb === 'cp') return rest.filter((arg) => !arg.startsWith('-')).pop()?.includes(':') ? flagged('copies files into a container') : [];
  return flagged(CONTAINER_PHRASES.get(verb) ?? `runs ${name} ${verb}, which may change containers`);
};

const CRICTL_READ = new Set(['ps', 'pods', 'images', 'img', 'logs', 'inspect', 'inspectp', 'inspecti', 'stats', 'statsp', 'info', 'version', 'imagefsinfo', 'pull', 'help', 'completion', 'config', 'events', 'metricdescs', 'metricsp']);
const assessCrictl: CommandRule = (args) => {
  const parsed = parseOptions(args, { shortWithValue: 'rit', longWithValue: new Set(['runtime-endpoint', 'image-endpoint', 'timeout', 'config']), stopAtPositional: true });
  const [verb] = parsed.positionals;
  if (verb === undefined || CRICTL_READ.has(verb)) return [];
  const phrases: Record<string, string> = { rm: 'removes containers', rmp: 'removes pods', rmi: 'removes images', stop: 'stops containers', stopp: 'stops pods', exec: 'runs a command inside a container' };
  return flagged(phrases[verb] ?? `runs crictl ${verb}, which may change containers`);
};

const REDIS_OPTIONS: OptionSpec = {
  shortWithValue: 'hpsaunridD',
  longWithValue: new Set(['user', 'pass', 'askpass', 'cacert', 'cacertdir', 'cert', 'key', 'tls-ciphers', 'sni', 'rdb', 'functions-rdb', 'pipe-timeout', 'memkeys-samples', 'count', 'pattern', 'quoted-pattern', 'cluster', 'eval', 'intrinsic-latency', 'lru-test', 'replica']),
};
const REDIS_READ = new Set([
  'info', 'get', 'mget', 'keys', 'scan', 'sscan', 'hscan', 'zscan', 'ping', 'monitor', 'slowlog', 'client', 'config',
  'dbsize', 'ttl', 'pttl', 'type', 'exists', 'strlen', 'hget', 'hgetall', 'hkeys', 'hvals', 'hlen', 'llen',
  'lrange', 'lindex', 'scard', 'smembers', 'sismember', 'zcard', 'zrange', 'zrangebyscore', 'zscore', 'memory',
  'latency', 'lastsave', 'time', 'role', 'echo', 'object', 'pubsub', 'xinfo', 'xlen', 'xrange', 'command',
  'randomkey', 'dump', 'bitcount', 'getrange', 'hexists', 'hstrlen', 'zrank', 'zcount', 'xpending', 'cluster',
  'sentinel', 'acl', 'module', 'function', 'script',
]);
/** Subcommands of read-only looking commands that change things (`config set`, `client kill`). */
const REDIS_CHANGING_SUBCOMMANDS = /^(set|rewrite|resetstat|kill|pause|unpause|no-evict|flush|load|delete|deluser|setuser|reset|failover|forget|meet|addslots|delslots|setslot|replicate|restore|migrate)$/;
const REDIS_PHRASES = new Map<string, string>([
  ['flushall', 'deletes all Redis keys'],
  ['flushdb', 'deletes all keys of a Redis database'],
  ['del', 'deletes Redis keys'],
  ['unlink', 'deletes Redis keys'],
  ['shutdown', 'shuts Redis down'],
  ['debug', 'runs a Redis debug command'],
  ['replicaof', 'changes Redis replication'],
  ['slaveof', 'changes Redis replication'],
  ['failover', 'fails Redis over'],
  ['swapdb', 'swaps Redis databases'],
  ['bgrewriteaof', 'rewrites the Redis append-only file'],
]);
function assessRedisCommand(command: string, sub: string | undefined): RiskFinding[] {
  const verb = command.toLowerCase();
  if (REDIS_READ.has(verb)) {
    return sub !== undefined && REDIS_CHANGING_SUBCOMMANDS.test(sub.toLowerCase()) ? flagged(`changes Redis (${verb} ${sub.toLowerCase()})`) : [];
  }
  return flagged(REDIS_PHRASES.get(verb) ?? `writes Redis data (${verb})`);
}
const assessRedisCli: CommandRule = (args, context) => {
  const parsed = parseOptions(args, REDIS_OPTIONS);
  if (hasOption(parsed, '--eval')) return flagged('runs a Redis Lua script');
  if (hasOption(parsed, '--pipe')) return flagged('writes Redis data (mass insert)');
  const cluster = optionValue(parsed, '--cluster');
  if (typeof cluster === 'string' && !/^(check|info|help)$/.test(cluster)) return flagged(`changes the Redis cluster (--cluster ${cluster})`);
  const [command, sub] = parsed.positionals;
  if (command !== undefined) return assessRedisCommand(command, sub);
  const unseen = unseenInput(context, 'Redis commands');
  if (unseen) return [unseen];
  // Commands given in a heredoc, one per line.
  return context.stdin.flatMap((text) =>
    text.split('\n').flatMap((line) => {
      const [lineCommand, lineSub] = line.trim().split(/\s+/);
      return lineCommand ? assessRedisCommand(lineCommand, lineSub) : [];
    }),
  );
};

/** Commands read from a file (`< cleanup.sql`) or a pipe (`cat x.sql | psql`) cannot be checked. */
function unseenInput(context: CommandContext, what: string): RiskFinding | undefined {
  if (context.redirects.some((redirect) => redirect.operator === '<')) return flagDestructive(`runs ${what} from a file, which cannot be checked`);
  if (context.piped) return flagDestructive(`runs ${what} piped from another command`);
  return undefined;
}

const assessPsql: CommandRule = (args, context) => {
  const parsed = parseOptions(args, {
    shortWithValue: 'cfhpUdvoLTFRP',
    longWithValue: new Set(['command', 'file', 'host', 'port', 'username', 'dbname', 'set', 'variable', 'output', 'log-file', 'field-separator', 'record-separator', 'pset', 'table-attr']),
  });
  const findings: RiskFinding[] = [];
  for (const option of parsed.options) {
    if ((option.name === '-c' || option.name === '--command') && option.value !== undefined) findings.push(...context.assessors.sql(option.value));
    if (option.name === '-f' || option.name === '--file') findings.push(flagDestructive('runs SQL from a file, which cannot be checked'));
  }
  // With -c or -f, psql does not read its standard input.
  if (findings.length > 0 || hasOption(parsed, '-c', '--command', '-f', '--file')) return findings;
  const unseen = unseenInput(context, 'SQL');
  return unseen ? [unseen] : context.stdin.flatMap((text) => context.assessors.sql(text));
};

const assessMysql: CommandRule = (args, context) => {
  const parsed = parseOptions(args, {
    shortWithValue: 'ehuPDSA',
    shortWithAttachedValue: 'p',
    longWithValue: new Set(['execute', 'host', 'user', 'port', 'database', 'socket', 'default-character-set', 'defaults-file', 'login-path']),
  });
  const statements = parsed.options.filter((option) => (option.name === '-e' || option.name === '--execute') && option.value !== undefined);
  // With -e, mysql does not read its standard input.
  if (statements.length > 0) return statements.flatMap((option) => context.assessors.sql(option.value!, 'mysql'));
  const unseen = unseenInput(context, 'SQL');
  return unseen ? [unseen] : context.stdin.flatMap((text) => context.assessors.sql(text, 'mysql'));
};

const assessSqlite: CommandRule = (args, context) => {
  const positionals = args.filter((arg) => !arg.startsWith('-'));
  return [...positionals.slice(1), ...context.stdin].flatMap((text) => context.assessors.sql(text, 'unknown'));
};

/** clickhouse-client --query, cqlsh -e, cockroach sql -e: SQL given as an option. */
const assessSqlOptionClient: CommandRule = (args, context) => {
  const parsed = parseOptions(args, { shortWithValue: 'qehuP', longWithValue: new Set(['query', 'execute', 'host', 'user', 'port', 'password']) });
  const texts = parsed.options
    .filter((option) => /^(-q|-e|--query|--execute)$/.test(option.name) && option.value !== undefined)
    .map((option) => option.value!);
  return [...texts, ...context.stdin].flatMap((text) => context.assessors.sql(text, 'unknown'));
};

const MONGO_WRITES = /\.(drop|dropDatabase|dropIndex|dropIndexes|remove|deleteOne|deleteMany|insert|insertOne|insertMany|update|updateOne|updateMany|replaceOne|findOneAndDelete|findOneAndUpdate|findOneAndReplace|bulkWrite|renameCollection|createIndex|shutdownServer)\s*\(|\b(db\.adminCommand|rs\.(stepDown|remove|add|reconfig))\s*\(/;
const assessMongo: CommandRule = (args, context) => {
  const parsed = parseOptions(args, { longWithValue: new Set(['eval', 'host', 'port', 'username', 'password', 'authenticationDatabase']) });
  const scripts = [...parsed.options.filter((option) => option.name === '--eval').map((option) => option.value ?? ''), ...context.stdin];
  return scripts.some((script) => MONGO_WRITES.test(script)) ? flagged('changes MongoDB data') : [];
};

const assessPython: CommandRule = (args, context) => {
  const parsed = parseOptions(args, { shortWithValue: 'cmWX', stopAtPositional: true });
  const code = optionValue(parsed, '-c');
  if (typeof code === 'string') {
    // The shell expands `"$(curl ...)"` or `"$CODE"` before python sees the code.
    if (/\$\(|`/.test(code)) return [/(^|[\s(|;&`])(curl|wget|fetch|http|https)\s/.test(code) ? flagUnchecked(UNCHECKED_DOWNLOAD) : flagUnchecked(UNCHECKED_RUN_TIME)];
    if (/\$\{?[A-Za-z_]/.test(code)) return [flagUnchecked('takes its command from a variable, which cannot be checked')];
    return context.assessors.python(code);
  }
  const script = parsed.positionals[0];
  if (script === undefined || script === '-') {
    const findings = context.stdin.flatMap((text) => context.assessors.python(text));
    if (context.stdin.length === 0 && context.piped) {
      findings.push(flagUnchecked(context.pipedFrom !== undefined && /^(curl|wget|fetch|http|https|aria2c)$/.test(context.pipedFrom) ? UNCHECKED_DOWNLOAD : 'runs a script piped from another command, which cannot be checked'));
    }
    return findings;
  }
  // A script file (or `<(curl ...)`) cannot be read from here.
  return [flagUnchecked(/^[<>]\(/.test(script) ? UNCHECKED_RUN_TIME : 'runs a script file, which cannot be checked')];
};

const UNCHECKED_DOWNLOAD = 'runs code downloaded from the network, which cannot be checked';
const UNCHECKED_RUN_TIME = 'runs commands built at run time, which cannot be checked';

const HTTP_WRITE_METHODS = /^(POST|PUT|PATCH|DELETE)$/i;
const CURL_DATA = /^(-d|--data|--data-raw|--data-binary|--data-urlencode|--data-ascii|--json|-F|--form|--form-string|-T|--upload-file)$/;
const assessCurl: CommandRule = (args) => {
  const parsed = parseOptions(args, {
    shortWithValue: 'XHdFoOuAebcwmxrCKTEy',
    longWithValue: new Set(['request', 'header', 'data', 'data-raw', 'data-binary', 'data-urlencode', 'data-ascii', 'json', 'form', 'form-string', 'output', 'user', 'user-agent', 'referer', 'cookie', 'cookie-jar', 'write-out', 'max-time', 'connect-timeout', 'cacert', 'cert', 'key', 'upload-file', 'resolve', 'url', 'proxy', 'range', 'config', 'retry', 'oauth2-bearer']),
  });
  const method = optionValue(parsed, '-X', '--request');
  if (typeof method === 'string') return HTTP_WRITE_METHODS.test(method) ? flagged(`sends a write request (${method.toUpperCase()})`) : [];
  if (hasOption(parsed, '-G', '--get', '-I', '--head')) return [];
  const data = parsed.options.find((option) => CURL_DATA.test(option.name));
  if (data) return flagged(`sends a write request (${/^(-T|--upload-file)$/.test(data.name) ? 'PUT' : 'POST'})`);
  return [];
};

const assessWget: CommandRule = (args) => {
  const method = args.find((arg) => arg.startsWith('--method='))?.slice('--method='.length);
  if (method !== undefined) return HTTP_WRITE_METHODS.test(method) ? flagged(`sends a write request (${method.toUpperCase()})`) : [];
  return args.some((arg) => /^--(post|body)-(data|file)/.test(arg)) ? flagged('sends a write request (POST)') : [];
};

/** HTTPie: `http DELETE url`, or data items (`name=value`) that turn a request into a POST. */
const assessHttpie: CommandRule = (args) => {
  const positionals = args.filter((arg) => !arg.startsWith('-'));
  const [first] = positionals;
  if (first !== undefined && HTTP_WRITE_METHODS.test(first)) return flagged(`sends a write request (${first.toUpperCase()})`);
  if (first !== undefined && /^(GET|HEAD|OPTIONS)$/i.test(first)) return [];
  return positionals.slice(1).some((item) => /^[^=:]+(=|:=)/.test(item) && !/^[^=]+==/.test(item)) ? flagged('sends a write request (POST)') : [];
};

const assessFind: CommandRule = (args, context) => {
  const findings: RiskFinding[] = [];
  if (args.includes('-delete')) findings.push(flagDestructive('deletes files'));
  args.forEach((arg, index) => {
    if (/^-(exec|execdir|ok|okdir)$/.test(arg)) {
      const end = args.findIndex((word, at) => at > index && (word === ';' || word === '+'));
      findings.push(...context.assessCommand(args.slice(index + 1, end === -1 ? undefined : end)));
    }
  });
  return findings;
};

const assessInPlaceEditor: CommandRule = (args, context, name) => {
  const inPlace = args.some((arg) => arg === '--in-place' || arg.startsWith('--in-place=') || /^-[a-zA-Z]*i/.test(arg) && !arg.startsWith('--'));
  const findings = inPlace ? flagged(`edits files in place (${name} -i)`) : [];
  if (name === 'perl') findings.push(...assessOneLiner(args, context, name));
  // GNU sed runs a command with `e` and with the `e` flag of `s///e`.
  if (name === 'sed' && args.some((arg) => /(^|[;\n{}]\s*)[0-9,$]*\s*e(\s|$)|s([^\w\s\\]).*?\3.*?\3[gpiImMw0-9]*e/.test(arg))) {
    findings.push(flagUnchecked('runs commands from a sed script, which cannot be checked'));
  }
  return findings;
};

/** What a one-line program can run: commands, file deletion, process signals. */
const ONE_LINER_RUNS = /\b(system|exec|execSync|execFileSync|spawn|spawnSync|popen|qx|child_process|unlink|unlinkSync|rmSync|rmdirSync|rmtree|kill|fork)\b|`/;
/** awk runs a command with `print ... | "cmd"` and `"cmd" | getline`. */
const AWK_RUNS = /\bprint[f]?\b[^;}]*\|&?\s*("|\w)|\|\s*getline\b/;

/**
 * perl -e, ruby -e, node -e, php -r, awk programs: flagged when the program can run commands
 * or delete files; a program in a file cannot be read.
 */
function assessOneLiner(args: readonly string[], context: CommandContext, name: string): RiskFinding[] {
  const awk = /^[gm]?awk$/.test(name);
  const parsed = parseOptions(args, awk
    ? { shortWithValue: 'fvFW', longWithValue: new Set(['file', 'assign', 'field-separator', 'source', 'include', 'load']) }
    : { shortWithValue: 'eErIFlMx', longWithValue: new Set(['eval', 'print', 'require', 'input-type']), stopAtPositional: true });
  const programs = parsed.options.filter((option) => /^(-e|-E|-r|--eval|--print|-p|--source)$/.test(option.name) && option.value !== undefined).map((option) => option.value!);
  if (awk && !parsed.options.some((option) => option.name === '-f' || option.name === '--file') && parsed.positionals[0] !== undefined) programs.push(parsed.positionals[0]);
  const fromFile = awk ? parsed.options.some((option) => option.name === '-f' || option.name === '--file') : programs.length === 0 && parsed.positionals[0] !== undefined && parsed.positionals[0] !== '-';
  // In awk, text in "..." is data: `print $1 "|" $2` pipes nothing.
  const code = (program: string): string => (awk ? program.replace(/"(?:[^"\\\n]|\\.)*"/g, '"s"') : program);
  if (programs.some((program) => ONE_LINER_RUNS.test(code(program)) || (awk && AWK_RUNS.test(code(program))))) {
    return [flagUnchecked(`runs ${/^[aeiou]/.test(name) ? 'an' : 'a'} ${name} program that can run commands, which cannot be checked`)];
  }
  if (fromFile && !awk) return [flagUnchecked('runs a script file, which cannot be checked')];
  if (fromFile) return [flagUnchecked(`runs a ${name} program from a file, which cannot be checked`)];
  if (programs.length === 0 && context.piped && !awk) return [flagUnchecked('runs a script piped from another command, which cannot be checked')];
  return [];
}

const assessInterpreter: CommandRule = (args, context, name) => assessOneLiner(args, context, name);

/** pulumi: `up` deploys; the generic word scan does not count `up`, which status text is full of. */
const assessPulumi: CommandRule = (args) => {
  const verb = args.find((arg) => !arg.startsWith('-'));
  if (verb !== undefined && /^(up|update|destroy|refresh|import|cancel|watch)$/.test(verb)) return flagged(`may change or remove things (pulumi ${verb})`);
  return scanCommandVerbs('pulumi', args);
};

/** tar reads and writes archives; some of its options run programs. */
const assessTar: CommandRule = (args) =>
  args.some((arg) => /^--(to-command|checkpoint-action=exec|use-compress-program|info-script|new-volume-script|rsh-command)|^-[A-Za-z]*[FI]/.test(arg))
    ? [flagUnchecked('runs a program named in tar options, which cannot be checked')]
    : [];

/** at / batch: the commands on stdin (or in -f FILE) run later. */
const assessAt: CommandRule = (args, context) => {
  const parsed = parseOptions(args, { shortWithValue: 'fqtd' });
  if (hasOption(parsed, '-l', '-d', '-r', '-c')) return hasOption(parsed, '-d', '-r') ? flagged('removes scheduled jobs') : [];
  if (hasOption(parsed, '-f')) return [flagUnchecked('schedules a script file, which cannot be checked')];
  const findings = context.stdin.flatMap((text) => context.assessors.shell(text));
  if (context.piped) findings.push(flagUnchecked('schedules commands piped from another command, which cannot be checked'));
  return findings.length > 0 ? findings : flagged('schedules commands to run later');
};

const assessTee: CommandRule = (args) => {
  const targets = args.filter((arg) => !arg.startsWith('-') && isSystemPath(arg));
  return targets.map((target) => flagDestructive(`writes to ${target}`));
};

const assessCopy: CommandRule = (args, _context, name) => {
  const operands = args.filter((arg) => !arg.startsWith('-'));
  const destination = operands[operands.length - 1];
  if (name === 'mv') {
    const moved = operands.find(isSystemPath);
    return moved ? flagged(`moves ${moved}`) : [];
  }
  if (name === 'rsync') {
    if (args.some((arg) => /^--(delete|del$)/.test(arg))) return flagged('deletes files at the destination (rsync --delete)');
    if (args.includes('--remove-source-files')) return flagged('deletes the source files (rsync --remove-source-files)');
  }
  if (name === 'rsync' || name === 'scp') {
    if (destination !== undefined && /^[^/]*:/.test(destination)) return flagged('copies files to another host');
  }
  return destination !== undefined && operands.length > 1 && isSystemPath(destination) ? flagged(`writes to ${destination}`) : [];
};

const assessPermissions: CommandRule = (args) => {
  const recursive = args.some((arg) => /^-[a-zA-Z]*R/.test(arg) || arg === '--recursive');
  const system = args.some((arg) => !arg.startsWith('-') && isSystemPath(arg));
  return recursive || system ? flagged('changes file permissions or ownership') : [];
};

const assessGit: CommandRule = (args) => {
  const parsed = parseOptions(args, { shortWithValue: 'Cc', longWithValue: new Set(['git-dir', 'work-tree', 'namespace', 'exec-path']), stopAtPositional: true });
  const [verb] = parsed.positionals;
  const rest = parsed.rest ?? [];
  // `git -c alias.x='!cmd' x`, `-c core.sshCommand=...`: configuration that runs a command.
  if (parsed.options.some((option) => option.name === '-c' && /^(alias\.[^=]+=\s*!|core\.(sshcommand|pager|editor|hookspath|fsmonitor)=|[^=]*\.(command|cmd|program)=)/i.test(option.value ?? ''))) {
    return [flagUnchecked('runs a command set through git -c, which cannot be checked')];
  }
  if (verb === 'reset' && rest.includes('--hard')) return flagged('discards local changes (git reset --hard)');
  if (verb === 'clean' && rest.some((arg) => /^-[a-zA-Z]*f/.test(arg) || arg === '--force')) return flagged('deletes untracked files (git clean)');
  if (verb === 'push') {
    const push = parseOptions(rest, { shortWithValue: 'o', longWithValue: new Set(['repo', 'receive-pack', 'exec', 'push-option', 'signed']) });
    // `+ref` forces, `:ref` deletes, --mirror and --prune delete what the remote has and this repository lacks.
    const refspecs = push.positionals.slice(1);
    const forced = push.options.some((option) => /^(-f|-d|--force|--force-with-lease|--force-if-includes|--delete|--mirror|--prune)$/.test(option.name))
      || refspecs.some((ref) => ref.startsWith('+') || ref.startsWith(':'));
    return forced ? flagged('rewrites or deletes remote branches') : [];
  }
  return [];
};

/** PostgreSQL's command-line tools that change a cluster. */
const POSTGRES_TOOLS: ReadonlyMap<string, string> = new Map([
  ['dropdb', 'drops a database'],
  ['dropuser', 'drops a database role'],
  ['createdb', 'creates a database'],
  ['createuser', 'creates a database role'],
  ['pg_dropcluster', 'drops a PostgreSQL cluster'],
  ['pg_createcluster', 'creates a PostgreSQL cluster'],
]);

const assessPgCtl: CommandRule = (args, _context, name) => {
  const action = args.find((arg) => /^(start|stop|restart|reload|promote|kill|init|initdb|logrotate)$/.test(arg));
  return action === undefined ? [] : flagged(`changes the PostgreSQL server (${name} ${action})`);
};

/** gcloud: global flags and a release track (alpha, beta, preview) may stand before the command groups. */
const GCLOUD_OPTIONS: OptionSpec = {
  longWithValue: new Set(['project', 'account', 'billing-project', 'configuration', 'flags-file', 'flatten', 'format', 'impersonate-service-account', 'verbosity', 'zone', 'region', 'filter', 'limit', 'page-size', 'sort-by', 'location', 'cluster']),
};
const GCLOUD_READ = /^(list|describe|get|get-(?!credentials)\S+|show|print|info|read|search|tail|logs|version|help|operations|wait|list-\S+|describe-\S+|explain)$/;
const assessGcloud: CommandRule = (args) => {
  const parsed = parseOptions(args, GCLOUD_OPTIONS);
  const words = parsed.positionals.filter((word) => !/^(alpha|beta|preview)$/.test(word));
  const path: string[] = [];
  // `gcloud config set project`, `gcloud config configurations activate`: later gcloud steps act elsewhere.
  if (words[0] === 'config' && /^(set|unset|configurations)$/.test(words[1] ?? '') && words[2] !== 'list' && words[2] !== 'describe') {
    return [flagDestructive(RETARGET_REASON)];
  }
  for (const word of words) {
    path.push(word);
    // `gcloud container clusters get-credentials` writes the kubeconfig and switches its context.
    if (word === 'get-credentials') return [flagDestructive(RETARGET_REASON)];
    if (GCLOUD_READ.test(word)) return [];
    const parts = word.toLowerCase().split('-');
    if (/^(delete|remove|create|update|set|add|reset|resize|start|stop|suspend|resume|restart|deploy|import|export|undelete|enable|disable|patch|rollback|migrate|move|detach|attach|abandon|recreate|cancel|clear|rotate|upgrade|failover|promote|restore|ssh|scp|scale|apply|destroy|purge|drain|run|execute|exec|replace|rename|set-iam-policy|add-iam-policy-binding|remove-iam-policy-binding|kill)$/.test(parts[0]!)) {
      return flagged(`changes cloud resources (gcloud ${path.join(' ')})`);
    }
    if (path.length >= 6) break;
  }
  return [];
};

/** aws SERVICE OPERATION: operations that only read start with describe-, get-, list-... */
const AWS_OPTIONS: OptionSpec = {
  longWithValue: new Set(['profile', 'region', 'output', 'query', 'endpoint-url', 'color', 'ca-bundle', 'cli-read-timeout', 'cli-connect-timeout', 'cli-binary-format']),
};
const AWS_READ_OPERATION = /^(describe|get|list|head|wait|lookup|search|scan|query|filter|tail|show|view|validate|estimate|preview|simulate|test|check|help|ls|presign|batch-get|select|download|export-?)(-|$)/;
const assessAws: CommandRule = (args) => {
  const parsed = parseOptions(args, AWS_OPTIONS);
  const [service, operation] = parsed.positionals;
  if (service === undefined || operation === undefined || service === 'help' || operation === 'help' || service === 'configure') return [];
  if (service === 's3') {
    if (operation === 'ls' || operation === 'presign') return [];
    // `aws s3 cp s3://b/k .` downloads; any copy, sync or move to s3:// writes the bucket.
    if ((operation === 'cp' || operation === 'sync') && !/^s3:\/\//.test(parsed.positionals[parsed.positionals.length - 1] ?? '')) return [];
    return flagged(`changes cloud resources (aws s3 ${operation})`);
  }
  // `aws eks update-kubeconfig` writes the kubeconfig and switches its context.
  if (service === 'eks' && operation === 'update-kubeconfig') return [flagDestructive(RETARGET_REASON)];
  if (AWS_READ_OPERATION.test(operation)) return [];
  return flagged(`changes cloud resources (aws ${service} ${operation})`);
};

/** `crontab -l` lists; anything else (a file, stdin, -e, -r) replaces or removes the crontab. */
const assessCrontab: CommandRule = (args) =>
  args.includes('-l') && !args.includes('-r') && !args.includes('-e') ? [] : flagged('changes the crontab');

const assessAnsible: CommandRule = (args) =>
  args.includes('--check') || args.includes('-C') || args.includes('--syntax-check') || args.includes('--list-tasks') || args.includes('--list-hosts')
    ? []
    : flagged('runs an Ansible playbook');

const DISK_TOOLS = ['mkfs', 'mke2fs', 'mkswap', 'wipefs', 'shred', 'blkdiscard', 'sgdisk', 'sfdisk', 'lvremove', 'vgremove', 'pvremove', 'lvreduce', 'lvresize', 'lvextend', 'resize2fs', 'xfs_growfs', 'xfs_repair', 'fsck', 'e2fsck'];
const assessPartitioner: CommandRule = (args) => (args.some((arg) => arg === '-l' || arg === '--list' || arg === 'print') ? [] : flagged('erases, formats or repartitions disks'));

/** The rules, by command name. Names with a prefix (`mkfs.ext4`) are matched in shellRiskRules. */
export const SYSTEM_RULES: ReadonlyMap<string, CommandRule> = new Map<string, CommandRule>([
  ...READ_ONLY_COMMANDS.map((name): [string, CommandRule] => [name, none]),
  ['kill', assessKill],
  ['pkill', () => flagged('kills processes')],
  ['killall', () => flagged('kills processes')],
  ['skill', () => flagged('kills processes')],
  ['rm', assessRm],
  ['rmdir', () => flagged('deletes directories')],
  ['unlink', () => flagged('deletes files')],
  ['truncate', () => flagged('truncates files')],
  ['dd', assessDd],
  ...DISK_TOOLS.map((name): [string, CommandRule] => [name, () => flagged('erases, formats or repartitions disks')]),
  ['fdisk', assessPartitioner],
  ['parted', assessPartitioner],
  ['gdisk', assessPartitioner],
  ['mount', assessMount],
  ['umount', assessMount],
  ['swapoff', () => flagged('turns swap off')],
  ['swapon', () => flagged('turns swap on')],
  ['sysctl', assessSysctl],
  ['iptables', assessIptables],
  ['ip6tables', assessIptables],
  ['iptables-legacy', assessIptables],
  ['iptables-nft', assessIptables],
  ['iptables-restore', () => flagged('changes firewall rules')],
  ['ip6tables-restore', () => flagged('changes firewall rules')],
  ['nft', assessNft],
  ['ip', assessIp],
  ['ifconfig', assessIfconfig],
  ['ifdown', () => flagged('takes a network interface down')],
  ['ifup', () => flagged('brings a network interface up')],
  ['ethtool', assessEthtool],
  ['hostname', assessHostname],
  ['date', assessDate],
  ['systemctl', assessSystemctl],
  ['service', assessService],
  ['journalctl', assessJournalctl],
  ['reboot', assessPower],
  ['shutdown', assessPower],
  ['halt', assessPower],
  ['poweroff', assessPower],
  ['init', assessPower],
  ['telinit', assessPower],
  ['kexec', assessPower],
  ['docker', assessContainerTool],
  ['podman', assessContainerTool],
  ['nerdctl', assessContainerTool],
  ['docker-compose', (args, context) => assessContainerTool(['compose', ...args], context, 'docker')],
  ['crictl', assessCrictl],
  ['redis-cli', assessRedisCli],
  ['valkey-cli', assessRedisCli],
  ['psql', assessPsql],
  ['mysql', assessMysql],
  ['mariadb', assessMysql],
  ['sqlite3', assessSqlite],
  ['clickhouse-client', assessSqlOptionClient],
  ['cqlsh', assessSqlOptionClient],
  ['mongo', assessMongo],
  ['mongosh', assessMongo],
  ['pg_restore', () => flagged('restores a database dump')],
  ['python', assessPython],
  ['python3', assessPython],
  ['python2', assessPython],
  ['curl', assessCurl],
  ['wget', assessWget],
  ['http', assessHttpie],
  ['https', assessHttpie],
  ['find', assessFind],
  ['sed', assessInPlaceEditor],
  ['awk', assessInterpreter],
  ['gawk', assessInterpreter],
  ['mawk', assessInterpreter],
  ['ruby', assessInterpreter],
  ['node', assessInterpreter],
  ['nodejs', assessInterpreter],
  ['php', assessInterpreter],
  ['at', assessAt],
  ['tar', assessTar],
  ['pulumi', assessPulumi],
  ['batch', assessAt],
  ['perl', assessInPlaceEditor],
  ['yq', assessInPlaceEditor],
  ['tee', assessTee],
  ['cp', assessCopy],
  ['mv', assessCopy],
  ['install', assessCopy],
  ['ln', assessCopy],
  ['rsync', assessCopy],
  ['scp', assessCopy],
  ['chmod', assessPermissions],
  ['chown', assessPermissions],
  ['chgrp', assessPermissions],
  ['chattr', assessPermissions],
  ['setfacl', assessPermissions],
  ['git', assessGit],
  ...[...POSTGRES_TOOLS].map(([name, reason]): [string, CommandRule] => [name, () => flagged(reason)]),
  ['pg_ctl', assessPgCtl],
  ['pg_ctlcluster', assessPgCtl],
  ['gcloud', assessGcloud],
  ['aws', assessAws],
  ['crontab', assessCrontab],
  ['ansible-playbook', assessAnsible],
  ['mysqladmin', (args) => scanCommandVerbs('mysqladmin', args)],
]);
