// Incident ingestion figures, measured against a bare JSON.parse of the same payload in the
// same run: a poll of 10,000 Alertmanager alerts (parse, convert, diff against the previous
// snapshot) and the first listing of 5,000 pods.
import { parseAlertmanagerAlerts } from '../src/core/incidents/alertmanagerAlerts';
import type { Incident } from '../src/core/incidents/incidentModel';
import { classifyPodList } from '../src/core/incidents/kubeSignals';
import { diffSnapshots } from '../src/core/incidents/snapshotDiff';
import { makeAlertPayload } from '../test/fixtures/alertmanager/alertPayloads';
import { crashLoopingStatus, makePod } from '../test/fixtures/kube/podObjects';
import { Figure, sampleAgainst } from './measure';

export function incidentFigures(): Figure[] {
  const alertPayload = JSON.stringify(makeAlertPayload(10_000));
  let previous: Map<string, Incident> = diffSnapshots(new Map(), parseAlertmanagerAlerts(JSON.parse(alertPayload), 'am').incidents).snapshot;
  let changes = 0;
  // The reference keeps its result until the next run, as the poll keeps its snapshot, so
  // that both pay for the same old-generation garbage collection.
  let kept: unknown;
  const unchangedPoll = () => {
    const diff = diffSnapshots(previous, parseAlertmanagerAlerts(JSON.parse(alertPayload), 'am').incidents);
    changes += diff.added.length + diff.removed.length + diff.changed.length;
    previous = diff.snapshot;
  };
  const poll = sampleAgainst(
    unchangedPoll,
    () => {
      kept = JSON.parse(alertPayload);
    },
    15,
  );
  if (kept === undefined) throw new Error('the reference did not run');
  // The first poll takes every alert in, which also pools their repeated strings; against an
  // unchanged poll in the same loop, whose ratio to JSON.parse is the figure above (a second
  // JSON.parse reference would measure a different garbage collector state, not the poll).
  const first = sampleAgainst(() => {
    diffSnapshots(new Map(), parseAlertmanagerAlerts(JSON.parse(alertPayload), 'am').incidents);
  }, unchangedPoll, 15);
  if (changes !== 0) throw new Error(`an unchanged poll reported ${changes} changes`);

  // One pod in fifty failing, as in a busy but mostly healthy cluster.
  const pods = [];
  for (let i = 0; i < 5_000; i++) pods.push(i % 50 === 0 ? makePod(`app-${i}`, { containerStatuses: [crashLoopingStatus()] }) : makePod(`app-${i}`));
  const podPayload = JSON.stringify({ apiVersion: 'v1', kind: 'PodList', metadata: { resourceVersion: '1' }, items: pods });
  const list = sampleAgainst(
    () => {
      // As the source does: the classifier reads the listed items as parsed.
      classifyPodList((JSON.parse(podPayload) as { items: unknown[] }).items, 'kind');
    },
    () => {
      JSON.parse(podPayload);
    },
    15,
  );

  return [
    { name: 'Alertmanager poll of 10,000 alerts (parse + convert + diff)', value: poll.measured, unit: 'ms', reference: { name: 'JSON.parse', value: poll.reference }, maxRatio: 3 },
    { name: '  the first poll, every alert new', value: first.measured, unit: 'ms', reference: { name: 'an unchanged poll', value: first.reference } },
    { name: 'first pod list of 5,000 pods (parse + classify)', value: list.measured, unit: 'ms', reference: { name: 'JSON.parse', value: list.reference }, maxRatio: 3 },
  ];
}
