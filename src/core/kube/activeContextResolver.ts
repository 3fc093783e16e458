// The context, cluster, user and namespace a terminal's kubectl would use, computed from a
// merged kubeconfig. kubectl itself is lenient where a mistake is costly at 03:00: a context
// naming an unknown cluster silently talks to localhost:8080 and an unknown user silently
// goes anonymous (verified with kubectl 1.32), so both are reported as errors here.

import type { MergedKubeconfig, UserAuth } from './kubeconfigModel';

export interface ActiveContext {
  readonly context: string;
  readonly cluster: string;
  /** Empty when the context names no user. */
  readonly user: string;
  /** The override, else the context's namespace, else `default` as kubectl does. */
  readonly namespace: string;
  readonly server: string;
  readonly auth: UserAuth;
  /** The file whose definition of the context won the merge. */
  readonly source: string;
}

/** Like kubectl's `--context` and `--namespace` flags; empty strings count as not given. */
export interface ContextOverride {
  readonly context?: string;
  readonly namespace?: string;
}

export type ActiveContextErrorReason =
  | 'no-kubeconfig'
  /** A kubeconfig the user named (a setting) is missing or cannot be read, or any kubeconfig cannot be read. */
  | 'unreadable-kubeconfig'
  | 'invalid-kubeconfig'
  | 'no-current-context'
  | 'context-missing'
  | 'cluster-missing'
  | 'user-missing';

export class ActiveContextError extends Error {
  override readonly name = 'ActiveContextError';

  constructor(
    readonly reason: ActiveContextErrorReason,
    message: string,
    /** The context being resolved, when there is one. */
    readonly contextName?: string,
  ) {
    super(message);
  }

  static is(value: unknown, reason?: ActiveContextErrorReason): value is ActiveContextError {
    return value instanceof ActiveContextError && (reason === undefined || value.reason === reason);
  }
}

export function resolveActiveContext(
  merged: MergedKubeconfig,
  override?: ContextOverride,
): ActiveContext | ActiveContextError {
  const invalid = merged.errors[0];
  if (invalid) return new ActiveContextError('invalid-kubeconfig', invalid.message);
  if (merged.files.length === 0) {
    const looked = merged.missing.length > 0 ? ` (looked for ${merged.missing.join(', ')})` : '';
    return new ActiveContextError('no-kubeconfig', `No kubeconfig file was found${looked}.`);
  }

  const name = override?.context || merged.currentContext;
  if (!name) {
    return new ActiveContextError(
      'no-current-context',
      `No current context is set in ${merged.files.join(', ')}; choose a context to use.`,
    );
  }
  const context = merged.contexts.find((entry) => entry.name === name);
  if (!context) {
    return new ActiveContextError(
      'context-missing',
      `The context "${name}" is not defined in ${merged.files.join(', ')}.`,
      name,
    );
  }
  const cluster = context.cluster ? merged.clusters.find((entry) => entry.name === context.cluster) : undefined;
  if (!cluster) {
    const what = context.cluster ? `the cluster "${context.cluster}", which is not defined` : 'no cluster';
    return new ActiveContextError('cluster-missing', `The context "${name}" (${context.source}) names ${what}.`, name);
  }
  let auth: UserAuth = { kind: 'none' };
  if (context.user) {
    const user = merged.users.find((entry) => entry.name === context.user);
    if (!user) {
      return new ActiveContextError(
        'user-missing',
        `The context "${name}" (${context.source}) names the user "${context.user}", which is not defined.`,
        name,
      );
    }
    auth = user.auth;
  }

  return {
    context: name,
    cluster: cluster.name,
    user: context.user,
    namespace: override?.namespace || context.namespace || 'default',
    server: cluster.server,
    auth,
    source: context.source,
  };
}

/**
 * A kubeconfig that must be read and cannot be: one named by a setting (missing counts, since
 * the user chose it), or any file that exists but cannot be read (kubectl fails on those too).
 * Steps then do not run at all: a terminal without its pin would use whatever kubeconfig
 * kubectl finds next.
 */
export function unreadableKubeconfigError(path: string, failure: { readonly code?: string; readonly message?: string }, named: string): ActiveContextError {
  const code = failure.code ?? 'unreadable';
  const detail = failure.code === 'ENOENT' ? 'no such file' : failure.code === 'EACCES' ? 'permission denied' : failure.code === 'EISDIR' ? 'it is a folder' : (failure.message ?? code);
  return new ActiveContextError(
    'unreadable-kubeconfig',
    `Cannot read the kubeconfig ${path} (${named}): ${detail} (${code}). Steps do not run until it can be read or the setting is changed.`,
  );
}
