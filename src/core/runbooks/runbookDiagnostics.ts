import { describeHiddenCharacterDiagnostic } from '../execution/hiddenCharacters';
import type { RunbookDiagnostic } from './model';

// What the editor underlines in a runbook, and the credential scan behind 'credential'.

export interface TextSpan {
  /** Offset of the secret (not of the whole match) in the scanned text. */
  readonly start: number;
  readonly end: number;
}

// Formats that are credentials wherever they appear, prose included: a reader pasted a real
// key, token or URL with a password. Each pattern starts with a literal (so the regex engine
// can skip ahead) and runs only when the text holds that literal, which keeps this
// whole-document scan cheap; what must come before the literal is checked afterwards. The
// capture group, when present, is the secret itself.
interface DistinctiveSecret {
  /** The pattern runs only if the text contains one of these. */
  readonly literals: readonly string[];
  readonly pattern: RegExp;
  /** Whether the character before the match may be a letter or digit (URLs need a scheme there). */
  readonly before: 'scheme' | 'boundary';
}
const DISTINCTIVE_SECRETS: readonly DistinctiveSecret[] = [
  // scheme://user:pass@
  { literals: ['://'], pattern: /:\/\/[^\s:@/'"<>()[\]]+:([^\s@/'"<>]+)@/dg, before: 'scheme' },
  // AWS access key ids
  { literals: ['AKIA'], pattern: /AKIA[0-9A-Z]{16}(?![A-Za-z0-9])/dg, before: 'boundary' },
  { literals: ['ASIA'], pattern: /ASIA[0-9A-Z]{16}(?![A-Za-z0-9])/dg, before: 'boundary' },
  // GitHub tokens, classic and fine-grained
  { literals: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'], pattern: /gh(?:[pousr]_[A-Za-z0-9]{36,}|ithub_pat_[A-Za-z0-9_]{22,})/dg, before: 'boundary' },
  // Slack tokens
  { literals: ['xox'], pattern: /xox[abposr]-[A-Za-z0-9-]{10,}/dg, before: 'boundary' },
  // a literal bearer token in an Authorization header
  { literals: ['uthorization'], pattern: /[Aa]uthorization:[ \t]*[Bb]earer[ \t]+([A-Za-z0-9._~+/=-]{20,})/dg, before: 'boundary' },
];

// Shapes that are only credentials in code (fenced blocks, front matter): in prose
// "--password flag" or "password: see the vault" are explanations, not secrets.
const QUOTED_OR_WORD = String.raw`("[^"\n]*"|'[^'\n]*'|[^\s'"]+)`;
const CODE_SECRETS = new RegExp(
  [
    // --password=x, --password x, --token x ... (`--password-stdin` does not match)
    String.raw`--(?:password|passwd|pass|token|client-secret|secret|api-key|apikey)(?:=|[ \t]+)(?!-)` + QUOTED_OR_WORD,
    // mysql -pSECRET (the value glued to -p; a bare -p prompts for it)
    String.raw`\bmysql(?:dump|admin|sh)?\b[^\n|;&]{0,200}?[ \t]-p("[^"\n]+"|'[^'\n]+'|[^\s'"-][^\s'"]*)`,
    // PGPASSWORD=x, MYSQL_PWD=x, DB_PASSWORD=x, API_TOKEN=x
    String.raw`\b(?:PGPASSWORD|MYSQL_PWD|REDISCLI_AUTH|(?:[A-Z][A-Z0-9_]*)?(?:PASSWORD|PASSWD|SECRET|TOKEN|API_KEY))=("[^"\n]*"|'[^'\n]*'|[^\s;&|'"]+)`,
    // password: x, "clientSecret": "x", api_key: x (YAML or JSON keys, one per line or inline)
    String.raw`(?:^|[{,])[ \t]*(?:-[ \t]+)?["']?(?:[A-Za-z_][\w.-]*?)?(?:password|passwd|secret|token|api[_-]?key)["']?[ \t]*:[ \t]+("[^"\n]*"|'[^'\n]*'|[^\s#"',{}[\]][^\n#,}]*?)(?=[ \t]*(?:[,}\]]|#|$))`,
  ].join('|'),
  'dgim',
);
// Words one of CODE_SECRETS needs; text without any of them is skipped.
const CODE_SECRET_HINT = /pass|secret|token|api.?key|pwd|auth|mysql/i;

/**
 * Spans of `text` that look like real credentials. `scope` 'anywhere' looks only for
 * unambiguous formats (tokens, keys, URLs with a password); 'code' looks only for the
 * shapes that need code around them to mean a secret (flags, variables, YAML keys).
 */
export function findCredentials(text: string, scope: 'anywhere' | 'code'): TextSpan[] {
  const spans: TextSpan[] = [];
  if (scope === 'code') {
    if (CODE_SECRET_HINT.test(text)) collectSecrets(text, CODE_SECRETS, undefined, spans);
  } else {
    for (const secret of DISTINCTIVE_SECRETS) {
      if (secret.literals.some((literal) => text.includes(literal))) collectSecrets(text, secret.pattern, secret.before, spans);
    }
  }
  return spans;
}

function collectSecrets(text: string, pattern: RegExp, before: DistinctiveSecret['before'] | undefined, spans: TextSpan[]): void {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (before !== undefined) {
      const previous = match.index > 0 ? text.charCodeAt(match.index - 1) : 0;
      const wordLike = isAlphanumeric(previous);
      if (before === 'scheme' ? !(wordLike || previous === 0x2b || previous === 0x2e || previous === 0x2d) : wordLike) continue;
    }
    let secret = match[0];
    let start = match.index;
    for (let group = 1; group < match.length; group++) {
      const indices = match.indices?.[group];
      if (indices !== undefined) {
        secret = match[group];
        start = indices[0];
        break;
      }
    }
    if (!isPlaceholderSecret(secret)) spans.push({ start, end: start + secret.length });
  }
}

function isAlphanumeric(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/**
 * Values that stand for a secret rather than being one: variables and command output
 * (`$PASSWORD`, `${DB_PASS}`, `$(vault read ...)`), placeholders (`<password>`,
 * `[Password]`, `{{ .Values.password }}`), masks (`****`, `xxxx`) and the usual sample
 * words (`changeme`, `your-password`, `example`).
 */
export function isPlaceholderSecret(written: string): boolean {
  const value = /^(["']).*\1$/.test(written) ? written.slice(1, -1).trim() : written.trim();
  if (value.length < 3) return true;
  if (/^[$<{%[(!|>&*]/.test(value) || value.includes('$(') || value.includes('${') || value.includes('`')) return true;
  if (/^(.)\1+$/.test(value) || /^x+$/i.test(value)) return true;
  if (/^(?:true|false|null|none|yes|no|on|off|stdin|prompt|required|optional)$/i.test(value)) return true;
  if (/^(?:(?:your|my|the|new|old|db|admin|user|some)[-_]?)?(?:password|passwd|pass|pwd|secret|token|api[-_]?key)s?(?:[-_]?here)?$/i.test(value)) {
    return true;
  }
  // `wrong-password`, `my_secret_token`: a description of a secret, not one.
  if (/(?:^|[-_])(?:password|passwd|secret|token)(?:[-_]|$)/i.test(value)) return true;
  return /changeme|change[-_]me|redacted|example|placeholder|dummy|sample|replace[-_]?me|fixme|todo|xxx|\byour\b|your[-_]|\.\.\./i.test(
    value,
  );
}

export function describeCredential(line: number, column: number, endColumn: number): RunbookDiagnostic {
  return {
    code: 'credential',
    severity: 'warning',
    message:
      'This looks like a real secret written into the runbook, readable by anyone with the repository. ' +
      'Use a placeholder such as <password> or an environment variable instead.',
    line,
    column,
    endLine: line,
    endColumn,
  };
}

/** A control, bidi or zero-width character in a fenced block: the step is refused until it goes. */
export function describeHiddenCharacter(codePoint: number, line: number, column: number, endColumn: number): RunbookDiagnostic {
  return { code: 'hidden-character', severity: 'error', message: describeHiddenCharacterDiagnostic(codePoint), line, column, endLine: line, endColumn };
}

export function describeUnterminatedFence(line: number, column: number, endColumn: number, markup: string): RunbookDiagnostic {
  return {
    code: 'unterminated-fence',
    severity: 'warning',
    message: `This code block is never closed, so it runs to the end of its section or file. Add a closing ${markup} line.`,
    line,
    column,
    endLine: line,
    endColumn,
  };
}

export function describeUnlabelledShell(line: number, column: number, endColumn: number, markup: string): RunbookDiagnostic {
  return {
    code: 'unlabelled-shell',
    severity: 'information',
    message: `This block has no language; it gets a Run lens because it looks like shell commands. Label it ${markup}bash to say so (previews then highlight it too), or ${markup}text if it is not meant to run.`,
    line,
    column,
    endLine: line,
    endColumn,
  };
}

export function describeChatCommand(line: number, column: number, endColumn: number): RunbookDiagnostic {
  return {
    code: 'chat-command',
    severity: 'information',
    message: 'Chat command, not shell: copy it into your chat tool. Run leaves this line out; Copy keeps it.',
    line,
    column,
    endLine: line,
    endColumn,
  };
}

export function describeFrontMatterError(
  detail: string,
  line: number,
  column: number,
  endLine: number,
  endColumn: number,
): RunbookDiagnostic {
  return {
    code: 'front-matter',
    severity: 'error',
    message: `Front matter is not valid: ${detail}`,
    line,
    column,
    endLine: Math.max(line, endLine),
    endColumn: endLine > line ? endColumn : Math.max(column, endColumn),
  };
}
