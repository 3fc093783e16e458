// What the extension keeps from a kubeconfig file: names and the shape of each entry, never
// a credential. Plain data (apart from the error class) so results can be cached, compared
// and shown in the status bar without touching the file again.

/** How a kubeconfig user authenticates; only the kind (and a command or provider name) is kept. */
export type UserAuth =
  | { readonly kind: 'token' }
  | { readonly kind: 'client-cert' }
  | { readonly kind: 'basic' }
  /** `command` is the plugin to spawn, e.g. `aws` or `gke-gcloud-auth-plugin`: a missing one is the usual failure. */
  | { readonly kind: 'exec'; readonly command: string }
  | { readonly kind: 'auth-provider'; readonly provider: string }
  | { readonly kind: 'none' };

export interface KubeContextEntry {
  readonly name: string;
  /** Empty when the entry names no cluster. */
  readonly cluster: string;
  /** Empty when the entry names no user (kubectl then sends no credentials). */
  readonly user: string;
  readonly namespace?: string;
}

export interface KubeClusterEntry {
  readonly name: string;
  /** Empty when the entry sets no server. */
  readonly server: string;
  readonly insecureSkipTlsVerify: boolean;
  /** `certificate-authority` or `certificate-authority-data` is set. */
  readonly hasCertificateAuthority: boolean;
}

export interface KubeUserEntry {
  readonly name: string;
  readonly auth: UserAuth;
}

export interface ParsedKubeconfig {
  readonly path: string;
  /** Undefined when the file does not set it or sets it to an empty string. */
  readonly currentContext?: string;
  readonly contexts: readonly KubeContextEntry[];
  readonly clusters: readonly KubeClusterEntry[];
  readonly users: readonly KubeUserEntry[];
}

export type KubeconfigErrorReason =
  /** Not YAML (or JSON) at all. */
  | 'malformed-yaml'
  /** YAML, but a field has a type kubectl refuses (kubectl then fails for every command). */
  | 'invalid-kubeconfig'
  /** The same context, cluster or user name twice in one file: kubectl refuses the file. */
  | 'duplicate-name';

/** A kubeconfig file kubectl would refuse; `message` is one sentence naming the file and line. */
export class KubeconfigError extends Error {
  override readonly name = 'KubeconfigError';

  constructor(
    readonly reason: KubeconfigErrorReason,
    readonly path: string,
    message: string,
    /** 1-based, when known. */
    readonly line?: number,
  ) {
    super(message);
  }

  static is(value: unknown, reason?: KubeconfigErrorReason): value is KubeconfigError {
    return value instanceof KubeconfigError && (reason === undefined || value.reason === reason);
  }
}

/** One entry of a merged kubeconfig, with the file whose definition won. */
export type Sourced<T> = T & { readonly source: string };

/** A later definition that kubectl ignores because an earlier file defines the same name. */
export interface MergeNote {
  readonly kind: 'context' | 'cluster' | 'user';
  readonly name: string;
  readonly keptFrom: string;
  readonly ignoredFrom: string;
  readonly message: string;
}

export interface MergedKubeconfig {
  /** Files that were read, in KUBECONFIG order. */
  readonly files: readonly string[];
  /** Files that do not exist; kubectl skips them silently. */
  readonly missing: readonly string[];
  /** Files kubectl would refuse; any of them makes every kubectl command fail. */
  readonly errors: readonly KubeconfigError[];
  readonly currentContext?: string;
  /** The file that set `currentContext`. */
  readonly currentContextSource?: string;
  readonly contexts: readonly Sourced<KubeContextEntry>[];
  readonly clusters: readonly Sourced<KubeClusterEntry>[];
  readonly users: readonly Sourced<KubeUserEntry>[];
  readonly notes: readonly MergeNote[];
}
