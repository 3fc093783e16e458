// The incident model: what every source (Alertmanager, Kubernetes, PagerDuty) is reduced to
// before it reaches the Incidents tree. Plain data only, so snapshots can be diffed, cached
// and passed as command arguments, and the parsers can be tested without an editor.

import type { SeverityLevel } from '../shared/severity';

export type IncidentSource = 'alertmanager' | 'kubernetes' | 'pagerduty';

/**
 * - `firing`: an active Alertmanager alert, or a Kubernetes signal that is present now.
 * - `silenced` / `inhibited`: a suppressed Alertmanager alert (silence, inhibition rule).
 * - `muted`: suppressed only by a time interval (Alertmanager 0.28+ `mutedBy`).
 * - `triggered` / `acknowledged`: PagerDuty's own states (resolved incidents are not listed).
 */
export type IncidentStatus = 'firing' | 'silenced' | 'inhibited' | 'muted' | 'triggered' | 'acknowledged';

export interface Incident {
  /**
   * Stable across polls: `incident/<source>/<sourceName>/<sourceId>`. The instance name is part
   * of it because two configured Alertmanagers (or contexts) can report the same fingerprint,
   * and the tree needs one node each.
   */
  readonly id: string;
  readonly source: IncidentSource;
  /** Name of the configured instance: Alertmanager name, kube context, PagerDuty account. */
  readonly sourceName: string;
  /** Alertmanager fingerprint, PagerDuty incident id, or Kubernetes `<uid>/<reason>`. */
  readonly sourceId: string;
  readonly title: string;
  readonly severity: SeverityLevel;
  /** Second tree level: service, else namespace, else job; `other` when none is known. */
  readonly group: string;
  /** Alert name used for runbook matching (`alertname` label, or the kube-prometheus alert a Kubernetes signal corresponds to). */
  readonly alertName?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** ISO 8601; empty when the source gave no usable time. */
  readonly startedAt: string;
  readonly status: IncidentStatus;
  /** Where the source shows it: Alertmanager `generatorURL`, PagerDuty `html_url`. */
  readonly url?: string;
  /** `runbook_url` annotation, or GitLab's relative `runbook` annotation. */
  readonly runbookUrl?: string;
  /** Silence ids (Alertmanager) so the tree can offer to expire them. */
  readonly silencedBy?: readonly string[];
  /** Alertmanager `status.inhibitedBy`: the alerts whose inhibition rule mutes this one. */
  readonly inhibitedBy?: readonly AlertReference[];
  /** The listed alerts this one mutes through an inhibition rule (the reverse of `inhibitedBy`). */
  readonly inhibits?: readonly AlertReference[];
  /** The groups Alertmanager's route put the alert in, when read from `/api/v2/alerts/groups`. */
  readonly routeGroups?: readonly RouteGroup[];
  /**
   * The HA cluster (`"cluster"` of the instances' settings) whose instances' reports of this
   * alert were merged into this one incident; `sourceName` is then the cluster's name.
   */
  readonly cluster?: string;
  /** The cluster's instances that report the alert, in the order they are configured. */
  readonly reportedBy?: readonly string[];
}

/** Another alert of the same Alertmanager (or cluster): its fingerprint, and its name when it is listed. */
export interface AlertReference {
  readonly sourceId: string;
  /** Alert name (else title) of the referenced alert; absent when that alert is not in the list. */
  readonly name?: string;
}

/** One group of an Alertmanager route: its receiver and the values of the route's `group_by` labels. */
export interface RouteGroup {
  readonly receiver: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** Builds the stable id; the instance name is encoded so a `/` in it cannot make two ids collide. */
export function formatIncidentId(source: IncidentSource, sourceName: string, sourceId: string): string {
  // join() builds one flat string; a template literal builds a chain of concatenations that
  // V8 keeps next to the flattened copy once the id is hashed: 60 bytes more per incident.
  return ['incident', source, encodeURIComponent(sourceName), sourceId].join('/');
}

/**
 * The id of an alert merged over an HA cluster. The cluster's name is kept apart from instance
 * names by a raw `:`, which formatIncidentId never leaves in a name, so a cluster named like
 * one of the instances cannot share ids with it.
 */
export function formatClusterIncidentId(cluster: string, sourceId: string): string {
  return ['incident', 'alertmanager', `cluster:${encodeURIComponent(cluster)}`, sourceId].join('/');
}

/** Service, namespace or job: what an on-call engineer groups incidents by. */
export function pickIncidentGroup(labels: Readonly<Record<string, string>>): string {
  return labels.service || labels.namespace || labels.job || 'other';
}

/** An incident while a parser fills in its optional fields. */
export type IncidentDraft = { -readonly [K in keyof Incident]: Incident[K] };
