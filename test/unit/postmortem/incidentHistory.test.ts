import assert from 'node:assert/strict';
import type { JournalEntry, StepFinishedEntry, StepStartedEntry } from '../../../src/core/execution/executionJournal';
import { collectIncidentHistory, describeLastTime, renderIncidentHistory, type RecordedIncident } from '../../../src/core/postmortem/incidentHistory';
import type { SessionRecord, SourceIncidentRef } from '../../../src/core/postmortem/sessionModel';

const crashLooping: SourceIncidentRef = {
  incidentId: 'incident/alertmanager/prod/4f2a',
  source: 'alertmanager',
  sourceName: 'prod',
  title: 'Pod shop/checkout-7d9 is crash looping',
  alertName: 'KubePodCrashLooping',
  startedAt: '',
  labels: {},
};
const diskFull: SourceIncidentRef = { ...crashLooping, incidentId: 'incident/alertmanager/prod/9c1e', title: 'Disk almost full', alertName: 'NodeFilesystemAlmostOutOfSpace' };

function incident(id: string, startedAt: string, resolvedAt: string | undefined, sources: SourceIncidentRef[], summary?: string): RecordedIncident {
  const record: SessionRecord = { id, title: `${id} title`, severity: 'P2', startedAt, ...(resolvedAt ? { resolvedAt } : {}), sources };
  return {
    record,
    events: [
      { type: 'incident-started', at: startedAt, title: record.title, severity: 'P2' },
      ...(resolvedAt ? [{ type: 'incident-resolved' as const, at: resolvedAt, ...(summary ? { summary } : {}) }] : []),
    ],
  };
}

function step(runId: string, at: string, command: string, exitCode: number | null, endedAt?: string): JournalEntry[] {
  const started: StepStartedEntry = {
    type: 'step-started',
    runId,
    at,
    runbook: 'runbooks/crash.md',
    runbookTitle: 'Crash looping',
    stepId: 'step-1',
    command,
    context: 'prod-eu',
    namespace: 'shop',
    destructive: false,
    confirmation: 'none',
  };
  const finished: StepFinishedEntry = { type: 'step-finished', runId, at: endedAt ?? at, exitCode, durationMs: 1500 };
  return exitCode === null && endedAt === undefined ? [started] : [started, finished];
}

// Three incidents about crash looping (one never resolved) and one about a full disk, with
// steps in each; one crash-looping step ran after its incident was resolved.
const incidents: RecordedIncident[] = [
  incident('INC-20261101-001', '2026-11-01T10:00:00.000Z', '2026-11-01T10:45:00.000Z', [crashLooping], 'rolled back'),
  incident('INC-20261120-001', '2026-11-20T08:00:00.000Z', '2026-11-20T09:05:30.000Z', [crashLooping]),
  incident('INC-20261115-001', '2026-11-15T12:00:00.000Z', '2026-11-15T12:30:00.000Z', [diskFull]),
  incident('INC-20261124-001', '2026-11-24T14:00:00.000Z', undefined, [crashLooping]),
];
const journal: JournalEntry[] = [
  ...step('a1', '2026-11-01T10:05:00.000Z', 'kubectl get pods', 0),
  ...step('a2', '2026-11-01T10:30:00.000Z', 'kubectl rollout undo deploy/web', 0),
  ...step('b1', '2026-11-20T08:10:00.000Z', 'kubectl logs deploy/web --previous', 1),
  ...step('b2', '2026-11-20T08:50:00.000Z', 'kubectl rollout restart deploy/web', 0),
  ...step('b3', '2026-11-20T09:30:00.000Z', 'kubectl get pods -w', null),
  ...step('c1', '2026-11-15T12:10:00.000Z', 'df -h', 0),
  ...step('d1', '2026-11-24T14:05:00.000Z', 'kubectl describe pod checkout-7d9', 0),
  ...step('d2', '2026-11-24T14:20:00.000Z', 'kubectl get pods -w', null),
];

describe('collectIncidentHistory', () => {
  const history = collectIncidentHistory('KubePodCrashLooping', incidents, journal);

  it('lists the incidents about the alert, newest first, and no others', () => {
    assert.deepEqual(
      history.map((entry) => entry.record.id),
      ['INC-20261124-001', 'INC-20261120-001', 'INC-20261101-001'],
    );
  });

  it('gives the time to resolve from the first alert to the resolution', () => {
    assert.deepEqual(
      history.map((entry) => entry.timeToResolveMs),
      [undefined, 65.5 * 60_000, 45 * 60_000],
    );
  });

  it('names the last step started before the resolution, not one run after it', () => {
    assert.equal(history[1].lastStepBeforeResolution?.command, 'kubectl rollout restart deploy/web');
    assert.equal(history[2].lastStepBeforeResolution?.command, 'kubectl rollout undo deploy/web');
  });

  it('keeps an unresolved incident, with its steps and no last step before a resolution', () => {
    assert.equal(history[0].record.resolvedAt, undefined);
    assert.deepEqual(history[0].steps.map((s) => s.command), ['kubectl describe pod checkout-7d9', 'kubectl get pods -w']);
    assert.equal(history[0].lastStepBeforeResolution, undefined);
  });

  it('lists each incident’s steps in order with their exit codes', () => {
    assert.deepEqual(
      history[2].steps.map((s) => [s.command, s.exitCode]),
      [
        ['kubectl get pods', 0],
        ['kubectl rollout undo deploy/web', 0],
      ],
    );
    assert.equal(history[2].resolution, 'rolled back');
  });

  it('leaves out the incident named as the current one', () => {
    assert.deepEqual(
      collectIncidentHistory('KubePodCrashLooping', incidents, journal, 'INC-20261124-001').map((entry) => entry.record.id),
      ['INC-20261120-001', 'INC-20261101-001'],
    );
  });

  it('finds an incident the alert joined later, and none for an alert never seen', () => {
    const joined: RecordedIncident = {
      ...incident('INC-20261110-001', '2026-11-10T00:00:00.000Z', '2026-11-10T01:00:00.000Z', []),
    };
    const withJoined = [...incidents, { ...joined, events: [...joined.events, { type: 'alert-fired' as const, at: '2026-11-10T00:10:00.000Z', incidentId: diskFull.incidentId, title: 'x', alertName: 'NodeFilesystemAlmostOutOfSpace', source: 'alertmanager' as const, severity: 'P2' as const }] }];
    assert.deepEqual(
      collectIncidentHistory('NodeFilesystemAlmostOutOfSpace', withJoined, journal).map((entry) => entry.record.id),
      ['INC-20261115-001', 'INC-20261110-001'],
    );
    assert.deepEqual(collectIncidentHistory('NeverFired', incidents, journal), []);
  });
});

describe('renderIncidentHistory', () => {
  const history = collectIncidentHistory('KubePodCrashLooping', incidents, journal, 'INC-20261124-001');
  const links = new Map([['INC-20261101-001', { target: 'file:///work/postmortems/2026-11-01-inc.md', name: 'postmortems/2026-11-01-inc.md' }]]);
  const text = renderIncidentHistory('KubePodCrashLooping', history, links, 'UTC');

  it('shows when, how long, the last step and a link to the post-mortem, newest first', () => {
    assert.ok(text.indexOf('## INC-20261120-001') < text.indexOf('## INC-20261101-001'));
    assert.match(text, /- \*\*When:\*\* 2026-11-01 10:00 UTC/);
    assert.match(text, /- \*\*Time to resolve:\*\* 45 min/);
    assert.match(text, /- \*\*Last step before resolution:\*\* `kubectl rollout undo deploy\/web` in prod-eu\/shop → exit 0 \(1\.5 s\)/);
    assert.match(text, /- \*\*Post-mortem:\*\* \[postmortems\/2026-11-01-inc\.md\]\(<file:\/\/\/work\/postmortems\/2026-11-01-inc\.md>\)/);
    assert.match(text, /## INC-20261120-001[\s\S]*- \*\*Post-mortem:\*\* none found in the post-mortem folder/);
  });

  it('lists every step with its exit code, and a step whose end was not recorded as such', () => {
    assert.match(text, /\| 2026-11-20 08:10 UTC \| `kubectl logs deploy\/web --previous` in prod-eu\/shop → exit 1 \(1\.5 s\) \|/);
    const current = renderIncidentHistory('KubePodCrashLooping', collectIncidentHistory('KubePodCrashLooping', incidents, journal), new Map(), 'UTC');
    assert.match(current, /- \*\*Time to resolve:\*\* not resolved/);
    assert.match(current, /`kubectl get pods -w` in prod-eu\/shop → no result recorded/);
  });

  it('shows a title written to break the document as text', () => {
    const hostile = [{ ...history[0], record: { ...history[0].record, title: '<img src=x> [a](javascript:x) **b**\n# heading' } }];
    assert.match(renderIncidentHistory('KubePodCrashLooping', hostile, new Map()), /## INC-20261120-001: \\<img src=x\\> \\\[a\\\]\(javascript:x\) \\\*\\\*b\\\*\\\* # heading \(P2\)/);
  });

  it('says so when there is no history', () => {
    assert.match(renderIncidentHistory('NeverFired', [], new Map()), /No earlier incident in this workspace's records was about NeverFired\./);
  });

  it('sums up the last time in one sentence', () => {
    assert.equal(describeLastTime(history[0], 'UTC'), 'INC-20261120-001 (2026-11-20 08:00 UTC) took 1 h 6 min to resolve; last step before it was over: kubectl rollout restart deploy/web (exit 0).');
  });
});
