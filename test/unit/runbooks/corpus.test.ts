import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Runbook, RunbookStep } from '../../../src/core/runbooks/model';
import { parseRunbook } from '../../../src/core/runbooks/parseRunbook';
import { describeWithCorpus, listMarkdown } from '../../support/corpus';

// Real runbooks written by others, read from the corpus outside the repository
// (test/support/corpus.ts says where it is looked for).

interface Parsed {
  readonly name: string;
  readonly lines: readonly string[];
  readonly runbook: Runbook;
}

const FENCE_OPEN = /^[ \t>]*(?:[-*+]|\d+[.)])?[ \t]*(`{3,}|~{3,})/;
// A step's content lines are its source lines minus the container prefix (list indentation,
// blockquote markers, the fence's own indentation).
const CONTAINER_PREFIX = /^[ \t>]*$/;

function isPromptLine(line: string): boolean {
  return /^\s*(?:(?:sh|bash|zsh|ksh)-[\d.]+|\[[^\]]+\]|[\w.-]+@[\w.-]+(?::\S*?)?)?[$#] \S/.test(line);
}

describeWithCorpus('corpus of real runbooks', function (corpusDir) {
  this.timeout(60_000);
  let parsed: Parsed[] = [];

  before(() => {
    parsed = listMarkdown(corpusDir)
      .sort()
      .map((path) => {
        const text = readFileSync(path, 'utf8');
        return { name: relative(corpusDir, path), lines: text.split(/\r\n?|\n/), runbook: parseRunbook(text, { fileName: path }) };
      });
  });

  const find = (name: string): Parsed => {
    const found = parsed.find((p) => p.name === name);
    assert.ok(found, `corpus file ${name} not found`);
    return found;
  };
  const shellSteps = (p: Parsed): RunbookStep[] => p.runbook.steps.filter((s) => s.kind === 'shell');

  it('parses every markdown file of the three runbook collections', () => {
    assert.ok(parsed.length >= 465, `only ${parsed.length} files`);
    for (const folder of ['prometheus-operator-runbooks', 'openshift-runbooks', 'kubevirt-runbooks']) {
      assert.ok(parsed.filter((p) => p.name.startsWith(folder)).length > 50, folder);
    }
    const steps = parsed.reduce((sum, p) => sum + p.runbook.steps.length, 0);
    assert.ok(steps > 1000, `${steps} steps`);
  });

  it('puts every step range on its opening and closing fence lines', () => {
    for (const { name, lines, runbook } of parsed) {
      assert.equal(runbook.lineCount, lines.length, name);
      for (const step of runbook.steps) {
        const where = `${name}:${step.range.startLine + 1}`;
        const opening = FENCE_OPEN.exec(lines[step.range.startLine]);
        assert.ok(opening, `${where} does not open a fence: ${lines[step.range.startLine]}`);
        assert.ok(step.range.endLine < lines.length, where);
        assert.equal(step.contentRange.startLine, step.range.startLine + 1, where);
        if (step.terminated) {
          const closing = lines[step.range.endLine].replace(/^[ \t>]*/, '').trimEnd();
          assert.ok(closing.startsWith(opening[1]) && /^(`+|~+)$/.test(closing), `${where} closes with ${JSON.stringify(closing)}`);
          assert.equal(step.contentRange.endLine, step.range.endLine - 1, where);
        } else {
          assert.equal(step.contentRange.endLine, step.range.endLine, where);
        }
      }
    }
  });

  it('keeps step content as the source lines between the fences', () => {
    let exact = 0;
    for (const { name, lines, runbook } of parsed) {
      for (const step of runbook.steps) {
        const where = `${name}:${step.range.startLine + 1}`;
        const source = lines.slice(step.contentRange.startLine, step.contentRange.endLine + 1);
        const content = step.content === '' && source.length === 0 ? [] : step.content.split('\n');
        assert.equal(content.length, source.length, where);
        if (/^(`{3,}|~{3,})/.test(lines[step.range.startLine])) {
          // A fence at column 0 outside any container: content is the source, unchanged.
          assert.equal(step.content, source.join('\n'), where);
          exact++;
        } else {
          content.forEach((line, i) => {
            assert.ok(source[i].endsWith(line), `${where} line ${i}: ${JSON.stringify(line)} vs ${JSON.stringify(source[i])}`);
            assert.match(source[i].slice(0, source[i].length - line.length), CONTAINER_PREFIX, where);
          });
        }
      }
    }
    assert.ok(exact > 500, `${exact} top-level fences`);
  });

  it('keeps placeholders on their step lines, at the text they name', () => {
    for (const { name, lines, runbook } of parsed) {
      for (const step of runbook.steps) {
        for (const placeholder of step.placeholders) {
          assert.ok(placeholder.line >= step.contentRange.startLine && placeholder.line <= step.contentRange.endLine, name);
          assert.equal(lines[placeholder.line].slice(placeholder.column, placeholder.column + placeholder.text.length), placeholder.text, name);
          assert.equal(step.content.slice(placeholder.offset, placeholder.offset + placeholder.text.length), placeholder.text, name);
        }
      }
    }
  });

  // Counted by hand from the files.
  const handCounted: [string, number, number][] = [
    ['prometheus-operator-runbooks/etcd/etcdGRPCRequestsSlow.md', 4, 1],
    ['prometheus-operator-runbooks/kubernetes/KubeProxyDown.md', 4, 4],
    ['prometheus-operator-runbooks/kubernetes/KubePersistentVolumeFillingUp.md', 4, 4],
    ['prometheus-operator-runbooks/kubernetes/KubePodCrashLooping.md', 0, 0],
    ['openshift-runbooks/alerts/openshift-container-storage-operator/CephMonVersionMismatch.md', 3, 3],
    ['openshift-runbooks/alerts/cluster-monitoring-operator/NodeFileDescriptorLimit.md', 1, 1],
    ['kubevirt-runbooks/docs/runbooks/VirtOperatorDown.md', 6, 6],
    ['kubevirt-runbooks/docs/runbooks/HCOInstallationIncomplete.md', 1, 1],
  ];
  for (const [name, steps, shell] of handCounted) {
    it(`finds ${shell} shell blocks of ${steps} in ${name.split('/').pop()}`, () => {
      const file = find(name);
      assert.equal(file.runbook.steps.length, steps);
      assert.equal(shellSteps(file).length, shell);
    });
  }

  it('reads the etcd runbook: PromQL queries and one console command', () => {
    const file = find('prometheus-operator-runbooks/etcd/etcdGRPCRequestsSlow.md');
    assert.deepEqual(
      file.runbook.steps.map((s) => s.kind),
      ['promql', 'promql', 'promql', 'shell'],
    );
    assert.equal(file.runbook.steps[3].commands, 'etcdctl defrag');
    assert.deepEqual(file.runbook.alerts.map((a) => [a.name, a.source]), [
      ['etcdGRPCRequestsSlow', 'file-name'],
    ]);
  });

  it('runs the prompted commands of a console transcript that changes prompt', () => {
    const file = find('openshift-runbooks/alerts/cluster-monitoring-operator/NodeFileDescriptorLimit.md');
    assert.equal(file.runbook.steps[0].commands, `NODE_NAME='<value of instance label from alert>'\noc debug "node/$NODE_NAME"\nsysctl -a | grep 'fs.file-'\nlsof -n`);
    assert.deepEqual(
      file.runbook.steps[0].placeholders.map((p) => p.text),
      ['<value of instance label from alert>'],
    );
  });

  it('keeps a heredoc whole in a prompted bash block inside a list', () => {
    const file = find('kubevirt-runbooks/docs/runbooks/HCOInstallationIncomplete.md');
    const [step] = file.runbook.steps;
    assert.equal(step.language, 'bash');
    assert.equal(
      step.commands,
      'cat <<EOF | kubectl apply -f -\napiVersion: hco.kubevirt.io/v1beta1\nkind: HyperConverged\nmetadata:\n  name: kubevirt-hyperconverged\n  namespace: kubevirt-hyperconverged\nspec: {}\nEOF',
    );
  });

  it('joins backslash continuations of prompted commands', () => {
    const file = find('kubevirt-runbooks/docs/runbooks/VirtOperatorDown.md');
    assert.equal(file.runbook.steps[0].commands, 'export NAMESPACE="$(kubectl get kubevirt -A \\\n    -o custom-columns="":.metadata.namespace)"');
    assert.equal(file.runbook.steps[4].commands, 'kubectl -n $NAMESPACE logs -l kubevirt.io=virt-operator \\\n    --previous\nkubectl -n $NAMESPACE logs -l kubevirt.io=virt-operator');
    // NAMESPACE is set by the first step, but each step runs on its own: later steps ask for it.
    assert.deepEqual(file.runbook.steps[0].placeholders, []);
    assert.deepEqual(file.runbook.steps[1].placeholders.map((p) => p.name), ['namespace']);
  });

  it('takes only prompted lines, and the lines that continue them, from console blocks', () => {
    let checked = 0;
    for (const { name, runbook } of parsed) {
      for (const step of runbook.steps) {
        if (step.language !== 'console') continue;
        const contentLines = step.content.split('\n');
        if (!contentLines.some(isPromptLine)) continue;
        checked++;
        // Walk the content in order: each command line is a prompted line with its prompt
        // removed, or the line right after the previous command line (a continuation).
        let previous = -1;
        for (const command of step.commands.split('\n')) {
          let at = previous + 1;
          for (; at < contentLines.length; at++) {
            const line = contentLines[at];
            if (isPromptLine(line) && line.endsWith(command) && line.length > command.length) break;
            if (at === previous + 1 && previous >= 0 && line.endsWith(command)) break;
          }
          assert.ok(at < contentLines.length, `${name}:${step.range.startLine + 1} command ${JSON.stringify(command)} is not a prompted line`);
          previous = at;
        }
        assert.ok(!/^\s*\$ /m.test(step.commands), `${name}: a prompt was left in`);
      }
    }
    assert.ok(checked >= 100, `only ${checked} console blocks with prompts`);
  });

  it('finds alert names for most runbooks, from file names and titles', () => {
    const withAlerts = parsed.filter((p) => p.runbook.alerts.length > 0).length;
    assert.ok(withAlerts / parsed.length > 0.9, `${withAlerts} of ${parsed.length}`);
    const crashLooping = find('prometheus-operator-runbooks/kubernetes/KubePodCrashLooping.md').runbook;
    assert.equal(crashLooping.title, 'Kube Pod Crash Looping');
    assert.deepEqual(crashLooping.alerts.map((a) => [a.name, a.source, a.line]), [
      ['KubePodCrashLooping', 'heading', 5],
      ['KubePodCrashLooping', 'file-name', 0],
    ]);
  });

  it('reports the unclosed fences the corpus really has, and no credentials', () => {
    const unterminated = parsed.flatMap((p) => p.runbook.diagnostics.filter((d) => d.code === 'unterminated-fence').map((d) => `${p.name}:${d.line + 1}`));
    assert.deepEqual(unterminated.sort(), [
      'kubevirt-runbooks/docs/runbooks/GuestVCPUQueueHighCritical.md:22',
      'openshift-runbooks/alerts/openshift-virtualization-operator/GuestVCPUQueueHighCritical.md:22',
      'prometheus-operator-runbooks/prometheus-operator/PrometheusOperatorNodeLookupErrors.md:20',
    ]);
    const credentials = parsed.flatMap((p) => p.runbook.diagnostics.filter((d) => d.code === 'credential'));
    assert.deepEqual(credentials, []);
  });
});
