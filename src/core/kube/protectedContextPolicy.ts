// Which kube contexts need the context name typed before a destructive step runs. Patterns
// are globs because that is what people write in settings (`*prod*`); only `*` and `?` are
// special so a context name full of `.`, `:` and `/` (EKS ARNs, GKE names) matches literally.
//
// A context is judged by what it points at, not only by what it is called: the patterns are
// matched against the context name, its cluster's name and its cluster's server URL. A
// context called `dev` whose cluster is `https://api.prod.example.com` is production, and an
// EKS context is an ARN whose cluster part carries the environment. Asking once too often
// costs a click; not asking can cost an outage, so the defaults cast a wide net.

/**
 * The default of `oncall.kube.protectedContexts`. `*prod*` also covers `production`,
 * `preprod` and ARNs such as `arn:aws:eks:…:cluster/prod-main`; `*prd*` the short form
 * (`prd-eu`, `eks-prd`); `*live*` clusters named for live traffic (`live`, `shop-live`).
 */
export const DEFAULT_PROTECTED_PATTERNS: readonly string[] = ['*prod*', '*prd*', '*live*'];

/** What a context points at: each part is matched against the patterns. */
export interface ContextIdentity {
  readonly context: string;
  /** The cluster entry's name; empty or absent when unknown. */
  readonly cluster?: string;
  /** The cluster's server URL; empty or absent when unknown. */
  readonly server?: string;
}

export interface ProtectionVerdict {
  readonly protected: boolean;
  /** Why, for the dialog and the status bar: `its server https://… matches "*prod*"`. */
  readonly reason?: string;
}

/** Compiles a glob where `*` is any run of characters and `?` exactly one; case-insensitive. */
export function compileContextGlob(pattern: string): RegExp {
  let source = '';
  for (const char of pattern) {
    if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  // `s` so a `?` or `*` also matches a newline; `u` so `?` is one character, not one UTF-16 unit.
  return new RegExp(`^${source}$`, 'isu');
}

/**
 * Whether a context is protected, and which of its parts matched which pattern. The context
 * name is tried first, then the cluster name, then the server URL.
 */
export function protectionOf(identity: ContextIdentity, patterns: readonly string[]): ProtectionVerdict {
  const globs = patterns
    .map((pattern) => pattern.trim())
    .filter((pattern) => pattern !== '')
    .map((pattern) => ({ pattern, glob: compileContextGlob(pattern) }));
  const parts: [string, string | undefined][] = [
    ['its name', identity.context],
    ['its cluster', identity.cluster],
    ['its server', identity.server],
  ];
  for (const [what, value] of parts) {
    if (!value) continue;
    const match = globs.find(({ glob }) => glob.test(value));
    if (match) {
      const shown = what === 'its server' ? value : `"${value}"`;
      return { protected: true, reason: `${what} ${shown} matches "${match.pattern}"` };
    }
  }
  return { protected: false };
}

/** True when any non-blank pattern matches the whole context name (the name alone). */
export function isProtectedContext(name: string, patterns: readonly string[]): boolean {
  return protectionOf({ context: name }, patterns).protected;
}
