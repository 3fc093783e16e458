// A small shell lexer for deciding what a runbook block would run, not for running it (the
// block itself goes to the terminal untouched). It splits text into simple commands the way
// bash would, so the risk check looks at commands and never at data:
// - quotes and escapes are removed from words, so `grep "delete"` is `grep` with the
//   argument `delete`, and a `#` inside quotes is not a comment;
// - comments, `;`, `&&`, `||`, `|`, `&`, newlines and `\`-newline continuations are honoured;
// - `$(...)`, backticks and `<(...)` run commands of their own: they are lexed as separate
//   commands (marked `substituted`), also inside double quotes and unquoted heredoc bodies;
// - a heredoc body is the stdin of its command, kept as text, never read as commands;
// - runbook placeholders such as `<pod-name>` or `<pod identified as the problem pod>` are
//   words, not redirections, so `kubectl -n <namespace> delete pod x` keeps its verb.
// It is deliberately forgiving: unterminated quotes or parentheses run to the end of the text.

export interface ShellRedirect {
  /** `>`, `>>`, `>|`, `&>`, `&>>`, `<`, `<>`, `>&`, `<&` (heredocs and here-strings go to `stdin`). */
  readonly operator: string;
  readonly target: string;
}

export interface SimpleCommand {
  /** Words after quote removal; a substitution keeps its written form, e.g. `$(kubectl get pod)`. */
  readonly words: readonly string[];
  /** `NAME=value` words before the command name. */
  readonly assignments: readonly string[];
  readonly redirects: readonly ShellRedirect[];
  /** Heredoc bodies and here-strings: text fed to the command's standard input. */
  readonly stdin: readonly string[];
  /** Reads a pipe (`a | b`): its input comes from another command, not from the terminal. */
  readonly piped: boolean;
  /** Runs inside a `$(...)`, backtick or `<(...)` substitution. */
  readonly substituted: boolean;
  /** Text nested too deeply to lex; whatever it runs is unknown. */
  readonly unchecked?: string;
}

interface CommandDraft {
  words: string[];
  assignments: string[];
  redirects: ShellRedirect[];
  stdin: string[];
  piped: boolean;
  substituted: boolean;
}

interface PendingHeredoc {
  readonly delimiter: string;
  /** A quoted delimiter (`<<'EOF'`) turns off expansion in the body. */
  readonly literal: boolean;
  readonly into: CommandDraft;
}

/** Substitutions nested deeper than this are not lexed (and are reported as unchecked). */
const MAX_NESTING = 32;
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/;
const REDIRECT = /^(\d+|\{[A-Za-z_][A-Za-z0-9_]*\})?(<<<|<<-|<<|<>|<&|>&|>>|>\||&>>|&>|<|>)/;
const WORD_END = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')']);
/** `<name>` as runbooks write placeholders; `sort <in >out` (a space before `>`) stays a redirect. */
const PLACEHOLDER = /^<[A-Za-z_][^<>\n]*?[^\s<>]>|^<[A-Za-z_]>/;

/**
 * What the top level of a text is made of, in source offsets, for finding where its commands
 * begin and end (`splitBlockCommands`). Substitutions and heredoc bodies are not reported
 * piece by piece: they belong to the word or command that holds them.
 */
export interface TopLevelListener {
  /** A word, assignment or redirection; `first` when it starts a simple command. */
  token(raw: string, start: number, end: number, first: boolean): void;
  /**
   * `;`, `;;`, `&`, `&&`, `||`, `|`, `|&`, a newline, `(` or `)`. `heredocPending` is true
   * when a heredoc announced on this line has not had its body read yet.
   */
  operator(operator: string, start: number, end: number, heredocPending: boolean): void;
  /** A heredoc body and its delimiter line were read: the command runs to `end`. */
  heredocEnd(end: number): void;
}

/** `NAME=value` (also `NAME+=value`, `NAME[i]=value`): an assignment, not a command name. */
export function isAssignment(word: string): boolean {
  return ASSIGNMENT.test(word);
}

/** Splits shell text into the simple commands bash would run, substitutions included. */
export function splitShellCommands(text: string): SimpleCommand[] {
  const lexer = new ShellLexer(text.replace(/\r\n?/g, '\n'), 0);
  lexer.lexList(false);
  return lexer.commands;
}

/**
 * Lexes `text` (newlines must already be `\n`) and reports its top-level structure to
 * `listener`, by the same rules `splitShellCommands` uses.
 */
export function lexTopLevel(text: string, listener: TopLevelListener): void {
  new ShellLexer(text, 0, listener).lexList(false);
}

class ShellLexer {
  readonly commands: SimpleCommand[] = [];
  private i = 0;

  constructor(
    private readonly src: string,
    /** How many substitutions enclose the text being lexed. */
    private nesting: number,
    /** Told about the top level only; nested lexers never get one. */
    private readonly listener?: TopLevelListener,
  ) {}

  /**
   * Lexes commands until the end of the text or, inside `$(`/`<(`, until the `)` that closes
   * it. Commands are appended to `commands` as they end, nested ones first.
   */
  lexList(inSubstitution: boolean): void {
    const list = new ListDraft(this.commands, inSubstitution, inSubstitution ? undefined : this.listener);
    while (this.i < this.src.length) {
      // A heredoc announced on the substitution's last line has no body to read.
      if (this.lexListStep(list)) return;
    }
    list.finish(false);
    for (const heredoc of list.pending) heredoc.into.stdin.push('');
  }

  /** Lexes what starts at the index; true when it was the `)` that closes the substitution being lexed. */
  private lexListStep(list: ListDraft): boolean {
    const src = this.src;
    const c = src[this.i]!;
    if (c === ' ' || c === '\t') {
      this.i++;
    } else if (c === '\\' && src[this.i + 1] === '\n') {
      this.i += 2; // line continuation between words
    } else if (c === '\n') {
      this.lexNewline(list);
    } else if (c === '#') {
      // Only reached at the start of a word: a comment runs to the end of the line.
      while (this.i < src.length && src[this.i] !== '\n') this.i++;
    } else if (c === ';' || c === '&' || c === '|') {
      this.lexControlOperator(list, c);
    } else if ((c === '<' || c === '>') && src[this.i + 1] === '(') {
      const start = this.i;
      const first = list.draft.words.length === 0 && list.draft.assignments.length === 0;
      list.draft.words.push(this.readWord());
      list.listener?.token(src.slice(start, this.i), start, this.i, first);
    } else if (c === '(' || c === ')') {
      list.listener?.operator(c, this.i, this.i + 1, list.pending.length > 0);
      this.i++;
      return list.parenthesis(c);
    } else if (REDIRECT.test(src.slice(this.i, this.i + 40)) && !PLACEHOLDER.test(src.slice(this.i, this.i + 200))) {
      this.readRedirect(list);
    } else {
      this.lexWord(list);
    }
    return false;
  }

  /** A newline ends the command; the bodies of heredocs announced on the line follow it. */
  private lexNewline(list: ListDraft): void {
    const newline = this.i;
    this.i++;
    list.finish(false);
    // Heredoc bodies start on the line after the one that announced them.
    for (const heredoc of list.pending) this.readHeredocBody(heredoc);
    if (list.listener && list.pending.length > 0) list.listener.heredocEnd(this.src[this.i - 1] === '\n' ? this.i - 1 : this.i);
    list.listener?.operator('\n', newline, newline + 1, false);
    list.pending = [];
  }

  /** `;`, `;;`, `&`, `&&`, `|`, `||`, `|&` (and `&>`, a redirection). */
  private lexControlOperator(list: ListDraft, c: string): void {
    const two = this.src.slice(this.i, this.i + 2);
    if (two === '&>') {
      this.readRedirect(list);
      return;
    }
    const operator = two === '&&' || two === '||' || two === ';;' || two === '|&' ? two : c;
    list.listener?.operator(operator, this.i, this.i + operator.length, list.pending.length > 0);
    this.i += operator.length;
    list.finish(operator === '|' || operator === '|&');
  }

  /** A word or an assignment (with its array literal, whose substitutions still run). */
  private lexWord(list: ListDraft): void {
    const src = this.src;
    const draft = list.draft;
    const start = this.i;
    const first = draft.words.length === 0;
    const word = this.readWord();
    // A stray character no rule consumes must not stall the loop.
    if (this.i === start) this.i++;
    const raw = src.slice(start, this.i);
    if (draft.words.length === 0 && ASSIGNMENT.test(raw)) {
      // `pods=($(oc get pods -o name))`: an array, whose substitutions still run.
      draft.assignments.push(raw.endsWith('=') && src[this.i] === '(' ? word + this.readArrayLiteral() : word);
    } else {
      draft.words.push(word);
    }
    // After an array literal, so that the token covers it.
    list.listener?.token(raw, start, this.i, first && !ASSIGNMENT.test(raw));
  }

  /** The `(a b $(c))` of an array assignment, as written; substitutions inside are lexed. */
  private readArrayLiteral(): string {
    const src = this.src;
    const start = this.i;
    this.i++;
    while (this.i < src.length && src[this.i] !== ')') {
      const c = src[this.i]!;
      if (c === ' ' || c === '\t' || c === '\n') {
        this.i++;
      } else if (c === '\\' && src[this.i + 1] === '\n') {
        this.i += 2;
      } else {
        const before = this.i;
        this.readWord();
        if (this.i === before) this.i++;
      }
    }
    this.i++;
    return src.slice(start, Math.min(this.i, src.length));
  }

  private readRedirect(list: ListDraft): void {
    // Digits (or `{fd}`) glued to the operator name a file descriptor, as in `2>/dev/null`.
    const tokenStart = this.i;
    const match = REDIRECT.exec(this.src.slice(this.i, this.i + 40))!;
    const operator = match[2]!;
    this.i += match[0].length;
    while (this.src[this.i] === ' ' || this.src[this.i] === '\t') this.i++;
    const start = this.i;
    const target = this.i < this.src.length && !WORD_END.has(this.src[this.i]!) ? this.readWord() : '';
    const raw = this.src.slice(start, this.i);
    list.listener?.token(this.src.slice(tokenStart, this.i), tokenStart, this.i, false);
    list.redirect(operator, target, raw);
  }

  /** Reads lines up to the delimiter line; leading whitespace is ignored as runbooks indent. */
  private readHeredocBody(heredoc: PendingHeredoc): void {
    const { body, end } = readHeredocLines(this.src, this.i, heredoc.delimiter);
    this.i = end;
    heredoc.into.stdin.push(body);
    // An unquoted delimiter lets `$(...)` in the body run while the heredoc is built.
    if (!heredoc.literal) this.lexExpansions(body);
  }

  /** The expansions in `text` (a heredoc body, a `${...}`), lexed as inside double quotes. */
  private lexExpansions(text: string): void {
    this.lexApart(text, (inner) => inner.readDoubleQuoted(false));
  }

  /** Lexes `text` with a lexer of its own, one level deeper; the commands it finds run as substitutions. */
  private lexApart(text: string, lex: (inner: ShellLexer) => void): void {
    if (this.nesting >= MAX_NESTING) {
      this.commands.push(uncheckedCommand(text));
      return;
    }
    const inner = new ShellLexer(text, this.nesting + 1);
    lex(inner);
    for (const command of inner.commands) this.commands.push({ ...command, substituted: true });
  }

  /** Reads one word, removing quotes; returns its value. */
  private readWord(): string {
    const src = this.src;
    let value = '';
    while (this.i < src.length) {
      const c = src[this.i]!;
      if (c === '\\') {
        // `\`-newline is a line continuation and leaves nothing; any other escaped character stays.
        if (src[this.i + 1] !== '\n') value += src[this.i + 1] ?? '';
        this.i += 2;
      } else if (c === "'") {
        const end = src.indexOf("'", this.i + 1);
        const stop = end === -1 ? src.length : end;
        value += src.slice(this.i + 1, stop);
        this.i = stop + 1;
      } else if (c === '"') {
        this.i++;
        value += this.readDoubleQuoted(true);
      } else if (c === '$' && src[this.i + 1] === "'") {
        const quoted = readAnsiCQuoted(src, this.i);
        value += quoted.value;
        this.i = quoted.end;
      } else if (c === '$' && src[this.i + 1] === '"') {
        this.i += 2;
        value += this.readDoubleQuoted(true);
      } else if (c === '$' && (src[this.i + 1] === '(' || src[this.i + 1] === '{')) {
        value += this.readDollar();
      } else if (c === '`') {
        value += this.readBackticks();
      } else if ((c === '<' || c === '>') && src[this.i + 1] === '(' && value === '') {
        const start = this.i;
        this.i += 2;
        this.lexNested();
        value += src.slice(start, this.i);
      } else if (c === '<' && PLACEHOLDER.test(src.slice(this.i, this.i + 200))) {
        const placeholder = PLACEHOLDER.exec(src.slice(this.i, this.i + 200))![0];
        value += placeholder;
        this.i += placeholder.length;
      } else if (WORD_END.has(c)) {
        break;
      } else {
        value += c;
        this.i++;
      }
    }
    return value;
  }

  /**
   * Reads double-quoted text after the opening quote up to the closing one (or, when
   * `terminated` is false, to the end: used for heredoc bodies). Substitutions inside are lexed.
   */
  readDoubleQuoted(terminated: boolean): string {
    const src = this.src;
    let value = '';
    while (this.i < src.length) {
      const c = src[this.i]!;
      if (c === '"' && terminated) {
        this.i++;
        return value;
      }
      if (c === '\\') {
        const next = src[this.i + 1];
        if (next === '\n') {
          this.i += 2;
        } else if (next === '$' || next === '`' || next === '"' || next === '\\') {
          value += next;
          this.i += 2;
        } else {
          value += c;
          this.i++;
        }
      } else if (c === '$' && (src[this.i + 1] === '(' || src[this.i + 1] === '{')) {
        value += this.readDollar();
      } else if (c === '`') {
        value += this.readBackticks();
      } else {
        value += c;
        this.i++;
      }
    }
    return value;
  }

  /** `$(...)` (commands), `$((...))` (arithmetic) or `${...}` (a parameter); returns the text as written. */
  private readDollar(): string {
    const src = this.src;
    const start = this.i;
    if (src.startsWith('$((', this.i)) {
      this.i = balancedEnd(this.src, '(', ')', this.i + 1);
    } else if (src[this.i + 1] === '(') {
      this.i += 2;
      this.lexNested();
    } else {
      this.i = balancedEnd(this.src, '{', '}', this.i + 1);
      // `${X:-$(cmd)}` runs cmd when X is unset.
      const inner = src.slice(start + 2, this.i - 1);
      if (inner.includes('$(') || inner.includes('`')) this.lexExpansions(inner);
    }
    return src.slice(start, this.i);
  }

  /** Lexes the commands of a `$(`/`<(` substitution, leaving the index after its `)`. */
  private lexNested(): void {
    if (this.nesting >= MAX_NESTING) {
      const start = this.i;
      // Back up to the opening parenthesis and skip to its match without lexing.
      this.i = balancedEnd(this.src, '(', ')', start - 1);
      this.commands.push(uncheckedCommand(this.src.slice(start, this.i - 1)));
      return;
    }
    const first = this.commands.length;
    this.nesting++;
    this.lexList(true);
    this.nesting--;
    for (let index = first; index < this.commands.length; index++) {
      this.commands[index] = { ...this.commands[index]!, substituted: true };
    }
  }

  private readBackticks(): string {
    const src = this.src;
    const start = this.i;
    const { inner, end } = readBacktickText(src, start);
    this.i = end;
    this.lexApart(inner, (lexer) => lexer.lexList(false));
    return src.slice(start, this.i);
  }
}

/** Where a `$'...'` starting at `start` ends, and its value: backslash escapes as bash decodes them (`\x6b`, `\153`, `\u006b` spell letters too), no expansion. */
function readAnsiCQuoted(src: string, start: number): { value: string; end: number } {
  let i = start + 2;
  let value = '';
  while (i < src.length && src[i] !== "'") {
    if (src[i] === '\\' && i + 1 < src.length) {
      const escape = ANSI_C_ESCAPE.exec(src.slice(i, i + 12));
      if (escape) {
        value += decodeAnsiCEscape(escape[0]);
        i += escape[0].length;
        continue;
      }
      value += src[i + 1]!;
      i += 2;
    } else {
      value += src[i];
      i++;
    }
  }
  return { value, end: i + 1 };
}

/** The text between backticks starting at `start` (`\``, `\\`, `\$` unescaped), and the index after the closing one. */
function readBacktickText(src: string, start: number): { inner: string; end: number } {
  let i = start + 1;
  let inner = '';
  while (i < src.length && src[i] !== '`') {
    if (src[i] === '\\' && (src[i + 1] === '`' || src[i + 1] === '\\' || src[i + 1] === '$')) {
      inner += src[i + 1];
      i += 2;
    } else {
      inner += src[i];
      i++;
    }
  }
  return { inner, end: i + 1 };
}

/** A heredoc body read from `from` up to the delimiter line; leading whitespace is ignored as runbooks indent. */
function readHeredocLines(src: string, from: number, delimiter: string): { body: string; end: number } {
  const lines: string[] = [];
  let i = from;
  while (i < src.length) {
    const end = src.indexOf('\n', i);
    const line = src.slice(i, end === -1 ? src.length : end);
    i = end === -1 ? src.length : end + 1;
    if (line.trim() === delimiter) break;
    lines.push(line);
  }
  return { body: lines.join('\n'), end: i };
}

/** The index past the bracket that closes the one at `from`, honouring quotes; the end of the text when unclosed. */
function balancedEnd(src: string, open: string, close: string, from: number): number {
  let depth = 0;
  let index = from;
  while (index < src.length) {
    const c = src[index]!;
    if (c === '\\') {
      index += 2;
      continue;
    }
    if (c === "'" || c === '"') {
      const end = src.indexOf(c, index + 1);
      index = end === -1 ? src.length : end + 1;
      continue;
    }
    if (c === open) depth++;
    else if (c === close && --depth === 0) {
      index++;
      break;
    }
    index++;
  }
  return index;
}

/** The command being read in one list (top level or one substitution), and what is still owed to it. */
class ListDraft {
  draft: CommandDraft;
  pending: PendingHeredoc[] = [];
  /** Subshell parentheses opened inside this list: only an unmatched `)` ends a substitution. */
  openParentheses = 0;

  constructor(
    private readonly commands: SimpleCommand[],
    readonly inSubstitution: boolean,
    readonly listener: TopLevelListener | undefined,
  ) {
    this.draft = newDraft(false, inSubstitution);
  }

  /** Ends the command being read (kept when it has anything) and starts the next. */
  finish(nextPiped: boolean): void {
    const draft = this.draft;
    if (draft.words.length > 0 || draft.assignments.length > 0 || draft.redirects.length > 0 || draft.stdin.length > 0) {
      this.commands.push(draft);
    }
    this.draft = newDraft(nextPiped, this.inSubstitution);
  }

  /** A subshell's `(` or `)` ends the command; true when the `)` is instead the one that ends the substitution. */
  parenthesis(c: '(' | ')'): boolean {
    if (c === '(') {
      this.openParentheses++;
    } else if (this.inSubstitution && this.openParentheses === 0) {
      this.finish(false);
      return true;
    } else {
      this.openParentheses = Math.max(0, this.openParentheses - 1);
    }
    this.finish(false);
    return false;
  }

  /** A heredoc waits for its body, a here-string is the command's stdin, anything else one of its redirections. */
  redirect(operator: string, target: string, written: string): void {
    if (operator === '<<' || operator === '<<-') {
      this.pending.push({ delimiter: target, literal: /['"\\]/.test(written), into: this.draft });
    } else if (operator === '<<<') {
      this.draft.stdin.push(target);
    } else {
      this.draft.redirects.push({ operator, target });
    }
  }
}

/** The escapes of `$'...'` that stand for other characters. */
const ANSI_C_ESCAPE = /^\\(x[0-9A-Fa-f]{1,2}|u[0-9A-Fa-f]{1,4}|U[0-9A-Fa-f]{1,8}|[0-7]{1,3}|c.|[abeEfnrtv])/;
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

function decodeAnsiCEscape(escape: string): string {
  const body = escape.slice(1);
  const kind = body[0]!;
  if (kind === 'x' || kind === 'u' || kind === 'U') return String.fromCodePoint(Math.min(parseInt(body.slice(1), 16), 0x10ffff));
  if (kind === 'c') return String.fromCharCode(body.charCodeAt(1) & 0x1f);
  if (/[0-7]/.test(kind)) return String.fromCharCode(parseInt(body, 8) & 0xff);
  return SIMPLE_ESCAPES[kind] ?? kind;
}

function uncheckedCommand(text: string): SimpleCommand {
  return { words: [], assignments: [], redirects: [], stdin: [], piped: false, substituted: true, unchecked: text };
}

function newDraft(piped: boolean, substituted: boolean): CommandDraft {
  return { words: [], assignments: [], redirects: [], stdin: [], piped, substituted };
}
