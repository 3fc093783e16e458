// A terminal is pinned to a context by putting a tiny kubeconfig first in its KUBECONFIG,
// never by editing the user's own files and never by copying credentials.
//
// The pin file holds `current-context` and one context entry (cluster name, user name,
// namespace), nothing else. kubectl merges KUBECONFIG files with two first-wins rules:
// `current-context` comes from the first file that sets one, and a context name defined in
// several files takes the first file's entry whole. With the pin file first:
// - `current-context` is the pin's, whatever the user's files say;
// - the pin's entry shadows the user's context of the same name, so its namespace applies
//   even when the user's entry sets another one (or none);
// - clusters and users, with their credentials, are found in the user's files as usual.
//
// The pinned context keeps the user's context name rather than a name of our own: prompts,
// `kubectl config current-context`, helm and k9s then show the name the engineer knows, and
// `--context <that name>` still means the same cluster. A distinct name would work for the
// merge too but would surface an unfamiliar context in every tool.
//
// Verified with kubectl 1.32 (pin file first, user's file second): `config view --minify`
// shows the pinned cluster, user and namespace; `config use-context` and
// `config set-context --current --namespace` typed in the terminal rewrite only the pin file,
// since kubectl writes current-context and a context entry to the file that defines them.
// Editing another context (`config set-context other --namespace x`) still writes to the
// user's file that defines it, as it would without the pin.

import { stringify } from 'yaml';

export interface PinTarget {
  /** The user's context name, reused as the pinned context's name. */
  readonly context: string;
  readonly namespace: string;
  /** The cluster and user names of the user's context, as defined in the user's files. */
  readonly cluster: string;
  /** Empty when the context names no user. */
  readonly user: string;
}

/** The content of the pin file. */
export function renderPinKubeconfig(target: PinTarget): string {
  const context: Record<string, string> = { cluster: target.cluster };
  if (target.user) context['user'] = target.user;
  context['namespace'] = target.namespace;
  // Every value is double-quoted: kubectl reads YAML 1.1, where a context or namespace called
  // `yes`, `on` or `no` would otherwise load as a boolean and make kubectl refuse the file.
  const body = stringify(
    {
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': target.context,
      contexts: [{ name: target.context, context }],
    },
    { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' },
  );
  return (
    '# Pins a terminal to one kube context: On-Call puts this file first in the terminal\'s\n' +
    '# KUBECONFIG. Clusters and users (and their credentials) come from your own kubeconfig.\n' +
    body
  );
}

/** The terminal's KUBECONFIG value: the pin file first, then the user's files in their order. */
export function pinnedKubeconfigEnv(pinPath: string, userPaths: readonly string[], delimiter = ':'): string {
  const rest = userPaths.filter((path) => path !== '' && path !== pinPath);
  return [pinPath, ...rest].join(delimiter);
}

/** The context name a terminal without any kubeconfig is set to; kubectl's error shows it. */
export const NO_CLUSTER_CONTEXT = 'no-kubeconfig-in-this-terminal';

/**
 * The KUBECONFIG of a terminal used when there is no kubeconfig at all. Not an empty file and
 * not `/dev/null`: with those kubectl quietly talks to http://localhost:8080. This file names
 * a current-context that it does not define, so kubectl, helm and k9s refuse every command
 * ("context was not found for specified context: no-kubeconfig-in-this-terminal") and never
 * fall back to ~/.kube/config or to localhost (verified with kubectl 1.32, `--context`,
 * `--server` and `-s` included). Only an explicit `--kubeconfig` reaches a cluster.
 */
export const NO_CLUSTER_KUBECONFIG =
  '# On-Call found no kubeconfig for this workspace: this terminal has no cluster.\n' +
  '# The current-context below is deliberately undefined so that kubectl, helm and k9s fail\n' +
  '# instead of using another kubeconfig.\n' +
  'apiVersion: v1\n' +
  'kind: Config\n' +
  `current-context: ${NO_CLUSTER_CONTEXT}\n` +
  'contexts: []\n' +
  'clusters: []\n' +
  'users: []\n';
