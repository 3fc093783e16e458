import assert from 'node:assert/strict';
import { encodeTerminalInput, trimStepText } from '../../../src/core/execution/terminalInput';
import { buildStepCommand } from '../../../src/core/execution/stepCommand';

describe('encodeTerminalInput', () => {
  it('sends a single line as it is, so shell integration can run it', () => {
    assert.deepEqual(encodeTerminalInput('kubectl get pods -n shop\n\n'), { text: 'kubectl get pods -n shop', multiLine: false });
  });

  it('wraps a multi-line block in bracketed paste, byte for byte inside', () => {
    const block = "cat <<'EOF' > x\n  two  spaces\nEOF\necho \"a\nb\" \\\n  --flag";
    const { text, multiLine } = encodeTerminalInput(block);
    assert.equal(multiLine, true);
    assert.equal(text, `\x1b[200~${block}\x1b[201~`);
  });

  it('normalises CRLF and drops trailing blank lines', () => {
    assert.equal(trimStepText('a\r\nb\r\n\r\n  '), 'a\nb');
  });

  it('cannot be ended early by a paste-end sequence inside the runbook: such text is never typed', () => {
    assert.throws(() => encodeTerminalInput('echo one\n\x1b[201~rm -rf /tmp/x\necho two'), /U\+001B \(Escape\)/);
  });

  it('refuses every control character the plan refuses, as a last gate', () => {
    assert.throws(() => encodeTerminalInput('kubectl get pods\u0015kubectl delete ns prod'), /U\+0015 \(Ctrl-U\)/);
    assert.throws(() => encodeTerminalInput('ls\rrm -rf ~'), /U\+000D/);
  });

  it('pastes a single line holding a tab, so readline does not complete it', () => {
    assert.deepEqual(encodeTerminalInput('grep -P "a\tb" /var/log/x'), { text: '\x1b[200~grep -P "a\tb" /var/log/x\x1b[201~', multiLine: true });
  });
});

describe('buildStepCommand', () => {
  it('runs shell blocks as written', () => {
    assert.equal(buildStepCommand({ kind: 'shell', commands: 'kubectl get pods' }), 'kubectl get pods');
  });

  it('sends SQL to psql through a quoted heredoc, so $ and backticks are not expanded', () => {
    assert.equal(
      buildStepCommand({ kind: 'sql', commands: 'SELECT $1, `x` FROM t;\n' }),
      "psql <<'ONCALL_SQL'\nSELECT $1, `x` FROM t;\nONCALL_SQL",
    );
  });

  it('sends Python to python3 and picks a delimiter no line of the block equals', () => {
    const command = buildStepCommand({ kind: 'python', commands: 'print(1)\nONCALL_PYTHON\nprint(2)' });
    assert.equal(command, "python3 -I - <<'ONCALL_PYTHON_2'\nprint(1)\nONCALL_PYTHON\nprint(2)\nONCALL_PYTHON_2");
  });
});
