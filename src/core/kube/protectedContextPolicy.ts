// Which kube contexts need the context name typed before a destructive step runs. Patterns
// are globs because that is what people write in settings (`*prod*`); only `*` and `?` are
// special so a context name full of `.`, `:` and `/` (EKS ARNs, GKE names) matches literally.

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

/** True when any non-blank pattern matches the whole context name. */
export function isProtectedContext(name: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => pattern.trim() !== '' && compileContextGlob(pattern.trim()).test(name));
}
