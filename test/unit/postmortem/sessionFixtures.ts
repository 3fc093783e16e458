import type { SessionRecord, StepRunEvent, TimelineEvent } from '../../../src/core/postmortem/sessionModel';

// One incident as a session would record it: a crash-looping checkout deployment, an alert
// from Alertmanager, two runbook steps, a silence, a note, the resolution.

export const record: SessionRecord = {
  id: 'INC-20261124-001',
  title: 'Checkout pods crash looping',
  severity: 'P1',
  startedAt: '2026-11-24T14:03:00.000Z',
  resolvedAt: '2026-11-24T15:08:30.000Z',
  service: 'checkout',
  runbookUri: 'runbooks/pod-crash-looping.md',
  responders: ['ana'],
  sources: [
    {
      incidentId: 'incident/alertmanager/prod/4f2a',
      source: 'alertmanager',
      sourceName: 'prod',
      title: 'Pod shop/checkout-7d9 is crash looping',
      alertName: 'KubePodCrashLooping',
      startedAt: '2026-11-24T14:01:12.000Z',
      labels: { alertname: 'KubePodCrashLooping', namespace: 'shop', service: 'checkout' },
    },
  ],
};

export function stepRun(overrides: Partial<StepRunEvent> = {}): StepRunEvent {
  return {
    type: 'step-run',
    at: '2026-11-24T14:10:00.000Z',
    runId: 'run-1',
    runbook: 'runbooks/pod-crash-looping.md',
    runbookTitle: 'Pod crash looping',
    section: 'Restart the deployment',
    command: 'kubectl rollout restart deploy/web',
    context: 'prod-eu',
    namespace: 'shop',
    exitCode: 1,
    durationMs: 2300,
    ...overrides,
  };
}

export const events: TimelineEvent[] = [
  { type: 'incident-started', at: '2026-11-24T14:03:00.000Z', title: 'Checkout pods crash looping', severity: 'P1', by: 'ana' },
  {
    type: 'alert-fired',
    at: '2026-11-24T14:01:12.000Z',
    incidentId: 'incident/alertmanager/prod/4f2a',
    title: 'Pod shop/checkout-7d9 is crash looping',
    alertName: 'KubePodCrashLooping',
    source: 'alertmanager',
    severity: 'P1',
  },
  stepRun(),
  stepRun({ runId: 'run-2', at: '2026-11-24T14:21:40.000Z', command: 'kubectl rollout undo deploy/web', exitCode: 0, durationMs: 41_000 }),
  {
    type: 'alert-silenced',
    at: '2026-11-24T14:12:00.000Z',
    incidentId: 'incident/alertmanager/prod/4f2a',
    title: 'Pod shop/checkout-7d9 is crash looping',
    silenceId: 'sil-77',
    until: '2026-11-24T16:12:00.000Z',
    comment: 'rollback in progress',
  },
  { type: 'note', at: '2026-11-24T14:15:00.000Z', text: 'Bad config in release 42' },
  { type: 'alert-resolved', at: '2026-11-24T14:30:00.000Z', incidentId: 'incident/alertmanager/prod/4f2a', title: 'Pod shop/checkout-7d9 is crash looping' },
  { type: 'incident-resolved', at: '2026-11-24T15:08:30.000Z', summary: 'Rolled back to release 41.' },
];
