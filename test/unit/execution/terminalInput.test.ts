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

  it('cannot be ended early by a paste-end sequence inside the runbook', () => {
    const { text } = encodeTerminalInput('echo one\n\x1b[201~rm -rf /tmp/x\necho two');
    assert.equal(text.split('\x1b[201~').length, 2, 'exactly one paste end, at the end');
    assert.ok(text.endsWith('\x1b[201~'));
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
