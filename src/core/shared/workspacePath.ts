// Paths that settings give relative to the workspace folder (the post-mortem template and
// folder). A repository's settings can name them, so they must stay inside the workspace:
// otherwise Generate Post-Mortem could copy ~/.kube/config into the repository, or write
// outside it. This is the textual half of the check; the platform half resolves symlinks.

export type WorkspacePathCheck = { readonly segments: readonly string[] } | { readonly problem: string };

/** A URI scheme or a Windows drive (`C:`, `c:foo`, `file:`), anything a resolver would not read as relative. */
const SCHEME_OR_DRIVE = /^[A-Za-z][A-Za-z0-9+.-]*:/u;
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;

/**
 * Checks a workspace-relative path from a setting. Both separators count (a Windows host reads
 * `..\\..` as going up), and so does every form of "absolute": `/x`, `\\x`, `\\\\server\\x`,
 * `C:\\x`, `C:x`, `~/x`, `file:///x`. `.` segments and doubled separators are dropped.
 */
export function checkWorkspaceRelativePath(setting: string, value: string): WorkspacePathCheck {
  const refuse = (why: string): WorkspacePathCheck => ({
    problem: `${setting} must be a path inside the workspace folder, and ${JSON.stringify(value)} ${why}, so it was not used.`,
  });
  if (CONTROL_CHARACTERS.test(value)) return refuse('contains control characters');
  if (/^[/\\]/u.test(value)) return refuse('is absolute');
  if (SCHEME_OR_DRIVE.test(value)) return refuse('names a drive or a URI scheme');
  if (value.startsWith('~')) return refuse('starts in a home folder');
  const segments = value.split(/[/\\]+/u).filter((segment) => segment !== '' && segment !== '.');
  if (segments.some((segment) => segment === '..')) return refuse('goes up with ..');
  // Windows ignores trailing dots and spaces: `.. ` and `...` would climb there too.
  if (segments.some((segment) => /^\.+[ .]*$/u.test(segment.trim()) && segment.trim() !== '.')) return refuse('goes up with dots');
  if (segments.length === 0) return refuse('names the workspace folder itself');
  return { segments };
}

/** True when `candidate` is `root` or inside it; both absolute, already resolved, same separator. */
export function isInsideFolder(root: string, candidate: string, separator = '/'): boolean {
  const base = root.endsWith(separator) ? root : root + separator;
  return candidate === root || candidate.startsWith(base);
}
