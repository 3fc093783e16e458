// Risk check for SQL, lexed by the rules of the program that runs it. A SQL step goes to
// psql, so by default the text is read as psql reads it: standard strings (a backslash is an
// ordinary character), E'' strings (a backslash escapes), dollar quoting ($tag$...$tag$),
// "quoted identifiers", nested /* */ comments, `--` comments, `:name` variables and
// backslash meta-commands anywhere on a line. Text for mysql is read by MySQL's rules
// (backslash escapes in '' and "", backtick identifiers, `#` comments, /*! executable
// comments */, the client's `system` and `source`). Text for a client the check does not
// know is read both ways, and whatever either reading finds counts.
//
// A statement is judged by its leading keyword plus a few constructs that write wherever they
// appear (DELETE ... FROM, UPDATE ... SET, INSERT INTO in a WITH clause, pg_terminate_backend).
// Meta-commands that run shell commands, run query output as SQL or read SQL from files are
// destructive whatever follows them: what they run cannot be read here.

import { flagDestructive, flagUnchecked, type RiskAssessors, type RiskFinding } from './riskFinding';
import { isSystemPath } from './systemRiskRules';

/** Whose rules split the text: psql's (PostgreSQL), mysql's, or both readings when the client is unknown. */
export type SqlDialect = 'postgresql' | 'mysql' | 'unknown';

/** A string literal in `tokens`, whatever its text. */
const STRING_TOKEN = "'";

export interface SqlStatement {
  /** Upper-cased keywords and identifiers outside strings and comments, `(`, `)`, and `'` for each string literal. */
  readonly tokens: readonly string[];
  /** Bodies of dollar-quoted strings (`DO $$ ... $$`, function bodies): SQL of their own. */
  readonly bodies: readonly string[];
}

export interface SqlMetaCommand {
  /** `gexec`, `!`, `o`, `copy`... without the backslash (MySQL's `system`/`source` words included). */
  readonly name: string;
  /** The rest of the command as written, trimmed. */
  readonly args: string;
  /** Text inside backticks in the arguments: psql runs it as a shell command. */
  readonly shellCommands: readonly string[];
}

export interface SqlScript {
  readonly statements: readonly SqlStatement[];
  readonly metaCommands: readonly SqlMetaCommand[];
  /** `:name` psql variables pasted into the SQL as raw text (`:'name'` and `:"name"` are quoted, and not listed). */
  readonly interpolations: readonly string[];
}

interface LexOptions {
  readonly dialect: 'postgresql' | 'mysql';
  /** PostgreSQL with standard_conforming_strings off: a backslash escapes in '' strings too. */
  readonly backslashInStrings: boolean;
}

/** psql meta-commands whose argument is the whole rest of the line. */
const WHOLE_LINE_META = new Set(['!', 'copy', 'ef', 'ev', 'sf', 'sv', 'h', 'help']);
/** psql meta-commands that send the query buffer, ending a statement as `;` does. */
const BUFFER_SENDING_META = /^(g|gx|gexec|gset|gdesc|crosstabview|watch)$/;

/** Splits SQL text into statements, meta-commands and variable interpolations, ignoring strings and comments. */
export function splitSqlStatements(text: string, options: LexOptions = { dialect: 'postgresql', backslashInStrings: false }): SqlScript {
  return new SqlSplitter(text, options).split();
}

/** One pass over the text; `i` is the read position, statements end at `;` and at buffer-sending meta-commands. */
class SqlSplitter {
  private readonly statements: SqlStatement[] = [];
  private readonly metaCommands: SqlMetaCommand[] = [];
  private readonly interpolations: string[] = [];
  private tokens: string[] = [];
  private bodies: string[] = [];
  private i = 0;

  constructor(
    private readonly text: string,
    private readonly options: LexOptions,
  ) {}

  split(): SqlScript {
    const { text } = this;
    let lineStart = true;
    while (this.i < text.length) {
      const c = text[this.i]!;
      if (c === '\n') {
        lineStart = true;
        this.i++;
        continue;
      }
      if (c === ' ' || c === '\t' || c === '\r') {
        this.i++;
        continue;
      }
      const atLineStart = lineStart;
      lineStart = false;
      if (this.readClientCommand(c, atLineStart)) continue;
      if (this.skipComment(c) || this.readQuoted(c)) continue;
      this.readCode(c);
    }
    this.endStatement();
    return { statements: this.statements, metaCommands: this.metaCommands, interpolations: this.interpolations };
  }

  private endStatement(): void {
    if (this.tokens.length > 0 || this.bodies.length > 0) this.statements.push({ tokens: this.tokens, bodies: this.bodies });
    this.tokens = [];
    this.bodies = [];
  }

  /** psql's backslash commands and `\;`, mysql's backslash commands and `system`/`source` lines. */
  private readClientCommand(c: string, atLineStart: boolean): boolean {
    const { text, i } = this;
    const { dialect } = this.options;
    if (c === '\\' && text[i + 1] === ';' && dialect === 'postgresql') {
      // psql's `\;` is a semicolon that does not send the buffer yet: the statements still run.
      this.endStatement();
      this.i += 2;
      return true;
    }
    if (c === '\\' && (dialect === 'postgresql' || atLineStart)) {
      // psql: a backslash outside quotes starts a meta-command wherever it stands.
      // mysql: only at the start of a line (`\! cmd`, `\. file`).
      const meta = readMetaCommand(text, i, dialect);
      this.i = meta.end;
      if (meta.command) {
        this.metaCommands.push(meta.command);
        if (BUFFER_SENDING_META.test(meta.command.name)) this.endStatement();
      }
      return true;
    }
    if (dialect === 'mysql' && atLineStart && /^(system|source)\b/i.test(text.slice(i, i + 7))) {
      // mysql client commands, recognised at the start of a line and ending there.
      const stop = lineEnd(text, i);
      const line = text.slice(i, stop).trim();
      const name = line.split(/\s/)[0]!.toLowerCase();
      this.metaCommands.push({ name, args: line.slice(name.length).trim().replace(/;$/, ''), shellCommands: [] });
      this.i = stop;
      return true;
    }
    return false;
  }

  private skipComment(c: string): boolean {
    const { text, i } = this;
    const { dialect } = this.options;
    const next = text[i + 1];
    if (c === '-' && next === '-' && (dialect === 'postgresql' || /[\s]/.test(text[i + 2] ?? ' '))) {
      this.i = lineEnd(text, i);
    } else if (c === '#' && dialect === 'mysql') {
      this.i = lineEnd(text, i);
    } else if (c === '/' && next === '*') {
      if (dialect === 'mysql' && text[i + 2] === '!') {
        // MySQL runs the text of /*! ... */ (after an optional version number) as SQL.
        this.i += 3;
        while (this.i < text.length && /[0-9]/.test(text[this.i]!)) this.i++;
        return true;
      }
      this.i = skipBlockComment(text, i, dialect === 'postgresql');
    } else if (dialect === 'mysql' && c === '*' && next === '/') {
      this.i += 2; // the end of a /*! executable comment */
    } else {
      return false;
    }
    return true;
  }

  /** Strings, quoted identifiers and dollar-quoted bodies. */
  private readQuoted(c: string): boolean {
    const { text, i } = this;
    const { dialect } = this.options;
    if (c === "'") {
      this.tokens.push(STRING_TOKEN);
      this.i = skipQuoted(text, i, "'", dialect === 'mysql' || this.options.backslashInStrings);
    } else if (c === '"') {
      // PostgreSQL: a quoted identifier. MySQL (without ANSI_QUOTES): a string with escapes.
      if (dialect === 'mysql') this.tokens.push(STRING_TOKEN);
      this.i = skipQuoted(text, i, '"', dialect === 'mysql');
    } else if (c === '`' && dialect === 'mysql') {
      this.i = skipQuoted(text, i, '`', false);
    } else if (c === '$' && dialect === 'postgresql' && DOLLAR_TAG.test(text.slice(i, i + 66))) {
      const tag = DOLLAR_TAG.exec(text.slice(i, i + 66))![0];
      const stop = text.indexOf(tag, i + tag.length);
      this.bodies.push(text.slice(i + tag.length, stop === -1 ? text.length : stop));
      this.tokens.push(STRING_TOKEN);
      this.i = stop === -1 ? text.length : stop + tag.length;
    } else {
      return false;
    }
    return true;
  }

  /** Variables, casts, `;`, parentheses and words; anything else is skipped. */
  private readCode(c: string): void {
    if (c === ':' && this.options.dialect === 'postgresql') {
      this.readColon();
    } else if (c === ';') {
      this.endStatement();
      this.i++;
    } else if (c === '(' || c === ')') {
      this.tokens.push(c);
      this.i++;
    } else if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      this.readWord();
    } else {
      this.i++;
    }
  }

  /** `::type` is a cast; `:name` pastes a psql variable's value into the SQL unquoted. */
  private readColon(): void {
    const { text, i } = this;
    if (text[i + 1] === ':') {
      this.i += 2;
      return;
    }
    const name = /^:([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)/.exec(text.slice(i, i + 80));
    if (name) {
      this.interpolations.push(name[1]!);
      this.i += name[0].length;
    } else {
      this.i++;
    }
  }

  private readWord(): void {
    const { text } = this;
    const { dialect } = this.options;
    const word = /^[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*/.exec(text.slice(this.i, this.i + 256))![0];
    this.i += word.length;
    if (text[this.i] === "'" && /^[EeXxBbNn]$/.test(word) || (dialect === 'mysql' && /^_[A-Za-z0-9]+$/.test(word) && text[this.i] === "'")) {
      // E'...' escapes with backslashes; X'..', B'..', N'..' and MySQL's _charset'..' are plain strings.
      this.tokens.push(STRING_TOKEN);
      this.i = skipQuoted(text, this.i, "'", dialect === 'mysql' || this.options.backslashInStrings || word === 'E' || word === 'e');
    } else {
      this.tokens.push(word.toUpperCase());
    }
  }
}

/** `$$` or `$tag$`: a tag is an identifier without `$`. `$1` (a parameter) is not one. */
const DOLLAR_TAG = /^\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/;

function lineEnd(text: string, from: number): number {
  const stop = text.indexOf('\n', from);
  return stop === -1 ? text.length : stop;
}

/** PostgreSQL block comments nest; MySQL's end at the first `*​/`. */
function skipBlockComment(text: string, start: number, nested: boolean): number {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    if (text[i] === '/' && text[i + 1] === '*') {
      depth++;
      i += 2;
      if (!nested && depth > 1) depth = 1;
    } else if (text[i] === '*' && text[i + 1] === '/') {
      i += 2;
      if (--depth === 0) return i;
    } else {
      i++;
    }
  }
  return text.length;
}

/** Skips a quoted string or identifier: a doubled quote stays inside, and with `backslash` so does `\'`. */
function skipQuoted(text: string, start: number, quote: string, backslash: boolean): number {
  let i = start + 1;
  while (i < text.length) {
    if (backslash && text[i] === '\\') {
      i += 2;
    } else if (text[i] === quote) {
      if (text[i + 1] === quote) i += 2;
      else return i + 1;
    } else {
      i++;
    }
  }
  return text.length;
}

/**
 * Reads one backslash command from `start` (at the backslash). psql: arguments run to the end
 * of the line or to the next unquoted backslash (`\\` hands the rest of the line back to SQL);
 * text in backticks is a shell command. mysql: the line is the command.
 */
function readMetaCommand(text: string, start: number, dialect: 'postgresql' | 'mysql'): { end: number; command?: SqlMetaCommand } {
  const stop = lineEnd(text, start);
  if (dialect === 'mysql') {
    const line = text.slice(start + 1, stop);
    const name = line[0] ?? '';
    return { end: stop, command: { name, args: line.slice(1).trim(), shellCommands: [] } };
  }
  if (text[start + 1] === '\\') return { end: start + 2 }; // `\\`: back to SQL
  const nameMatch = /^(!|\?|[A-Za-z_]+[+!]?|\.|;)?/.exec(text.slice(start + 1, start + 40))!;
  const name = (nameMatch[0] ?? '').replace(/\+$/, '');
  let i = start + 1 + nameMatch[0].length;
  const lowerName = name.toLowerCase();
  if (WHOLE_LINE_META.has(lowerName)) {
    return { end: stop, command: { name: lowerName, args: text.slice(i, stop).trim(), shellCommands: [] } };
  }
  const argsStart = i;
  const shellCommands: string[] = [];
  while (i < stop) {
    const c = text[i]!;
    if (c === '\\') break;
    if (c === "'") {
      i++;
      while (i < stop && text[i] !== "'") i += text[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '"') {
      const close = text.indexOf('"', i + 1);
      i = close === -1 || close > stop ? stop : close + 1;
    } else if (c === '`') {
      const close = text.indexOf('`', i + 1);
      const end = close === -1 || close > stop ? stop : close;
      shellCommands.push(text.slice(i + 1, end));
      i = end + 1;
    } else {
      i++;
    }
  }
  i = Math.min(i, stop);
  return { end: i, command: { name: lowerName, args: text.slice(argsStart, i).trim(), shellCommands } };
}

/** True when `word` appears outside parentheses, e.g. the FROM of `COPY t FROM` but not of `COPY (SELECT ... FROM t) TO`. */
function topLevelIndex(tokens: readonly string[], word: string): number {
  let depth = 0;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (token === '(') depth++;
    else if (token === ')') depth = Math.max(0, depth - 1);
    else if (token === word && depth === 0) return index;
  }
  return -1;
}

/** Statements that change data or schema whatever follows, by leading keyword. */
const LEADING_WRITES = new Map<string, string>([
  ['DROP', 'drops database objects'],
  ['TRUNCATE', 'truncates tables'],
  ['DELETE', 'deletes rows'],
  ['UPDATE', 'updates rows'],
  ['INSERT', 'writes rows'],
  ['MERGE', 'writes rows'],
  ['REPLACE', 'writes rows'],
  ['UPSERT', 'writes rows'],
  ['ALTER', 'alters database objects'],
  ['CREATE', 'creates database objects'],
  ['GRANT', 'changes database permissions'],
  ['REVOKE', 'changes database permissions'],
  ['REINDEX', 'rebuilds indexes under heavy locks'],
  ['CLUSTER', 'rewrites tables under heavy locks'],
  ['OPTIMIZE', 'rewrites tables under heavy locks'],
  ['KILL', 'kills database sessions'],
  ['LOCK', 'locks tables'],
  ['CALL', 'calls a stored procedure'],
  ['DO', 'runs a procedural block'],
  ['RENAME', 'renames tables'],
  ['FLUSH', 'flushes server caches or logs'],
  ['SHUTDOWN', 'shuts the database server down'],
  ['PURGE', 'purges binary logs'],
  ['LOAD', 'loads data'],
  ['REFRESH', 'refreshes materialized views'],
  ['SECURITY', 'changes security labels'],
  ['COMMENT', 'changes object comments'],
  ['IMPORT', 'imports foreign schemas'],
  ['EXECUTE', 'runs a prepared statement, which cannot be checked'],
  ['CHECKPOINT', 'forces a checkpoint'],
  ['REASSIGN', 'changes object ownership'],
  ['STOP', 'stops replication'],
  ['CHANGE', 'changes replication settings'],
  ['INSTALL', 'installs a server plugin'],
  ['UNINSTALL', 'uninstalls a server plugin'],
]);

/** Statements that only read or manage the session. */
const LEADING_READS = new Set([
  'SELECT', 'SHOW', 'EXPLAIN', 'DESCRIBE', 'DESC', 'WITH', 'VALUES', 'TABLE', 'BEGIN', 'COMMIT', 'ROLLBACK',
  'END', 'SAVEPOINT', 'RELEASE', 'ABORT', 'SET', 'ANALYZE', 'ANALYSE', 'LISTEN', 'UNLISTEN', 'NOTIFY', 'FETCH',
  'DECLARE', 'CLOSE', 'MOVE', 'PREPARE', 'DEALLOCATE', 'USE', 'HELP', 'DISCARD', 'VACUUM', 'CHECK', 'CHECKSUM',
  'HANDLER', 'PRAGMA', 'COPY', 'XA', 'START', 'RESET',
]);

/** Functions that act on the server wherever they are called. */
const WRITING_FUNCTIONS = new Map<string, string>([
  ['PG_TERMINATE_BACKEND', 'terminates database sessions'],
  ['PG_CANCEL_BACKEND', 'cancels running queries'],
  ['PG_DROP_REPLICATION_SLOT', 'drops a replication slot'],
  ['PG_PROMOTE', 'promotes a standby server'],
  ['PG_WAL_REPLAY_PAUSE', 'pauses WAL replay'],
  ['PG_WAL_REPLAY_RESUME', 'resumes WAL replay'],
  ['PG_REPLICATION_ORIGIN_DROP', 'drops a replication origin'],
  ['SETVAL', 'changes sequence values'],
  ['NEXTVAL', 'advances a sequence'],
  ['LO_UNLINK', 'deletes large objects'],
  ['LO_IMPORT', 'writes a large object from a server file'],
  ['LO_EXPORT', 'writes a file on the database server'],
  ['LO_FROM_BYTEA', 'writes large objects'],
  ['LO_PUT', 'writes large objects'],
  ['DBLINK_EXEC', 'runs SQL on another database'],
  ['DBLINK', 'runs SQL on another database, which cannot be checked'],
  ['PG_RELOAD_CONF', 'reloads the server configuration'],
  ['PG_ROTATE_LOGFILE', 'rotates the server log'],
  ['PG_SWITCH_WAL', 'switches the WAL file'],
  ['PG_CREATE_RESTORE_POINT', 'creates a restore point'],
  ['PG_CREATE_PHYSICAL_REPLICATION_SLOT', 'creates a replication slot'],
  ['PG_CREATE_LOGICAL_REPLICATION_SLOT', 'creates a replication slot'],
  ['PG_FILE_WRITE', 'writes a file on the database server'],
  ['PG_FILE_UNLINK', 'deletes a file on the database server'],
  ['PG_FILE_RENAME', 'renames a file on the database server'],
  ['QUERY_TO_XML', 'runs SQL built from text, which cannot be checked'],
  ['QUERY_TO_XML_AND_XMLSCHEMA', 'runs SQL built from text, which cannot be checked'],
  ['CURSOR_TO_XML', 'runs SQL built from text, which cannot be checked'],
  ['XPATH_TABLE', 'runs SQL built from text, which cannot be checked'],
]);

/** psql (and mysql client) backslash commands, judged by name. */
function assessMetaCommand(meta: SqlMetaCommand, state: { changedFolder: boolean }, assessors: RiskAssessors): RiskFinding[] {
  const findings: RiskFinding[] = meta.shellCommands.map(() => flagDestructive('runs a shell command from psql (backticks)'));
  const { name, args } = meta;
  // `\g (format=csv) |cmd`: print options in parentheses come before the target.
  const target = args.replace(/^\s*(\([^)]*\)\s*)?/, '');
  /** Output sent to `|cmd` runs a shell command; to a file, overwrites it. */
  const output = (what: string): void => {
    if (target.startsWith('|')) findings.push(flagDestructive(`runs a shell command with ${what} (\\${name} |)`));
    else if (target !== '' && (state.changedFolder || isSystemPath(firstWord(target)))) findings.push(flagDestructive(`writes ${what} to ${firstWord(target)}`));
  };
  switch (name) {
    case '!':
    case 'system':
      findings.push(flagDestructive('runs a shell command from the SQL client'), ...(args === '' ? [] : assessors.shell(args)));
      break;
    case 'gexec':
      findings.push(flagUnchecked('runs query results as SQL, which cannot be checked'));
      break;
    case 'i':
    case 'ir':
    case 'include':
    case 'include_relative':
    case '.':
    case 'source':
      findings.push(flagUnchecked('runs SQL from a file, which cannot be checked'));
      break;
    case 'e':
    case 'edit':
    case 'ef':
    case 'ev':
      findings.push(flagUnchecked('runs SQL written in an editor, which cannot be checked'));
      break;
    case 'o':
    case 'out':
      output('query output');
      break;
    case 'g':
    case 'gx':
      output('the query result');
      break;
    case 'w':
    case 'write':
      output('the query buffer');
      break;
    case 's':
      if (target !== '') output('the command history');
      break;
    case 'copy':
      findings.push(...assessClientCopy(args, state));
      break;
    case 'setenv':
      findings.push(flagDestructive('changes the environment of programs psql starts (pager, editor, shell)'));
      break;
    case 'cd':
      // Later relative paths (`\o out.txt`) land wherever this points.
      state.changedFolder = true;
      break;
    case 'lo_import':
      findings.push(flagDestructive('writes a large object'));
      break;
    case 'lo_unlink':
      findings.push(flagDestructive('deletes large objects'));
      break;
    case 'lo_export':
      findings.push(flagDestructive('writes a file from a large object'));
      break;
    case 'password':
      findings.push(flagDestructive("changes a role's password"));
      break;
    default:
      break;
  }
  return findings;
}

function firstWord(text: string): string {
  const quoted = /^'([^']*)'/.exec(text);
  return quoted ? quoted[1]! : (text.split(/\s+/)[0] ?? '');
}

/** `\copy table from 'file'` loads rows; `to/from program` runs a shell command on this machine. */
function assessClientCopy(args: string, state: { changedFolder: boolean }): RiskFinding[] {
  const tokens = splitSqlStatements(args).statements.flatMap((statement) => statement.tokens);
  if (tokens.includes('PROGRAM')) return [flagDestructive('runs a shell command (\\copy ... program)')];
  if (topLevelIndex(tokens, 'FROM') !== -1) return [flagDestructive('loads rows from a file')];
  const to = /\bto\s+('([^']*)'|(\S+))/i.exec(args);
  const file = to?.[2] ?? to?.[3];
  if (file !== undefined && !/^(stdout|pstdout)$/i.test(file) && (state.changedFolder || isSystemPath(file))) {
    return [flagDestructive(`writes query output to ${file}`)];
  }
  return [];
}

function assessStatement(statement: SqlStatement, assessors: RiskAssessors, dialect: SqlDialect): RiskFinding[] {
  let tokens = statement.tokens.filter((token) => token !== '(' && token !== ')');
  // In a procedural body `BEGIN TRUNCATE cache;` opens a block: the statement follows BEGIN.
  while (tokens[0] === 'BEGIN' && tokens[1] !== undefined && !/^(TRANSACTION|WORK|ISOLATION|READ|DEFERRABLE|NOT)$/.test(tokens[1])) {
    tokens = tokens.slice(1);
  }
  const findings: RiskFinding[] = [];
  const [first, second] = tokens;
  if (first !== undefined) {
    const leading = LEADING_WRITES.get(first);
    if (leading) findings.push(flagDestructive(leading));
    else if (first === 'VACUUM' && tokens.includes('FULL')) findings.push(flagDestructive('rewrites tables under heavy locks'));
    else if (first === 'COPY') findings.push(...assessServerCopy(statement.tokens));
    // START TRANSACTION is session control; MySQL's START REPLICA/SLAVE is not.
    else if (first === 'START' && second !== 'TRANSACTION') findings.push(flagDestructive('starts replication'));
    // PostgreSQL's RESET resets a session setting; MySQL's RESET MASTER/REPLICA discards logs.
    else if (first === 'RESET' && /^(MASTER|SLAVE|REPLICA|BINARY|PERSIST)$/.test(second ?? '')) {
      findings.push(flagDestructive('discards replication or binary logs'));
    }
    else if (first === 'SET' && (second === 'GLOBAL' || second === 'PERSIST' || second === 'PERSIST_ONLY')) {
      findings.push(flagDestructive('changes server settings'));
    } else if (first === STRING_TOKEN) {
      // A bare literal is a syntax error: the server runs nothing.
    } else if (!LEADING_READS.has(first)) {
      findings.push(flagDestructive(`runs a SQL statement that cannot be classified (${first})`));
    }
  }
  // Writes nested in a read-looking statement: `WITH gone AS (DELETE FROM ...) SELECT ...`.
  const lastFrom = tokens.lastIndexOf('FROM');
  const lastSet = tokens.lastIndexOf('SET');
  tokens.forEach((token, index) => {
    if (index === 0) return;
    if (token === 'DELETE' && lastFrom > index) findings.push(flagDestructive('deletes rows'));
    if (token === 'UPDATE' && tokens[index - 1] !== 'FOR' && tokens[index - 1] !== 'KEY' && tokens[index - 1] !== 'DO' && lastSet > index) {
      findings.push(flagDestructive('updates rows'));
    }
    if (token === 'INSERT' && tokens[index + 1] === 'INTO') findings.push(flagDestructive('writes rows'));
    if (token === 'INTO' && tokens[0] === 'SELECT') findings.push(flagDestructive('writes query results into a table or file'));
  });
  for (const token of tokens) {
    const reason = WRITING_FUNCTIONS.get(token);
    if (reason) findings.push(reason.endsWith('cannot be checked') ? flagUnchecked(reason) : flagDestructive(reason));
  }
  // A function or DO body is SQL of its own; its writes add to the reasons. A dollar-quoted
  // string in a reading statement is only text.
  if (findings.some((finding) => finding.destructive)) {
    for (const body of statement.bodies) findings.push(...assessors.sql(body, dialect));
  }
  return findings;
}

/** Server-side COPY: FROM loads rows; TO PROGRAM / FROM PROGRAM runs a shell command on the server; TO 'file' writes a server file. */
function assessServerCopy(tokens: readonly string[]): RiskFinding[] {
  const from = topLevelIndex(tokens, 'FROM');
  const to = topLevelIndex(tokens, 'TO');
  const findings: RiskFinding[] = [];
  if (topLevelIndex(tokens, 'PROGRAM') !== -1) findings.push(flagDestructive('runs a shell command on the database server (COPY ... PROGRAM)'));
  if (from !== -1) findings.push(flagDestructive('loads rows from a file'));
  if (to !== -1 && tokens[to + 1] === STRING_TOKEN) findings.push(flagDestructive('writes a file on the database server'));
  return findings;
}

export function assessSqlText(text: string, assessors: RiskAssessors, dialect: SqlDialect = 'postgresql'): RiskFinding[] {
  switch (dialect) {
    case 'postgresql':
      // psql splits strings as the server's standard_conforming_strings says (on by default);
      // whatever either setting would run counts. Without a backslash both read the same.
      if (!text.includes('\\')) return assessScript(text, { dialect: 'postgresql', backslashInStrings: false }, assessors);
      return [
        ...assessScript(text, { dialect: 'postgresql', backslashInStrings: false }, assessors),
        ...assessScript(text, { dialect: 'postgresql', backslashInStrings: true }, assessors),
      ];
    case 'mysql':
      return assessScript(text, { dialect: 'mysql', backslashInStrings: true }, assessors);
    case 'unknown':
      return [...assessSqlText(text, assessors, 'postgresql'), ...assessSqlText(text, assessors, 'mysql')];
  }
}

function assessScript(text: string, options: LexOptions, assessors: RiskAssessors): RiskFinding[] {
  const script = splitSqlStatements(text, options);
  const findings = script.statements.flatMap((statement) => assessStatement(statement, assessors, options.dialect));
  const state = { changedFolder: false };
  for (const meta of script.metaCommands) findings.push(...assessMetaCommand(meta, state, assessors));
  if (script.interpolations.length > 0) {
    findings.push(flagUnchecked(`pastes psql variables into the SQL (:${script.interpolations[0]}), which cannot be checked`));
  }
  return findings;
}
