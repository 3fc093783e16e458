// Every SQL case of riskCases/sql.json, judged by the guard and then run for real: through the
// same `psql <<'ONCALL_SQL'` heredoc a SQL step sends to the terminal, in bash, against a
// PostgreSQL started here on loopback. A checksum of the catalog and the data before and
// after each run shows what the statement really changed; whatever changed anything must
// have been judged as needing confirmation, and whatever is labelled read-only must change
// nothing. With CI=true a missing PostgreSQL fails the run; elsewhere the suite is skipped.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assessRisk } from '../../../src/core/execution/riskAssessment';
import { buildStepCommand } from '../../../src/core/execution/stepCommand';
import { findPostgresBin, startPostgres, type PostgresServer } from '../../fixtures/postgres/postgresServer';
import { SQL_CASES, verdictOf } from './riskCases';

const SEED = `
CREATE TABLE users (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE orders (id int PRIMARY KEY, user_id int, total numeric(10,2));
CREATE TABLE audit (id serial PRIMARY KEY, note text);
CREATE SEQUENCE order_ids START 500;
INSERT INTO users VALUES (1, 'ada'), (2, 'grace'), (3, 'O''Brien');
INSERT INTO orders VALUES (10, 1, 12.50), (11, 2, 99.00), (12, 3, 5.25);
INSERT INTO audit (note) VALUES ('seeded'), ('checked');
`;

/**
 * One text that changes when any table, column, function, role, database, large object, row
 * or sequence value does. It lives in its own schema, which no statement of the table touches,
 * so one psql call measures everything.
 */
const FINGERPRINT = `
CREATE SCHEMA checks;
CREATE FUNCTION checks.fingerprint() RETURNS text LANGUAGE plpgsql AS $fn$
DECLARE
  relation record;
  part text;
  result text;
BEGIN
  SELECT md5(coalesce(string_agg(x, '|' ORDER BY x), '')) INTO result FROM (
    SELECT 'rel:' || n.nspname || '.' || c.relname || ':' || c.relkind::text || ':' || coalesce(c.relacl::text, '') || ':' || coalesce(obj_description(c.oid), '')
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'checks') AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'
    UNION ALL
    SELECT 'col:' || c.relname || '.' || a.attname || ':' || format_type(a.atttypid, a.atttypmod)
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND a.attnum > 0 AND NOT a.attisdropped
    UNION ALL
    SELECT 'fn:' || p.oid::regprocedure::text || ':' || md5(p.prosrc) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
    UNION ALL SELECT 'role:' || rolname FROM pg_roles
    UNION ALL SELECT 'db:' || datname FROM pg_database WHERE datname NOT IN ('work', 'seed')
    UNION ALL SELECT 'lo:' || count(*) FROM pg_largeobject_metadata
  ) AS items(x);
  FOR relation IN
    SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'S') ORDER BY c.relname
  LOOP
    IF relation.relkind = 'S' THEN
      EXECUTE format($q$SELECT last_value || ':' || is_called FROM public.%I$q$, relation.relname) INTO part;
    ELSE
      EXECUTE format($q$SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM public.%I t$q$, relation.relname) INTO part;
    END IF;
    result := result || ' ' || relation.relname || '=' || part;
  END LOOP;
  RETURN result;
END
$fn$;`;

function checksum(server: PostgresServer): string {
  return server.query('SELECT checks.fingerprint()', 'work');
}

describe('SQL steps against a real PostgreSQL', function () {
  this.timeout(120_000);
  let server: PostgresServer | undefined;
  const scratch = (): string => join(server!.folder, 'scratch');

  before(async function () {
    const bin = findPostgresBin();
    if (bin === undefined || spawnSync('psql', ['--version']).status !== 0) {
      const message = 'PostgreSQL is not installed: install Debian\'s postgresql package (scripts/install-test-host.sh does) to run the real-PostgreSQL SQL test.';
      if (process.env.CI === 'true') assert.fail(message);
      console.log(`  skipped: ${message}`);
      this.skip();
    }
    try {
      server = await startPostgres(bin, 'work');
    } catch (error) {
      const message = `PostgreSQL could not be started: ${String(error)}`;
      if (process.env.CI === 'true') assert.fail(message);
      console.log(`  skipped: ${message.split('\n')[0]}`);
      this.skip();
    }
    server.query('CREATE DATABASE seed');
    server.query(SEED, 'seed');
    server.query(FINGERPRINT, 'seed');
    spawnSync('mkdir', ['-p', scratch()]);
    spawnSync('chmod', ['0777', scratch()]);
    writeFileSync(join(scratch(), 'cleanup.sql'), 'DROP TABLE audit;\n');
    writeFileSync(join(scratch(), 'users.tsv'), '98\tmallet\n');
  });

  after(() => server?.stop());

  it(`asks before every one of the ${SQL_CASES.length} statements that changes data or schema when psql runs it`, () => {
    assert.ok(SQL_CASES.length >= 30, 'at least 30 tricky statements');
    const unasked: string[] = [];
    const wronglyLabelled: string[] = [];
    let changedCount = 0;
    for (const entry of SQL_CASES) {
      const statement = entry.command.replaceAll('{tmp}', scratch());
      server!.query('DROP DATABASE IF EXISTS work WITH (FORCE)');
      server!.query('CREATE DATABASE work TEMPLATE seed');
      const before = checksum(server!);
      const risk = assessRisk(statement, 'sql');
      const command = buildStepCommand({ kind: 'sql', commands: statement });
      const run = spawnSync('bash', ['-c', command], { encoding: 'utf8', env: server!.env('work'), cwd: scratch(), timeout: 20_000, stdio: ['ignore', 'pipe', 'pipe'] });
      assert.equal(run.error, undefined, `${statement}: ${String(run.error)}`);
      const changed = checksum(server!) !== before;
      if (changed) changedCount++;
      if (changed && !risk.destructive) unasked.push(`${JSON.stringify(statement)} changed the database but was judged read-only`);
      if (changed && entry.verdict === 'read-only') wronglyLabelled.push(`${JSON.stringify(statement)} is labelled read-only but changed the database`);
      if (verdictOf(risk) !== entry.verdict) wronglyLabelled.push(`${JSON.stringify(statement)}: labelled ${entry.verdict}, judged ${verdictOf(risk)}`);
    }
    assert.deepEqual(unasked, []);
    assert.deepEqual(wronglyLabelled, []);
    // The table exercises real changes, not only statements that fail.
    assert.ok(changedCount >= 20, `only ${changedCount} statements changed anything`);
  });
});
