// Risk check for SQL (PostgreSQL and MySQL flavours, as found in runbooks). Statements are
// split on `;` outside strings, quoted identifiers, dollar-quoted bodies and comments, so a
// `'DROP'` inside a string or a `-- DELETE` comment is never taken for a statement. A
// statement is judged by its leading keyword plus a few constructs that write wherever they
// appear (DELETE ... FROM, UPDATE ... SET, INSERT INTO in a WITH clause, pg_terminate_backend).

import { flagDestructive, type RiskAssessors, type RiskFinding } from './riskFinding';

export interface SqlStatement {
  /** Upper-cased keywords and identifiers outside strings and comments, plus `(` and `)`. */
  readonly tokens: readonly string[];
  /** Bodies of dollar-quoted strings (`DO $$ ... $$`, function bodies): SQL of their own. */
  readonly bodies: readonly string[];
}

export interface SqlScript {
  readonly statements: readonly SqlStatement[];
  /** psql backslash commands (`\dt`, `\i file`, `\! cmd`), one per line, without the backslash. */
  readonly metaCommands: readonly string[];
}

/** Splits SQL text into statements, ignoring strings and comments. */
export function splitSqlStatements(text: string): SqlScript {
  const statements: SqlStatement[] = [];
  const metaCommands: string[] = [];
  let tokens: string[] = [];
  let bodies: string[] = [];
  const end = (): void => {
    if (tokens.length > 0 || bodies.length > 0) statements.push({ tokens, bodies });
    tokens = [];
    bodies = [];
  };
  let lineStart = true;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === '\n') {
      lineStart = true;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    const atLineStart = lineStart;
    lineStart = false;
    if (c === '\\' && atLineStart) {
      // psql meta-commands end at the end of the line, not at `;`.
      const stop = text.indexOf('\n', i);
      metaCommands.push(text.slice(i + 1, stop === -1 ? text.length : stop).trim());
      i = stop === -1 ? text.length : stop;
    } else if ((c === '-' && next === '-') || (c === '#' && atLineStart)) {
      const stop = text.indexOf('\n', i);
      i = stop === -1 ? text.length : stop;
    } else if (c === '/' && next === '*') {
      const stop = text.indexOf('*/', i + 2);
      i = stop === -1 ? text.length : stop + 2;
    } else if (c === "'" || c === '"' || c === '`') {
      i = skipQuoted(text, i, c);
    } else if (c === '$' && /^\$[A-Za-z_]*\$/.test(text.slice(i, i + 64))) {
      const tag = /^\$[A-Za-z_]*\$/.exec(text.slice(i, i + 64))![0];
      const stop = text.indexOf(tag, i + tag.length);
      bodies.push(text.slice(i + tag.length, stop === -1 ? text.length : stop));
      i = stop === -1 ? text.length : stop + tag.length;
    } else if (c === ';') {
      end();
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push(c);
      i++;
    } else if (/[A-Za-z_]/.test(c)) {
      const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(text.slice(i))![0];
      tokens.push(word.toUpperCase());
      i += word.length;
    } else {
      i++;
    }
  }
  end();
  return { statements, metaCommands };
}

/** True when `word` appears outside parentheses, e.g. the FROM of `COPY t FROM` but not of `COPY (SELECT ... FROM t) TO`. */
function hasTopLevel(tokens: readonly string[], word: string): boolean {
  let depth = 0;
  for (const token of tokens) {
    if (token === '(') depth++;
    else if (token === ')') depth = Math.max(0, depth - 1);
    else if (token === word && depth === 0) return true;
  }
  return false;
}

/** Skips a quoted string or identifier; a doubled quote (`''`) and `\'` stay inside. */
function skipQuoted(text: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === '\\' && quote === "'") {
      i += 2;
    } else if (text[i] === quote) {
      if (text[i + 1] === quote) i += 2;
      else return i + 1;
    } else {
      i++;
    }
  }
  return i;
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
  ['LO_UNLINK', 'deletes large objects'],
  ['DBLINK_EXEC', 'runs SQL on another database'],
  ['PG_RELOAD_CONF', 'reloads the server configuration'],
]);

export function assessSqlText(text: string, assessors: RiskAssessors): RiskFinding[] {
  const script = splitSqlStatements(text);
  const findings = script.statements.flatMap((statement) => assessStatement(statement, assessors));
  for (const meta of script.metaCommands) {
    if (/^(i|ir|include|include_relative)\b/.test(meta)) findings.push(flagDestructive('runs SQL from a file, which cannot be checked'));
    else if (meta.startsWith('!')) findings.push(...assessors.shell(meta.slice(1)));
    else if (/^(copy)\b/.test(meta) && /\bfrom\b/i.test(meta)) findings.push(flagDestructive('loads rows from a file'));
  }
  return findings;
}

function assessStatement(statement: SqlStatement, assessors: RiskAssessors): RiskFinding[] {
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
    else if (first === 'COPY' && hasTopLevel(statement.tokens, 'FROM')) findings.push(flagDestructive('loads rows from a file'));
    // START TRANSACTION is session control; MySQL's START REPLICA/SLAVE is not.
    else if (first === 'START' && second !== 'TRANSACTION') findings.push(flagDestructive('starts replication'));
    // PostgreSQL's RESET resets a session setting; MySQL's RESET MASTER/REPLICA discards logs.
    else if (first === 'RESET' && /^(MASTER|SLAVE|REPLICA|BINARY|PERSIST)$/.test(second ?? '')) {
      findings.push(flagDestructive('discards replication or binary logs'));
    }
    else if (first === 'SET' && (second === 'GLOBAL' || second === 'PERSIST' || second === 'PERSIST_ONLY')) {
      findings.push(flagDestructive('changes server settings'));
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
    if (reason) findings.push(flagDestructive(reason));
  }
  for (const body of statement.bodies) findings.push(...assessSqlText(body, assessors));
  return findings;
}
