// Merges the files of a KUBECONFIG list with kubectl's rules, not client-node's: client-node
// takes the last file's current-context (unless told otherwise) and throws on a name defined
// in two files, while kubectl takes the first of each. Verified with kubectl 1.32:
// - current-context comes from the first file that sets a non-empty one;
// - for contexts, clusters and users the first file defining a name wins, and its entry is
//   taken whole (a later file never fills in a field the first one left out);
// - files that do not exist are skipped silently; a malformed file makes every command fail.

import {
  KubeconfigError,
  type KubeClusterEntry,
  type KubeContextEntry,
  type KubeUserEntry,
  type MergedKubeconfig,
  type MergeNote,
  type ParsedKubeconfig,
  type Sourced,
} from './kubeconfigModel';

export interface KubeconfigFile {
  readonly path: string;
  /** Undefined when the file does not exist. */
  readonly config: ParsedKubeconfig | KubeconfigError | undefined;
}

/** Merges files given in KUBECONFIG order. Never throws: duplicates become notes. */
export function mergeKubeconfigs(files: readonly KubeconfigFile[]): MergedKubeconfig {
  const read: string[] = [];
  const missing: string[] = [];
  const errors: KubeconfigError[] = [];
  const notes: MergeNote[] = [];
  const contexts = new Map<string, Sourced<KubeContextEntry>>();
  const clusters = new Map<string, Sourced<KubeClusterEntry>>();
  const users = new Map<string, Sourced<KubeUserEntry>>();
  let currentContext: string | undefined;
  let currentContextSource: string | undefined;

  for (const { path, config } of files) {
    if (config === undefined) {
      missing.push(path);
      continue;
    }
    if (KubeconfigError.is(config)) {
      errors.push(config);
      continue;
    }
    read.push(path);
    if (currentContext === undefined && config.currentContext) {
      currentContext = config.currentContext;
      currentContextSource = path;
    }
    addFirst('context', config.contexts, contexts, path, notes);
    addFirst('cluster', config.clusters, clusters, path, notes);
    addFirst('user', config.users, users, path, notes);
  }

  return {
    files: read,
    missing,
    errors,
    ...(currentContext !== undefined ? { currentContext, currentContextSource } : {}),
    contexts: [...contexts.values()],
    clusters: [...clusters.values()],
    users: [...users.values()],
    notes,
  };
}

function addFirst<T extends { readonly name: string }>(
  kind: MergeNote['kind'],
  entries: readonly T[],
  into: Map<string, Sourced<T>>,
  source: string,
  notes: MergeNote[],
): void {
  for (const entry of entries) {
    const kept = into.get(entry.name);
    if (kept) {
      notes.push({
        kind,
        name: entry.name,
        keptFrom: kept.source,
        ignoredFrom: source,
        message: `The ${kind} "${entry.name}" in ${source} is ignored because ${kept.source} defines it first.`,
      });
      continue;
    }
    into.set(entry.name, { ...entry, source });
  }
}
