// Masks secrets in text that is about to be kept (journal entries, logs, post-mortems): the
// commands an engineer ran often carry a password or token typed inline. Each secret value
// becomes `***`; the text around it stays, so the entry still reads as the command it was.
// References are not secrets and stay as written: `$PGPASSWORD`, `${TOKEN}`, `$(oc whoami -t)`,
// `<password>`, `{{ .Values.password }}`, `[TOKEN]`.

const MASK = '***';

/** A value that names a secret rather than holding one. */
function isReference(value: string): boolean {
  const bare = value.replace(/^['"]|['"]$/g, '');
  return (
    bare === '' ||
    bare.startsWith('$') ||
    /^<[^<>]*>$/.test(bare) ||
    /^\{\{.*\}\}$/.test(bare) ||
    /^\[[^\]]*\]$/.test(bare) ||
    /^%[A-Za-z_]+%$/.test(bare) ||
    /^\*+$/.test(bare)
  );
}

/** Replaces `value` by the mask unless it is a reference, keeping any quotes around it. */
function mask(value: string): string {
  if (isReference(value)) return value;
  const quote = /^['"]/.exec(value)?.[0];
  return quote && value.endsWith(quote) && value.length > 1 ? `${quote}${MASK}${quote}` : MASK;
}

/**
 * Like mask, for a value given under a name. A `*-key`/`*_KEY` name holding a file path
 * (`--client-key /etc/tls/client.key`) points at a secret without holding it.
 */
function maskNamed(name: string, value: string): string {
  if (/key$/i.test(name) && /^['"]?(\/|\.\.?\/|~\/)/.test(value)) return value;
  return mask(value);
}

/** A shell-ish value: a quoted string or a run of non-blank characters. */
const VALUE = String.raw`(?:"[^"\n]*"|'[^'\n]*'|[^\s'";|&<>)]+)`;

/** Secret-holding names: `password`, `db_password`, `API_TOKEN`, `client-secret`, `AWS_SECRET_ACCESS_KEY`. */
const SECRET_NAME = String.raw`[A-Za-z0-9_-]*(?:password|passwd|passphrase|token|secret|api[_-]?key|apikey|access[_-]?key|private[_-]?key|[_-]key)`;

interface Redaction {
  readonly pattern: RegExp;
  readonly replace: (match: string, ...groups: string[]) => string;
}

const REDACTIONS: readonly Redaction[] = [
  // scheme://user:password@host
  {
    pattern: /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@'"]+:)([^\s@/'"]+)(@)/gi,
    replace: (_m, before: string, secret: string, at: string) => `${before}${mask(secret)}${at}`,
  },
  // Authorization: Bearer x / Basic x / Token token=x, in headers and curl -H arguments.
  {
    pattern: /\b(Authorization\s*:\s*(?:Bearer|Basic|Token|Negotiate|Digest)\s+(?:token=)?)(\$\([^)\n]{0,200}\)|[^\s'"]+)/gi,
    replace: (_m, before: string, secret: string) => `${before}${mask(secret)}`,
  },
  // API key headers: X-API-Key, X-Auth-Token, PRIVATE-TOKEN (GitLab), X-Vault-Token.
  {
    pattern: /\b((?:X-[A-Za-z-]*(?:Key|Token|Secret)|PRIVATE-TOKEN)\s*:\s*)(\$\([^)\n]{0,200}\)|[^\s'"]+)/gi,
    replace: (_m, before: string, secret: string) => `${before}${mask(secret)}`,
  },
  // --password=x, --password x, --token x, --client-secret=x (not --show-token, a switch).
  {
    pattern: new RegExp(String.raw`(^|\s)(--(?!show-token\b)${SECRET_NAME})(=|\s+)(?![-|;&<>])(${VALUE})`, 'gi'),
    replace: (_m, lead: string, flag: string, separator: string, secret: string) => `${lead}${flag}${separator}${maskNamed(flag, secret)}`,
  },
  // mysql -pSECRET (for other tools -p is a port, a patch or a prompt).
  {
    pattern: /(\b(?:mysql|mariadb|mysqldump|mysqladmin|mysqlcheck|mysqlimport)\b[^\n|;&]*?\s-p)([^\s'"]\S*|'[^'\n]*'|"[^"\n]*")/g,
    replace: (_m, before: string, secret: string) => `${before}${mask(secret)}`,
  },
  // redis-cli -a SECRET, curl -u user:SECRET, sshpass -p SECRET.
  {
    pattern: /(\bredis-cli\b[^\n|;&]*?\s-a\s+)(\S+)/g,
    replace: (_m, before: string, secret: string) => `${before}${mask(secret)}`,
  },
  {
    pattern: /(\bcurl\b[^\n|;&]*?\s(?:-u|--user)\s+['"]?[^\s:'"]+:)([^\s'"]+)/g,
    replace: (_m, before: string, secret: string) => `${before}${mask(secret)}`,
  },
  {
    pattern: /(\bsshpass\s+-p\s*)(\S+)/g,
    replace: (_m, before: string, secret: string) => `${before}${mask(secret)}`,
  },
  // PGPASSWORD=x, export API_TOKEN=x, DB_PASSWORD="x", AWS_SECRET_ACCESS_KEY=x, ?access_token=x.
  {
    pattern: new RegExp(String.raw`(^|[\s;&|?(=,])(PGPASSWORD|MYSQL_PWD|REDISCLI_AUTH|${SECRET_NAME})(=)(${VALUE})`, 'gi'),
    replace: (_m, lead: string, name: string, equals: string, secret: string) => `${lead}${name}${equals}${maskNamed(name, secret)}`,
  },
  // YAML / JSON: `password: x`, `"token": "x"`, `client-key-data: ...`.
  {
    pattern: new RegExp(
      String.raw`(^[ \t]*(?:-[ \t]+)?["']?(?:${SECRET_NAME}|client-key-data|auth)["']?[ \t]*:[ \t]*)("[^"\n]*"|'[^'\n]*'|[^\s#{[,](?:[^\n#,]*[^\s#,])?)([ \t]*,?[ \t]*(?:#.*)?)$`,
      'gim',
    ),
    replace: (_m, before: string, secret: string, after: string) =>
      /^(true|false|null|~|\d+)$/i.test(secret) ? `${before}${secret}${after}` : `${before}${maskNamed(before.replace(/["'\s:]+$/, ''), secret)}${after}`,
  },
  {
    pattern: new RegExp(String.raw`("(?:${SECRET_NAME})"\s*:\s*)("[^"\n]*")`, 'gi'),
    replace: (_m, before: string, secret: string) => `${before}${mask(secret)}`,
  },
  // Well-known token formats, wherever they appear.
  { pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, replace: () => MASK },
  { pattern: /\b(?:ghp|gho|ghs|ghu|ghr)_[A-Za-z0-9]{36,}\b|\bgithub_pat_[A-Za-z0-9_]{22,}/g, replace: () => MASK },
  { pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, replace: () => MASK },
  { pattern: /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, replace: () => MASK },
  { pattern: /\bglpat-[A-Za-z0-9_-]{20,}/g, replace: () => MASK },
  { pattern: /\bsk_live_[A-Za-z0-9]{16,}/g, replace: () => MASK },
];

/** Replaces secret values in `text` with `***`; references to secrets are left alone. */
export function redactSecrets(text: string): string {
  let result = text;
  for (const { pattern, replace } of REDACTIONS) {
    result = result.replace(pattern, replace as (match: string, ...groups: unknown[]) => string);
  }
  return result;
}
