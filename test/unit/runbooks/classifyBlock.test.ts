import assert from 'node:assert/strict';
import { classifyBlock, extractPromptedCommands, looksLikeShell } from '../../../src/core/runbooks/classifyBlock';
import { parseRunbook } from '../../../src/core/runbooks/parseRunbook';

const lines = (...text: string[]): string => text.join('\n');

describe('classifyBlock: kinds by language', () => {
  const cases: [string, string][] = [
    ['bash', 'shell'],
    ['sh', 'shell'],
    ['shell', 'shell'],
    ['zsh', 'shell'],
    ['ksh', 'shell'],
    ['fish', 'shell'],
    ['sql', 'sql'],
    ['psql', 'sql'],
    ['postgresql', 'sql'],
    ['mysql', 'sql'],
    ['python', 'python'],
    ['py', 'python'],
    ['python3', 'python'],
    ['promql', 'promql'],
    ['prometheus', 'promql'],
    ['metricsql', 'promql'],
    ['yaml', 'yaml'],
    ['yml', 'yaml'],
    ['json', 'other'],
    ['markdown', 'template'],
    ['md', 'template'],
    ['text', 'template'],
    ['txt', 'template'],
    ['plaintext', 'template'],
    ['go', 'other'],
    ['log', 'other'],
    ['powershell', 'other'],
  ];
  for (const [language, kind] of cases) {
    it(`${language} → ${kind}`, () => {
      assert.equal(classifyBlock(language, 'x = 1').kind, kind);
    });
  }

  it('marks shell, sql and python steps runnable and the rest not', () => {
    const text = ['```bash', 'ls', '```', '```sql', 'SELECT 1;', '```', '```py', 'print(1)', '```', '```promql', 'up', '```', '```yaml', 'a: 1', '```', '```markdown', 'x', '```', '```json', '{}', '```'].join('\n');
    assert.deepEqual(
      parseRunbook(text).steps.map((step) => [step.language, step.runnable]),
      [
        ['bash', true],
        ['sql', true],
        ['py', true],
        ['promql', false],
        ['yaml', false],
        ['markdown', false],
        ['json', false],
      ],
    );
  });

  it('lower-cases the language word', () => {
    const [step] = parseRunbook('```BASH\nls\n```').steps;
    assert.equal(step.language, 'bash');
    assert.equal(step.kind, 'shell');
  });
});

describe('classifyBlock: bare fences', () => {
  const shellLike = [
    'kubectl get pods -n payments',
    'oc adm top nodes',
    'helm rollback api 3',
    'docker ps',
    'curl -sf http://localhost:8080/health',
    'systemctl restart nginx',
    'journalctl -u kubelet --since "10 min ago"',
    'psql -h db -c "select 1"',
    'redis-cli info memory',
    'virtctl restart vm-1',
    'etcdctl endpoint health',
    'git log -1',
    'ls -la /var/log',
    'cat /etc/hosts',
    'grep -i error app.log',
    'sudo systemctl status kubelet',
    'export NAMESPACE=payments',
    'echo hello',
    'aws s3 ls',
    'gcloud container clusters list',
    'az aks list',
    'watch kubectl get pods',
    'for pod in $(kubectl get pods -o name); do echo $pod; done',
    'while true; do date; sleep 1; done',
    '$ kubectl get nodes',
    '# a leading comment\n\nkubectl get nodes',
    'CERT=$(oc get secret x -o jsonpath="{.data}")',
  ];
  for (const content of shellLike) {
    it(`reads as shell: ${JSON.stringify(content.slice(0, 40))}`, () => {
      const result = classifyBlock('', content);
      assert.equal(result.kind, 'shell');
      assert.equal(result.unlabelledShell, true);
      assert.equal(looksLikeShell(content), true);
    });
  }

  const notShell = [
    'Hi team, we are investigating an outage of [Service Name].',
    'Watch the dashboard for five minutes.',
    'for example, the pod restarts',
    'NAME   READY   STATUS',
    'apiVersion: v1\nkind: Pod',
    '{"a": 1}',
    'level=error msg="boom"',
    'time="2024-01-01" msg=x',
    '',
    '# only a comment',
  ];
  for (const content of notShell) {
    it(`reads as a template: ${JSON.stringify(content.slice(0, 40))}`, () => {
      const result = classifyBlock('', content);
      assert.equal(result.kind, 'template');
      assert.equal(result.unlabelledShell, false);
    });
  }

  it('runs only the prompted lines of a bare transcript', () => {
    const [step] = parseRunbook(lines('```', '$ kubectl get pods', 'NAME READY', 'api  1/1', '```')).steps;
    assert.equal(step.kind, 'shell');
    assert.equal(step.commands, 'kubectl get pods');
  });
});

describe('classifyBlock: transcripts', () => {
  it('keeps only prompted commands and drops output', () => {
    const result = extractPromptedCommands(lines('$ kubectl get pods', 'NAME     READY   STATUS', 'api-1    1/1     Running', '', '$ kubectl top pods', 'api-1  5m  20Mi'));
    assert.equal(result.commands, 'kubectl get pods\nkubectl top pods');
    assert.deepEqual([...result.lines], [
      [0, 2],
      [4, 2],
    ]);
  });

  it('continues a command over backslash line ends', () => {
    const result = extractPromptedCommands(lines('$ kubectl patch deploy api \\', '    --type=merge \\', "    -p '{\"spec\":{}}'", 'deployment.apps/api patched'));
    assert.equal(result.commands, "kubectl patch deploy api \\\n    --type=merge \\\n    -p '{\"spec\":{}}'");
  });

  it('keeps a heredoc body up to its terminator, removing secondary prompts', () => {
    const result = extractPromptedCommands(lines('$ kubectl apply -f - <<EOF', '> apiVersion: v1', '> kind: Namespace', '> metadata:', '>   name: demo', '> EOF', 'namespace/demo created'));
    assert.equal(result.commands, 'kubectl apply -f - <<EOF\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\nEOF');
  });

  it('keeps a heredoc written without secondary prompts, with quoted and dash terminators', () => {
    const quoted = extractPromptedCommands(lines("$ cat <<'END' > /tmp/x", 'literal $HOME', 'END', 'output'));
    assert.equal(quoted.commands, "cat <<'END' > /tmp/x\nliteral $HOME\nEND");
    const dashed = extractPromptedCommands(lines('$ cat <<-EOF', '\tindented', '\tEOF', 'out'));
    assert.equal(dashed.commands, 'cat <<-EOF\n\tindented\n\tEOF');
  });

  it('does not mistake a here-string for a heredoc', () => {
    const result = extractPromptedCommands(lines('$ grep x <<< "$VALUE"', 'x'));
    assert.equal(result.commands, 'grep x <<< "$VALUE"');
  });

  it('keeps the lines of a multi-line quoted argument', () => {
    const result = extractPromptedCommands(lines('$ kubectl exec -it deploy/api -- python -c "', 'import os', 'print(os.getpid())"', '4242'));
    assert.equal(result.commands, 'kubectl exec -it deploy/api -- python -c "\nimport os\nprint(os.getpid())"');
  });

  it('ignores quotes and backslashes in comments', () => {
    const result = extractPromptedCommands(lines("$ kubectl get pods # don't worry \\", 'output line'));
    assert.equal(result.commands, "kubectl get pods # don't worry \\");
  });

  it('takes # as a root prompt only before a command', () => {
    const result = extractPromptedCommands(lines('$ oc debug node/worker-0', '# chroot /host', '# systemctl restart kubelet', '# check the logs next', '# Check again', 'sh-4.4# journalctl -u kubelet'));
    assert.equal(result.commands, 'oc debug node/worker-0\nchroot /host\nsystemctl restart kubelet\njournalctl -u kubelet');
  });

  it('understands decorated prompts', () => {
    const result = extractPromptedCommands(lines('[root@node-1 ~]# crictl ps', 'CONTAINER  IMAGE', 'admin@bastion:~/work$ kubectl get ns', 'sh-5.1$ ceph -s'));
    assert.equal(result.commands, 'crictl ps\nkubectl get ns\nceph -s');
  });

  it('removes the indentation of an indented transcript so heredoc terminators still end the heredoc', () => {
    const result = extractPromptedCommands(lines('    $ cat <<EOF | oc apply -f -', '    kind: A', '    EOF', '    output'));
    assert.equal(result.commands, 'cat <<EOF | oc apply -f -\nkind: A\nEOF');
  });

  it('treats a console block without prompts as commands when it looks like them', () => {
    const [commands, query] = parseRunbook(lines('```console', 'kubectl get pods -n x', '```', '```console', 'histogram_quantile(0.99, rate(x[5m]))', '```')).steps;
    assert.equal(commands.kind, 'shell');
    assert.equal(commands.commands, 'kubectl get pods -n x');
    assert.equal(query.kind, 'other');
    assert.equal(query.runnable, false);
  });

  it('reads shell-session like console', () => {
    const [step] = parseRunbook(lines('```shell-session', '$ uptime', ' 10:00 up 1 day', '```')).steps;
    assert.equal(step.commands, 'uptime');
  });

  it('reads a bash block that starts with a $ prompt as a transcript', () => {
    const [step] = parseRunbook(lines('```bash', '$ kubectl get vmi $VM', 'NAME  AGE', '```')).steps;
    assert.equal(step.kind, 'shell');
    assert.equal(step.commands, 'kubectl get vmi $VM');
  });

  it('leaves a bash block without prompts as written', () => {
    const content = lines('# comment', 'kubectl get pods', 'echo "$ not a prompt"');
    const [step] = parseRunbook(lines('```bash', content, '```')).steps;
    assert.equal(step.commands, content);
  });
});
