// Blocks as runbooks write them, and the commands a user would run one by one: the expected
// boundaries of `splitBlockCommands` (and of Run Selection / Choose Commands). Each expected
// entry is the command's exact text; `comments` (optional) the comment lines found above each.

export interface BlockCommandCase {
  readonly name: string;
  /** The fence's language word; `console` blocks run only their prompted lines. */
  readonly language?: string;
  readonly block: string;
  readonly commands: readonly string[];
  readonly comments?: readonly (string | undefined)[];
}

const lines = (...text: string[]): string => text.join('\n');

export const blockCommandCases: readonly BlockCommandCase[] = [
  { name: 'one command per line', block: lines('kubectl get pods', 'kubectl get svc'), commands: ['kubectl get pods', 'kubectl get svc'] },
  {
    name: 'comments are not commands, and name the command below them',
    block: lines('# Look first', 'kubectl get pods', '', '# Then restart', '# the broken one', 'kubectl delete pod web-1  # careful'),
    commands: ['kubectl get pods', 'kubectl delete pod web-1'],
    comments: ['Look first', 'Then restart the broken one'],
  },
  { name: 'an apostrophe in a comment opens no quote', block: lines("# don't run this twice", 'kubectl get pods', 'kubectl get svc'), commands: ['kubectl get pods', 'kubectl get svc'] },
  {
    name: 'a heredoc body belongs to its command',
    block: lines('kubectl apply -f - <<EOF', 'kind: ConfigMap', 'metadata:', '  name: x', 'EOF', 'kubectl get cm'),
    commands: [lines('kubectl apply -f - <<EOF', 'kind: ConfigMap', 'metadata:', '  name: x', 'EOF'), 'kubectl get cm'],
  },
  {
    name: 'a quoted, tab-stripped heredoc piped to another command',
    block: lines("cat <<-'END' | kubectl apply -f -", '\tkind: Namespace', '\tEND', 'echo applied'),
    commands: [lines("cat <<-'END' | kubectl apply -f -", '\tkind: Namespace', '\tEND'), 'echo applied'],
  },
  {
    name: 'a `;` on a heredoc line does not cut the heredoc from its body',
    block: lines('cat <<EOF; echo after', 'body; with semicolons', 'EOF', 'ls'),
    commands: [lines('cat <<EOF; echo after', 'body; with semicolons', 'EOF'), 'ls'],
  },
  { name: 'two heredocs on one line', block: lines('paste <<A /dev/fd/3 3<<B', 'one', 'A', 'two', 'B', 'next'), commands: [lines('paste <<A /dev/fd/3 3<<B', 'one', 'A', 'two', 'B'), 'next'] },
  {
    name: 'a heredoc body holding fi and done closes nothing',
    block: lines('if true; then', '  cat <<EOF', 'fi', 'done', 'EOF', 'fi', 'ls'),
    commands: [lines('if true; then', '  cat <<EOF', 'fi', 'done', 'EOF', 'fi'), 'ls'],
  },
  { name: 'a heredoc marker inside quotes is text', block: lines("echo '<<EOF'", 'ls'), commands: ["echo '<<EOF'", 'ls'] },
  {
    name: 'backslash continuations',
    block: lines('kubectl delete \\', '  pod web-1 \\', '  -n shop', 'kubectl get pods'),
    commands: [lines('kubectl delete \\', '  pod web-1 \\', '  -n shop'), 'kubectl get pods'],
  },
  { name: 'a pipeline continued after |', block: lines('kubectl get pods |', '  grep web', 'ls'), commands: [lines('kubectl get pods |', '  grep web'), 'ls'] },
  {
    name: 'an && chain continued on the next line',
    block: lines('kubectl rollout restart deploy/web &&', '  kubectl rollout status deploy/web', 'echo ok'),
    commands: [lines('kubectl rollout restart deploy/web &&', '  kubectl rollout status deploy/web'), 'echo ok'],
  },
  { name: 'a || fallback on one line stays one command', block: lines('kubectl get ns shop || kubectl create ns shop', 'ls'), commands: ['kubectl get ns shop || kubectl create ns shop', 'ls'] },
  { name: '; separates commands on one line', block: 'kubectl get pods; kubectl get svc', commands: ['kubectl get pods', 'kubectl get svc'] },
  {
    name: 'a background command keeps its &',
    block: lines('kubectl port-forward svc/web 8080:80 &', 'curl -s localhost:8080/healthz'),
    commands: ['kubectl port-forward svc/web 8080:80 &', 'curl -s localhost:8080/healthz'],
  },
  { name: 'a multi-line double quote', block: lines('psql -c "SELECT 1;', 'SELECT 2;"', 'ls'), commands: [lines('psql -c "SELECT 1;', 'SELECT 2;"'), 'ls'] },
  { name: 'a multi-line single quote holding ; and #', block: lines("echo 'a; b", "# not a comment'", 'ls'), commands: [lines("echo 'a; b", "# not a comment'"), 'ls'] },
  {
    name: '$( … ) spanning lines',
    block: lines('kubectl delete $(', '  kubectl get pods -o name', ')', 'ls'),
    commands: [lines('kubectl delete $(', '  kubectl get pods -o name', ')'), 'ls'],
  },
  { name: 'backticks spanning lines', block: lines('echo `', 'hostname', '`', 'ls'), commands: [lines('echo `', 'hostname', '`'), 'ls'] },
  {
    name: 'if … fi',
    block: lines('if kubectl get ns shop; then', '  echo yes', 'else', '  echo no', 'fi', 'ls'),
    commands: [lines('if kubectl get ns shop; then', '  echo yes', 'else', '  echo no', 'fi'), 'ls'],
  },
  { name: 'an if nested in a for on one line', block: lines('for p in a b; do if true; then echo $p; fi; done', 'ls'), commands: ['for p in a b; do if true; then echo $p; fi; done', 'ls'] },
  {
    name: 'a while loop reading a pipe',
    block: lines('kubectl get pods -o name | while read p; do', '  kubectl describe $p', 'done', 'ls'),
    commands: [lines('kubectl get pods -o name | while read p; do', '  kubectl describe $p', 'done'), 'ls'],
  },
  {
    name: 'done and fi as arguments close nothing',
    block: lines('while true; do', '  echo done', '  echo fi', '  sleep 1', 'done', 'ls'),
    commands: [lines('while true; do', '  echo done', '  echo fi', '  sleep 1', 'done'), 'ls'],
  },
  { name: 'until … done then a command after ;', block: 'until kubectl get pod x; do sleep 2; done; echo up', commands: ['until kubectl get pod x; do sleep 2; done', 'echo up'] },
  {
    name: 'case … esac with ;; and patterns ending in )',
    block: lines('case $ENV in', '  prod) echo careful ;;', '  (stage) echo ok ;;', '  *) echo other ;;', 'esac', 'ls'),
    commands: [lines('case $ENV in', '  prod) echo careful ;;', '  (stage) echo ok ;;', '  *) echo other ;;', 'esac'), 'ls'],
  },
  { name: 'case and esac on one line, then another command', block: 'case x in a) echo 1;; esac; ls', commands: ['case x in a) echo 1;; esac', 'ls'] },
  { name: 'a { …; } group with a redirect', block: lines('{ kubectl get pods; kubectl get svc; } > out.txt', 'ls'), commands: ['{ kubectl get pods; kubectl get svc; } > out.txt', 'ls'] },
  { name: 'a multi-line subshell', block: lines('(', '  cd /tmp', '  ls', ')', 'pwd'), commands: [lines('(', '  cd /tmp', '  ls', ')'), 'pwd'] },
  {
    name: 'a function definition and its call',
    block: lines('restart() {', '  kubectl rollout restart deploy/$1', '}', 'restart web'),
    commands: [lines('restart() {', '  kubectl rollout restart deploy/$1', '}'), 'restart web'],
  },
  { name: '[[ … ]] && command', block: lines('[[ -f x ]] && rm x', 'ls'), commands: ['[[ -f x ]] && rm x', 'ls'] },
  { name: 'placeholders are words, not redirections', block: lines('kubectl -n <namespace> delete pod <pod-name>', 'kubectl get pods'), commands: ['kubectl -n <namespace> delete pod <pod-name>', 'kubectl get pods'] },
  { name: 'assignments before a command', block: lines('NS=shop kubectl get pods', 'POD=$(kubectl get pods -o name | head -1)', 'echo $POD'), commands: ['NS=shop kubectl get pods', 'POD=$(kubectl get pods -o name | head -1)', 'echo $POD'] },
  { name: 'a trailing backslash at the end of the block', block: 'ls \\', commands: ['ls \\'] },
  {
    name: 'a console transcript: prompted lines only, output left out',
    language: 'console',
    block: lines('$ kubectl get pods', 'NAME    READY', 'web-1   1/1', '$ kubectl delete pod web-1', 'pod "web-1" deleted'),
    commands: ['kubectl get pods', 'kubectl delete pod web-1'],
  },
  {
    name: 'a console transcript with a heredoc under > prompts',
    language: 'console',
    block: lines('$ cat <<EOF | kubectl apply -f -', '> kind: Namespace', '> EOF', 'namespace/x created', '$ kubectl get ns'),
    commands: [lines('cat <<EOF | kubectl apply -f -', 'kind: Namespace', 'EOF'), 'kubectl get ns'],
  },
  {
    name: 'a shell block with $ prompts and a continuation',
    language: 'bash',
    block: lines('$ kubectl scale deploy/web \\', '    --replicas=0', '$ kubectl get deploy web'),
    commands: [lines('kubectl scale deploy/web \\', '    --replicas=0'), 'kubectl get deploy web'],
  },
];

/** Selections inside a block (0-based lines of the block's content; a missing column means 0 at the start, the line's end at the end). */
export interface SelectionCase {
  readonly name: string;
  readonly language?: string;
  readonly block: string;
  readonly from: { readonly line: number; readonly column?: number };
  readonly to: { readonly line: number; readonly column?: number };
  /** The commands that run, or the sentence given instead. */
  readonly expected: readonly string[] | { readonly message: RegExp };
  /** When the selection cut a command: a pattern the confirmation's note must match. */
  readonly extended?: RegExp;
}

const alternatives = lines('# look', 'kubectl get pods -l app=web', '# or restart', 'kubectl delete pod web-1', 'kubectl get deploy');
const apply = lines('kubectl get nodes', 'kubectl apply -f - <<EOF', 'kind: ConfigMap', 'metadata:', '  name: drill', 'EOF', 'kubectl get cm');

export const selectionCases: readonly SelectionCase[] = [
  { name: 'one whole line', block: alternatives, from: { line: 1 }, to: { line: 1 }, expected: ['kubectl get pods -l app=web'] },
  { name: 'a line selected up to the start of the next one', block: alternatives, from: { line: 1 }, to: { line: 2, column: 0 }, expected: ['kubectl get pods -l app=web'] },
  { name: 'a comment and the command under it', block: alternatives, from: { line: 2 }, to: { line: 3 }, expected: ['kubectl delete pod web-1'] },
  { name: 'two lines', block: alternatives, from: { line: 3 }, to: { line: 4 }, expected: ['kubectl delete pod web-1', 'kubectl get deploy'] },
  { name: 'only a comment', block: alternatives, from: { line: 0 }, to: { line: 0 }, expected: { message: /holds no command/ } },
  { name: 'a word inside a command takes the whole command', block: alternatives, from: { line: 1, column: 12 }, to: { line: 1, column: 16 }, expected: ['kubectl get pods -l app=web'], extended: /a command on line 3/ },
  { name: 'the end of one line and the start of the next', block: alternatives, from: { line: 3, column: 8 }, to: { line: 4, column: 7 }, expected: ['kubectl delete pod web-1', 'kubectl get deploy'], extended: /line 5 and a command on line 6/ },
  {
    name: 'a selection inside a heredoc body takes the whole heredoc command, not its neighbours',
    block: apply,
    from: { line: 2 },
    to: { line: 4 },
    expected: [lines('kubectl apply -f - <<EOF', 'kind: ConfigMap', 'metadata:', '  name: drill', 'EOF')],
    extended: /a command with a heredoc on lines 3–7/,
  },
  {
    name: 'a selection that stops before the heredoc delimiter',
    block: apply,
    from: { line: 0 },
    to: { line: 4 },
    expected: ['kubectl get nodes', lines('kubectl apply -f - <<EOF', 'kind: ConfigMap', 'metadata:', '  name: drill', 'EOF')],
    extended: /heredoc/,
  },
  {
    name: 'the second line of a continuation',
    block: lines('kubectl get pods', 'kubectl delete pod web-1 \\', '  -n shop'),
    from: { line: 2 },
    to: { line: 2 },
    expected: [lines('kubectl delete pod web-1 \\', '  -n shop')],
    extended: /continued with \\ on lines 3–4/,
  },
  {
    name: 'the inside of an if',
    block: lines('if kubectl get ns shop; then', '  kubectl delete ns shop', 'fi', 'ls'),
    from: { line: 1 },
    to: { line: 1 },
    expected: [lines('if kubectl get ns shop; then', '  kubectl delete ns shop', 'fi')],
    extended: /compound command on lines 2–4/,
  },
  {
    name: 'a multi-line quote',
    block: lines('psql -c "DELETE FROM t;', 'SELECT 1;"'),
    from: { line: 1 },
    to: { line: 1 },
    expected: [lines('psql -c "DELETE FROM t;', 'SELECT 1;"')],
    extended: /multi-line quote/,
  },
  {
    name: 'an output line and the next prompted command of a transcript',
    language: 'console',
    block: lines('$ kubectl get pods', 'web-1   1/1', '$ kubectl delete pod web-1', 'pod "web-1" deleted'),
    from: { line: 1 },
    to: { line: 2 },
    expected: ['kubectl delete pod web-1'],
  },
  {
    name: 'only output lines of a transcript',
    language: 'console',
    block: lines('$ kubectl get pods', 'web-1   1/1', 'web-2   1/1', '$ kubectl delete pod web-1'),
    from: { line: 1 },
    to: { line: 2 },
    expected: { message: /holds no command/ },
  },
  { name: 'a SQL block runs only as a whole', language: 'sql', block: lines('SELECT 1;', 'DELETE FROM t;'), from: { line: 0 }, to: { line: 0 }, expected: { message: /SQL block runs as a whole/ } },
  { name: 'a Python block runs only as a whole', language: 'python', block: lines('import os', 'print(1)'), from: { line: 1 }, to: { line: 1 }, expected: { message: /Python block runs as a whole/ } },
];
