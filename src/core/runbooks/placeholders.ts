import type { BlockKind, Placeholder, PlaceholderForm } from './model';

// One pass over the text; the alternatives are tried left to right at each position, so
// `P[SEVERITY]` wins over `[SEVERITY]` and `${POD}` over `$POD` without overlap handling.
//   1 severity    P[SEVERITY]
//   2 braced      ${POD}            (only a bare name: `${X:-default}` already has a value)
//   3 variable    $NAMESPACE
//   4 angle       <pod-name>, <value of namespace label from alert>
//   5 bracket     [Brief description], [SEVERITY]
//   6 date        YYYY-MM-DD, HH:MM, HH:MM:SS
// Every alternative starts with a literal character so the engine can skip ahead; what may
// come before a match is checked in code.
const PLACEHOLDER =
  /(P\[[A-Z][A-Z_]*\])|\$\{([A-Z][A-Z0-9_]*)\}|\$([A-Z][A-Z0-9_]*)(?![\w])|<([A-Za-z][\w.-]*(?: [\w.-]+)*)>|\[([A-Z][A-Za-z0-9_]*(?: [A-Za-z0-9_]+)*)\]|(YYYY-MM-DD)(?![a-z0-9_])|(HH:MM(?::SS)?)(?!(?!Z)\w)/g;
const FORMS: readonly PlaceholderForm[] = ['severity', 'braced-variable', 'variable', 'angle', 'bracket', 'date', 'date'];

// Set by the shell or the user's own environment: the runbook means the value the terminal has.
const ENVIRONMENT_VARIABLES: ReadonlySet<string> = new Set([
  'HOME', 'PATH', 'USER', 'USERNAME', 'LOGNAME', 'PWD', 'OLDPWD', 'SHELL', 'HOSTNAME', 'HOST', 'HOSTTYPE',
  'OSTYPE', 'MACHTYPE', 'RANDOM', 'SECONDS', 'LINENO', 'UID', 'EUID', 'GROUPS', 'PPID', 'BASHPID', 'SHLVL',
  'IFS', 'PS1', 'PS2', 'PS4', 'TERM', 'LANG', 'LANGUAGE', 'LC_ALL', 'LC_CTYPE', 'TZ', 'TMPDIR', 'EDITOR',
  'VISUAL', 'PAGER', 'KUBE_EDITOR', 'KUBECONFIG', 'DISPLAY', 'MAIL', 'OPTARG', 'OPTIND', 'OPTERR', 'REPLY',
  'PIPESTATUS', 'FUNCNAME', 'BASH', 'BASH_SOURCE', 'BASH_VERSION', 'BASH_REMATCH', 'BASH_LINENO',
  'ZSH_VERSION', 'HISTFILE', 'HISTSIZE', 'COLUMNS', 'LINES', 'XDG_CONFIG_HOME', 'XDG_RUNTIME_DIR',
  'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'SSH_AUTH_SOCK', 'GOPATH', 'GOROOT', 'JAVA_HOME', 'DOCKER_HOST',
  'AWS_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'CLOUDSDK_CORE_PROJECT', 'HTTP_PROXY', 'HTTPS_PROXY',
  'NO_PROXY',
]);

// Words kubectl and friends print in angle brackets, and HTML elements found in templates.
const NOT_ANGLE_PLACEHOLDERS: ReadonlySet<string> = new Set([
  'none', 'unknown', 'pending', 'nil', 'null', 'invalid', 'empty', 'missing', 'not set', 'unset',
  'a', 'b', 'i', 'u', 's', 'p', 'q', 'br', 'hr', 'em', 'strong', 'code', 'pre', 'kbd', 'sub', 'sup', 'div',
  'span', 'details', 'summary', 'table', 'thead', 'tbody', 'tr', 'td', 'th', 'ul', 'ol', 'li', 'dl', 'dt',
  'dd', 'img', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'html', 'head', 'body', 'script', 'style', 'center',
  'small', 'big', 'mark', 'del', 'ins', 'blockquote', 'section', 'article', 'nav', 'footer', 'header',
]);

// Log levels and admonition words that appear in brackets in output, not as blanks to fill.
const NOT_BRACKET_PLACEHOLDERS: ReadonlySet<string> = new Set([
  'INFO', 'WARN', 'WARNING', 'ERROR', 'ERR', 'DEBUG', 'TRACE', 'FATAL', 'CRITICAL', 'NOTICE', 'OK', 'PASS',
  'PASSED', 'FAIL', 'FAILED', 'DONE', 'SKIP', 'SKIPPED', 'NOTE', 'TIP', 'IMPORTANT', 'CAUTION', 'TODO',
]);

/**
 * Finds the blanks a reader has to fill in `content`. `offset`, `line` and `column` are
 * relative to `content` (line 0 is its first line); `parseRunbook` moves them to file
 * positions. For shell blocks, variables the block sets itself (`VAR=`, `export VAR=`,
 * `read VAR`, `for VAR in`) are not blanks, nor are the shell's and the user's environment
 * variables (`$HOME`, `$KUBECONFIG`), shell specials (`$?`, `$1`, `$@`), or lower-case
 * names, which are script variables by convention.
 */
export function findPlaceholders(content: string, kind: BlockKind): Placeholder[] {
  const found: Placeholder[] = [];
  let assigned: ReadonlySet<string> | undefined;
  let line = 0;
  let lineStart = 0;
  let nextBreak = content.indexOf('\n');
  PLACEHOLDER.lastIndex = 0;
  for (let match = PLACEHOLDER.exec(content); match !== null; match = PLACEHOLDER.exec(content)) {
    const group = findMatchedGroup(match);
    const offset = match.index;
    const text = match[0];
    const inner = match[group];
    const before = offset > 0 ? content[offset - 1] : '';
    const form = FORMS[group - 1];
    // `xP[A]`, `fooYYYY-MM-DD`, `9HH:MM` are parts of words (but `YYYY-MM-DDTHH:MM` is a date).
    if ((group === 1 || group === 6) && /\w/.test(before)) continue;
    if (group === 7 && /\w/.test(before) && !content.startsWith('DDT', offset - 3)) continue;
    if (form === 'braced-variable' || form === 'variable') {
      if (before === '\\' || before === '$' || ENVIRONMENT_VARIABLES.has(inner)) continue;
      if (kind === 'shell') {
        assigned ??= findAssignedVariables(content);
        if (assigned.has(inner)) continue;
      }
    } else if (form === 'angle') {
      // `<<EOF`, `<<<` and `cmd <file>` after a word (`List<String>`) are not blanks.
      if (before === '<' || /\w/.test(before) || NOT_ANGLE_PLACEHOLDERS.has(inner.toLowerCase())) continue;
    } else if (form === 'bracket') {
      const after = content[offset + text.length] ?? '';
      // Links `[text](url)`/`[text][ref]`, `[[ test ]]`, indexing `a[KEY]`, `arr[0]`.
      if (after === '(' || after === '[' || after === ']' || before === '[' || before === ']' || before === ')') continue;
      if (/\w/.test(before) || NOT_BRACKET_PLACEHOLDERS.has(inner) || countLetters(inner) < 2) continue;
    }
    while (nextBreak >= 0 && nextBreak < offset) {
      line++;
      lineStart = nextBreak + 1;
      nextBreak = content.indexOf('\n', lineStart);
    }
    const written = form === 'severity' ? inner.slice(2, -1) : inner;
    found.push({ text, name: normalisePlaceholderName(written), form, offset, line, column: offset - lineStart });
  }
  return found;
}

function findMatchedGroup(match: RegExpExecArray): number {
  for (let group = 1; group < match.length; group++) if (match[group] !== undefined) return group;
  return 1;
}

function countLetters(text: string): number {
  let letters = 0;
  for (const ch of text) if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z')) letters++;
  return letters;
}

/** `POD_NAME` → `pod-name`, `value of namespace label` → `value-of-namespace-label`. */
export function normalisePlaceholderName(written: string): string {
  return written
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const ASSIGNMENT =
  /(?:^[ \t]*(?:[$#][ \t]+)?|[;&|(`{]|\b(?:export|local|declare|readonly|typeset|env|then|do|else)\b)[ \t]*(?:-[A-Za-z]+[ \t]+)*([A-Za-z_]\w*)(?:\[[^\]\n]*\])?\+?=/gm;
const LOOP_VARIABLE = /\b(?:for|select)[ \t]+([A-Za-z_]\w*)[ \t]+in\b/g;
// Bounded so a line of repeated `read` words stays linear.
const READ_COMMAND = /\b(?:read|mapfile|readarray)\b([^;&|\n]{0,200})/g;

/** Names a shell block gives a value to itself, anywhere in the block. */
export function findAssignedVariables(content: string): Set<string> {
  const names = new Set<string>();
  for (const match of content.matchAll(ASSIGNMENT)) names.add(match[1]);
  for (const match of content.matchAll(LOOP_VARIABLE)) names.add(match[1]);
  for (const match of content.matchAll(READ_COMMAND)) {
    for (const word of match[1].split(/\s+/)) if (/^[A-Za-z_]\w*$/.test(word)) names.add(word);
  }
  return names;
}

/**
 * Replaces each placeholder that has a value in `values` (keyed by normalised name), right
 * to left so earlier offsets stay valid; placeholders without a value stay as written. A
 * bare number for a `P[SEVERITY]` blank becomes `P<n>`, so "1" and "P1" both read P1.
 */
export function fillPlaceholders(
  content: string,
  placeholders: readonly Placeholder[],
  values: Readonly<Record<string, string>>,
): string {
  const ordered = [...placeholders].sort((a, b) => b.offset - a.offset);
  let filled = content;
  let limit = content.length;
  for (const placeholder of ordered) {
    if (!Object.prototype.hasOwnProperty.call(values, placeholder.name)) continue;
    const end = placeholder.offset + placeholder.text.length;
    // Skip placeholders that do not match the text (stale) or overlap one already replaced.
    if (end > limit || content.slice(placeholder.offset, end) !== placeholder.text) continue;
    let value = values[placeholder.name];
    if (placeholder.form === 'severity' && /^\d$/.test(value)) value = `P${value}`;
    filled = filled.slice(0, placeholder.offset) + value + filled.slice(end);
    limit = placeholder.offset;
  }
  return filled;
}
