// Paths written in settings, expanded the way people expect from VS Code's own settings:
// `~` is the home folder and `${env:NAME}` an environment variable (`${userHome}` too). Node
// expands neither, so without this `~/.kube/staging` names a folder called `~` in the
// working directory, which does not exist, and the setting silently stops applying.
//
// A variable that is not set is an error, never an empty string: `${env:KUBE_DIR}/config`
// with KUBE_DIR unset must not become `/config`.

export interface PathExpansionEnvironment {
  readonly home: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `\` on Windows; decides whether `~\` also means the home folder. */
  readonly separator?: '/' | '\\';
}

export type ExpandedPath = { readonly path: string } | { readonly error: string };

const VARIABLE = /\$\{([^}]*)\}/g;

/** Expands `~`, `~/…`, `${env:NAME}` and `${userHome}` in one path; other text is kept as written. */
export function expandSettingPath(value: string, environment: PathExpansionEnvironment): ExpandedPath {
  const text = value.trim();
  let failure: string | undefined;
  let path = text.replace(VARIABLE, (whole, inner: string) => {
    const name = inner.trim();
    if (name === 'userHome') return environment.home;
    if (name.startsWith('env:')) {
      const variable = name.slice(4);
      const found = environment.env[variable];
      if (found === undefined || found === '') failure ??= `${text} uses \${env:${variable}}, which is not set`;
      return found ?? '';
    }
    failure ??= `${text} uses ${whole}, which is not a variable a path setting can use (only \${env:NAME} and \${userHome})`;
    return whole;
  });
  if (failure) return { error: failure };
  const homeSeparator = environment.separator === '\\' ? /^~[\\/]/ : /^~\//;
  if (path === '~') path = environment.home;
  else if (homeSeparator.test(path)) path = environment.home.replace(/[\\/]+$/, '') + path.slice(1);
  else if (/^~[^\\/]/.test(path)) return { error: `${text} names another user's home (~user), which is not supported; write the full path` };
  return { path };
}

/**
 * Expands every entry of a list written like KUBECONFIG (`a:b`, `a;b` on Windows). Empty
 * entries are dropped; the first entry that cannot be expanded is the error.
 */
export function expandSettingPathList(value: string, delimiter: string, environment: PathExpansionEnvironment): { readonly paths: readonly string[] } | { readonly error: string } {
  const paths: string[] = [];
  for (const entry of splitPathList(value, delimiter)) {
    const expanded = expandSettingPath(entry, environment);
    if ('error' in expanded) return expanded;
    paths.push(expanded.path);
  }
  return { paths };
}

/** Splits on the delimiter, but not inside `${…}` (`${env:A}` holds a `:`). */
function splitPathList(value: string, delimiter: string): string[] {
  const entries: string[] = [];
  let current = '';
  let depth = 0;
  for (let index = 0; index < value.length; index++) {
    const char = value[index]!;
    if (char === '$' && value[index + 1] === '{') depth++;
    else if (char === '}' && depth > 0) depth--;
    if (char === delimiter && depth === 0) {
      entries.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  entries.push(current);
  return entries.map((entry) => entry.trim()).filter((entry) => entry !== '');
}
