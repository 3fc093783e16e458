// Which files kubectl reads, in order. Mirrors client-go's loading rules so the context the
// extension shows is the one a terminal's kubectl uses.

/**
 * The kubeconfig files kubectl would read.
 *
 * A set, non-empty `KUBECONFIG` is split on the platform's list delimiter; empty entries are
 * dropped and a repeated path keeps its first position. A `KUBECONFIG` holding only
 * delimiters yields no file at all: kubectl does not fall back to the home file then
 * (verified with kubectl 1.32). Unset or empty means `<home>/.kube/config`.
 */
export function kubeconfigPaths(
  env: { readonly KUBECONFIG?: string },
  homeDir: string,
  pathDelimiter = ':',
): string[] {
  const list = env.KUBECONFIG;
  if (list === undefined || list === '') {
    // The delimiter tells the platform apart: ';' only on Windows, where paths use '\'.
    const separator = pathDelimiter === ';' ? '\\' : '/';
    return [`${homeDir.replace(/[\\/]+$/, '')}${separator}.kube${separator}config`];
  }
  const paths: string[] = [];
  for (const entry of list.split(pathDelimiter)) {
    if (entry !== '' && !paths.includes(entry)) paths.push(entry);
  }
  return paths;
}
