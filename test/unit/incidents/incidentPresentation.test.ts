import assert from 'node:assert/strict';
import { formatIncidentId, type Incident } from '../../../src/core/incidents/incidentModel';
import {
  describeIncidentAge,
  describeResponseClock,
  formatIncidentSummary,
  describeSeverityRow,
  formatIncidentTooltip,
  formatLocalAndUtc,
  incidentContextValue,
  describeIncidentRow,
} from '../../../src/core/incidents/incidentPresentation';
import { layoutProblems } from '../../../src/core/incidents/problemPresentation';
import { foldProblems } from '../../../src/core/incidents/problems';
import { renderRunbookStub, runbookStubPath } from '../../../src/core/incidents/runbookStub';
import { parseRunbook } from '../../../src/core/runbooks/parseRunbook';
import { indexRunbooksForMatching, matchRunbook } from '../../../src/core/incidents/runbookMatching';

const NOW = Date.parse('2026-11-24T10:30:00Z');

function incident(overrides: Partial<Incident> & { sourceId: string }): Incident {
  const source = overrides.source ?? 'alertmanager';
  const sourceName = overrides.sourceName ?? 'main';
  return {
    id: formatIncidentId(source, sourceName, overrides.sourceId),
    source,
    sourceName,
    title: 'Pod is crash looping.',
    severity: 'P2',
    group: 'shop',
    labels: { alertname: 'KubePodCrashLooping', namespace: 'shop', pod: 'web-1', severity: 'warning' },
    annotations: { summary: 'Pod is crash looping.' },
    startedAt: '2026-11-24T10:18:00.000Z',
    status: 'firing',
    alertName: 'KubePodCrashLooping',
    ...overrides,
  };
}

/** An alert naming no Kubernetes object: a problem of its own, whatever else is listed. */
function lone(overrides: Partial<Incident> & { sourceId: string }): Incident {
  return incident({ labels: { alertname: 'CheckoutSlow', severity: 'warning' }, ...overrides });
}

describe('incident presentation', () => {
  it('says how long an incident has been going, and nothing without a start time', () => {
    assert.equal(describeIncidentAge(incident({ sourceId: 'a' }), NOW), 'for 12m');
    assert.equal(describeIncidentAge(incident({ sourceId: 'a', startedAt: '' }), NOW), '');
  });

  it('runs a response clock until someone acts, then stops it', () => {
    const fresh = incident({ sourceId: 'a', severity: 'P1' });
    assert.deepEqual(describeResponseClock(fresh, 15, NOW), { text: 'respond within 3m', short: '3m left', overdue: false });
    assert.deepEqual(describeResponseClock(fresh, 5, NOW), { text: 'response 7m overdue', short: 'overdue 7m', overdue: true });
    assert.equal(describeResponseClock({ ...fresh, status: 'acknowledged' }, 15, NOW), undefined);
    assert.equal(describeResponseClock({ ...fresh, status: 'silenced' }, 15, NOW), undefined);
  });

  it('puts the short facts first in a row, then the title, and says "overdue" in words', () => {
    const late = incident({ sourceId: 'a', severity: 'P1', title: 'Checkout error rate above 5% for every shopper', startedAt: '2026-11-24T09:50:00Z' });
    const row = describeIncidentRow(late, 15, NOW);
    assert.equal(row.label, 'P1 · 40m · overdue 25m · Checkout error rate above 5% for every shopper');
    assert.equal(row.description, 'KubePodCrashLooping · for 40m · response 25m overdue');
    assert.equal(row.overdue, true);
    assert.match(row.accessibilityLabel, /^P1 Checkout error rate above 5% for every shopper, Alertmanager, .*response 25m overdue$/);
    const onTime = describeIncidentRow(incident({ sourceId: 'b', severity: 'P2' }), 60, NOW);
    assert.equal(onTime.label, 'P2 · 12m · Pod is crash looping.');
    assert.equal(onTime.description, 'KubePodCrashLooping · for 12m · respond within 48m');
    assert.equal(onTime.overdue, false);
  });

  it('leaves the clock out of a row until the response time is known, and for incidents someone answered', () => {
    const pending = describeIncidentRow(incident({ sourceId: 'a', severity: 'P0' }), undefined, NOW);
    assert.equal(pending.label, 'P0 · 12m · Pod is crash looping.');
    assert.equal(pending.description, 'KubePodCrashLooping · for 12m');
    const acknowledged = describeIncidentRow(incident({ sourceId: 'b', severity: 'P0', status: 'acknowledged' }), 5, NOW);
    assert.equal(acknowledged.label, 'P0 · 12m · Pod is crash looping.');
    assert.equal(acknowledged.overdue, false);
    const noStart = describeIncidentRow(incident({ sourceId: 'c', startedAt: '', alertName: 'Pod is crash looping.' }), 60, NOW);
    assert.equal(noStart.label, 'P2 · Pod is crash looping.');
    assert.equal(noStart.description, '');
  });

  it('lays incidents out by severity, then group, newest first, and hides suppressed ones unless asked', () => {
    const list = [
      lone({ sourceId: '1', severity: 'P2', group: 'shop', startedAt: '2026-11-24T10:00:00Z' }),
      lone({ sourceId: '2', severity: 'P2', group: 'shop', startedAt: '2026-11-24T10:20:00Z' }),
      lone({ sourceId: '3', severity: 'P0', group: 'payments' }),
      lone({ sourceId: '4', severity: 'P2', group: 'auth' }),
      lone({ sourceId: '5', severity: 'P1', group: 'shop', status: 'silenced', silencedBy: ['s1'] }),
    ];
    const hidden = layoutProblems(foldProblems(list).entries, { showSuppressed: false });
    assert.deepEqual(
      hidden.buckets.map((b) => [b.level, b.count, b.groups.map((g) => [g.name, g.problems.map((p) => p.parts[0].sourceId)])]),
      [
        ['P0', 1, [['payments', ['3']]]],
        ['P2', 3, [['auth', ['4']], ['shop', ['2', '1']]]],
      ],
    );
    assert.equal(hidden.hidden, 1);
    const shown = layoutProblems(foldProblems(list).entries, { showSuppressed: true });
    assert.deepEqual(shown.buckets.map((b) => b.level), ['P0', 'P1', 'P2']);
    assert.equal(shown.hidden, 0);
  });

  it('counts open P0 and P1 for the badge, acknowledged included, silenced not', () => {
    const list = [
      lone({ sourceId: '1', severity: 'P0' }),
      lone({ sourceId: '2', severity: 'P1', source: 'pagerduty', status: 'acknowledged' }),
      lone({ sourceId: '3', severity: 'P1', status: 'silenced' }),
      lone({ sourceId: '4', severity: 'P2' }),
    ];
    assert.equal(foldProblems(list).urgent, 2);
  });

  it('tags context values so menus can match by regex', () => {
    assert.equal(incidentContextValue(incident({ sourceId: 'a', url: 'http://prom/graph', labels: { alertname: 'Watchdog' } }), new Set()), 'oncall:incident+alertmanager+silenceable+source');
    assert.equal(incidentContextValue(incident({ sourceId: 'a', status: 'silenced', silencedBy: ['mine'], labels: {} }), new Set(['mine'])), 'oncall:incident+alertmanager+ownSilence');
    assert.equal(incidentContextValue(incident({ sourceId: 'a', status: 'silenced', silencedBy: ['theirs'], labels: {} }), new Set(['mine'])), 'oncall:incident+alertmanager');
    assert.equal(incidentContextValue(incident({ sourceId: 'P1X', source: 'pagerduty', status: 'triggered', labels: {} }), new Set()), 'oncall:incident+pagerduty+acknowledgeable+resolvable');
    assert.equal(incidentContextValue(incident({ sourceId: 'P1X', source: 'pagerduty', status: 'acknowledged', labels: {} }), new Set()), 'oncall:incident+pagerduty+resolvable');
  });

  it('offers logs for an incident about a pod or workload, and describe and events for a node', () => {
    const tags = (labels: Record<string, string>) => incidentContextValue(incident({ sourceId: 'k', source: 'kubernetes', labels }), new Set());
    assert.equal(tags({ namespace: 'shop', pod: 'web-1', reason: 'CrashLoopBackOff' }), 'oncall:incident+kubernetes+workload+logs');
    assert.equal(tags({ namespace: 'shop', deployment: 'web', reason: 'Unavailable' }), 'oncall:incident+kubernetes+workload+logs');
    assert.equal(tags({ node: 'node-b', reason: 'NodeNotReady' }), 'oncall:incident+kubernetes+workload');
    assert.equal(tags({ reason: 'Warning' }), 'oncall:incident+kubernetes');
  });

  it('states a response time in hours once it is a day, never 1440 min', () => {
    assert.equal(describeSeverityRow('P3', 2, 1440), '2 P3 incidents; respond within 24 h');
    assert.equal(describeSeverityRow('P0', 1, 5), '1 P0 incident; respond within 5 min');
  });

  it('shows start times in local time and UTC', () => {
    assert.equal(formatLocalAndUtc('2026-11-24T10:18:00Z', 'Europe/Berlin'), '2026-11-24 11:18 CET (10:18 UTC)');
    assert.equal(formatLocalAndUtc('not a time'), 'unknown');
  });

  it('puts labels, annotations, times, source and silence state in the tooltip, escaped', () => {
    const tooltip = formatIncidentTooltip(
      incident({ sourceId: 'a', status: 'silenced', silencedBy: ['abc'], annotations: { summary: 'x', description: 'Pod *web* [1]' } }),
      NOW,
      'UTC',
    );
    assert.match(tooltip, /silenced by abc/);
    assert.match(tooltip, /Started 2026-11-24 10:18 UTC  /);
    assert.match(tooltip, /Source: Alertmanager `main`/);
    assert.match(tooltip, /- `pod` = `web-1`/);
    assert.match(tooltip, /Pod \\\*web\\\* \\\[1\\\]/);
  });

  it('says in the tooltip how the response clock stands and where its time comes from', () => {
    const late = incident({ sourceId: 'a', severity: 'P0' });
    const fromRunbook = formatIncidentTooltip(late, NOW, 'UTC', { minutes: 10, origin: 'runbook', runbook: 'runbooks/ledger.md' });
    assert.ok(fromRunbook.includes('**Response 2m overdue**; P0 response time 10 min \\(runbooks/ledger\\.md\\)'), fromRunbook);
    const fromDefault = formatIncidentTooltip(late, NOW, 'UTC', { minutes: 60, origin: 'default' });
    assert.ok(fromDefault.includes('Respond within 48m; P0 response time 1 h \\(default\\)'), fromDefault);
    assert.doesNotMatch(formatIncidentTooltip({ ...late, status: 'acknowledged' }, NOW, 'UTC', { minutes: 10, origin: 'default' }), /respon/i);
  });

  it('copies a summary with what, since when, where and the links', () => {
    const summary = formatIncidentSummary(
      incident({ sourceId: 'a', severity: 'P1', url: 'http://prom/graph?g0', runbookUrl: 'https://runbooks.example/kubepodcrashlooping', annotations: { summary: 'Pod is crash looping.', description: 'Pod shop/web-1 restarts.' } }),
      NOW,
    );
    assert.equal(
      summary,
      [
        '[P1] KubePodCrashLooping: Pod is crash looping.',
        'firing, for 12m (since 2026-11-24 10:18 UTC), Alertmanager main',
        'namespace=shop pod=web-1',
        'Pod shop/web-1 restarts.',
        'http://prom/graph?g0',
        'Runbook: https://runbooks.example/kubepodcrashlooping',
      ].join('\n'),
    );
  });

  it('creates a runbook stub the parser reads and the matcher finds for the same alert', () => {
    const alert = incident({ sourceId: 'a', alertName: 'CheckoutLatencyHigh', title: 'Checkout is slow', severity: 'P1' });
    assert.deepEqual(runbookStubPath(alert), { path: 'runbooks/CheckoutLatencyHigh.md' });
    assert.deepEqual(runbookStubPath(incident({ sourceId: 'b', alertName: undefined, title: 'Disk / is full!' })), { path: 'runbooks/Disk-is-full.md' });
    const runbook = parseRunbook(renderRunbookStub(alert));
    assert.equal(runbook.title, 'CheckoutLatencyHigh');
    assert.deepEqual(runbook.diagnostics, []);
    assert.ok(runbook.steps.some((step) => step.runnable && step.content.includes('kubectl get pods')));
    const match = matchRunbook(alert, indexRunbooksForMatching([{ uri: 'file:///w/runbooks/CheckoutLatencyHigh.md', path: 'runbooks/CheckoutLatencyHigh.md', runbook }]));
    assert.equal(match?.reason, 'front-matter');
  });
});
