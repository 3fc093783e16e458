import assert from 'node:assert/strict';
import { parseRunbook } from '../../../src/core/runbooks/parseRunbook';

const F = '```';
const doc = (...lines: string[]): string => lines.join('\n');

describe('parseRunbook: front matter', () => {
  it('reads title, service, alerts, severity and owner, and keeps the whole mapping', () => {
    const runbook = parseRunbook(
      doc('---', 'title: Payments API down', 'service: payments', 'alerts: [AppDown, HighErrorRate]', 'severity: P1', 'owner: team-pay', 'weight: 20', '---', '# Heading'),
    );
    assert.deepEqual(runbook.frontMatter, {
      title: 'Payments API down',
      service: 'payments',
      alerts: ['AppDown', 'HighErrorRate'],
      severity: 'P1',
      owner: 'team-pay',
      raw: { title: 'Payments API down', service: 'payments', alerts: ['AppDown', 'HighErrorRate'], severity: 'P1', owner: 'team-pay', weight: 20 },
    });
    assert.equal(runbook.title, 'Payments API down');
  });

  it('turns a single alert string into a one-element list', () => {
    const runbook = parseRunbook(doc('---', 'alerts: KubePodCrashLooping', '---'));
    assert.deepEqual(runbook.frontMatter, { alerts: ['KubePodCrashLooping'], raw: { alerts: 'KubePodCrashLooping' } });
    assert.deepEqual(runbook.alerts, [{ name: 'KubePodCrashLooping', source: 'front-matter', line: 1 }]);
  });

  it('gives each front matter alert the line of its list item', () => {
    const runbook = parseRunbook(doc('---', 'title: x', 'alerts:', '  - AppDown', '  - AppSlow', 'owner: me', '---'));
    assert.deepEqual(
      runbook.alerts.map((alert) => [alert.name, alert.line]),
      [
        ['AppDown', 3],
        ['AppSlow', 4],
      ],
    );
  });

  it('counts lines of the whole file, front matter included', () => {
    const runbook = parseRunbook(doc('---', 'title: x', '---', '', '# First', '', `${F}bash`, 'ls', F));
    assert.equal(runbook.sections[0].line, 4);
    assert.deepEqual(runbook.steps[0].range, { startLine: 6, endLine: 8 });
    assert.equal(runbook.lineCount, 9);
  });

  it('accepts CRLF line ends', () => {
    const runbook = parseRunbook('---\r\ntitle: Windows\r\n---\r\n# H\r\n```sh\r\nls -l\r\n```\r\n');
    assert.equal(runbook.title, 'Windows');
    assert.equal(runbook.sections[0].line, 3);
    assert.equal(runbook.steps[0].content, 'ls -l');
    assert.deepEqual(runbook.steps[0].range, { startLine: 4, endLine: 6 });
  });

  it('reports invalid YAML at its line as an error and still parses the markdown', () => {
    const runbook = parseRunbook(doc('---', 'title: ok', 'alerts: [AppDown', '---', '# Still here', `${F}bash`, 'ls', F));
    const [diagnostic] = runbook.diagnostics;
    assert.equal(diagnostic.code, 'front-matter');
    assert.equal(diagnostic.severity, 'error');
    assert.ok(diagnostic.line >= 2 && diagnostic.line <= 3, `line ${diagnostic.line}`);
    assert.equal(runbook.frontMatter, undefined);
    assert.equal(runbook.title, 'Still here');
    assert.equal(runbook.steps.length, 1);
  });

  it('reports the exact line of a duplicate key', () => {
    const runbook = parseRunbook(doc('---', 'title: a', 'owner: b', 'title: c', '---'));
    assert.equal(runbook.diagnostics[0].code, 'front-matter');
    assert.equal(runbook.diagnostics[0].line, 3);
  });

  it('reads empty front matter as an empty mapping', () => {
    const runbook = parseRunbook(doc('---', '---', '# T'));
    assert.deepEqual(runbook.frontMatter, { raw: {} });
    assert.equal(runbook.title, 'T');
  });

  it('rejects front matter that is not a mapping', () => {
    const runbook = parseRunbook(doc('---', '- a', '- b', '---', '# T'));
    assert.equal(runbook.frontMatter, undefined);
    assert.equal(runbook.diagnostics[0].code, 'front-matter');
  });

  it('treats an unclosed leading --- as a thematic break, not front matter', () => {
    const runbook = parseRunbook(doc('---', '# Title', 'text'));
    assert.equal(runbook.frontMatter, undefined);
    assert.deepEqual(runbook.diagnostics, []);
    assert.equal(runbook.sections[0].line, 1);
  });

  it('ignores a byte-order mark', () => {
    const runbook = parseRunbook('\uFEFF---\ntitle: BOM\n---\n# H');
    assert.equal(runbook.title, 'BOM');
    assert.equal(runbook.sections[0].line, 3);
  });
});

describe('parseRunbook: title', () => {
  it('prefers the first level-1 heading when there is no front matter title', () => {
    assert.equal(parseRunbook(doc('## Intro', '# Real title', '# Second')).title, 'Real title');
  });

  it('falls back to the first heading, then the file name', () => {
    assert.equal(parseRunbook(doc('### Only a small heading')).title, 'Only a small heading');
    assert.equal(parseRunbook('no headings', { fileName: 'runbooks/db-failover.md' }).title, 'db-failover');
    assert.equal(parseRunbook('no headings', { fileName: 'C:\\work\\rb\\cache.MD' }).title, 'cache');
    assert.equal(parseRunbook('').title, 'Untitled runbook');
  });
});

describe('parseRunbook: sections', () => {
  it('builds the heading tree with ids in document order, parents and end lines', () => {
    const runbook = parseRunbook(
      doc('# Runbook', 'intro', '## Diagnosis', 'text', '### Logs', 'more', '## Mitigation', 'fix', '# Appendix', 'end'),
    );
    assert.deepEqual(runbook.sections, [
      { id: 'section-0', title: 'Runbook', level: 1, line: 0, endLine: 7 },
      { id: 'section-1', title: 'Diagnosis', level: 2, line: 2, endLine: 5, parentId: 'section-0' },
      { id: 'section-2', title: 'Logs', level: 3, line: 4, endLine: 5, parentId: 'section-1' },
      { id: 'section-3', title: 'Mitigation', level: 2, line: 6, endLine: 7, parentId: 'section-0' },
      { id: 'section-4', title: 'Appendix', level: 1, line: 8, endLine: 9 },
    ]);
  });

  it('reads setext headings', () => {
    const runbook = parseRunbook(doc('Database down', '=============', '', 'Checks', '------', 'text'));
    assert.deepEqual(
      runbook.sections.map((s) => [s.title, s.level, s.line, s.parentId]),
      [
        ['Database down', 1, 0, undefined],
        ['Checks', 2, 3, 'section-0'],
      ],
    );
  });

  it('removes inline markup from titles but keeps code text', () => {
    const runbook = parseRunbook(doc('## **Application** _Down_ (`AppDown`) [see](http://x) &amp; more ##'));
    assert.equal(runbook.sections[0].title, 'Application Down (AppDown) see & more');
  });

  it('does not take headings from inside fenced blocks', () => {
    const runbook = parseRunbook(doc('# Real', `${F}bash`, '# a comment', F));
    assert.equal(runbook.sections.length, 1);
  });
});

describe('parseRunbook: steps', () => {
  it('records every fence with language, content, ranges and section', () => {
    const runbook = parseRunbook(doc('Before any heading:', `${F}bash`, 'uptime', F, '# Section', '~~~sql', 'SELECT 1;', '~~~'));
    const [first, second] = runbook.steps;
    assert.equal(first.id, 'step-0');
    assert.equal(first.sectionId, undefined);
    assert.equal(first.language, 'bash');
    assert.deepEqual(first.range, { startLine: 1, endLine: 3 });
    assert.deepEqual(first.contentRange, { startLine: 2, endLine: 2 });
    assert.equal(second.id, 'step-1');
    assert.equal(second.index, 1);
    assert.equal(second.kind, 'sql');
    assert.equal(second.runnable, true);
    assert.equal(second.content, 'SELECT 1;');
    assert.equal(second.sectionId, 'section-0');
    assert.equal(second.terminated, true);
  });

  it('keeps content exactly as written: comments, continuations, $(...), heredocs, blank lines, tabs', () => {
    const body = [
      '# restart and record when',
      'START="$(date -u +%FT%TZ)"',
      'kubectl -n payments rollout restart \\',
      '\tdeploy/api',
      '',
      'kubectl apply -f - <<EOF',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: flags',
      'EOF',
      'kubectl exec -it deploy/api -- python -c "',
      'import os',
      'print(os.environ)"',
    ];
    const runbook = parseRunbook(doc('# R', `${F}bash`, ...body, F));
    assert.equal(runbook.steps[0].content, body.join('\n'));
    assert.equal(runbook.steps[0].commands, body.join('\n'));
    assert.deepEqual(runbook.steps[0].contentRange, { startLine: 2, endLine: 1 + body.length });
  });

  it('finds fences nested in lists and blockquotes, without the container prefix', () => {
    const runbook = parseRunbook(
      doc('1. Restart:', '', '   ```bash', '   kubectl rollout restart deploy/x', '     --namespace y', '   ```', '', '> ~~~sh', '> echo quoted', '> ~~~'),
    );
    assert.equal(runbook.steps.length, 2);
    assert.equal(runbook.steps[0].content, 'kubectl rollout restart deploy/x\n  --namespace y');
    assert.deepEqual(runbook.steps[0].range, { startLine: 2, endLine: 5 });
    assert.equal(runbook.steps[1].content, 'echo quoted');
    assert.deepEqual(runbook.steps[1].range, { startLine: 7, endLine: 9 });
  });

  it('keeps inner fences of a longer fence as content', () => {
    const runbook = parseRunbook(doc('````markdown', '```bash', 'ls', '```', '````'));
    assert.equal(runbook.steps.length, 1);
    assert.equal(runbook.steps[0].content, '```bash\nls\n```');
    assert.equal(runbook.steps[0].kind, 'template');
  });

  it('marks an unclosed fence as unterminated, running to the end of the file', () => {
    const runbook = parseRunbook(doc('# R', '~~~bash', 'echo a', 'echo b'));
    const [step] = runbook.steps;
    assert.equal(step.terminated, false);
    assert.deepEqual(step.range, { startLine: 1, endLine: 3 });
    assert.deepEqual(step.contentRange, { startLine: 2, endLine: 3 });
    assert.equal(step.content, 'echo a\necho b');
    assert.deepEqual(
      runbook.diagnostics.map((d) => [d.code, d.severity, d.line, d.column, d.endColumn]),
      [['unterminated-fence', 'warning', 1, 0, 3]],
    );
  });

  it('does not close a fence with a shorter or different marker', () => {
    const runbook = parseRunbook(doc('````sh', 'a', '```', '~~~~', 'b', '````'));
    assert.equal(runbook.steps.length, 1);
    assert.equal(runbook.steps[0].content, 'a\n```\n~~~~\nb');
    assert.equal(runbook.steps[0].terminated, true);
  });

  it('gives an empty block an empty content range', () => {
    const [step] = parseRunbook(doc('```bash', '```')).steps;
    assert.equal(step.content, '');
    assert.deepEqual(step.contentRange, { startLine: 1, endLine: 0 });
    assert.equal(step.terminated, true);
  });

  it('does not treat indented code blocks or inline code as steps', () => {
    const runbook = parseRunbook(doc('Para', '', '    kubectl get pods', '', 'Run `kubectl get pods` now.', '', '``not a fence``'));
    assert.deepEqual(runbook.steps, []);
  });

  it('takes attributes and the step name from the info string', () => {
    const runbook = parseRunbook(doc('```bash {"name":"restart","interactive":false}', 'x', '```', '```sh { name=check confirm=true retries=3 }', 'y', '```'));
    assert.equal(runbook.steps[0].name, 'restart');
    assert.deepEqual(runbook.steps[0].attributes, { name: 'restart', interactive: false });
    assert.equal(runbook.steps[1].name, 'check');
    assert.deepEqual(runbook.steps[1].attributes, { name: 'check', confirm: true, retries: 3 });
  });

  it('runs only prompted commands of console blocks', () => {
    const runbook = parseRunbook(doc('```console', '$ kubectl get pods -n <namespace>', 'NAME    READY', 'api-1   <none>', '$ kubectl logs api-1', 'log line', '```'));
    const [step] = runbook.steps;
    assert.equal(step.kind, 'shell');
    assert.equal(step.commands, 'kubectl get pods -n <namespace>\nkubectl logs api-1');
    // `<none>` in output is never a placeholder; `<namespace>` keeps its position in the file.
    assert.deepEqual(
      step.placeholders.map((p) => [p.text, p.line, p.column, p.offset]),
      [['<namespace>', 1, 22, 22]],
    );
  });
});

describe('parseRunbook: placeholders in the file', () => {
  it('maps placeholder positions to file lines and columns, inside lists too', () => {
    const runbook = parseRunbook(doc('# R', '- Delete it:', '  ```bash', '  kubectl delete pod <pod-name> -n $NAMESPACE', '  ```'));
    const [step] = runbook.steps;
    assert.deepEqual(
      step.placeholders.map((p) => [p.name, p.form, p.offset, p.line, p.column]),
      [
        ['pod-name', 'angle', 19, 3, 21],
        ['namespace', 'variable', 33, 3, 35],
      ],
    );
  });
});

describe('parseRunbook: tabs in containers', () => {
  it('expands a tab the list indentation only partly consumes, and still maps columns to the file', () => {
    const runbook = parseRunbook('- ```sh\n\techo <pod-name>\n  ```');
    const [step] = runbook.steps;
    assert.equal(step.content, '  echo <pod-name>');
    assert.deepEqual(step.placeholders.map((p) => [p.offset, p.line, p.column]), [[7, 1, 6]]);
  });
});

describe('parseRunbook: checklist', () => {
  it('collects task list items with their state, line and section', () => {
    const runbook = parseRunbook(doc('# Process', '- [ ] Acknowledge the alert', '- [x] Open an **incident** channel', '* [X] Page the owner', '- not a task', '- [] not a task either'));
    assert.deepEqual(runbook.checklist, [
      { text: 'Acknowledge the alert', checked: false, line: 1, sectionId: 'section-0' },
      { text: 'Open an incident channel', checked: true, line: 2, sectionId: 'section-0' },
      { text: 'Page the owner', checked: true, line: 3, sectionId: 'section-0' },
    ]);
  });

  it('finds nested and ordered task items', () => {
    const runbook = parseRunbook(doc('1. [ ] First', '   - [x] Nested'));
    assert.deepEqual(
      runbook.checklist.map((item) => [item.text, item.checked, item.line]),
      [
        ['First', false, 0],
        ['Nested', true, 1],
      ],
    );
  });
});

describe('parseRunbook: alerts', () => {
  it('finds alert names in backticks in headings', () => {
    const runbook = parseRunbook(doc('# Runbook', '### Application Down (`AppDown`)', '### Slow (`p99 latency`) and `HighLatency`'));
    assert.deepEqual(runbook.alerts, [
      { name: 'AppDown', source: 'heading', line: 1, sectionId: 'section-1' },
      { name: 'HighLatency', source: 'heading', line: 2, sectionId: 'section-2' },
    ]);
  });

  it('finds alerts named in symptom lines', () => {
    const runbook = parseRunbook(
      doc('# R', '## Symptoms', '- Prometheus alert: `HighErrorRate`', '- **Alerts:** `DiskFull`, `DiskSlow`', '', 'Alert: `not an alert`', 'Some text', 'alert: `KubeAPIDown`'),
    );
    assert.deepEqual(
      runbook.alerts.map((a) => [a.name, a.source, a.line, a.sectionId]),
      [
        ['HighErrorRate', 'symptom', 2, 'section-1'],
        ['DiskFull', 'symptom', 3, 'section-1'],
        ['DiskSlow', 'symptom', 3, 'section-1'],
        ['KubeAPIDown', 'symptom', 7, 'section-1'],
      ],
    );
  });

  it('takes the file name when it looks like an alert name', () => {
    assert.deepEqual(parseRunbook('text', { fileName: 'alerts/KubePodCrashLooping.md' }).alerts, [
      { name: 'KubePodCrashLooping', source: 'file-name', line: 0 },
    ]);
    assert.deepEqual(parseRunbook('text', { fileName: 'runbooks/database.md' }).alerts, []);
    assert.deepEqual(parseRunbook('text', { fileName: 'runbooks/Database.md' }).alerts, []);
    assert.deepEqual(parseRunbook('text', { fileName: 'README.md' }).alerts, []);
  });

  it('accepts one-word and lowerCamel file names only when the title repeats them', () => {
    const watchdog = parseRunbook('# Watchdog\ntext', { fileName: 'general/Watchdog.md' });
    assert.deepEqual(watchdog.alerts.map((a) => [a.name, a.source]), [['Watchdog', 'file-name']]);
    const etcd = parseRunbook('# etcdNoLeader\ntext', { fileName: 'etcd/etcdNoLeader.md' });
    assert.deepEqual(etcd.alerts.map((a) => [a.name, a.source]), [['etcdNoLeader', 'file-name']]);
    assert.deepEqual(parseRunbook('# Helpers\n', { fileName: 'helpers/networkConnectivity.md' }).alerts, []);
  });

  it('takes a level-1 title that is nothing but an alert name', () => {
    const runbook = parseRunbook(doc('# KubeAPIDown', '## Meaning', '# Overview'));
    assert.deepEqual(runbook.alerts, [{ name: 'KubeAPIDown', source: 'heading', line: 0, sectionId: 'section-0' }]);
  });

  it('deduplicates by name and source, keeping the first place', () => {
    const runbook = parseRunbook(
      doc('---', 'alerts: [AppDown]', '---', '# R (`AppDown`)', '## Again `AppDown`', 'Alert: `AppDown`', 'Alert: `AppDown`'),
      { fileName: 'AppDown.md' },
    );
    assert.deepEqual(
      runbook.alerts.map((a) => [a.source, a.line]),
      [
        ['front-matter', 1],
        ['heading', 3],
        ['symptom', 5],
        ['file-name', 0],
      ],
    );
  });
});

describe('parseRunbook: robustness', () => {
  it('never throws on odd input and keeps ranges inside the document', () => {
    for (const text of ['', '\n', '```', '~~~', '---', '---\n---', '\r\r\r```\r', '\u0000```\u0000\n\u0000', '#', '- [ ]', '|a|\n|-|', '> ```\n>']) {
      const runbook = parseRunbook(text);
      for (const step of runbook.steps) {
        assert.ok(step.range.startLine >= 0 && step.range.endLine < runbook.lineCount, JSON.stringify(text));
      }
    }
  });

  it('treats lone CR as a line break, as editors do', () => {
    const runbook = parseRunbook('# A\r```sh\rls\r```');
    assert.equal(runbook.lineCount, 4);
    assert.deepEqual(runbook.steps[0].range, { startLine: 1, endLine: 3 });
    assert.equal(runbook.steps[0].content, 'ls');
  });
});
