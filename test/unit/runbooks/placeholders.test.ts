import assert from 'node:assert/strict';
import type { BlockKind, Placeholder } from '../../../src/core/runbooks/model';
import { fillPlaceholders, findAssignedVariables, findPlaceholders, normalisePlaceholderName } from '../../../src/core/runbooks/placeholders';

const texts = (content: string, kind: BlockKind = 'shell'): string[] => findPlaceholders(content, kind).map((p) => p.text);

describe('findPlaceholders: forms', () => {
  it('finds angle placeholders with positions in the content', () => {
    const content = 'kubectl -n <namespace> logs <pod-name>\nkubectl describe node <node_name.v2>';
    assert.deepEqual(findPlaceholders(content, 'shell'), [
      { text: '<namespace>', name: 'namespace', form: 'angle', offset: 11, line: 0, column: 11 },
      { text: '<pod-name>', name: 'pod-name', form: 'angle', offset: 28, line: 0, column: 28 },
      { text: '<node_name.v2>', name: 'node-name-v2', form: 'angle', offset: 61, line: 1, column: 22 },
    ]);
  });

  it('accepts angle placeholders that are short phrases', () => {
    assert.deepEqual(
      findPlaceholders("NODE_NAME='<value of instance label from alert>'", 'shell').map((p) => [p.text, p.name]),
      [['<value of instance label from alert>', 'value-of-instance-label-from-alert']],
    );
  });

  it('finds $VAR and ${VAR}', () => {
    assert.deepEqual(
      findPlaceholders('kubectl -n $NAMESPACE delete pod ${POD} --context=$KUBE_CONTEXT', 'shell').map((p) => [p.text, p.name, p.form]),
      [
        ['$NAMESPACE', 'namespace', 'variable'],
        ['${POD}', 'pod', 'braced-variable'],
        ['$KUBE_CONTEXT', 'kube-context', 'variable'],
      ],
    );
  });

  it('finds bracket, severity and date placeholders in templates', () => {
    const content = '[SEVERITY] P[SEVERITY] incident on [Service Name] at YYYY-MM-DD HH:MM UTC: [Brief description]';
    assert.deepEqual(
      findPlaceholders(content, 'template').map((p) => [p.text, p.name, p.form]),
      [
        ['[SEVERITY]', 'severity', 'bracket'],
        ['P[SEVERITY]', 'severity', 'severity'],
        ['[Service Name]', 'service-name', 'bracket'],
        ['YYYY-MM-DD', 'yyyy-mm-dd', 'date'],
        ['HH:MM', 'hh-mm', 'date'],
        ['[Brief description]', 'brief-description', 'bracket'],
      ],
    );
  });

  it('finds the date and time of an ISO timestamp pattern', () => {
    assert.deepEqual(texts('--since YYYY-MM-DDTHH:MM:SSZ', 'shell'), ['YYYY-MM-DD', 'HH:MM:SS']);
  });

  it('reports lines and columns across several lines', () => {
    const found = findPlaceholders('a\n\n  echo <x-y>\r', 'shell');
    assert.deepEqual(found.map((p) => [p.line, p.column, p.offset]), [[2, 7, 10]]);
  });
});

describe('findPlaceholders: what is not a placeholder', () => {
  it('skips heredocs, here-strings, redirects and process substitution', () => {
    assert.deepEqual(texts('kubectl apply -f - <<EOF\nkind: A\nEOF'), []);
    assert.deepEqual(texts('cat <<-EOF\nx\nEOF'), []);
    assert.deepEqual(texts("cat <<'EOF'>out\nEOF"), []);
    assert.deepEqual(texts('grep x <<< "$(date -u)"'), []);
    assert.deepEqual(texts('psql < dump.sql > out.txt 2>&1'), []);
    assert.deepEqual(texts('diff <(a) <(b); x <- y'), []);
  });

  it('skips HTML tags, kubectl output words and generics', () => {
    assert.deepEqual(texts('<details><summary>More</summary><br></details>', 'template'), []);
    assert.deepEqual(texts('api-1   <none>   <unknown>   <pending>', 'template'), []);
    assert.deepEqual(texts('List<String> items = new ArrayList<Item>();', 'other'), []);
  });

  it('skips shell specials, lower-case and environment variables, escaped $ and $(...)', () => {
    assert.deepEqual(texts('echo $? $1 $@ $$ $# $! $0 $* $-'), []);
    assert.deepEqual(texts('echo $HOME $PATH $USER $PWD $SHELL $HOSTNAME $RANDOM $KUBECONFIG ${HOME}'), []);
    assert.deepEqual(texts('for f in $files; do echo $f; done'), []);
    assert.deepEqual(texts('echo \\$LITERAL "$(date -u)" $((1 + 2))'), []);
    assert.deepEqual(texts('echo ${NAMESPACE:-default} ${#LIST} ${VAR%.txt}'), []);
    assert.deepEqual(texts('echo $PODNAME_suffix'), []);
  });

  it('skips variables the block assigns itself', () => {
    const content = [
      'NS=payments',
      'export POD=$(kubectl get pods -n $NS -o name | head -1)',
      'read -r -p "Replica count: " REPLICAS',
      'for NODE in $(kubectl get nodes -o name); do echo $NODE; done',
      'kubectl -n $NS scale deploy api --replicas=$REPLICAS && echo $POD $TARGET',
      'if true; then LATER=1; fi; echo $LATER',
    ].join('\n');
    assert.deepEqual(texts(content), ['$TARGET']);
    assert.deepEqual([...findAssignedVariables(content)].sort(), ['LATER', 'NODE', 'NS', 'POD', 'REPLICAS']);
  });

  it('still treats assigned-looking variables as blanks outside shell blocks', () => {
    assert.deepEqual(texts('NS=1\n$NS', 'template'), ['$NS']);
  });

  it('skips links, checkboxes, tests, arrays and indexing', () => {
    assert.deepEqual(texts('See [Runbook Index](http://x) and [Dashboard][1].', 'template'), []);
    assert.deepEqual(texts('- [ ] Todo\n- [x] Done\n- [X] Done', 'template'), []);
    assert.deepEqual(texts('if [ -f /tmp/x ]; then echo; fi; [[ -n "$x" ]] && echo'), []);
    assert.deepEqual(texts('args: [a, b]\nnames: ["x"]\nports: [80]', 'yaml'), []);
    assert.deepEqual(texts('echo ${ARR[INDEX]} && data[KEY] = 1', 'shell'), []);
    assert.deepEqual(texts('rate(http_requests_total[5m])', 'promql'), []);
    assert.deepEqual(texts('[INFO] started\n[ERROR] failed', 'template'), []);
    assert.deepEqual(texts('grep "[A-Z]" x'), []);
  });
});

describe('normalisePlaceholderName', () => {
  it('lower-cases and dashes names', () => {
    assert.equal(normalisePlaceholderName('POD_NAME'), 'pod-name');
    assert.equal(normalisePlaceholderName('Brief description'), 'brief-description');
    assert.equal(normalisePlaceholderName('HH:MM'), 'hh-mm');
    assert.equal(normalisePlaceholderName('__x..y__'), 'x-y');
  });
});

describe('fillPlaceholders', () => {
  it('replaces every occurrence that has a value and leaves the others', () => {
    const content = 'kubectl -n <namespace> delete pod <pod-name>; kubectl -n $NAMESPACE get pod <pod-name>';
    const placeholders = findPlaceholders(content, 'shell');
    const filled = fillPlaceholders(content, placeholders, { 'pod-name': 'api-7d9f-abcde', namespace: 'payments' });
    assert.equal(filled, 'kubectl -n payments delete pod api-7d9f-abcde; kubectl -n payments get pod api-7d9f-abcde');
    assert.equal(fillPlaceholders(content, placeholders, { 'pod-name': 'p' }), 'kubectl -n <namespace> delete pod p; kubectl -n $NAMESPACE get pod p');
  });

  it('handles values longer and shorter than the placeholder', () => {
    const content = '<x> <yy> <x>';
    const placeholders = findPlaceholders(content, 'template');
    assert.equal(fillPlaceholders(content, placeholders, { x: 'LONG-VALUE', yy: '' }), 'LONG-VALUE  LONG-VALUE');
  });

  it('reads a bare number for P[SEVERITY] as a level', () => {
    const content = 'P[SEVERITY] - [SEVERITY]';
    const placeholders = findPlaceholders(content, 'template');
    assert.equal(fillPlaceholders(content, placeholders, { severity: '1' }), 'P1 - 1');
    assert.equal(fillPlaceholders(content, placeholders, { severity: 'P2' }), 'P2 - P2');
  });

  it('ignores placeholders that no longer match the text', () => {
    const stale: Placeholder[] = [{ text: '<x>', name: 'x', form: 'angle', offset: 3, line: 0, column: 3 }];
    assert.equal(fillPlaceholders('abc<y>', stale, { x: 'X' }), 'abc<y>');
  });

  it('does not read inherited properties as values', () => {
    const content = '<constructor> <toString>';
    assert.equal(fillPlaceholders(content, findPlaceholders(content, 'template'), {}), content);
  });
});
