// Where a placeholder's value comes from, in order: the incident the runbook was opened for
// (its labels), values given with the run, values remembered from earlier steps of the same
// incident (or, without one, of the same runbook) in the same kube context, the namespace the
// status bar shows, and last the user. Remembered values are never used silently for a
// destructive step: the executor asks again with them preselected.

import { kubernetesKindOf, type KubernetesNameKind } from '../kube/kubernetesNames';
import { checkValue } from './placeholderValues';

export type ValueSource = 'incident' | 'given' | 'remembered' | 'context' | 'chosen';

/**
 * Incident labels per object kind, first match wins. Alertmanager alerts from
 * kube-state-metrics and the Kubernetes source both use these names. Prometheus's own `job`
 * label names the scrape job, not a Kubernetes Job, so Jobs come from `job_name` only; a
 * `service` label equal to `job` is the scraped exporter's Service, not the workload's.
 */
export const INCIDENT_LABELS_BY_KIND: Readonly<Partial<Record<KubernetesNameKind, readonly string[]>>> = {
  pod: ['pod', 'pod_name', 'exported_pod'],
  namespace: ['namespace', 'exported_namespace', 'kubernetes_namespace'],
  deployment: ['deployment'],
  statefulset: ['statefulset'],
  daemonset: ['daemonset'],
  job: ['job_name'],
  node: ['node', 'kubernetes_node'],
  service: ['service'],
  container: ['container', 'container_name'],
  configmap: ['configmap'],
  secret: ['secret'],
};

/**
 * The incident's value for a placeholder: by kind for object placeholders (`<pod-name>`,
 * `$POD`, `<failing-pod>` all take the `pod` label), else the label of the same name
 * (`<instance>`, `<cluster>`, `<persistentvolumeclaim>`, `<job-name>` as `job_name`).
 * A label value that is not a valid name for the placeholder is not used.
 */
export function valueFromIncident(placeholderName: string, labels: Readonly<Record<string, string>>): string | undefined {
  const kind = kubernetesKindOf(placeholderName);
  let value: string | undefined;
  if (kind) {
    for (const label of INCIDENT_LABELS_BY_KIND[kind] ?? []) {
      const candidate = labels[label];
      if (!candidate) continue;
      if (kind === 'service' && candidate === labels.job) continue;
      value = candidate;
      break;
    }
  } else {
    for (const [label, candidate] of Object.entries(labels)) {
      if (candidate && label.toLowerCase().replace(/[^a-z0-9]+/g, '-') === placeholderName && label !== 'job') {
        value = candidate;
        break;
      }
    }
  }
  return value !== undefined && checkValue(placeholderName, value) === undefined ? value : undefined;
}

/** The key remembered values are kept under: the incident (else the runbook) and the kube context. */
export function valueScope(scope: { readonly incidentId?: string; readonly runbookUri: string; readonly context: string }): string {
  return scope.incidentId ? `incident ${scope.incidentId} @ ${scope.context}` : `runbook ${scope.runbookUri} @ ${scope.context}`;
}

export interface KnownValues {
  readonly values: Record<string, string>;
  readonly sources: Record<string, ValueSource>;
}

/** The values known before asking, each with where it came from. */
export function gatherKnownValues(input: {
  /** Normalised names of the step's placeholders. */
  readonly names: readonly string[];
  readonly incidentLabels?: Readonly<Record<string, string>>;
  readonly given?: Readonly<Record<string, string>>;
  readonly remembered: Readonly<Record<string, string>>;
  /** The namespace the status bar shows, for `<namespace>` when nothing else gives one. */
  readonly contextNamespace?: string;
}): KnownValues {
  const values: Record<string, string> = {};
  const sources: Record<string, ValueSource> = {};
  const own = (record: Readonly<Record<string, string>> | undefined, name: string) =>
    record && Object.prototype.hasOwnProperty.call(record, name) ? record[name] : undefined;
  for (const name of new Set(input.names)) {
    const fromIncident = input.incidentLabels ? valueFromIncident(name, input.incidentLabels) : undefined;
    const given = own(input.given, name);
    const remembered = own(input.remembered, name);
    // Only the plain `<namespace>` / `$NAMESPACE` / `<ns>`: a `<target-namespace>` means another one.
    const fromContext = name === 'namespace' || name === 'ns' ? input.contextNamespace : undefined;
    const [value, source]: [string | undefined, ValueSource] =
      fromIncident !== undefined ? [fromIncident, 'incident']
      : given !== undefined ? [given, 'given']
      : remembered !== undefined ? [remembered, 'remembered']
      : fromContext ? [fromContext, 'context']
      : [undefined, 'chosen'];
    if (value === undefined) continue;
    values[name] = value;
    sources[name] = source;
  }
  return { values, sources };
}

const SOURCE_NOTES: Readonly<Record<ValueSource, string>> = {
  incident: 'from the incident',
  given: 'given',
  remembered: 'remembered from an earlier step',
  context: 'the status bar namespace',
  chosen: 'chosen now',
};

/** `pod-name = web-1 (remembered from an earlier step)`, one per value, for confirmations. */
export function describeValues(values: Readonly<Record<string, string>>, sources: Readonly<Record<string, ValueSource>>): string[] {
  return Object.entries(values).map(([name, value]) => `${name} = ${value} (${SOURCE_NOTES[sources[name] ?? 'chosen']})`);
}
