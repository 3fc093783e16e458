// Masks secrets in text that is about to be kept or shown (the confirmation dialog, journal
// entries, logs, post-mortems): the commands an engineer ran often carry a password or token
// typed inline. Each secret VALUE becomes `***`; everything else stays as written, so the
// entry still reads as the command it was. In particular a mask never runs past a shell
// operator: `auth: x && cat ~/.kube/config | curl ...` keeps everything after `x` visible.
// References are not secrets and stay as written: `$PGPASSWORD`, `${TOKEN}`, `$(oc whoami -t)`,
// `<password>`, `{{ .Values.password }}`, `[TOKEN]`.
//
// Linear time, whatever the text: commands can be a megabyte on one line (a pasted manifest,
// a base64 blob). Every rule finds its candidates either with indexOf or with a regular
// expression whose matches start only where the previous character cannot belong to the
// match (a one-character lookbehind) and whose repeated parts are bounded or cannot
// overlap, so no position is scanned more than a bounded number of times. The rules record
// spans of the original text; the text is rebuilt once at the end.

const MASK = '***';

/** A value that names a secret rather than holding one. */
function isReference(value: string): boolean {
  const quoted = value.length > 1 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0]);
  const bare = quoted ? value.slice(1, -1) : value.replace(/^['"]/, '');
  if (bare === '') return true;
  switch (bare[0]) {
    case '$':
    case '`':
      return true;
    case '<':
      return /^<[^<>]*>$/.test(bare);
    case '{':
      return bare.startsWith('{{') && bare.endsWith('}}');
    case '[':
      return /^\[[^\]]*\]$/.test(bare);
    case '%':
      return /^%[A-Za-z_]+%$/.test(bare);
    case '*':
      return /^\*+$/.test(bare);
    default:
      return false;
  }
}

/** Spans to mask, as [start, end) offsets of the original text. */
type Spans = Array<[number, number]>;

/**
 * Records `value` (found at `start` of the text) for masking unless it is a reference. Quotes
 * around it stay, so `"two words"` reads `"***"`.
 */
function maskValue(spans: Spans, start: number, value: string): void {
  if (value === '' || isReference(value)) return;
  const quote = value[0];
  if ((quote === '"' || quote === "'") && value.length > 1 && value.endsWith(quote)) {
    if (value.length > 2) spans.push([start + 1, start + value.length - 1]);
    return;
  }
  spans.push([start, start + value.length]);
}

/** A file path: `--client-key /etc/tls/client.key`, `--from-file=password=./pw` point at a secret without holding it. */
function isPath(value: string): boolean {
  return /^['"]?(?:\/|\.\.?\/|~\/)/.test(value);
}

// Names whose value is a secret, matched on the END of the name: `DB_PASSWORD`, `api-token`,
// `clientSecret`, `aws_secret_access_key`. `PWD`, `TOKEN_TTL`, `PASSWORD_FILE`,
// `secretName`, `existingSecret` (the name of a Kubernetes Secret) are not secrets.
const SECRET_NAME_END =
  /(?:password|passwd|passphrase|pass|secret|token|credentials?|api[_-]?key|(?:access|secret|private|client|master|encryption|signing|license|account|storage|session|shared|consumer|webhook|app|admin|auth|ssh|service)[_.-]?key|[_.-]pwd|^mysql_pwd|[_-]auth|^_auth)$/;
const NOT_SECRET_NAME = /(?:existing[_-]?secret|bypass|compass|^pass$|no[_-]?pass|sshpass|skip[_-]?token|show[_-]?token)$/;

// Names repeat (a manifest says `name=` a thousand times): answers are kept, within a bound.
const secretNameAnswers = new Map<string, boolean>();

export function isSecretName(name: string): boolean {
  let answer = secretNameAnswers.get(name);
  if (answer === undefined) {
    const lower = name.toLowerCase();
    answer = SECRET_NAME_END.test(lower) && !NOT_SECRET_NAME.test(lower);
    if (secretNameAnswers.size >= 2_000) secretNameAnswers.clear();
    secretNameAnswers.set(name, answer);
  }
  return answer;
}

/** Flags whose value is a secret: the names above, plus `--pass` (redis-cli, openssl). */
function isSecretFlag(name: string): boolean {
  const lower = name.toLowerCase();
  // `--secret` names a stored secret (`gcloud ... --secret=db-password`, `docker build --secret id=x`).
  if (lower === 'secret') return false;
  return lower === 'pass' || (isSecretName(name) && /^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(name));
}

// ---------------------------------------------------------------------------------------------
// Shell words, read once per line.

interface Word {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** `|`, `&`, `;`, `<`, `>`, `(`, `)`. */
function isOperator(code: number): boolean {
  return code === 0x7c || code === 0x26 || code === 0x3b || code === 0x3c || code === 0x3e || code === 0x28 || code === 0x29;
}

// Word boundaries of the simple command being read, reused from one command to the next: a
// megabyte of commands would otherwise make hundreds of thousands of short-lived objects.
const wordStarts: number[] = [];
const wordEnds: number[] = [];

/**
 * Splits one line into simple commands (between operators: `|`, `&&`, `;`, `(`...) and their
 * words, quotes and `$(...)` kept inside words, and hands each command to maskSegment. Each
 * character is visited once; an unclosed quote runs to the end of the line.
 */
function maskShellWords(text: string, lineStart: number, lineEnd: number, spans: Spans): void {
  let count = 0;
  let at = lineStart;
  while (at < lineEnd) {
    const code = text.charCodeAt(at);
    if (code === 0x20 || code === 0x09) {
      at++;
      continue;
    }
    if (isOperator(code)) {
      if (count > 0) maskSegment(text, count, spans);
      count = 0;
      at++;
      continue;
    }
    if (code === 0x23 && count === 0) break; // `#`: a comment line, or a comment after an operator
    const start = at;
    let depth = 0;
    while (at < lineEnd) {
      const c = text.charCodeAt(at);
      // Most characters are plain: letters, digits and punctuation without meaning here.
      if (c > 0x29 && c !== 0x3b && c !== 0x3c && c !== 0x3e && c !== 0x5c && c !== 0x7c) {
        at++;
        continue;
      }
      if (depth === 0 && (c === 0x20 || c === 0x09 || isOperator(c))) break;
      if (c === 0x27) {
        // '...': nothing is special up to the next quote
        const close = text.indexOf("'", at + 1);
        at = close < 0 || close >= lineEnd ? lineEnd : close + 1;
      } else if (c === 0x22) {
        // "...": up to the next quote not escaped
        let close = at + 1;
        while (close < lineEnd && text.charCodeAt(close) !== 0x22) close += text.charCodeAt(close) === 0x5c ? 2 : 1;
        at = Math.min(lineEnd, close + 1);
      } else if (c === 0x5c) {
        at += 2;
      } else if (c === 0x24 && text.charCodeAt(at + 1) === 0x28) {
        depth++;
        at += 2;
      } else if (c === 0x28) {
        depth++;
        at++;
      } else if (c === 0x29) {
        depth--;
        at++;
      } else {
        at++;
      }
    }
    at = Math.min(at, lineEnd);
    wordStarts[count] = start;
    wordEnds[count] = at;
    count++;
  }
  if (count > 0) maskSegment(text, count, spans);
}

/** Words that run another command after them: `sudo -E mysql ...` is judged as `mysql ...`. */
const WRAPPERS = new Set(['sudo', 'env', 'time', 'nohup', 'exec', 'command', 'doas', 'nice', 'xargs', 'then', 'do', 'else', '!', '{', 'timeout', 'watch']);
/** Flags of those wrappers that take a value: `sudo -u postgres psql`, `nice -n 10 ...`, `timeout -s KILL 5 ...`. */
const WRAPPER_VALUE_FLAGS = new Set(['-u', '-g', '-U', '-C', '-D', '-h', '-p', '-r', '-t', '-n', '-s', '-k', '-i']);

function commandName(word: string): string {
  const bare = word.replace(/^['"]|['"]$/g, '');
  return bare.slice(bare.lastIndexOf('/') + 1);
}

/** Tools whose `-p` is followed by a password (with or without a space). */
const DASH_P_SEPARATE = new Set(['mongosh', 'mongo', 'mongodump', 'mongorestore', 'mongoexport', 'mongoimport', 'sshpass', 'rabbitmqadmin']);
const DASH_P_ATTACHED = new Set(['mysql', 'mariadb', 'mysqldump', 'mysqladmin', 'mysqlcheck', 'mysqlimport', 'mysqlsh', 'sshpass']);
/** Tools whose `login` subcommand takes `-p <password>`. */
const LOGIN_DASH_P = new Set(['docker', 'podman', 'buildah', 'skopeo', 'nerdctl', 'oras', 'az', 'crane', 'helm', 'regctl']);

/**
 * The masks of one simple command, whose words are the first `count` of wordStarts/wordEnds.
 * What follows a `--` word is a command of its own (`kubectl exec pod -- redis-cli -a x`,
 * `ssh host -- mysql -px`), so the words are cut there.
 */
function maskSegment(text: string, count: number, spans: Spans): void {
  let from = 0;
  for (let index = 1; index < count - 1; index++) {
    const isDoubleDash = wordEnds[index] - wordStarts[index] === 2 && text.charCodeAt(wordStarts[index]) === 0x2d && text.charCodeAt(wordStarts[index] + 1) === 0x2d;
    if (isDoubleDash && index > from) {
      maskCommand(text, from, index, spans);
      from = index + 1;
    }
  }
  maskCommand(text, from, count, spans);
}

/** The masks of the command made of words `from` (inclusive) to `to` (exclusive). */
function maskCommand(text: string, from: number, to: number, spans: Spans): void {
  const wordAt = (index: number): Word => ({ start: wordStarts[index], end: wordEnds[index], text: text.slice(wordStarts[index], wordEnds[index]) });
  const isFlag = (index: number) => text.charCodeAt(wordStarts[index]) === 0x2d;
  // The command word: after `NAME=value` assignments, wrappers and their flags (with their values).
  let first = from;
  let afterWrapper = false;
  let wrapperTimeout = false;
  while (first < to) {
    const word = text.slice(wordStarts[first], wordEnds[first]);
    if (afterWrapper && isFlag(first)) {
      first += WRAPPER_VALUE_FLAGS.has(word) ? 2 : 1;
      continue;
    }
    if (wrapperTimeout && /^\d/.test(word)) {
      wrapperTimeout = false;
      first++;
      continue;
    }
    afterWrapper = WRAPPERS.has(word);
    wrapperTimeout = word === 'timeout';
    if (afterWrapper || /^[A-Za-z_][A-Za-z0-9_]*=/.test(word)) first++;
    else break;
  }
  if (first >= to) return;
  const tool = commandName(text.slice(wordStarts[first], wordEnds[first]));
  const special = SPECIAL_TOOLS.has(tool);
  let sub: string | undefined;
  let login = false;
  if (special) {
    for (let index = first + 1; index < to; index++) {
      if (isFlag(index)) continue;
      const word = text.slice(wordStarts[index], wordEnds[index]);
      sub ??= word;
      if (word === 'login') login = true;
      if (tool !== 'helm') break;
    }
    login = login && (sub === 'login' || tool === 'helm');
  }
  const vaultLogin = tool === 'vault' && sub === 'login';
  let vaultTokenSeen = false;
  for (let index = first + 1; index < to; index++) {
    if (!isFlag(index)) {
      // Only flags start a rule, except the token that `vault login` takes as its argument.
      if (vaultLogin && !vaultTokenSeen) {
        const word = wordAt(index);
        if (word.text !== 'login' && !word.text.includes('=')) {
          vaultTokenSeen = true;
          maskValue(spans, word.start, word.text);
        }
      }
      continue;
    }
    const w = text.slice(wordStarts[index], wordEnds[index]);
    if (!special && w !== '-passin' && w !== '-passout' && !(w.startsWith('--') && isSecretFlag(w.slice(2)))) continue;
    const word = { start: wordStarts[index], end: wordEnds[index], text: w };
    const nextValue = index + 1 < to && !isFlag(index + 1) ? wordAt(index + 1) : undefined;
    if (special && maskToolFlag(text, tool, login, word, nextValue, spans)) continue;
    if ((w === '-passin' || w === '-passout') && nextValue && /^['"]?pass:/.test(nextValue.text)) {
      // openssl -passin pass:SECRET
      const at = nextValue.text.indexOf('pass:') + 5;
      maskValue(spans, nextValue.start + at, nextValue.text.slice(at).replace(/['"]$/, ''));
    } else if (nextValue && w.startsWith('--') && isSecretFlag(w.slice(2))) {
      // --password x, --token x (the `=` form is found anywhere, by maskFlagAssignments)
      if (!(isPath(nextValue.text) && /key$/i.test(w))) maskValue(spans, nextValue.start, nextValue.text);
    }
  }
}

const SPECIAL_TOOLS = new Set(['curl', 'wget', 'redis-cli', 'keydb-cli', 'vault', 'helm', ...DASH_P_SEPARATE, ...DASH_P_ATTACHED, ...LOGIN_DASH_P]);

/** The flags particular tools give a password with; true when `word` was one of them. */
function maskToolFlag(text: string, tool: string, login: boolean, word: Word, nextValue: Word | undefined, spans: Spans): boolean {
  const w = word.text;
  if (tool === 'curl' || tool === 'wget') {
    if (w === '-u' || w === '--user' || w === '-U' || w === '--proxy-user' || /^-[a-zA-Z]*u$/.test(w)) {
      if (nextValue) maskAfterColon(spans, nextValue.start, nextValue.text);
      return true;
    }
    if (tool === 'curl' && w.startsWith('-u')) {
      maskAfterColon(spans, word.start + 2, w.slice(2));
      return true;
    }
    if (tool === 'curl' && (w.startsWith('--user=') || w.startsWith('--proxy-user='))) {
      const at = w.indexOf('=') + 1;
      maskAfterColon(spans, word.start + at, w.slice(at));
      return true;
    }
    if (tool === 'curl' && (w === '-b' || w === '--cookie')) {
      if (nextValue && nextValue.text.includes('=')) maskCookieValues(text, nextValue.start, nextValue.end, spans);
      return true;
    }
    return false;
  }
  if ((tool === 'redis-cli' || tool === 'keydb-cli') && w === '-a') {
    if (nextValue) maskValue(spans, nextValue.start, nextValue.text);
    return true;
  }
  if (DASH_P_SEPARATE.has(tool) && w === '-p') {
    if (nextValue && !nextValue.text.includes('://')) maskValue(spans, nextValue.start, nextValue.text);
    return true;
  }
  if (DASH_P_ATTACHED.has(tool) && w.length > 2 && w.startsWith('-p')) {
    maskValue(spans, word.start + 2, w.slice(2));
    return true;
  }
  if (LOGIN_DASH_P.has(tool) && login && w === '-p') {
    if (nextValue) maskValue(spans, nextValue.start, nextValue.text);
    return true;
  }
  if (tool === 'helm' && (w === '--set' || w === '--set-string')) {
    if (nextValue) maskHelmValues(nextValue, spans);
    return true;
  }
  if (tool === 'helm' && (w.startsWith('--set=') || w.startsWith('--set-string='))) {
    const at = w.indexOf('=') + 1;
    maskHelmValues({ start: word.start + at, end: word.end, text: w.slice(at) }, spans);
    return true;
  }
  return false;
}

/** `user:secret` → masks `secret` (curl -u, proxies); without a colon curl asks for the password. */
function maskAfterColon(spans: Spans, start: number, value: string): void {
  const bare = value.replace(/^['"]|['"]$/g, '');
  const offset = value.length - value.replace(/^['"]/, '').length;
  const colon = bare.indexOf(':');
  if (colon < 0) return;
  maskValue(spans, start + offset + colon + 1, bare.slice(colon + 1));
}

/** helm --set a.password=x,b.enabled=true: masks values whose key names a password, token or secret (`clientSecretValue` too). */
function maskHelmValues(word: Word, spans: Spans): void {
  const quoted = /^['"]/.test(word.text) ? 1 : 0;
  const body = word.text.slice(quoted, word.text.length - (quoted && word.text.length > 1 && word.text.endsWith(word.text[0]) ? 1 : 0));
  let at = 0;
  for (const pair of body.split(/(?<!\\),/)) {
    const equals = pair.indexOf('=');
    if (equals > 0) {
      const key = pair.slice(0, equals);
      const value = pair.slice(equals + 1);
      const last = key.slice(key.lastIndexOf('.') + 1);
      const secretKey = (/pass(?:word|wd)|secret|credential|private[_-]?key/i.test(last) || isSecretName(last)) && !/existing[_-]?secret|secret[_-]?(?:name|ref)|enabled$/i.test(last);
      if (secretKey && !/^(?:true|false|null)$/.test(value)) {
        maskValue(spans, word.start + quoted + at + equals + 1, value);
      }
    }
    at += pair.length + 1;
  }
}

const COOKIE_ATTRIBUTES = new Set(['path', 'domain', 'expires', 'max-age', 'samesite', 'priority']);

/** `a=1; session=abc` (Cookie header, curl -b): masks each value. */
function maskCookieValues(text: string, start: number, end: number, spans: Spans): void {
  const COOKIE = /(?<![A-Za-z0-9_.!#$%&*+^|~-])([A-Za-z0-9_.!#$%&*+^|~-]{1,200})=([^;\s"']*)/g;
  const part = text.slice(start, end);
  for (let match = COOKIE.exec(part); match !== null; match = COOKIE.exec(part)) {
    // Set-Cookie attributes are not secrets.
    if (match[2] !== '' && !COOKIE_ATTRIBUTES.has(match[1].toLowerCase())) maskValue(spans, start + match.index + match[1].length + 1, match[2]);
  }
}

// ---------------------------------------------------------------------------------------------
// Rules over the whole text.

/** A shell-ish value after `=` or `: `: a quoted string (bounded) or a run up to a blank, quote or operator. */
const VALUE = String.raw`"[^"\n]{0,4096}"|'[^'\n]{0,4096}'|[^\s'"|&;<>()]+`;

/** `--password=x`, `--client-secret=x`; never `--password-stdin`, `--show-token`. */
const FLAG_ASSIGNMENT = new RegExp(String.raw`--(?<![A-Za-z0-9_-]--)([A-Za-z0-9][A-Za-z0-9_-]{0,100})=(${VALUE})`, 'g');
/** Query parameters that sign a URL: Azure SAS `sig=`, S3 presigned `X-Amz-Signature=`. */
const URL_SIGNATURE = /[?&](?:sig|signature|x-amz-signature|x-goog-signature)=([^&#\s'"]+)/gi;
/** `Authorization: Bearer x`, `Proxy-Authorization: Basic x`, PagerDuty `Token token=x`. */
const AUTHORIZATION = /(?<![A-Za-z0-9-])(?:Proxy-)?Authorization[ \t]*:[ \t]*(?:(?:Bearer|Basic|Token|Negotiate|Digest|Bot|SSWS|GenieKey|Splunk|Key|token)[ \t]+)?(?:token=)?(\$\([^)\n]{0,200}\)|[^\s'"]+)/gi;
/** API key headers: X-API-Key, X-Auth-Token, X-Vault-Token, PRIVATE-TOKEN (GitLab), api-key (Azure). */
const KEY_HEADER = /(?<![A-Za-z0-9-])(?:X-[A-Za-z0-9-]{0,60}(?:Key|Token|Secret|Auth)|PRIVATE-TOKEN|api-key|apikey|Ocp-Apim-Subscription-Key)[ \t]*:[ \t]*(\$\([^)\n]{0,200}\)|[^\s'"]+)/gi;
/** `Cookie: a=b; c=d` and `Set-Cookie: a=b`. */
const COOKIE_HEADER = /(?<![A-Za-z0-9-])(?:Set-)?Cookie[ \t]*:[ \t]*/gi;
/** SQL: ALTER/CREATE USER|ROLE ... PASSWORD 'x', IDENTIFIED BY 'x', SET PASSWORD = 'x', PASSWORD('x'). */
const SQL_PASSWORD = /(?<![A-Za-z0-9_])(?:PASSWORD|IDENTIFIED[ \t]+(?:WITH[ \t]+[A-Za-z0-9_]{1,64}[ \t]+)?BY)[ \t]*(?:=[ \t]*)?(?:PASSWORD[ \t]*\([ \t]*)?('(?:[^'\\\n]|''|\\.){0,1024}'|"(?:[^"\\\n]|""|\\.){0,1024}")/gi;

/** Formats that are secrets wherever they appear. */
// Each starts with its literal (so the engine skips to it) followed by a lookbehind saying
// the character before the literal cannot belong to the token: matches then start only at
// the beginning of a run of token characters, and runs do not overlap.
const TOKEN_FORMATS: ReadonlyArray<{ readonly literals: readonly string[]; readonly pattern: RegExp }> = [
  { literals: ['AKIA', 'ASIA'], pattern: /A[KS]IA(?<![A-Za-z0-9_]A[KS]IA)[0-9A-Z]{16}(?![A-Za-z0-9])/g },
  { literals: ['ghp_', 'gho_', 'ghs_', 'ghu_', 'ghr_'], pattern: /gh[poshur]_(?<![A-Za-z0-9_]gh[poshur]_)[A-Za-z0-9]{36,}/g },
  { literals: ['github_pat_'], pattern: /github_pat_(?<![A-Za-z0-9_]github_pat_)[A-Za-z0-9_]{22,}/g },
  { literals: ['glpat-'], pattern: /glpat-(?<![A-Za-z0-9_-]glpat-)[A-Za-z0-9_-]{20,}/g },
  { literals: ['xox'], pattern: /xox[abposre]-(?<![A-Za-z0-9_-]xox[abposre]-)[A-Za-z0-9-]{10,}/g },
  { literals: ['xapp-'], pattern: /xapp-(?<![A-Za-z0-9_-]xapp-)[A-Za-z0-9-]{10,}/g },
  { literals: ['eyJ'], pattern: /eyJ(?<![A-Za-z0-9_.-]eyJ)[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g },
  { literals: ['_live_'], pattern: /[sr]k_live_(?<![A-Za-z0-9_][sr]k_live_)[A-Za-z0-9]{16,}/g },
  { literals: ['npm_'], pattern: /npm_(?<![A-Za-z0-9_]npm_)[A-Za-z0-9]{36}(?![A-Za-z0-9])/g },
  { literals: ['AIza'], pattern: /AIza(?<![A-Za-z0-9_-]AIza)[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g },
  // HashiCorp Vault service, batch and recovery tokens.
  { literals: ['hvs.', 'hvb.', 'hvr.'], pattern: /hv[sbr]\.(?<![A-Za-z0-9_.-]hv[sbr]\.)[A-Za-z0-9_-]{20,}/g },
];
/** Vault's older service and batch tokens: `s.` or `b.` and 24 letters and digits, mixed case. */
const LEGACY_VAULT_TOKEN = /[sb]\.(?<![A-Za-z0-9_.-][sb]\.)[A-Za-z0-9]{24}(?![A-Za-z0-9_.-])/g;

function maskFlagAssignments(text: string, spans: Spans): void {
  FLAG_ASSIGNMENT.lastIndex = 0;
  for (let match = FLAG_ASSIGNMENT.exec(text); match !== null; match = FLAG_ASSIGNMENT.exec(text)) {
    const [whole, name, value] = match;
    if (!isSecretFlag(name) || isPath(value)) continue;
    maskValue(spans, match.index + whole.length - value.length, value);
  }
}

function isNameCode(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x5f || code === 0x2e || code === 0x2d;
}

/** Where an unquoted value stops: a blank, a quote, an operator, or a comma before the next `name=`. */
function isUnquotedValueEnd(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code <= 0x20 || code === 0x22 || code === 0x27 || code === 0x7c || code === 0x26 || code === 0x3b || code === 0x3c || code === 0x3e || code === 0x28 || code === 0x29) return true;
  if (code !== 0x2c) return false;
  // helm's `--set a.password=x,b=y`: the comma starts the next pair.
  let end = at + 1;
  while (end < text.length && end - at <= 101 && isNameCode(text.charCodeAt(end))) end++;
  return end > at + 1 && text.charCodeAt(end) === 0x3d && !/[0-9.-]/.test(text[at + 1]);
}

/**
 * `PGPASSWORD=x`, `export API_TOKEN=x`, `?access_token=x&`, `--from-literal=DB_PASS=x`,
 * `password=x` in a connection string. Found from each `=`: the name is the run of name
 * characters just before it (at most 101, read backwards), so every `=` costs a bounded look
 * back, and a masked value is stepped over.
 */
function maskNameAssignments(text: string, spans: Spans): void {
  for (let at = text.indexOf('='); at >= 0; ) {
    let start = at;
    while (start > 0 && at - start <= 101 && isNameCode(text.charCodeAt(start - 1))) start--;
    const first = text.charCodeAt(start);
    const nameStarts = start < at && at - start <= 101 && (first === 0x5f || (first >= 0x41 && first <= 0x5a) || (first >= 0x61 && first <= 0x7a));
    const name = nameStarts && (start === 0 || !isNameCode(text.charCodeAt(start - 1))) ? text.slice(start, at) : '';
    if (name === '' || !(isSecretName(name) || isSecretName(name.slice(name.lastIndexOf('.') + 1)) || /^(?:PGPASSWORD|MYSQL_PWD|REDISCLI_AUTH)$/.test(name))) {
      at = text.indexOf('=', at + 1);
      continue;
    }
    const valueStart = at + 1;
    let valueEnd = valueStart;
    const quote = text[valueStart];
    if (quote === '"' || quote === "'") {
      const close = text.indexOf(quote, valueStart + 1);
      const lineEnd = text.indexOf('\n', valueStart);
      if (close > 0 && close - valueStart <= 4097 && (lineEnd < 0 || close < lineEnd)) valueEnd = close + 1;
    } else {
      while (valueEnd < text.length && !isUnquotedValueEnd(text, valueEnd)) valueEnd++;
    }
    const value = text.slice(valueStart, valueEnd);
    // `--from-file=password=./pw.txt`, `PASSWORD_FILE`-like values: a file holding the secret.
    if (value !== '' && !isPath(value)) maskValue(spans, valueStart, value);
    at = text.indexOf('=', Math.max(valueEnd, at + 1));
  }
}

function maskCaptured(text: string, pattern: RegExp, spans: Spans): void {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const value = match[1];
    maskValue(spans, match.index + match[0].length - value.length, value);
  }
}

function maskWhole(text: string, pattern: RegExp, spans: Spans, accept: (token: string) => boolean = () => true): void {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (accept(match[0])) spans.push([match.index, match.index + match[0].length]);
  }
}

function maskCookieHeaders(text: string, spans: Spans): void {
  COOKIE_HEADER.lastIndex = 0;
  for (let match = COOKIE_HEADER.exec(text); match !== null; match = COOKIE_HEADER.exec(text)) {
    const start = match.index + match[0].length;
    let end = start;
    while (end < text.length && text[end] !== '\n' && text[end] !== '"' && text[end] !== "'") end++;
    maskCookieValues(text, start, end, spans);
    COOKIE_HEADER.lastIndex = Math.max(end, COOKIE_HEADER.lastIndex);
  }
}

/**
 * `scheme://user:secret@host`, `redis://:secret@host`, and the key of a Sentry DSN
 * (`https://KEY@o1.ingest.sentry.io/2`). Found from each `://`; the authority ends at the first
 * `/`, so authorities never overlap.
 */
function maskUrlCredentials(text: string, spans: Spans): void {
  for (let at = text.indexOf('://'); at >= 0; at = text.indexOf('://', at + 3)) {
    let schemeStart = at;
    while (schemeStart > 0 && at - schemeStart < 32 && /[A-Za-z0-9+.-]/.test(text[schemeStart - 1])) schemeStart--;
    if (schemeStart === at || !/[A-Za-z]/.test(text[schemeStart])) continue;
    const start = at + 3;
    let end = start;
    while (end < text.length && !'/?# \t\n\'"<>`\\'.includes(text[end])) end++;
    const authority = text.slice(start, end);
    const atSign = authority.lastIndexOf('@');
    if (atSign <= 0) continue;
    const userinfo = authority.slice(0, atSign);
    const host = authority.slice(atSign + 1).toLowerCase();
    const colon = userinfo.indexOf(':');
    if (colon >= 0) maskValue(spans, start + colon + 1, userinfo.slice(colon + 1));
    else if (/(?:^|\.)sentry\.io(?::\d+)?$|(?:^|\.)sentry\./.test(host)) maskValue(spans, start, userinfo);
  }
}

/** Slack and Discord webhook URLs: the path after the fixed prefix is the secret. */
function maskWebhooks(text: string, spans: Spans): void {
  const prefixes = ['hooks.slack.com/services/', 'hooks.slack.com/workflows/', 'hooks.slack.com/triggers/', 'discord.com/api/webhooks/', 'discordapp.com/api/webhooks/'];
  for (const prefix of prefixes) {
    for (let at = text.indexOf(prefix); at >= 0; at = text.indexOf(prefix, at + prefix.length)) {
      const start = at + prefix.length;
      let end = start;
      while (end < text.length && /[A-Za-z0-9/_-]/.test(text[end])) end++;
      if (end > start) spans.push([start, end]);
    }
  }
}

/** PEM private key blocks: the lines between BEGIN and END (or the base64 lines after BEGIN, when END is missing). */
function maskPrivateKeys(text: string, spans: Spans): void {
  const HEADER = /^-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/;
  // Both searches only move forward, so the text is read about twice in all.
  let nextEnd = -1;
  let at = text.indexOf('-----BEGIN ');
  while (at >= 0) {
    const nextBegin = text.indexOf('-----BEGIN ', at + 11);
    const header = HEADER.exec(text.slice(at, at + 80));
    if (header !== null) {
      const bodyStart = at + header[0].length + (text[at + header[0].length] === '\n' ? 1 : 0);
      if (nextEnd < bodyStart && nextEnd !== -2) {
        nextEnd = text.indexOf('-----END ', bodyStart);
        if (nextEnd < 0) nextEnd = -2;
      }
      if (nextEnd >= 0 && (nextBegin < 0 || nextEnd < nextBegin)) {
        const bodyEnd = text[nextEnd - 1] === '\n' ? nextEnd - 1 : nextEnd;
        if (bodyEnd > bodyStart) spans.push([bodyStart, bodyEnd]);
      } else {
        // No END before the next block: mask the base64 that follows, line by line.
        let stop = bodyStart;
        for (;;) {
          // PEM lines are 64 characters: a line longer than 200 is not one, so look no further.
          const near = text.slice(stop, stop + 201).indexOf('\n', stop === bodyStart ? 0 : 1);
          const lineEnd = near < 0 ? (text.length - stop <= 200 ? -1 : -2) : stop + near;
          if (lineEnd === -2) break;
          const line = text.slice(stop, lineEnd < 0 ? text.length : lineEnd).trim();
          // Body lines are long runs of base64; a short word (a heredoc's `EOF`) ends the block.
          if (line !== '' && !(/^[A-Za-z0-9+/=]+$/.test(line) && (line.length >= 16 || line.endsWith('=')))) break;
          stop = lineEnd < 0 ? text.length : lineEnd;
          if (lineEnd < 0) break;
        }
        if (stop > bodyStart) spans.push([bodyStart, stop]);
      }
    }
    at = nextBegin;
  }
}

/**
 * The value of a YAML key naming a secret: `password: x`, `  - token: "x"`,
 * `client-key-data: ...`. An unquoted value runs to a comment, a trailing comma or a shell
 * operator, never further: the rest of the line may be a command.
 */
function maskKeyValue(text: string, afterColon: number, lineEnd: number, key: string, spans: Spans): void {
  let start = afterColon;
  while (start < lineEnd && (text[start] === ' ' || text[start] === '\t')) start++;
  if (start === afterColon && start < lineEnd) return; // `key:value` is not YAML (a URL, a port, a scheme)
  const first = text[start];
  if (first === '"' || first === "'") {
    const close = text.indexOf(first, start + 1);
    if (close > start && close < lineEnd) maskValue(spans, start, text.slice(start, close + 1));
  } else if (start < lineEnd && !'{[|>&*!#'.includes(first)) {
    let end = start;
    while (end < lineEnd && !isValueEnd(text, end)) end++;
    while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\t' || text[end - 1] === ',')) end--;
    const value = text.slice(start, end);
    if (!/^(?:true|false|null|~|\d+)$/i.test(value) && !(/key$/i.test(key) && isPath(value))) maskValue(spans, start, value);
  }
}

/** `"key": "value"` anywhere (JSON), for keys naming a secret. */
const JSON_PAIR = /"([A-Za-z0-9_.-]{1,100})"[ \t]*:[ \t]*("(?:[^"\\\n]|\\.){0,4096}")/g;

function maskJsonPairs(text: string, spans: Spans): void {
  JSON_PAIR.lastIndex = 0;
  for (let match = JSON_PAIR.exec(text); match !== null; match = JSON_PAIR.exec(text)) {
    if (isSecretKey(match[1])) maskValue(spans, match.index + match[0].length - match[2].length, match[2]);
  }
}

function isSecretKey(key: string): boolean {
  const lower = key.toLowerCase();
  return isSecretName(lower) || lower === 'auth' || lower === 'client-key-data' || lower === 'token-data';
}

/** Where an unquoted YAML value stops: a comment, or a shell operator after a blank. */
function isValueEnd(text: string, at: number): boolean {
  const char = text[at];
  if (char === '#' && (text[at - 1] === ' ' || text[at - 1] === '\t')) return true;
  if (char === ';' || char === '|' || char === '`') return true;
  if (char === '&' || char === '>' || char === '<') return text[at - 1] === ' ' || text[at - 1] === '\t' || text[at + 1] === char;
  return char === '$' && text[at + 1] === '(';
}

/** Lines a shell-word rule can apply to hold one of these. */
const SHELL_TRIGGER = /curl|wget|redis-cli|keydb-cli|mongo|mysql|mariadb|sshpass|rabbitmqadmin|login|vault|helm|-pass|--/g;

/** Runs the shell-word rules on each line holding a trigger, each line once. */
function maskTriggeredLines(text: string, spans: Spans): void {
  SHELL_TRIGGER.lastIndex = 0;
  for (let match = SHELL_TRIGGER.exec(text); match !== null; match = SHELL_TRIGGER.exec(text)) {
    // The previous line handled ends before this match, so this backward search is bounded by it.
    const lineStart = text.lastIndexOf('\n', match.index) + 1;
    let lineEnd = text.indexOf('\n', match.index);
    if (lineEnd < 0) lineEnd = text.length;
    maskShellWords(text, lineStart, lineEnd, spans);
    SHELL_TRIGGER.lastIndex = lineEnd + 1;
  }
}

/** Lines starting with a YAML key (`password: x`, `- token: x`, `"secret": x`). */
const KEY_LINE = /^[ \t]*(?:-[ \t]+)?(["']?)([A-Za-z0-9_.-]{1,100})\1[ \t]*:/gm;

function maskKeyLines(text: string, spans: Spans): void {
  KEY_LINE.lastIndex = 0;
  for (let match = KEY_LINE.exec(text); match !== null; match = KEY_LINE.exec(text)) {
    if (!isSecretKey(match[2])) continue;
    let lineEnd = text.indexOf('\n', match.index + match[0].length);
    if (lineEnd < 0) lineEnd = text.length;
    maskKeyValue(text, match.index + match[0].length, lineEnd, match[2], spans);
    KEY_LINE.lastIndex = lineEnd;
  }
}

interface Rule {
  /** Skips the rule when the (lower-cased) text holds none of these. */
  readonly literals: readonly string[];
  readonly apply: (text: string, spans: Spans) => void;
}

const RULES: readonly Rule[] = [
  { literals: [], apply: maskTriggeredLines },
  { literals: [':'], apply: maskKeyLines },
  { literals: ['":'], apply: maskJsonPairs },
  { literals: ['--'], apply: maskFlagAssignments },
  { literals: ['='], apply: maskNameAssignments },
  { literals: ['sig=', 'signature='], apply: (text, spans) => maskCaptured(text, URL_SIGNATURE, spans) },
  { literals: ['authorization'], apply: (text, spans) => maskCaptured(text, AUTHORIZATION, spans) },
  { literals: ['x-', 'private-token', 'api-key', 'apikey', 'subscription-key'], apply: (text, spans) => maskCaptured(text, KEY_HEADER, spans) },
  { literals: ['password', 'identified'], apply: (text, spans) => maskCaptured(text, SQL_PASSWORD, spans) },
  { literals: ['cookie'], apply: maskCookieHeaders },
  { literals: ['://'], apply: maskUrlCredentials },
  { literals: ['hooks.slack.com/', '/api/webhooks/'], apply: maskWebhooks },
  { literals: ['private key'], apply: maskPrivateKeys },
  ...TOKEN_FORMATS.map(({ literals, pattern }) => ({ literals: literals.map((l) => l.toLowerCase()), apply: (text: string, spans: Spans) => maskWhole(text, pattern, spans) })),
  {
    literals: ['s.', 'b.'],
    apply: (text, spans) => maskWhole(text, LEGACY_VAULT_TOKEN, spans, (token) => /[0-9]/.test(token) && /[A-Z]/.test(token) && /[a-z]/.test(token.slice(2))),
  },
];

/** Replaces secret values in `text` with `***`; references to secrets are left alone. Linear time. */
export function redactSecrets(text: string): string {
  const spans: Spans = [];
  // Lower-cased once, only to skip rules whose literal is absent (its length may differ: never used for offsets).
  const lower = text.toLowerCase();
  for (const rule of RULES) {
    if (rule.literals.length === 0 || rule.literals.some((literal) => lower.includes(literal))) rule.apply(text, spans);
  }
  return applySpans(text, spans);
}

/** Rebuilds the text with each (merged) span replaced by the mask. */
function applySpans(text: string, spans: Spans): string {
  if (spans.length === 0) return text;
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const parts: string[] = [];
  let at = 0;
  for (const [start, end] of spans) {
    if (end <= at) continue;
    if (start < at) {
      // Overlaps the span just masked: extend it.
      at = end;
      continue;
    }
    parts.push(text.slice(at, start), MASK);
    at = end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}
