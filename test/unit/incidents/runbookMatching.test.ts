import assert from 'node:assert/strict';
import type { Incident } from '../../../src/core/incidents/incidentModel';
import { indexRunbooksForMatching, matchRunbook, splitRunbookPath, type RunbookFile, type RunbookMatchIndex } from '../../../src/core/incidents/runbookMatching';
import { parseRunbook } from '../../../src/core/runbooks/parseRunbook';
import { bestTimes } from '../../support/growth';

const doc = (...lines: string[]): string => lines.join('\n');

function file(path: string, text: string): RunbookFile {
  return { uri: `file:///ws/${path}`, path, runbook: parseRunbook(text) };
}

function alertIncident(alertName: string | undefined, annotations: Record<string, string> = {}): Incident {
  const labels: Record<string, string> = alertName ? { alertname: alertName } : {};
  return {
    id: `incident/alertmanager/am/${alertName}`,
    source: 'alertmanager',
    sourceName: 'am',
    sourceId: String(alertName),
    title: alertName ?? 'x',
    severity: 'P2',
    group: 'other',
    labels,
    annotations,
    startedAt: '',
    status: 'firing',
    ...(alertName ? { alertName } : {}),
    ...(annotations.runbook_url || annotations.runbook ? { runbookUrl: annotations.runbook_url || annotations.runbook } : {}),
  };
}

const runbooks: RunbookFile[] = [
  file('runbooks/kubernetes/KubePodCrashLooping.md', doc('# KubePodCrashLooping', '', '## Meaning', 'text')),
  file('other/kubernetes-mirror/KubePodCrashLooping.md', doc('# copy')),
  file('docs/cart/high-error-rate.md', doc('# High error rate', '', '## Diagnosis', '', '## Mitigation')),
  file('runbooks/payments.md', doc('---', 'alerts: [PaymentsDown]', '---', '# Payments', '', '## Alert `PaymentsLatencyHigh`', 'text')),
  file('runbooks/db.md', doc('# Database', '', '## Symptoms', '', '- Prometheus alert: `DatabaseConnectionsExhausted`')),
  file('runbooks/disk-filling-up.md', doc('# Disks')),
  file('runbooks/kubernetes/_index.md', doc('# Kubernetes')),
];
const index = indexRunbooksForMatching(runbooks);

describe('splitRunbookPath', () => {
  it('lower-cases, drops .md and empty segments, and maps folder pages to their folder', () => {
    assert.deepEqual(splitRunbookPath('/Runbooks/Kubernetes/KubePodCrashLooping.md'), ['runbooks', 'kubernetes', 'kubepodcrashlooping']);
    assert.deepEqual(splitRunbookPath('runbooks/kubernetes/'), ['runbooks', 'kubernetes']);
    assert.deepEqual(splitRunbookPath('content/runbooks/kubernetes/_index.md'), ['content', 'runbooks', 'kubernetes']);
  });
});

describe('matchRunbook', () => {
  it('maps a runbook_url onto the local file by path suffix, case-insensitively', () => {
    const match = matchRunbook(
      alertIncident('KubePodCrashLooping', { runbook_url: 'https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping' }),
      index,
    );
    assert.deepEqual(match, { uri: 'file:///ws/runbooks/kubernetes/KubePodCrashLooping.md', sectionId: 'section-0', line: 0, reason: 'runbook-url' });
  });

  it('ignores trailing slashes, .md, queries, and prefers the file sharing the most path segments', () => {
    for (const url of [
      'https://example.com/runbooks/kubernetes/KubePodCrashLooping/',
      'https://example.com/x/runbooks/kubernetes/kubepodcrashlooping.md?ref=main',
    ]) {
      assert.equal(matchRunbook(alertIncident(undefined, { runbook_url: url }), index)?.uri, 'file:///ws/runbooks/kubernetes/KubePodCrashLooping.md', url);
    }
    assert.equal(
      matchRunbook(alertIncident(undefined, { runbook_url: 'https://example.com/kubernetes-mirror/kubepodcrashlooping' }), index)?.uri,
      'file:///ws/other/kubernetes-mirror/KubePodCrashLooping.md',
    );
    assert.equal(matchRunbook(alertIncident(undefined, { runbook_url: 'https://example.com/runbooks/kubernetes/' }), index)?.uri, 'file:///ws/runbooks/kubernetes/_index.md');
  });

  it('follows GitLab-style relative runbook annotations and their anchors', () => {
    const match = matchRunbook(alertIncident('CartErrors', { runbook: 'docs/cart/high-error-rate.md#mitigation' }), index);
    assert.deepEqual(match, { uri: 'file:///ws/docs/cart/high-error-rate.md', sectionId: 'section-2', line: 4, reason: 'runbook-url' });
  });

  it('falls back to front matter, then headings, then symptoms, then file names', () => {
    assert.deepEqual(matchRunbook(alertIncident('PaymentsDown', { runbook_url: 'https://nowhere.example/unknown' }), index), {
      uri: 'file:///ws/runbooks/payments.md',
      line: 1,
      reason: 'front-matter',
    });
    const heading = matchRunbook(alertIncident('PaymentsLatencyHigh'), index);
    assert.equal(heading?.reason, 'heading');
    assert.equal(heading?.line, 5);
    assert.equal(heading?.sectionId, 'section-1');
    const symptom = matchRunbook(alertIncident('DatabaseConnectionsExhausted'), index);
    assert.equal(symptom?.reason, 'symptom');
    assert.equal(symptom?.line, 4);
    assert.deepEqual(matchRunbook(alertIncident('DiskFillingUp'), index), { uri: 'file:///ws/runbooks/disk-filling-up.md', line: 0, reason: 'file-name' });
  });

  it('matches alert names case-insensitively and accepts a plain list of runbooks', () => {
    assert.equal(matchRunbook(alertIncident('paymentsdown'), runbooks)?.reason, 'front-matter');
  });

  it('picks the same runbook whatever order the files were found in when two claim an alert', () => {
    const team = file('runbooks/checkout-down.md', doc('---', 'alerts: [KubePodCrashLooping]', '---', '# Checkout is down'));
    const other = file('runbooks/web-pods.md', doc('---', 'alerts: [KubePodCrashLooping]', '---', '# Web pods'));
    const incident = alertIncident('KubePodCrashLooping');
    assert.equal(matchRunbook(incident, [team, other])?.uri, team.uri);
    assert.equal(matchRunbook(incident, [other, team])?.uri, team.uri);
    // A bundled starter runbook comes after the workspace's own, whatever its path.
    const starter = { ...file('/ext/runbooks/crash-loop.md', doc('---', 'alerts: [KubePodCrashLooping]', '---', '# Crash loop')), starter: true };
    assert.equal(matchRunbook(incident, [starter, other])?.uri, other.uri);
  });

  it('returns undefined when nothing matches', () => {
    assert.equal(matchRunbook(alertIncident('NothingLikeThis'), index), undefined);
    assert.equal(matchRunbook(alertIncident(undefined), index), undefined);
    assert.equal(matchRunbook(alertIncident(undefined, { runbook_url: 'https://example.com/' }), index), undefined);
    assert.equal(matchRunbook(alertIncident(undefined, { runbook_url: '%%%' }), index), undefined);
  });

  it('matches 10,000 alerts against an index built once, at a cost that does not grow with the number of runbooks', () => {
    const alerts = Array.from({ length: 10_000 }, (_, i) =>
      alertIncident(i % 2 === 0 ? 'PaymentsDown' : `Unknown${i}`, { runbook_url: `https://runbooks.example/runbooks/kubernetes/kubepodcrashlooping${i % 3 === 0 ? '' : i}` }),
    );
    const matchAll = (against: RunbookMatchIndex) => alerts.filter((incident) => matchRunbook(incident, against) !== undefined).length;
    assert.equal(matchAll(index), 6667);
    // The same alerts against 100 times as many runbooks, measured side by side: a few map reads
    // per alert cost the same, anything rebuilt or scanned per alert costs about 100 times more.
    const others = Array.from({ length: 100 * runbooks.length }, (_, i) => file(`runbooks/team-${i}/service-${i}.md`, doc('---', `alerts: [Other${i}]`, '---', `# Service ${i}`, '', `## Alert \`Other${i}Slow\``)));
    const large = indexRunbooksForMatching([...runbooks, ...others]);
    assert.equal(matchAll(large), 6667);
    const [small, big] = bestTimes([() => matchAll(index), () => matchAll(large)]);
    assert.ok(big! < 4 * small!, `${small!.toFixed(1)} ms against ${runbooks.length} runbooks, ${big!.toFixed(1)} ms against ${runbooks.length + others.length}`);
  });
});
