import assert from 'node:assert/strict';
import type { Runbook } from '../../../src/core/runbooks/model';
import { parseRunbook } from '../../../src/core/runbooks/parseRunbook';
import { findCredentials, isPlaceholderSecret } from '../../../src/core/runbooks/runbookDiagnostics';

const F = '```';
const doc = (...lines: string[]): string => lines.join('\n');

/** The text each credential diagnostic underlines, read back from the source. */
function underlined(runbook: Runbook, text: string): string[] {
  const lines = text.split(/\r\n?|\n/);
  return runbook.diagnostics
    .filter((d) => d.code === 'credential')
    .map((d) => {
      assert.equal(d.severity, 'warning');
      assert.equal(d.line, d.endLine);
      return lines[d.line].slice(d.column, d.endColumn);
    });
}

function credentialsIn(block: string, language = 'bash'): string[] {
  const text = doc('# R', `${F}${language}`, block, F);
  return underlined(parseRunbook(text), text);
}

describe('credential diagnostics', () => {
  it('flags a password in a URL', () => {
    assert.deepEqual(credentialsIn('psql postgres://admin:S3cr3tPass@db:5432/app'), ['S3cr3tPass']);
    assert.deepEqual(credentialsIn('redis-cli -u redis://:hunter22@cache:6379'), []);
  });

  it('flags --password and --token values, with = or a space', () => {
    assert.deepEqual(credentialsIn('mysql --password=hunter22 -e "select 1"'), ['hunter22']);
    assert.deepEqual(credentialsIn('vault login --token s.abcdefghijklmnop'), ['s.abcdefghijklmnop']);
    assert.deepEqual(credentialsIn('oc login --token=sha256~AbCdEf0123456789 https://api:6443'), ['sha256~AbCdEf0123456789']);
  });

  it('flags mysql -pPASSWORD but not a bare -p', () => {
    assert.deepEqual(credentialsIn('mysql -u root -phunter22 app'), ['hunter22']);
    assert.deepEqual(credentialsIn('mysql -u root -p app'), []);
  });

  it('flags PGPASSWORD and similar variables', () => {
    assert.deepEqual(credentialsIn('PGPASSWORD=Tr0ub4dor psql -h db'), ['Tr0ub4dor']);
    assert.deepEqual(credentialsIn('export DB_PASSWORD="correct horse"'), ['"correct horse"']);
  });

  it('flags long literal bearer tokens', () => {
    assert.deepEqual(credentialsIn('curl -H "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig" https://api'), ['eyJhbGciOiJIUzI1NiJ9.payload.sig']);
    assert.deepEqual(credentialsIn('curl -H "Authorization: Bearer $(oc whoami -t)" https://api'), []);
    assert.deepEqual(credentialsIn('curl -H "Authorization: Bearer $TOKEN" https://api'), []);
  });

  it('flags AWS keys, GitHub and Slack tokens anywhere, prose included', () => {
    const text = doc(
      'Use key AKIAABCDEFGHIJKLMNOP for the bucket.',
      `Token ghp_${'a'.repeat(36)} and xoxb-1234567890-abcdefghij`,
      'The docs example AKIAIOSFODNN7EXAMPLE is fine.',
    );
    const runbook = parseRunbook(text);
    assert.deepEqual(underlined(runbook, text), ['AKIAABCDEFGHIJKLMNOP', `ghp_${'a'.repeat(36)}`, 'xoxb-1234567890-abcdefghij']);
    assert.deepEqual(
      runbook.diagnostics.map((d) => [d.line, d.column, d.endColumn]),
      [
        [0, 8, 28],
        [1, 6, 46],
        [1, 51, 77],
      ],
    );
  });

  it('flags password keys in YAML and JSON blocks and in front matter', () => {
    assert.deepEqual(credentialsIn('stringData:\n  password: hunter22\n  username: admin', 'yaml'), ['hunter22']);
    assert.deepEqual(credentialsIn('{"clientSecret": "abc123xyz",\n "name": "x"}', 'json'), ['"abc123xyz"']);
    const text = doc('---', 'title: t', 'api_key: live_abcdef123', '---');
    assert.deepEqual(underlined(parseRunbook(text), text), ['live_abcdef123']);
  });

  it('puts the range on the file line and column, also inside lists', () => {
    const text = doc('# R', '1. Connect:', '   ```bash', '   psql postgres://app:pa55word@db/app', '   ```');
    const [diagnostic] = parseRunbook(text).diagnostics;
    assert.deepEqual([diagnostic.line, diagnostic.column, diagnostic.endColumn], [3, 23, 31]);
  });

  it('does not flag variables, placeholders, masks or sample words', () => {
    const negatives = [
      'mysql --password=$MYSQL_PASSWORD',
      'mysql --password="${DB_PASS}"',
      'mysql -p"$(cat /run/secrets/db)"',
      'mysql --password=<password>',
      'psql postgres://user:<password>@db/app',
      'psql postgres://user:${PGPASS}@db/app',
      'psql postgres://user:****@db/app',
      'PGPASSWORD=changeme psql',
      'PGPASSWORD=your-password psql',
      'PGPASSWORD=wrong-password psql',
      'docker login --password-stdin',
      'export PASSWORD=$(vault kv get -field=pw secret/db)',
      'curl -u admin:xxxx https://x',
      'echo --password',
    ];
    for (const block of negatives) assert.deepEqual(credentialsIn(block), [], block);
    assert.deepEqual(credentialsIn('password: "{{ .Values.password }}"\ntoken: ""\nautomountServiceAccountToken: false', 'yaml'), []);
  });

  it('does not flag credential-looking words in prose', () => {
    const text = doc('Use the --password flag to set it.', 'password: ask the database owner', 'PGPASSWORD=secretvalue is read by psql.');
    assert.deepEqual(parseRunbook(text).diagnostics, []);
  });
});

describe('isPlaceholderSecret', () => {
  it('tells stand-ins from literals', () => {
    for (const value of ['$X', '${X}', '<pw>', '****', 'xxxxxx', 'changeme', 'REDACTED', 'your_password', 'password', "'...'", '""', 'true']) {
      assert.equal(isPlaceholderSecret(value), true, value);
    }
    for (const value of ['hunter22', 'S3cr3t!', '"correct horse"']) assert.equal(isPlaceholderSecret(value), false, value);
  });

  it('reports spans of the secret itself', () => {
    assert.deepEqual(findCredentials('x PGPASSWORD=abc123 y', 'code'), [{ start: 13, end: 19 }]);
    assert.deepEqual(findCredentials('see AKIAABCDEFGHIJKLMNOP.', 'anywhere'), [{ start: 4, end: 24 }]);
    assert.deepEqual(findCredentials('xAKIAABCDEFGHIJKLMNOP', 'anywhere'), []);
  });
});

describe('other diagnostics', () => {
  it('suggests a language for bare fences that look like shell', () => {
    const runbook = parseRunbook(doc('# R', '  ```', '  kubectl get pods', '  ```', '```', 'Hello team, [Service Name] is down.', '```'));
    assert.deepEqual(
      runbook.diagnostics.map((d) => [d.code, d.severity, d.line, d.column, d.endColumn]),
      [['unlabelled-shell', 'information', 1, 2, 5]],
    );
    assert.match(runbook.diagnostics[0].message, /```bash/);
  });

  it('reports each unterminated fence once, at its opening line', () => {
    const runbook = parseRunbook(doc('- item', '  ```bash', '  echo in list', '- next item', '', '```sh', 'tail'));
    assert.deepEqual(
      runbook.diagnostics.map((d) => [d.code, d.line]),
      [
        ['unterminated-fence', 1],
        ['unterminated-fence', 5],
      ],
    );
    assert.deepEqual(
      runbook.steps.map((s) => [s.terminated, s.range.startLine, s.range.endLine]),
      [
        [false, 1, 2],
        [false, 5, 6],
      ],
    );
  });

  it('sorts diagnostics by position', () => {
    const runbook = parseRunbook(doc('---', 'title: [', '---', '```', 'kubectl get pods', '```', 'AKIAABCDEFGHIJKLMNOP', '```sh'));
    assert.deepEqual(
      runbook.diagnostics.map((d) => d.code),
      ['front-matter', 'unlabelled-shell', 'credential', 'unterminated-fence'],
    );
  });
});
