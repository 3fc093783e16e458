import * as assert from 'node:assert/strict';
import { assessRisk, type StepLanguage } from '../../../src/core/execution/riskAssessment';
import { HAND_WRITTEN_CASES, mismatch, PYTHON_CASES, SHELL_UNCHECKED_CASES, SQL_CASES, type RiskCase } from './riskCases';

function reasonsOf(command: string, kind: StepLanguage = 'shell'): readonly string[] {
  const result = assessRisk(command, kind);
  assert.ok(result.destructive, `expected ${JSON.stringify(command)} to be destructive`);
  return result.reasons;
}

function assertSafe(command: string, kind: StepLanguage = 'shell'): void {
  const result = assessRisk(command, kind);
  assert.equal(result.destructive, false, `expected ${JSON.stringify(command)} to be safe, got ${result.reasons.join('; ')}`);
}

describe('assessRisk on the labelled cases (riskCases/*.json)', () => {
  const labelled: readonly { file: string; language: StepLanguage; cases: readonly RiskCase[] }[] = [
    { file: 'hand-written.json', language: 'shell', cases: HAND_WRITTEN_CASES.filter((entry) => !entry.knownFalseAlarm) },
    { file: 'shell-unchecked.json', language: 'shell', cases: SHELL_UNCHECKED_CASES },
    { file: 'python.json', language: 'python', cases: PYTHON_CASES },
    // The placeholder stands for a scratch folder the real-PostgreSQL test creates.
    { file: 'sql.json', language: 'sql', cases: SQL_CASES.map((entry) => ({ ...entry, command: entry.command.replaceAll('{tmp}', '/tmp/scratch') })) },
  ];
  for (const { file, language, cases } of labelled) {
    it(`judges every case of ${file} as labelled (${cases.length} cases)`, () => {
      const wrong = cases.map((entry) => mismatch(entry, language)).filter((text) => text !== undefined);
      assert.deepEqual(wrong, []);
    });
  }

  it('raises exactly the known false alarms of hand-written.json, and only those', () => {
    const known = HAND_WRITTEN_CASES.filter((entry) => entry.knownFalseAlarm);
    assert.ok(known.length > 0 && known.length <= 5);
    for (const entry of known) {
      assert.equal(entry.verdict, 'read-only');
      assert.equal(assessRisk(entry.command, 'shell').destructive, true, `${entry.command} no longer raises a false alarm: drop knownFalseAlarm`);
    }
  });
});

describe('assessRisk reasons', () => {
  it('says what a step does in short phrases for the confirmation dialog', () => {
    assert.deepEqual(reasonsOf('kubectl delete pod api-0'), ['deletes Kubernetes resources']);
    assert.deepEqual(reasonsOf('kubectl scale deploy/api --replicas=0'), ['scales to 0 replicas']);
    assert.deepEqual(reasonsOf('kubectl scale deploy/api --replicas=3'), ['changes the number of replicas']);
    assert.deepEqual(reasonsOf('pkill -9 worker'), ['kills processes']);
    assert.deepEqual(reasonsOf('curl -X DELETE http://x/y'), ['sends a write request (DELETE)']);
    assert.deepEqual(reasonsOf('kubectl rollout undo deploy/api'), ['rolls back a rollout']);
    assert.deepEqual(reasonsOf('redis-cli flushall'), ['deletes all Redis keys']);
    assert.deepEqual(reasonsOf('echo 1 > /etc/motd'), ['overwrites /etc/motd']);
    assert.deepEqual(reasonsOf('helm rollback api 3'), ['rolls back a Helm release']);
  });

  it('lists each reason once, in the order found, for a block of several commands', () => {
    const block = 'kubectl get pods\nkubectl delete pod a\nkubectl delete pod b\nkubectl scale deploy/api --replicas=0';
    assert.deepEqual(reasonsOf(block), ['deletes Kubernetes resources', 'scales to 0 replicas']);
  });

  it('adds what runs inside a pod to the reasons of exec', () => {
    assert.deepEqual(reasonsOf('kubectl exec -i db-0 -- psql -c "DROP TABLE carts"'), [
      'runs a command inside a pod',
      'drops database objects',
    ]);
  });

  it('notes a dry run without asking for confirmation', () => {
    assert.deepEqual(assessRisk('kubectl apply -f fix.yaml --dry-run=client', 'shell'), {
      destructive: false,
      reasons: ['dry run only (kubectl apply)'],
      unchecked: false,
    });
    // A real write next to a dry run still asks, and only the real reason is shown.
    assert.deepEqual(reasonsOf('kubectl create cm x --dry-run=client -o yaml | kubectl apply -f -'), [
      'applies changes to Kubernetes resources',
    ]);
  });

  it('asks rather than passes when a step nests commands too deeply to check', function () {
    // Bounded, not fast: an input past the nesting limit takes up to a second, several times that
    // on a busy machine. The timeout only stops a runaway.
    this.timeout(30_000);
    assert.ok(reasonsOf('echo ' + '$('.repeat(100) + 'date' + ')'.repeat(100)).includes('nests commands too deeply to check'));
    // Dollar-quoted bodies inside bodies, read under both string settings (a backslash is present).
    const nested = (depth: number) => {
      const tags = Array.from({ length: depth }, (_, i) => `$t${i}$`);
      return tags.map((tag) => `DO ${tag} `).join('') + "SELECT '\\';" + [...tags].reverse().map((tag) => ` ${tag};`).join('');
    };
    // Bounded work: each level is read under both string settings, so the work doubles per level
    // up to the nesting limit and stops there. A missing limit never ends (the timeout above).
    assert.ok(reasonsOf(nested(40), 'sql').includes('nests commands too deeply to check'));
    assert.deepEqual(reasonsOf('sudo '.repeat(5000) + 'ls'), ['nests commands too deeply to check']);
    assert.deepEqual(reasonsOf('eval '.repeat(100) + 'ls'), ['nests commands too deeply to check']);
  });

  it('gives no reasons for an empty or read-only step', () => {
    assert.deepEqual(assessRisk('', 'shell'), { destructive: false, reasons: [], unchecked: false });
    assert.deepEqual(assessRisk('kubectl get pods', 'shell'), { destructive: false, reasons: [], unchecked: false });
  });
});

describe('assessRisk for SQL steps', () => {
  it('flags statements that change data or schema', () => {
    assert.deepEqual(reasonsOf('DROP TABLE carts;', 'sql'), ['drops database objects']);
    assert.deepEqual(reasonsOf('TRUNCATE sessions;', 'sql'), ['truncates tables']);
    assert.deepEqual(reasonsOf('DELETE FROM sessions WHERE expires_at < now();', 'sql'), ['deletes rows']);
    assert.deepEqual(reasonsOf("UPDATE jobs SET state = 'queued' WHERE id = 7;", 'sql'), ['updates rows']);
    assert.deepEqual(reasonsOf('ALTER TABLE orders ADD COLUMN note text;', 'sql'), ['alters database objects']);
    assert.deepEqual(reasonsOf('SELECT pg_terminate_backend(12345);', 'sql'), ['terminates database sessions']);
    assert.deepEqual(reasonsOf('SELECT pg_cancel_backend(pid) FROM pg_stat_activity;', 'sql'), ['cancels running queries']);
    assert.deepEqual(reasonsOf('insert into audit values (1);', 'sql'), ['writes rows']);
    assert.deepEqual(reasonsOf('VACUUM FULL orders;', 'sql'), ['rewrites tables under heavy locks']);
    assert.deepEqual(reasonsOf('KILL 4242;', 'sql'), ['kills database sessions']);
  });

  it('finds writes hidden in a read-looking statement', () => {
    assert.deepEqual(reasonsOf('WITH gone AS (DELETE FROM carts WHERE stale RETURNING id) SELECT count(*) FROM gone;', 'sql'), ['deletes rows']);
    assert.deepEqual(reasonsOf('DO $$ BEGIN TRUNCATE cache; END $$;', 'sql'), ['runs a procedural block', 'truncates tables']);
  });

  it('splits statements on ; but not inside strings, identifiers or comments', () => {
    assertSafe("SELECT 'a; DROP TABLE users' AS note; SELECT \"weird;name\" FROM t;", 'sql');
    assertSafe('-- DELETE FROM users;\n/* DROP TABLE x; */\nSELECT 1;', 'sql');
    assert.deepEqual(reasonsOf("SELECT 'x;y';\nDELETE FROM t;", 'sql'), ['deletes rows']);
  });

  it('leaves reads and session control alone', () => {
    assertSafe('SELECT * FROM pg_stat_activity WHERE state <> \'idle\';', 'sql');
    assertSafe('SELECT id FROM jobs FOR UPDATE SKIP LOCKED;', 'sql');
    assertSafe('BEGIN; SELECT 1; COMMIT;', 'sql');
    assertSafe('SHOW max_connections; EXPLAIN SELECT * FROM orders;', 'sql');
    assertSafe('SET statement_timeout = 5000; SELECT now();', 'sql');
    assertSafe('\\x\n\\dt public.*\nSELECT 1;', 'sql');
  });

  it('checks what psql meta-commands run', () => {
    assert.deepEqual(reasonsOf('\\! rm -rf /tmp/dump', 'sql'), ['runs a shell command from the SQL client', 'deletes files recursively']);
    assert.deepEqual(reasonsOf('\\i cleanup.sql', 'sql'), ['runs SQL from a file, which cannot be checked']);
  });
});

describe('assessRisk for Python steps', () => {
  it('flags code that runs commands, deletes files or kills processes', () => {
    assert.deepEqual(reasonsOf('import os\nos.system("kubectl delete pod api-0")', 'python'), ['deletes Kubernetes resources']);
    assert.deepEqual(reasonsOf('import subprocess\nsubprocess.run(cmd, shell=True)', 'python'), [
      'runs shell commands that cannot be checked',
    ]);
    assert.deepEqual(reasonsOf('import shutil\nshutil.rmtree("/var/lib/app/cache")', 'python'), ['deletes files']);
    assert.deepEqual(reasonsOf('import os\nos.remove(path)', 'python'), ['deletes files']);
    assert.deepEqual(reasonsOf('import os, signal\nos.kill(pid, signal.SIGKILL)', 'python'), ['kills processes']);
  });

  it('flags API calls that write', () => {
    assert.deepEqual(reasonsOf('v1.delete_namespaced_pod("api-0", "shop")', 'python'), ['calls a delete API']);
    assert.deepEqual(reasonsOf('apps.patch_namespaced_deployment_scale(name, ns, body)', 'python'), ['changes Kubernetes resources']);
    assert.deepEqual(reasonsOf('requests.post(url, json=payload)', 'python'), ['sends a write request']);
    assert.deepEqual(reasonsOf('r = redis.Redis()\nr.flushall()', 'python'), ['deletes all Redis keys']);
    assert.deepEqual(reasonsOf('urllib.request.Request(url, method="DELETE")', 'python'), ['sends a write request']);
  });

  it('judges literal commands and SQL with the shell and SQL rules', () => {
    assertSafe('import subprocess\nprint(subprocess.check_output(["kubectl", "get", "pods", "-A"]))', 'python');
    assert.deepEqual(reasonsOf('subprocess.run(["kubectl", "scale", "deploy/api", "--replicas=0"])', 'python'), ['scales to 0 replicas']);
    assertSafe('cur.execute("SELECT count(*) FROM orders WHERE created_at > %s", (since,))', 'python');
    assert.deepEqual(reasonsOf('cur.execute("DELETE FROM carts WHERE stale")', 'python'), ['deletes rows']);
    assert.deepEqual(reasonsOf('cur.execute(query)', 'python'), ['runs SQL that cannot be checked']);
  });

  it('ignores comments and strings that merely mention dangerous calls', () => {
    assertSafe('# os.system("rm -rf /")\nprint("shutil.rmtree is dangerous")\nrequests.get(url)', 'python');
    assertSafe('"""\nos.remove(path)\n"""\nprint(len(pods))', 'python');
  });
});
