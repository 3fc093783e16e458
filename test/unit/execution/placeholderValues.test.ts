// Placeholder values cannot change a step's shape. Every hostile value of the data file, at
// every position a runbook can put a placeholder, is either refused with a sentence or,
// filled and run by a real interactive bash (history expansion on) in which `kubectl` is a
// function recording its arguments, makes exactly one kubectl call with the value as one
// argument, and nothing else happens. SQL literals are run by sqlite3 where its syntax is
// PostgreSQL's, Python literals by python3. Each program runs once per group of cases.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planExecution, type ExecutionPlan } from '../../../src/core/execution/planExecution';
import { parseRunbook } from '../../../src/core/runbooks/parseRunbook';
import { HOSTILE_VALUES, KUBERNETES_NAME_CASES, LANGUAGE_POSITIONS, LANGUAGE_VALUES, SHELL_POSITIONS } from './placeholderValueCases';

const PLAIN = /^[A-Za-z0-9_./:@+,-]+$/;

function planFor(language: string, content: string, values: Record<string, string>): ExecutionPlan {
  const step = parseRunbook(`\`\`\`${language}\n${content}\n\`\`\`\n`).steps[0];
  assert.ok(step, 'the step parses');
  return planExecution({ step, values, protectedContext: false, confirm: 'destructive' });
}

/** Refusal sentences of a plan (none when the filler knows no refusals). */
function refusalsOf(plan: ExecutionPlan): string[] {
  return ((plan as { refusals?: readonly { reason: string }[] }).refusals ?? []).map((r) => r.reason);
}

let scratch: string;
let rcFile: string;

before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'oncall-values-'));
  rcFile = join(scratch, 'rc');
  writeFileSync(rcFile, [
    'PS1=""; PS2=""; HISTFILE=/dev/null',
    `kubectl() { printf 'CALL\\0' >> "$OUT"; local a; for a in "$@"; do printf '%s\\0' "$a" >> "$OUT"; done; }`,
    'export -f kubectl',
    `__case() { PWNED="$SCRATCH/pwned-$1"; printf 'CASE\\0%s\\0' "$1" >> "$OUT"; }`,
  ].join('\n'));
});

after(() => rmSync(scratch, { recursive: true, force: true }));

interface BashResult {
  readonly calls: string[][];
  readonly pwned: boolean;
  readonly stderr: string;
}

/**
 * Runs each command as typed into ONE interactive bash, one after the other. `__case <i>`
 * before each command marks where its calls start and gives it its own $PWNED file.
 */
function runInBash(commands: readonly string[]): BashResult[] {
  const out = join(scratch, 'calls');
  rmSync(out, { force: true });
  const pwnedFile = (i: number) => join(scratch, `pwned-${i}`);
  for (let i = 0; i < commands.length; i++) rmSync(pwnedFile(i), { force: true });
  // A previous command in the history, so a `!!` that slipped through would repeat it.
  const input = [': previous command', ...commands.flatMap((command, i) => [`__case ${i}`, command]), ''].join('\n');
  const result = spawnSync('bash', ['--noprofile', '--rcfile', rcFile, '-i'], {
    input,
    cwd: scratch,
    env: { PATH: process.env.PATH, HOME: scratch, OUT: out, SCRATCH: scratch, TERM: 'dumb', LANG: 'C.UTF-8' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const raw = existsSync(out) ? readFileSync(out, 'utf8') : '';
  const calls: string[][][] = commands.map(() => []);
  let current: string[][] | undefined;
  let call: string[] | undefined;
  const parts = raw.split('\0').slice(0, -1);
  for (let k = 0; k < parts.length; k++) {
    if (parts[k] === 'CASE') {
      current = calls[Number(parts[++k])];
      call = undefined;
    } else if (parts[k] === 'CALL') {
      call = [];
      current?.push(call);
    } else call?.push(parts[k]!);
  }
  return commands.map((_, i) => ({ calls: calls[i]!, pwned: existsSync(pwnedFile(i)), stderr: result.stderr }));
}

describe('placeholder values × positions in shell steps, run in a real bash', function () {
  this.timeout(60_000);
  for (const position of SHELL_POSITIONS) {
    describe(position.name, () => {
      const plans = HOSTILE_VALUES.map((hostile) => planFor('bash', position.step, { value: hostile.value }));
      let results: BashResult[] = [];
      before(() => {
        results = runInBash(plans.map((plan) => (refusalsOf(plan).length === 0 ? plan.command : ': refused')));
      });
      HOSTILE_VALUES.forEach((hostile, i) => {
        it(`${JSON.stringify(hostile.value)} (${hostile.note})`, () => {
          const plan = plans[i]!;
          const refusals = refusalsOf(plan);
          const positionRule = position.refused?.[hostile.value];
          const rule = hostile.refusedEverywhere ?? positionRule ?? (position.plainOnly && !PLAIN.test(hostile.value) ? /plain word/ : undefined);
          if (rule) {
            assert.equal(refusals.length, 1, `refused: ${plan.command}`);
            assert.match(refusals[0]!, rule);
            assert.match(refusals[0]!, /^The value for \S+ .+\.$/s, 'one sentence');
            return;
          }
          assert.deepEqual(refusals, [], 'accepted');
          const { calls, pwned, stderr } = results[i]!;
          assert.equal(pwned, false, `nothing but kubectl ran: ${plan.command}`);
          const expected = position.expected(hostile.value);
          if (expected === undefined) {
            assert.ok(calls.length <= 1, `at most one call: ${JSON.stringify(calls)}`);
          } else {
            assert.deepEqual(calls, [expected], `one call with the value as one argument: ${plan.command}\n${stderr.slice(-2000)}`);
          }
        });
      });
    });
  }
});

describe('values of Kubernetes object placeholders follow the name rules of their kind', function () {
  this.timeout(60_000);
  const plans = KUBERNETES_NAME_CASES.map(({ placeholder, value }) => {
    const step = parseRunbook(`\`\`\`bash\nkubectl logs ${placeholder}\n\`\`\`\n`).steps[0]!;
    return planExecution({ step, values: { [step.placeholders[0]!.name]: value }, protectedContext: false, confirm: 'destructive' });
  });
  let results: BashResult[] = [];
  before(() => {
    results = runInBash(plans.map((plan) => (refusalsOf(plan).length === 0 ? plan.command : ': refused')));
  });
  KUBERNETES_NAME_CASES.forEach(({ placeholder, value, refused }, i) => {
    it(`${placeholder} = ${JSON.stringify(value.length > 40 ? `${value.slice(0, 20)}…(${value.length})` : value)}: ${refused ? 'refused' : 'accepted'}`, () => {
      const plan = plans[i]!;
      const refusals = refusalsOf(plan);
      if (refused) {
        assert.equal(refusals.length, 1, `refused: ${plan.command}`);
        assert.match(refusals[0]!, refused);
        assert.match(refusals[0]!, /^".*" is not a valid \w+ name: a \w+ name must be .+\.$/s, 'one sentence naming the rule');
        assert.ok(plan.command.includes(placeholder), 'a refused value is not written into the command');
      } else {
        assert.deepEqual(refusals, []);
        assert.deepEqual(results[i]!.calls, [['logs', value]]);
      }
    });
  });
});

/** The body of the heredoc a SQL or Python plan sends to psql / python3. */
function heredocBody(plan: ExecutionPlan): string {
  return plan.command.split('\n').slice(1, -1).join('\n');
}

/** Runs Python bodies in one python3: each compiled and executed on its own, its output captured. */
function runPython(bodies: readonly string[]): { out: string; error: string }[] {
  const driver = [
    'import io, json, sys, contextlib',
    'results = []',
    'for body in json.load(sys.stdin):',
    '    out = io.StringIO()',
    '    try:',
    '        with contextlib.redirect_stdout(out):',
    '            exec(compile(body, "<step>", "exec"), {"__name__": "__main__"})',
    '        results.append({"out": out.getvalue(), "error": ""})',
    '    except BaseException as e:',
    '        results.append({"out": out.getvalue(), "error": repr(e)})',
    'sys.__stdout__.write(json.dumps(results))',
  ].join('\n');
  const result = spawnSync('python3', ['-I', '-c', driver], { input: JSON.stringify(bodies), cwd: scratch, encoding: 'utf8', timeout: 60_000 });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as { out: string; error: string }[];
}

/** Runs SQL bodies in one sqlite3, each after a marker and followed by a check that `users` is still there. */
function runSql(bodies: readonly string[]): string[] {
  const input = ['CREATE TABLE users(x);', ...bodies.flatMap((body, i) => [`SELECT 'CASE ${i}';`, body, 'SELECT count(*) FROM users;'])].join('\n');
  const result = spawnSync('sqlite3', ['-batch', ':memory:'], { input: `${input}\n`, encoding: 'utf8', timeout: 60_000 });
  const outputs = bodies.map(() => '');
  let current = -1;
  for (const line of result.stdout.replace(/\n$/, '').split('\n')) {
    const marker = /^CASE (\d+)$/.exec(line);
    if (marker) current = Number(marker[1]);
    else if (current >= 0) outputs[current] += `${line}\n`;
  }
  if (result.stderr) outputs[current >= 0 ? current : 0] += `stderr: ${result.stderr}`;
  return outputs;
}

describe('placeholder values in SQL and Python steps are literals of their language', function () {
  this.timeout(60_000);
  const values = [...HOSTILE_VALUES.map((h) => h.value), ...LANGUAGE_VALUES];
  for (const position of LANGUAGE_POSITIONS) {
    describe(`${position.language}: ${position.name}`, () => {
      const plans = values.map((value) => planFor(position.language, position.step, { value }));
      const runnable = plans.map((plan, i) => (refusalsOf(plan).length === 0 && position.output ? i : -1)).filter((i) => i >= 0);
      const outputs = new Map<number, string>();
      before(() => {
        if (runnable.length === 0) return;
        const bodies = runnable.map((i) => heredocBody(plans[i]!));
        if (position.language === 'python') {
          runPython(bodies).forEach((r, k) => outputs.set(runnable[k]!, r.error ? `error: ${r.error}` : r.out));
        } else {
          runSql(bodies).forEach((out, k) => outputs.set(runnable[k]!, out));
        }
      });
      values.forEach((value, i) => {
        it(JSON.stringify(value), () => {
          const plan = plans[i]!;
          const refusals = refusalsOf(plan);
          const body = heredocBody(plan);
          if (/[\u0000-\u001f\u007f-\u009f\u200b\u202e]/.test(value)) {
            assert.equal(refusals.length, 1, `a value with a control or invisible character is refused: ${body}`);
            return;
          }
          if (refusals.length > 0) {
            assert.match(refusals[0]!, /^The value for <value> .+\.$/, 'one sentence');
            assert.ok(body.includes('<value>'), 'a refused value is not written');
            return;
          }
          assert.ok(!body.includes('<value>'), `filled: ${body}`);
          assert.equal(body.split('\n').length, position.step.split('\n').length, 'no line added');
          if (!position.output) return;
          const expected = position.output(value);
          if (position.language === 'python') {
            assert.equal(outputs.get(i), expected, body);
            assert.equal(existsSync(join(scratch, 'PWNED')), false);
          } else {
            assert.equal(outputs.get(i), `${expected}\n0\n`, `one statement printing the value, and users still there: ${body}`);
          }
        });
      });
    });
  }

  it('escapes for E strings and refuses "$" inside dollar quotes (PostgreSQL-only forms)', () => {
    assert.equal(heredocBody(planFor('sql', "SELECT E'<value>';", { value: "a\\'; DROP TABLE t; --" })), "SELECT E'a\\\\\\'; DROP TABLE t; --';");
    assert.match(refusalsOf(planFor('sql', 'SELECT $q$<value>$q$;', { value: 'x$q$; DROP TABLE t; $q$' }))[0]!, /dollar-quoted/);
    assert.equal(heredocBody(planFor('sql', 'SELECT <value>;', { value: "x'; DROP TABLE t; --" })), "SELECT 'x''; DROP TABLE t; --';");
  });
});
