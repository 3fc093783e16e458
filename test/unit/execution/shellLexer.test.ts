import * as assert from 'node:assert/strict';
import { splitShellCommands, type SimpleCommand } from '../../../src/core/execution/shellLexer';

function words(text: string): string[][] {
  return splitShellCommands(text).map((command) => [...command.words]);
}

function only(text: string): SimpleCommand {
  const commands = splitShellCommands(text);
  assert.equal(commands.length, 1, JSON.stringify(commands));
  return commands[0]!;
}

describe('splitShellCommands', () => {
  it('splits on ;, &&, ||, |, & and newlines', () => {
    assert.deepEqual(words('a 1; b 2 && c || d | e & f\ng'), [['a', '1'], ['b', '2'], ['c'], ['d'], ['e'], ['f'], ['g']]);
  });

  it('marks commands that read a pipe', () => {
    const [first, second] = splitShellCommands('kubectl get pods | grep api');
    assert.deepEqual([first?.piped, second?.piped], [false, true]);
  });

  it('removes quotes and escapes but keeps quoted text as one word', () => {
    assert.deepEqual(words(`grep "kubectl delete" 'a b' c\\ d $'x\\ty'`), [['grep', 'kubectl delete', 'a b', 'c d', 'x\ty']]);
  });

  it('drops comments, but not a # inside a word or quotes', () => {
    assert.deepEqual(words('# kubectl delete pod x\nkubectl get pods # -A\necho "#not" a#b'), [
      ['kubectl', 'get', 'pods'],
      ['echo', '#not', 'a#b'],
    ]);
  });

  it('joins backslash-newline continuations', () => {
    assert.deepEqual(words('kubectl delete \\\n  pod x \\\n  -n shop'), [['kubectl', 'delete', 'pod', 'x', '-n', 'shop']]);
  });

  it('keeps NAME=value prefixes apart from the command', () => {
    const command = only('FOO=1 BAR="a b" kubectl get pods');
    assert.deepEqual(command.assignments, ['FOO=1', 'BAR=a b']);
    assert.deepEqual(command.words, ['kubectl', 'get', 'pods']);
  });

  it('lexes $(...) and backticks as commands of their own, also inside double quotes', () => {
    const commands = splitShellCommands('echo "now: $(kubectl delete pod x)" `oc get pods`');
    const nested = commands.filter((command) => command.substituted).map((command) => command.words);
    assert.deepEqual(nested, [
      ['kubectl', 'delete', 'pod', 'x'],
      ['oc', 'get', 'pods'],
    ]);
    const outer = commands.find((command) => !command.substituted);
    assert.deepEqual(outer?.words, ['echo', 'now: $(kubectl delete pod x)', '`oc get pods`']);
  });

  it('does not run anything in single quotes or arithmetic', () => {
    assert.deepEqual(words("echo '$(rm -rf /)' $((1 + 2))"), [['echo', '$(rm -rf /)', '$((1 + 2))']]);
  });

  it('keeps a heredoc body as stdin text, never as commands', () => {
    const commands = splitShellCommands('cat <<EOF | kubectl apply -f -\nkind: Pod # kubectl delete pod x\nEOF\necho done');
    assert.deepEqual(commands.map((command) => command.words), [['cat'], ['kubectl', 'apply', '-f', '-'], ['echo', 'done']]);
    assert.deepEqual(commands[0]?.stdin, ['kind: Pod # kubectl delete pod x']);
  });

  it('finds substitutions in an unquoted heredoc body but not in a quoted one', () => {
    const expanded = splitShellCommands('cat <<EOF\n$(kubectl delete ns tmp)\nEOF');
    assert.deepEqual(expanded.filter((command) => command.substituted).map((command) => command.words), [['kubectl', 'delete', 'ns', 'tmp']]);
    const literal = splitShellCommands("cat <<'EOF'\n$(kubectl delete ns tmp)\nEOF");
    assert.deepEqual(literal.map((command) => command.words), [['cat']]);
  });

  it('reads indented heredoc delimiters and here-strings', () => {
    assert.deepEqual(only('psql <<-SQL\n\tSELECT 1;\n\tSQL').stdin, ['\tSELECT 1;']);
    assert.deepEqual(only('redis-cli <<< "FLUSHALL"').stdin, ['FLUSHALL']);
  });

  it('records redirections with their targets', () => {
    const command = only('kubectl get pods 2>/dev/null >> /tmp/pods.txt &> all.log');
    assert.deepEqual(command.words, ['kubectl', 'get', 'pods']);
    assert.deepEqual(command.redirects, [
      { operator: '>', target: '/dev/null' },
      { operator: '>>', target: '/tmp/pods.txt' },
      { operator: '&>', target: 'all.log' },
    ]);
  });

  it('reads runbook placeholders as words, not redirections', () => {
    assert.deepEqual(words('kubectl -n <my-namespace> delete pod <pod identified as the problem pod>'), [
      ['kubectl', '-n', '<my-namespace>', 'delete', 'pod', '<pod identified as the problem pod>'],
    ]);
    assert.deepEqual(words('oc get pod/<name>'), [['oc', 'get', 'pod/<name>']]);
    assert.deepEqual(only('sort <in >out').redirects, [
      { operator: '<', target: 'in' },
      { operator: '>', target: 'out' },
    ]);
  });

  it('lexes process substitutions and ${...} defaults', () => {
    const nested = splitShellCommands('diff <(kubectl get a) <(kubectl get b) ${X:-$(date)}')
      .filter((command) => command.substituted)
      .map((command) => command.words);
    assert.deepEqual(nested, [['kubectl', 'get', 'a'], ['kubectl', 'get', 'b'], ['date']]);
  });

  it('reports substitutions nested too deeply instead of recursing without end', () => {
    const commands = splitShellCommands('echo ' + '$('.repeat(1000) + 'kubectl delete pod x' + ')'.repeat(1000));
    assert.ok(commands.some((command) => command.unchecked?.includes('kubectl delete pod x')));
  });

  it('does not stall or throw on unterminated quotes and stray characters', () => {
    assert.deepEqual(words('echo "unterminated'), [['echo', 'unterminated']]);
    assert.deepEqual(words("echo 'open"), [['echo', 'open']]);
    assert.deepEqual(words('a )) b'), [['a'], ['b']]);
  });
});
