// Where each placeholder of a step stands, read with the rules of the program that reads the
// text: bash for shell steps (quotes, `$(...)`, backticks, `${...}`, arithmetic, heredocs),
// PostgreSQL for SQL steps (strings, E'' strings, dollar quotes, identifiers, comments) and
// Python for Python steps (string prefixes, triple quotes, comments). The filler then
// writes each value as exactly one word or literal of that position (see placeholderValues.ts).

/** Where in the text a value lands, by what will read it. */
export type ValuePosition =
  | { readonly kind: 'shell-bare' }
  | { readonly kind: 'shell-double' }
  | { readonly kind: 'shell-single' }
  | { readonly kind: 'shell-ansi' }
  /** Inside `${...}`, `$((...))`, `((...))`, `$[...]` or `[[ ... ]]`: bash evaluates the text. */
  | { readonly kind: 'shell-evaluated'; readonly where: string }
  /** A comment, or a heredoc body for a program the filler does not know: inert text on one line. */
  | { readonly kind: 'text' }
  | { readonly kind: 'sql-bare' }
  | { readonly kind: 'sql-string' }
  | { readonly kind: 'sql-escape-string' }
  | { readonly kind: 'sql-identifier' }
  | { readonly kind: 'sql-dollar-quoted' }
  | { readonly kind: 'sql-block-comment' }
  | { readonly kind: 'python-bare' }
  | { readonly kind: 'python-string'; readonly quote: string; readonly raw: boolean; readonly formatted: boolean; readonly bytes: boolean };

export interface ValueContext {
  readonly position: ValuePosition;
  /**
   * How many times the written value passes through bash's backslash processing for `\`,
   * `$` and backtick before it is read: once per enclosing backtick substitution and once
   * for an unquoted heredoc body.
   */
  readonly escapeLayers: number;
  /** The delimiter of the heredoc whose body holds the placeholder: no line may become it. */
  readonly heredocDelimiter?: string;
}

export type StepLanguageOf = 'shell' | 'sql' | 'python';

/**
 * The context of each placeholder, by offset. `spans` are the placeholders' `[offset, end)`
 * in `text`; each is skipped as one opaque word while reading, so `<pod-name>` is never
 * taken for a redirect.
 */
export function findValueContexts(text: string, language: StepLanguageOf, spans: readonly { offset: number; end: number }[]): Map<number, ValueContext> {
  const reader = new ContextReader(text, spans);
  if (language === 'sql') readSqlContexts(reader, 0, text.length, 0, undefined);
  else if (language === 'python') readPythonContexts(reader, 0, text.length, 0, undefined);
  else reader.shellList('', 0);
  return reader.found;
}

// Commands that hand their arguments to another shell, which parses them again: a value
// quoted for the first shell would be code for the second (`sh -c 'echo <x>'`, `ssh host
// kubectl logs <x>`, `eval`, `watch`, `su -c`, `kubectl exec pod -- sh -c '...'`).
const REPARSING_COMMAND = /(?:^|[\s/])(?:(?:ba|da|k|z|a)?sh\s+(?:-\S+\s+)*-[A-Za-z]*c[A-Za-z]*\s|(?:eval|ssh|watch)\s|(?:su|runuser)\s(?:.*\s)?-c\s)/;

const SQL_CLIENTS = /^(psql|mysql|mariadb|sqlite3|clickhouse-client|cockroach|cqlsh|duckdb)$/;
const PYTHON_PROGRAMS = /^(python[0-9.]*|pypy[0-9.]*|ipython[0-9.]*)$/;

interface PendingHeredoc {
  readonly delimiter: string;
  readonly literal: boolean;
  readonly stripTabs: boolean;
  readonly language: StepLanguageOf | 'text';
  readonly layers: number;
}

/**
 * The reading position, the placeholders found so far, and the bash reader. SQL and Python
 * (whole steps, or heredoc bodies handed to psql or python) are read by the functions after
 * the class, which move the same position.
 */
class ContextReader {
  readonly found = new Map<number, ValueContext>();
  /** The reading position; the SQL and Python readers move it too. */
  pos = 0;
  private readonly spanEnds = new Map<number, number>();
  /** Where the simple command being read starts, for `REPARSING_COMMAND`. */
  private commandStart = 0;

  constructor(
    readonly src: string,
    spans: readonly { offset: number; end: number }[],
  ) {
    for (const span of spans) this.spanEnds.set(span.offset, span.end);
  }

  /** Records the context of a placeholder starting at `pos` and steps over it. */
  takePlaceholder(position: ValuePosition, layers: number, heredocDelimiter?: string): boolean {
    const end = this.spanEnds.get(this.pos);
    if (end === undefined) return false;
    if (/^shell-(bare|single|double|ansi)$/.test(position.kind) && REPARSING_COMMAND.test(this.src.slice(this.commandStart, this.pos))) {
      position = { kind: 'shell-evaluated', where: 'a command that hands it to another shell (sh -c, eval, ssh, watch, su -c)' };
    }
    this.found.set(this.pos, { position, escapeLayers: layers, ...(heredocDelimiter !== undefined ? { heredocDelimiter } : {}) });
    this.pos = end;
    return true;
  }

  startsPlaceholder(at: number): boolean {
    return this.spanEnds.has(at);
  }

  // ---- bash ----

  /**
   * A command list: the whole text, the inside of `$(...)` (closer `)`) or of backticks
   * (closer `` ` ``, one more escape layer). Returns at the closer, or at the end.
   */
  shellList(closer: '' | ')' | '`', layers: number): void {
    const outerCommandStart = this.commandStart;
    this.commandStart = this.pos;
    try {
      this.readShellList(closer, layers);
    } finally {
      this.commandStart = outerCommandStart;
    }
  }

  private readShellList(closer: '' | ')' | '`', layers: number): void {
    const src = this.src;
    let parentheses = 0;
    let wordStart = true;
    let evaluated: string | undefined; // inside [[ ... ]]
    let pending: PendingHeredoc[] = [];
    while (this.pos < src.length) {
      if (this.takePlaceholder(evaluated ? { kind: 'shell-evaluated', where: evaluated } : { kind: 'shell-bare' }, layers)) {
        wordStart = false;
        continue;
      }
      const c = src[this.pos]!;
      const next = src[this.pos + 1];
      if (closer === '`' && c === '`') {
        this.pos++;
        return;
      }
      if (closer === ')' && c === ')' && parentheses === 0) {
        this.pos++;
        return;
      }
      if (c === '\\') {
        this.pos += 2;
        wordStart = false;
      } else if (c === "'") {
        this.shellSingle(layers);
        wordStart = false;
      } else if (c === '"') {
        this.shellDouble(layers);
        wordStart = false;
      } else if (c === '$') {
        this.shellDollar(layers);
        wordStart = false;
      } else if (c === '`') {
        this.pos++;
        this.shellList('`', layers + 1);
        wordStart = false;
      } else if (c === '#' && wordStart) {
        while (this.pos < src.length && src[this.pos] !== '\n') {
          if (!this.takePlaceholder({ kind: 'text' }, layers)) this.pos++;
        }
      } else if (c === '(' && next === '(' && wordStart) {
        this.pos += 2;
        this.shellArithmetic('))', '((...))', layers);
      } else if (c === '[' && next === '[' && wordStart && /[ \t]/.test(src[this.pos + 2] ?? '')) {
        this.pos += 2;
        evaluated = '[[ ... ]]';
      } else if (c === ']' && next === ']' && evaluated) {
        this.pos += 2;
        evaluated = undefined;
        wordStart = false;
      } else if (c === '<' && next === '<' && src[this.pos + 2] !== '<') {
        pending.push(this.readHeredocOperator(layers));
        wordStart = true;
      } else if (c === '\n') {
        this.pos++;
        for (const heredoc of pending) this.heredocBody(heredoc);
        pending = [];
        wordStart = true;
        this.commandStart = this.pos;
      } else {
        if (c === '(') parentheses++;
        if (c === ')') parentheses--;
        if (c === ';' || c === '&' || c === '|' || c === '(' || c === ')' || c === '{' || c === '}') this.commandStart = this.pos + 1;
        wordStart = c === ' ' || c === '\t' || c === ';' || c === '&' || c === '|' || c === '(' || c === ')' || c === '{' || c === '}' || c === '<' || c === '>';
        this.pos++;
      }
    }
  }

  private shellSingle(layers: number): void {
    this.pos++;
    while (this.pos < this.src.length && this.src[this.pos] !== "'") {
      if (!this.takePlaceholder({ kind: 'shell-single' }, layers)) this.pos++;
    }
    this.pos++;
  }

  private shellDouble(layers: number): void {
    const src = this.src;
    this.pos++;
    while (this.pos < src.length) {
      if (this.takePlaceholder({ kind: 'shell-double' }, layers)) continue;
      const c = src[this.pos]!;
      if (c === '"') {
        this.pos++;
        return;
      }
      if (c === '\\') this.pos += 2;
      else if (c === '$') this.shellDollar(layers);
      else if (c === '`') {
        this.pos++;
        this.shellList('`', layers + 1);
      } else this.pos++;
    }
  }

  /** At a `$` that does not start a placeholder: `$'...'`, `$(...)`, `$((...))`, `${...}`, `$[...]`. */
  private shellDollar(layers: number): void {
    const src = this.src;
    const next = src[this.pos + 1];
    if (next === "'") {
      this.pos += 2;
      while (this.pos < src.length && src[this.pos] !== "'") {
        if (this.takePlaceholder({ kind: 'shell-ansi' }, layers)) continue;
        this.pos += src[this.pos] === '\\' ? 2 : 1;
      }
      this.pos++;
    } else if (next === '(' && src[this.pos + 2] === '(') {
      this.pos += 3;
      this.shellArithmetic('))', '$((...))', layers);
    } else if (next === '(') {
      this.pos += 2;
      this.shellList(')', layers);
    } else if (next === '[') {
      this.pos += 2;
      this.shellArithmetic(']', '$[...]', layers);
    } else if (next === '{') {
      this.pos += 2;
      this.shellEvaluated('}', '{', '${...}', layers);
    } else {
      this.pos++;
    }
  }

  private shellArithmetic(closer: '))' | ']', where: string, layers: number): void {
    this.shellEvaluated(closer, closer === ']' ? '[' : '(', where, layers);
  }

  /** Text bash evaluates (parameter expansions, arithmetic): only plain values may stand in it. */
  private shellEvaluated(closer: string, opener: string, where: string, layers: number): void {
    const src = this.src;
    let depth = 0;
    while (this.pos < src.length) {
      if (this.takePlaceholder({ kind: 'shell-evaluated', where }, layers)) continue;
      if (depth === 0 && src.startsWith(closer, this.pos)) {
        this.pos += closer.length;
        return;
      }
      const c = src[this.pos]!;
      if (c === '$' && (src[this.pos + 1] === '(' || src[this.pos + 1] === '{')) {
        this.shellDollar(layers);
        continue;
      }
      if (c === opener) depth++;
      else if (c === closer[0] && depth > 0) depth--;
      this.pos += c === '\\' ? 2 : 1;
    }
  }

  /** At `<<` or `<<-`: reads the delimiter word and the program the body goes to. */
  private readHeredocOperator(layers: number): PendingHeredoc {
    const src = this.src;
    const operatorAt = this.pos;
    this.pos += 2;
    const stripTabs = src[this.pos] === '-';
    if (stripTabs) this.pos++;
    while (src[this.pos] === ' ' || src[this.pos] === '\t') this.pos++;
    let delimiter = '';
    let literal = false;
    while (this.pos < src.length && !/[\s;&|<>()]/.test(src[this.pos]!)) {
      const c = src[this.pos]!;
      if (c === "'" || c === '"') {
        literal = true;
        const close = src.indexOf(c, this.pos + 1);
        const end = close < 0 ? src.length : close;
        delimiter += src.slice(this.pos + 1, end);
        this.pos = end + 1;
      } else if (c === '\\') {
        literal = true;
        delimiter += src[this.pos + 1] ?? '';
        this.pos += 2;
      } else {
        delimiter += c;
        this.pos++;
      }
    }
    return { delimiter, literal, stripTabs, language: this.heredocProgram(operatorAt), layers };
  }

  /** What reads a heredoc: SQL for a SQL client anywhere in the command (`kubectl exec db -- psql`), else Python, else unknown text. */
  private heredocProgram(operatorAt: number): StepLanguageOf | 'text' {
    const lineStart = this.src.lastIndexOf('\n', operatorAt - 1) + 1;
    const words = this.src.slice(lineStart, operatorAt).split(/[\s;&|()`]+/);
    let language: StepLanguageOf | 'text' = 'text';
    for (const word of words) {
      const program = word.replace(/^.*\//, '');
      if (SQL_CLIENTS.test(program)) language = 'sql';
      else if (PYTHON_PROGRAMS.test(program)) language = 'python';
    }
    return language;
  }

  private heredocBody(heredoc: PendingHeredoc): void {
    const src = this.src;
    const start = this.pos;
    let end = src.length;
    let after = src.length;
    for (let lineStart = start; lineStart < src.length; ) {
      const newline = src.indexOf('\n', lineStart);
      const lineEnd = newline < 0 ? src.length : newline;
      const line = src.slice(lineStart, lineEnd);
      if ((heredoc.stripTabs ? line.replace(/^\t+/, '') : line) === heredoc.delimiter) {
        end = lineStart;
        after = newline < 0 ? src.length : newline + 1;
        break;
      }
      lineStart = lineEnd + 1;
    }
    // An unquoted heredoc body goes through bash's `\`, `$` and backtick processing first.
    const layers = heredoc.layers + (heredoc.literal ? 0 : 1);
    if (heredoc.language === 'sql') readSqlContexts(this, start, end, layers, heredoc.delimiter);
    else if (heredoc.language === 'python') readPythonContexts(this, start, end, layers, heredoc.delimiter);
    else this.heredocText(start, end, heredoc.literal, layers, heredoc.delimiter);
    this.pos = after;
  }

  private heredocText(start: number, end: number, literal: boolean, layers: number, delimiter: string): void {
    const src = this.src;
    this.pos = start;
    while (this.pos < end) {
      if (this.takePlaceholder({ kind: 'text' }, layers, delimiter)) continue;
      const c = src[this.pos]!;
      if (!literal && c === '\\') this.pos += 2;
      else if (!literal && c === '$') this.shellDollar(layers - 1);
      else if (!literal && c === '`') {
        this.pos++;
        this.shellList('`', layers);
      } else this.pos++;
    }
  }
}

// ---- PostgreSQL ----

/** Placeholders in SQL text from `start` to `end`, read as PostgreSQL reads it. */
function readSqlContexts(reader: ContextReader, start: number, end: number, layers: number, delimiter: string | undefined): void {
  const src = reader.src;
  reader.pos = start;
  const take = (kind: ValuePosition['kind']) => reader.takePlaceholder({ kind } as ValuePosition, layers, delimiter);
  while (reader.pos < end) {
    if (take('sql-bare')) continue;
    const c = src[reader.pos]!;
    const next = src[reader.pos + 1];
    if (c === '-' && next === '-') {
      while (reader.pos < end && src[reader.pos] !== '\n') if (!reader.takePlaceholder({ kind: 'text' }, layers, delimiter)) reader.pos++;
    } else if (c === '/' && next === '*') {
      reader.pos += 2;
      let depth = 1;
      while (reader.pos < end && depth > 0) {
        if (take('sql-block-comment')) continue;
        if (src.startsWith('/*', reader.pos)) {
          depth++;
          reader.pos += 2;
        } else if (src.startsWith('*/', reader.pos)) {
          depth--;
          reader.pos += 2;
        } else reader.pos++;
      }
    } else if ((c === 'E' || c === 'e') && next === "'" && !/[\w$]/.test(src[reader.pos - 1] ?? '')) {
      reader.pos += 2;
      while (reader.pos < end && src[reader.pos] !== "'") {
        if (take('sql-escape-string')) continue;
        reader.pos += src[reader.pos] === '\\' ? 2 : 1;
      }
      reader.pos++;
      if (src[reader.pos] === "'") continueSqlString(reader, 'sql-escape-string', end, layers, delimiter);
    } else if (c === "'") {
      reader.pos++;
      continueSqlString(reader, 'sql-string', end, layers, delimiter);
    } else if (c === '"') {
      reader.pos++;
      while (reader.pos < end) {
        if (take('sql-identifier')) continue;
        if (src[reader.pos] === '"') {
          if (src[reader.pos + 1] === '"') reader.pos += 2;
          else break;
        } else reader.pos++;
      }
      reader.pos++;
    } else if (c === '$' && !/[\w$]/.test(src[reader.pos - 1] ?? '')) {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(src.slice(reader.pos, Math.min(end, reader.pos + 80)));
      if (!tag) {
        reader.pos++;
        continue;
      }
      reader.pos += tag[0].length;
      const close = src.indexOf(tag[0], reader.pos);
      const stop = close < 0 || close > end ? end : close;
      while (reader.pos < stop) if (!take('sql-dollar-quoted')) reader.pos++;
      reader.pos = Math.min(end, stop + tag[0].length);
    } else {
      reader.pos++;
    }
  }
}

/** Inside a `'...'` string (the opening quote read), `''` being a quote inside it. */
function continueSqlString(reader: ContextReader, kind: 'sql-string' | 'sql-escape-string', end: number, layers: number, delimiter: string | undefined): void {
  const src = reader.src;
  while (reader.pos < end) {
    if (reader.takePlaceholder({ kind } as ValuePosition, layers, delimiter)) continue;
    const c = src[reader.pos]!;
    if (kind === 'sql-escape-string' && c === '\\') {
      reader.pos += 2;
    } else if (c === "'") {
      if (src[reader.pos + 1] === "'") reader.pos += 2;
      else {
        reader.pos++;
        return;
      }
    } else reader.pos++;
  }
}

// ---- Python ----

/** Placeholders in Python text from `start` to `end`. */
function readPythonContexts(reader: ContextReader, start: number, end: number, layers: number, delimiter: string | undefined): void {
  const src = reader.src;
  reader.pos = start;
  while (reader.pos < end) {
    if (reader.takePlaceholder({ kind: 'python-bare' }, layers, delimiter)) continue;
    const c = src[reader.pos]!;
    if (c === '#') {
      while (reader.pos < end && src[reader.pos] !== '\n') if (!reader.takePlaceholder({ kind: 'text' }, layers, delimiter)) reader.pos++;
      continue;
    }
    const prefix = /^([rRbBfFuU]{0,2})('''|"""|'|")/.exec(src.slice(reader.pos, reader.pos + 5));
    const before = src[reader.pos - 1] ?? '';
    if (prefix && (prefix[1] === '' || !/[\w]/.test(before)) && /^(|[rR]|[bB]|[fF]|[uU]|[rR][bB]|[bB][rR]|[rR][fF]|[fF][rR])$/.test(prefix[1]!)) {
      const flags = prefix[1]!.toLowerCase();
      const quote = prefix[2]!;
      const position: ValuePosition = { kind: 'python-string', quote, raw: flags.includes('r'), formatted: flags.includes('f'), bytes: flags.includes('b') };
      reader.pos += prefix[0].length;
      while (reader.pos < end && !src.startsWith(quote, reader.pos)) {
        if (reader.takePlaceholder(position, layers, delimiter)) continue;
        reader.pos += src[reader.pos] === '\\' ? 2 : 1;
      }
      reader.pos += quote.length;
      continue;
    }
    if (/\w/.test(c)) {
      // Skip a whole identifier so `xr'...'`-like names are not read as string prefixes.
      while (reader.pos < end && /\w/.test(src[reader.pos]!) && !reader.startsPlaceholder(reader.pos)) reader.pos++;
      continue;
    }
    reader.pos++;
  }
}
