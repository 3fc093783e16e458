// Risk rules for the Kubernetes command-line tools found in runbooks: kubectl (and `k`),
// OpenShift's oc, helm, virtctl and etcdctl. Reading verbs pass; anything that changes the
// cluster, runs code in it (exec, debug, rsh) or changes a node is flagged. A verb these
// rules do not know is judged by its words (see scanCommandVerbs), so a plugin called
// `delete-orphans` is flagged while `kubectl neat` is not.

import { hasOption, optionValue, parseOptions, type OptionSpec, type ParsedArguments } from './commandOptions';
import { flagDestructive, flagUnchecked, noteSafe, RETARGET_REASON, type CommandContext, type CommandRule, type RiskFinding } from './riskFinding';
import { classifyCommandVerbs, scanCommandVerbs } from './verbScanner';

export const KUBECTL_OPTIONS: OptionSpec = {
  // -i, -t, -A, -w, -R, -q are switches; these take a value (-n shop, -nshop, -ojson, -lapp=x).
  shortWithValue: 'nlofcpsvLke',
  longWithValue: new Set([
    'namespace', 'context', 'cluster', 'user', 'kubeconfig', 'server', 'token', 'as', 'as-group', 'as-uid',
    'request-timeout', 'certificate-authority', 'client-certificate', 'client-key', 'tls-server-name',
    'cache-dir', 'v', 'log-dir', 'log-file', 'vmodule', 'profile', 'profile-output', 'password', 'username',
    'selector', 'output', 'filename', 'container', 'field-selector', 'sort-by', 'template', 'patch',
    'patch-file', 'type', 'timeout', 'grace-period', 'replicas', 'current-replicas', 'resource-version',
    'image', 'port', 'target-port', 'name', 'kustomize', 'for', 'since', 'since-time', 'tail',
    'max-log-requests', 'pod-running-timeout', 'limit-bytes', 'chunk-size', 'cascade', 'field-manager',
    'subresource', 'label-columns', 'to-revision', 'min', 'max', 'cpu-percent', 'env', 'from', 'from-file',
    'from-literal', 'from-env-file', 'docker-server', 'docker-username', 'docker-password', 'docker-email',
    'overrides', 'restart', 'serviceaccount', 'schedule', 'target', 'copy-to', 'set-image', 'shell',
    'image-pull-policy', 'protocol', 'external-ip', 'dest-dir', 'role', 'keys', 'to', 'show-labels-for',
  ]),
};

/** Verbs that only read, or that change nothing but the user's own session. */
const KUBECTL_READ_VERBS = new Set([
  'get', 'describe', 'logs', 'log', 'top', 'explain', 'api-resources', 'api-versions', 'version',
  'cluster-info', 'events', 'diff', 'wait', 'port-forward', 'proxy', 'completion', 'kustomize', 'options',
  'help', 'plugin', 'convert',
  // OpenShift: session and inspection commands.
  'whoami', 'status', 'project', 'projects', 'login', 'logout', 'observe', 'extract', 'process',
  // Common read-only plugins.
  'ctx', 'ns', 'neat', 'tree', 'krew', 'df-pv', 'who-can', 'access-matrix', 'view-secret', 'stern',
]);

/** Verbs that change the cluster whatever their arguments, with the phrase shown to the user. */
const KUBECTL_WRITE_VERBS = new Map<string, string>([
  ['delete', 'deletes Kubernetes resources'],
  ['drain', 'drains a node (evicts its pods)'],
  ['cordon', 'cordons a node (no new pods are scheduled on it)'],
  ['uncordon', 'uncordons a node (pods can be scheduled on it again)'],
  ['taint', 'changes node taints'],
  ['autoscale', 'changes autoscaling'],
  ['patch', 'patches Kubernetes resources'],
  ['replace', 'replaces Kubernetes resources'],
  ['edit', 'edits Kubernetes resources'],
  ['attach', 'attaches to a running container'],
  ['debug', 'starts a debug pod or container'],
  ['run', 'starts a pod'],
  ['expose', 'creates a service'],
  ['certificate', 'approves or denies certificate requests'],
  // OpenShift.
  ['new-app', 'creates an application'],
  ['new-project', 'creates a project'],
  ['new-build', 'creates a build configuration'],
  ['start-build', 'starts a build'],
  ['cancel-build', 'cancels builds'],
  ['rollback', 'rolls back a deployment'],
  ['import-image', 'imports images into an image stream'],
  ['tag', 'changes image stream tags'],
  ['idle', 'idles workloads (scales to 0 replicas)'],
  ['secrets', 'changes secrets'],
]);

/** A dry run changes nothing; `--dry-run=none` (or `false`) is a real run. */
function isDryRun(parsed: ParsedArguments): boolean {
  const value = optionValue(parsed, '--dry-run');
  return value === true || value === 'client' || value === 'server' || value === 'true';
}

function isHelpRequest(parsed: ParsedArguments): boolean {
  return hasOption(parsed, '-h', '--help');
}

/** kubectl, `k`, oc and wrappers such as `microk8s kubectl`. */
export const assessKubectl: CommandRule = (args, context, name) => {
  const parsed = parseOptions(args, KUBECTL_OPTIONS);
  const [verb, sub] = parsed.positionals;
  if (verb === undefined || isHelpRequest(parsed)) return [];
  const tool = name === 'oc' ? 'oc' : 'kubectl';

  // `kubectl $VERB pod x`: the verb is only known when the step runs.
  if (/[$`]/.test(verb)) return [flagUnchecked('takes its verb from a variable, which cannot be checked')];
  if (verb === 'virt') return assessVirtctl(args.slice(args.indexOf('virt') + 1), context, 'virtctl');
  if (verb === 'adm' && tool === 'oc') return assessOcAdm(parsed);
  // The ctx and ns plugins and `oc project` list without an argument and switch with one.
  if ((verb === 'ctx' || verb === 'ns' || verb === 'project') && (sub !== undefined || hasOption(parsed, '-u', '--unset'))) {
    return hasOption(parsed, '-c', '--current') ? [] : [flagDestructive(RETARGET_REASON)];
  }
  // `oc login` writes the server and user into the kubeconfig the terminal reads.
  if (verb === 'login' && tool === 'oc' && (sub !== undefined || parsed.options.some((option) => /^(-s|--server|--token|-u|--username)$/.test(option.name)))) {
    return [flagDestructive(RETARGET_REASON)];
  }
  // Plugins are programs: installing or upgrading one changes what later steps run.
  if (verb === 'krew' && sub !== undefined && /^(install|uninstall|upgrade|remove)$/.test(sub)) return [flagDestructive(`${sub === 'install' ? 'installs' : 'changes'} ${tool} plugins`)];
  if (KUBECTL_READ_VERBS.has(verb)) return [];

  const findings = assessKubectlVerb(verb, sub, parsed, context, tool);
  if (findings.some((finding) => finding.destructive) && isDryRun(parsed)) {
    return [noteSafe(`dry run only (${tool} ${verb})`)];
  }
  return findings;
};

function assessKubectlVerb(
  verb: string,
  sub: string | undefined,
  parsed: ParsedArguments,
  context: CommandContext,
  tool: string,
): RiskFinding[] {
  const fixed = KUBECTL_WRITE_VERBS.get(verb);
  if (fixed) {
    if (verb === 'debug') return [flagDestructive(fixed), ...context.assessCommand(parsed.rest ?? [])];
    return [flagDestructive(fixed)];
  }
  switch (verb) {
    case 'scale': {
      const replicas = optionValue(parsed, '--replicas');
      return [flagDestructive(replicas === '0' ? 'scales to 0 replicas' : 'changes the number of replicas')];
    }
    case 'rollout':
      return assessRollout(sub);
    case 'apply':
      if (sub === 'view-last-applied') return [];
      return [flagDestructive('applies changes to Kubernetes resources')];
    case 'create':
      // A token request is issued and returned; nothing is stored in the cluster.
      if (sub === 'token') return [];
      return [flagDestructive('creates Kubernetes resources')];
    case 'set':
      return assessSet(sub, parsed);
    case 'label':
    case 'annotate':
      return assessLabels(verb, parsed);
    case 'exec': {
      // `kubectl exec pod -- cmd`, or the old `kubectl exec pod cmd`.
      const inner = parsed.rest ?? parsed.positionals.slice(2);
      return [flagDestructive('runs a command inside a pod'), ...context.assessCommand(inner)];
    }
    case 'rsh': {
      const inner = [...parsed.positionals.slice(2), ...(parsed.rest ?? [])];
      if (inner.length === 0) return [flagDestructive('opens a shell in a pod')];
      return [flagDestructive('runs a command inside a pod'), ...context.assessCommand(inner)];
    }
    case 'cp':
    case 'rsync': {
      const destination = parsed.positionals[parsed.positionals.length - 1] ?? '';
      return isPodPath(destination) ? [flagDestructive('copies files into a pod')] : [];
    }
    case 'auth':
      return sub === 'can-i' || sub === 'whoami' ? [] : [flagDestructive('changes RBAC rules')];
    case 'config':
      // use-context, set-context, set current-context...: every later step of the terminal runs elsewhere.
      if (sub !== undefined && /^(use-context|use|set-context|set|set-cluster|set-credentials)$/.test(sub)) return [flagDestructive(RETARGET_REASON)];
      return sub !== undefined && /^(delete-|unset$|rename-context$)/.test(sub)
        ? [flagDestructive('removes entries from your kubeconfig')]
        : [];
    case 'policy':
      return sub === 'who-can' || sub === 'can-i' || sub === 'scc-subject-review' || sub === 'scc-review'
        ? []
        : [flagDestructive('changes RBAC policy')];
    case 'serviceaccounts':
    case 'sa':
      if (sub === 'get-token' || sub === 'create-kubeconfig') return [];
      return [flagDestructive(sub === 'new-token' ? 'creates a service account token' : 'changes service accounts')];
    case 'image':
      return sub === 'info' || sub === 'extract' ? [] : [flagDestructive('pushes or mirrors images')];
    case 'registry':
      return sub === 'info' || sub === 'login' ? [] : [flagDestructive(`runs ${tool} registry ${sub ?? ''}`.trim())];
    default: {
      // An unknown verb is a plugin: a program of its own, judged by its words when they say
      // what it does, else asked about.
      const verdict = classifyCommandVerbs(tool, [verb, ...parsed.positionals.slice(1)]);
      if (verdict === 'reads') return [];
      return verdict === 'unknown' ? [flagUnchecked(`runs ${tool === 'oc' ? 'an' : 'a'} ${tool} plugin, which cannot be checked`)] : [verdict];
    }
  }
}

function assessRollout(sub: string | undefined): RiskFinding[] {
  switch (sub) {
    case 'status':
    case 'history':
    case 'latest-status':
      return [];
    case 'undo':
      return [flagDestructive('rolls back a rollout')];
    case 'restart':
      return [flagDestructive('restarts pods (rollout restart)')];
    case 'pause':
      return [flagDestructive('pauses a rollout')];
    case 'resume':
      return [flagDestructive('resumes a rollout')];
    default:
      return [flagDestructive('changes a rollout')];
  }
}

function assessSet(sub: string | undefined, parsed: ParsedArguments): RiskFinding[] {
  // `kubectl set env deploy/x --list` only prints.
  if (hasOption(parsed, '--list')) return [];
  switch (sub) {
    case 'image':
      return [flagDestructive('changes container images')];
    case 'env':
      return [flagDestructive('changes environment variables')];
    case 'resources':
      return [flagDestructive('changes resource requests and limits')];
    default:
      return [flagDestructive('changes workload settings')];
  }
}

function assessLabels(verb: 'label' | 'annotate', parsed: ParsedArguments): RiskFinding[] {
  if (hasOption(parsed, '--list')) return [];
  const noun = verb === 'label' ? 'labels' : 'annotations';
  const findings: RiskFinding[] = [];
  if (hasOption(parsed, '--overwrite')) findings.push(flagDestructive(`overwrites ${noun}`));
  // `key-` removes a label or annotation.
  if (parsed.positionals.slice(2).some((word) => /^[^=]+-$/.test(word))) findings.push(flagDestructive(`removes ${noun}`));
  return findings.length > 0 ? findings : [flagDestructive(`changes ${noun}`)];
}

/** `pod:/path` or `ns/pod:/path`, not a Windows drive such as `C:\dir`. */
function isPodPath(word: string): boolean {
  return word.includes(':') && !/^[A-Za-z]:[\\/]/.test(word);
}

function assessOcAdm(parsed: ParsedArguments): RiskFinding[] {
  const [, sub, action] = parsed.positionals;
  switch (sub) {
    case undefined:
    case 'top':
    case 'must-gather':
    case 'inspect':
    case 'node-logs':
    case 'wait-for-stable-cluster':
    case 'who-can':
      return [];
    case 'release':
      return action === 'info' || action === 'extract' ? [] : [flagDestructive('changes release images')];
    case 'upgrade':
      // Without options `oc adm upgrade` only shows the update status.
      return parsed.options.some((option) => /^--(to|clear|allow|force)/.test(option.name))
        ? [flagDestructive('upgrades the cluster')]
        : [];
    case 'drain':
    case 'cordon':
    case 'uncordon':
    case 'taint':
      return [flagDestructive(KUBECTL_WRITE_VERBS.get(sub)!)];
    case 'certificate':
      return [flagDestructive('approves or denies certificate requests')];
    case 'policy':
      return action === 'who-can' ? [] : [flagDestructive('changes RBAC policy')];
    case 'prune':
      return [flagDestructive('prunes resources')];
    case 'manage-node':
      return hasOption(parsed, '--list-pods') ? [] : [flagDestructive('changes node scheduling')];
    case 'reboot-machine-config-pool':
      return [flagDestructive('reboots nodes')];
    case 'restart-kubelet':
      return [flagDestructive('restarts kubelets')];
    case 'ocp-certificates':
      return action === 'monitor-certificates' ? [] : [flagDestructive('changes cluster certificates')];
    default:
      return [flagDestructive(`runs oc adm ${sub}, which may change the cluster`)];
  }
}

const HELM_OPTIONS: OptionSpec = {
  shortWithValue: 'nfo',
  longWithValue: new Set([
    'namespace', 'kube-context', 'kubeconfig', 'registry-config', 'repository-cache', 'repository-config',
    'burst-limit', 'qps', 'kube-as-user', 'kube-as-group', 'kube-token', 'kube-apiserver', 'kube-ca-file',
    'kube-tls-server-name', 'values', 'set', 'set-string', 'set-file', 'set-json', 'version', 'timeout',
    'output', 'revision', 'max', 'description', 'post-renderer', 'repo', 'username', 'password',
  ]),
};

const HELM_READ = new Set([
  'list', 'ls', 'status', 'history', 'hist', 'get', 'show', 'inspect', 'template', 'search', 'repo',
  'version', 'env', 'lint', 'dependency', 'dep', 'pull', 'fetch', 'verify', 'diff', 'completion', 'help',
  'plugin', 'registry', 'package', 'create',
]);

const HELM_WRITE = new Map<string, string>([
  ['install', 'installs a Helm release'],
  ['upgrade', 'upgrades a Helm release'],
  ['rollback', 'rolls back a Helm release'],
  ['uninstall', 'uninstalls a Helm release'],
  ['delete', 'uninstalls a Helm release'],
  ['del', 'uninstalls a Helm release'],
  ['un', 'uninstalls a Helm release'],
  ['test', 'runs a release\'s test pods'],
  ['push', 'pushes a chart'],
]);

export const assessHelm: CommandRule = (args) => {
  const parsed = parseOptions(args, HELM_OPTIONS);
  const [verb] = parsed.positionals;
  if (verb === 'plugin' && /^(install|uninstall|update|add|remove)$/.test(parsed.positionals[1] ?? '')) return [flagDestructive('changes Helm plugins')];
  if (verb === undefined || isHelpRequest(parsed) || HELM_READ.has(verb)) return [];
  const reason = HELM_WRITE.get(verb);
  if (reason === undefined) return scanCommandVerbs('helm', parsed.positionals);
  if (hasOption(parsed, '--dry-run')) return [noteSafe(`dry run only (helm ${verb})`)];
  return [flagDestructive(reason)];
};

const VIRTCTL_READ = new Set([
  'version', 'guestosinfo', 'fslist', 'userlist', 'port-forward', 'help', 'completion', 'credentials',
  'create-kubeconfig', 'objectgraph',
]);

const VIRTCTL_WRITE = new Map<string, string>([
  ['stop', 'stops a virtual machine'],
  ['restart', 'restarts a virtual machine'],
  ['soft-reboot', 'reboots a virtual machine'],
  ['start', 'starts a virtual machine'],
  ['migrate', 'live-migrates a virtual machine'],
  ['migrate-cancel', 'cancels a live migration'],
  ['pause', 'pauses a virtual machine'],
  ['unpause', 'unpauses a virtual machine'],
  ['freeze', 'freezes a guest\'s filesystems'],
  ['unfreeze', 'unfreezes a guest\'s filesystems'],
  ['addvolume', 'attaches a volume to a virtual machine'],
  ['removevolume', 'detaches a volume from a virtual machine'],
  ['expand', 'changes a virtual machine'],
  ['image-upload', 'uploads a disk image'],
  ['memory-dump', 'dumps a virtual machine\'s memory'],
  ['expose', 'creates a service'],
  ['console', 'opens the console of a virtual machine'],
  ['vnc', 'opens the console of a virtual machine'],
  ['ssh', 'opens a shell in a virtual machine'],
  ['scp', 'copies files to or from a virtual machine'],
]);

export const assessVirtctl: CommandRule = (args) => {
  const parsed = parseOptions(args, KUBECTL_OPTIONS);
  const [verb] = parsed.positionals;
  if (verb === undefined || isHelpRequest(parsed) || VIRTCTL_READ.has(verb)) return [];
  const reason = VIRTCTL_WRITE.get(verb);
  if (reason === undefined) return [flagDestructive(`runs virtctl ${verb}, which may change a virtual machine`)];
  if (isDryRun(parsed)) return [noteSafe(`dry run only (virtctl ${verb})`)];
  return [flagDestructive(reason)];
};

const ETCDCTL_OPTIONS: OptionSpec = {
  shortWithValue: 'w',
  longWithValue: new Set([
    'endpoints', 'cacert', 'cert', 'key', 'user', 'password', 'write-out', 'command-timeout', 'dial-timeout',
    'keepalive-time', 'keepalive-timeout', 'discovery-srv', 'discovery-srv-name', 'data-dir', 'name',
    'initial-cluster', 'initial-cluster-token', 'initial-advertise-peer-urls', 'peer-urls',
  ]),
};

const ETCDCTL_WRITE = new Map<string, string>([
  ['del', 'deletes etcd keys'],
  ['put', 'writes etcd keys'],
  ['txn', 'writes etcd keys'],
  ['defrag', 'defragments etcd (the member blocks while it runs)'],
  ['compaction', 'compacts etcd history'],
  ['compact', 'compacts etcd history'],
  ['move-leader', 'moves the etcd leader'],
  ['downgrade', 'downgrades etcd'],
  ['lock', 'takes an etcd lock'],
  ['elect', 'takes part in an etcd election'],
]);

export const assessEtcdctl: CommandRule = (args) => {
  const parsed = parseOptions(args, ETCDCTL_OPTIONS);
  const [verb, sub] = parsed.positionals;
  if (verb === undefined || isHelpRequest(parsed)) return [];
  const fixed = ETCDCTL_WRITE.get(verb);
  if (fixed) return [flagDestructive(fixed)];
  switch (verb) {
    case 'get':
    case 'endpoint':
    case 'version':
    case 'watch':
    case 'check':
      return verb === 'check' && sub === 'perf' ? [flagDestructive('puts load on etcd (check perf)')] : [];
    case 'member':
      return sub === 'list' ? [] : [flagDestructive('changes etcd membership')];
    case 'alarm':
      return sub === 'list' ? [] : [flagDestructive('disarms etcd alarms')];
    case 'snapshot':
      return sub === 'save' || sub === 'status' ? [] : [flagDestructive('restores an etcd snapshot')];
    case 'lease':
      return sub === 'revoke' || sub === 'grant' || sub === 'keep-alive'
        ? [flagDestructive('changes etcd leases')]
        : [];
    case 'auth':
    case 'user':
    case 'role':
      return sub === 'status' || sub === 'list' || sub === 'get' ? [] : [flagDestructive('changes etcd access control')];
    default:
      return [flagDestructive(`runs etcdctl ${verb}, which may change etcd`)];
  }
};
