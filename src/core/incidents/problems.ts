// Folds incidents into problems: every signal about one Kubernetes object (a pod's Warning
// events and waiting container, its owner's replica mismatch, and alerts whose labels name
// any of them) is one problem on the owning object, so the engineer sees one row, one
// severity, one response clock and one runbook for one thing that broke. Incidents that name
// no object stay problems of their own. Pure: the view, the badge, the status bar and the
// notifications all read the same fold.

import { checkKubernetesName, type KubernetesNameKind } from '../kube/kubernetesNames';
import { workloadTargetFromLabels } from '../kube/workloadTarget';
import { compareSeverity, isUrgentSeverity, type SeverityLevel } from '../shared/severity';
import type { Incident, IncidentSource } from './incidentModel';

/** The kinds a problem can be about: the owners pods roll up to, pods without one, and nodes. */
export type ProblemObjectKind = 'deployment' | 'statefulset' | 'daemonset' | 'job' | 'replicaset' | 'pod' | 'node';

export interface ProblemObject {
  readonly kind: ProblemObjectKind;
  readonly name: string;
  /** Absent for nodes. */
  readonly namespace?: string;
}

export interface Problem {
  /** Stable across polls: the incident's id for a problem of one, else the object's key. */
  readonly key: string;
  /** What the problem is about; absent when its one incident names no object. */
  readonly object?: ProblemObject;
  /** Most severe first, then the earliest. */
  readonly parts: readonly Incident[];
  /** The highest severity among the parts nobody suppressed (among all when every part is). */
  readonly severity: SeverityLevel;
  /** The earliest start of the parts: one response clock for the problem. */
  readonly startedAt: string;
  readonly group: string;
  /** Every part is silenced, inhibited or muted. */
  readonly suppressed: boolean;
}

/**
 * Which part a command on a problem row acts on: `primary` the part whose runbook the row
 * opens (and what Copy Summary and a session describe), `alert` a firing Alertmanager alert
 * (Silence), `silenced` an alert under a silence (Expire), `pagerduty` the PagerDuty incident
 * (Acknowledge, Resolve), `source` the part with a link to its source, `object` the part
 * naming the object whose logs, description and events are shown.
 */
export type PartRole = 'primary' | 'alert' | 'silenced' | 'pagerduty' | 'source' | 'object';

/**
 * A problem as the fold and the view's layout keep it: a problem of one incident about its own
 * object (or about none) is kept as that incident. Most alerts of a storm fold with nothing,
 * and a problem object kept for each would cost 32 bytes per alert; entryProblem reads it as
 * a problem when one is needed.
 */
export type ProblemEntry = Problem | Incident;

export interface ProblemFold {
  /** In no particular order: what the view lays out by level, group and age. */
  readonly entries: readonly ProblemEntry[];
  /** The entries as problems, made on each read: for a look at a few, not for every poll. */
  readonly problems: readonly Problem[];
  /** The problem an incident is a part of. */
  problemOf(incidentId: string): Problem | undefined;
  /** Open P0/P1 problems nobody suppressed: what the badge and the status bar count. */
  readonly urgent: number;
}

const OWNER_KINDS: Readonly<Record<string, ProblemObjectKind>> = {
  Deployment: 'deployment',
  StatefulSet: 'statefulset',
  DaemonSet: 'daemonset',
  Job: 'job',
  ReplicaSet: 'replicaset',
};

/** The name rule each kind's names follow (ReplicaSets follow the Deployment's). */
const NAME_RULES: Readonly<Record<ProblemObjectKind, KubernetesNameKind>> = {
  deployment: 'deployment',
  statefulset: 'statefulset',
  daemonset: 'daemonset',
  job: 'job',
  replicaset: 'deployment',
  pod: 'pod',
  node: 'node',
};

/**
 * A Deployment's pod is named `<deployment>-<pod-template-hash>-<5 characters>`, both random
 * parts from the alphabet the ReplicaSet controller uses (no vowels, no 0, 1 or 3). Used only
 * when nothing better is known: a pod the Kubernetes source reports carries its owner from
 * ownerReferences, which always wins.
 */
const DEPLOYMENT_POD_NAME = /^(.+)-[bcdfghjklmnpqrstvwxz2456789]{1,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/;
/** `<deployment>-<pod-template-hash>`, for events about a ReplicaSet. */
const REPLICASET_NAME = /^(.+)-[bcdfghjklmnpqrstvwxz2456789]{1,10}$/;

/** An object and its key in the fold's maps. */
interface Keyed {
  readonly object: ProblemObject;
  readonly key: string;
}

/** How an incident names its object, before pods are rolled up to owners; worked out once per incident. */
interface Naming extends Keyed {
  /** The owner the Kubernetes source read from the pod's ownerReferences. */
  readonly owner?: Keyed;
  /** The owner by the name alone (a Deployment's pod); absent: the object itself. */
  readonly byName?: Keyed;
}

function keyed(object: ProblemObject): Keyed {
  return { object, key: objectKey(object) };
}

function checked(kind: ProblemObjectKind, name: string | undefined, namespace: string | undefined): ProblemObject | undefined {
  if (!name || checkKubernetesName(NAME_RULES[kind], name) !== undefined) return undefined;
  if (kind === 'node') return { kind, name };
  if (!namespace || checkKubernetesName('namespace', namespace) !== undefined) return undefined;
  return { kind, name, namespace };
}

/**
 * The object an incident's labels name. Labels come from whoever can post an alert, so only
 * Kubernetes names count (workloadTargetFromLabels checks them); DaemonSets and ReplicaSets,
 * which the evidence commands do not read, are checked here by the same rules. Worked out
 * again on every fold: a cache per incident kept about 170 bytes alive for each alert of a
 * storm (the naming, its object, its key and the cache's entry), for checks that cost much less
 * than the poll's parse.
 */
function nameObject(incident: Incident): Naming | undefined {
  const labels = incident.labels;
  const namespace = labels.namespace || undefined;
  const eventKind = labels.kind && labels.object ? OWNER_KINDS[labels.kind] : undefined;
  const target = eventKind === undefined ? workloadTargetFromLabels(labels) : undefined;
  const daemonset = target === undefined && eventKind === undefined && labels.daemonset ? checked('daemonset', labels.daemonset, namespace) : undefined;
  const object = eventKind ? checked(eventKind, labels.object, namespace) : daemonset ?? (target && checked(target.kind, target.name, target.namespace));
  if (object === undefined) return undefined;
  const ownerKind = object.kind === 'pod' && incident.source === 'kubernetes' ? OWNER_KINDS[labels.owner_kind ?? ''] : undefined;
  const owner = ownerKind ? checked(ownerKind, labels.owner_name, object.namespace) : undefined;
  const byName = ownerByName(object);
  // Plain literals, kept for as long as their incident: spreads gave each naming a hidden
  // class of its own, 200 bytes more for each alert of a storm. Most name no owner at all.
  const key = objectKey(object);
  if (owner === undefined && byName === object) return { object, key };
  return { object, key, owner: owner && keyed(owner), byName: byName === object ? undefined : keyed(byName) };
}

function objectKey(object: ProblemObject): string {
  // join() builds one flat string; a template literal a chain of pieces, 100 bytes more per key.
  return [object.kind, object.namespace ?? '', object.name].join('/');
}

/** Nothing better known: a Deployment's pod or ReplicaSet by its name alone. */
function ownerByName(object: ProblemObject): ProblemObject {
  const pattern = object.kind === 'pod' ? DEPLOYMENT_POD_NAME : object.kind === 'replicaset' ? REPLICASET_NAME : undefined;
  const match = pattern?.exec(object.name);
  return (match && checked('deployment', match[1], object.namespace)) || object;
}

/** The ReplicaSet key a Deployment's pod name implies: `web-7d9c-fghij` → replicaset web-7d9c. */
function replicaSetKey(object: ProblemObject): string {
  const cut = object.kind === 'pod' ? object.name.lastIndexOf('-') : -1;
  return cut > 0 ? objectKey({ kind: 'replicaset', name: object.name.slice(0, cut), namespace: object.namespace }) : '';
}

/**
 * What the Kubernetes source knows of owners: each failing pod's, from its ownerReferences (none
 * means a bare pod), and the ReplicaSet behind a Deployment's pod, so a sibling pod that only
 * has events (a readiness probe failing) joins the same Deployment.
 */
function learnOwners(incidents: readonly Incident[], namings: readonly (Naming | undefined)[]): Map<string, Keyed> {
  const owners = new Map<string, Keyed>();
  for (let i = 0; i < incidents.length; i++) {
    const naming = namings[i];
    // A pod's own signal, not an event about it (events name their object's kind).
    if (naming?.object.kind !== 'pod' || incidents[i].labels.kind) continue;
    const owner = naming.owner ?? naming;
    owners.set(naming.key, owner);
    if (owner.object.kind === 'deployment' && naming.object.name.startsWith(`${owner.object.name}-`)) owners.set(replicaSetKey(naming.object), owner);
  }
  return owners;
}

/** Folds incidents into problems (see the top of this file). */
export function foldProblems(incidents: Iterable<Incident>): ProblemFold {
  const kube: Incident[] = [];
  const others: Incident[] = [];
  for (const incident of incidents) (incident.source === 'kubernetes' ? kube : others).push(incident);
  const kubeNamings = kube.map(nameObject);
  // What the Kubernetes source knows of pods' owners, from their ownerReferences.
  const owners = learnOwners(kube, kubeNamings);
  // A sibling's owner is looked for by the ReplicaSet its name implies, worked out only when owners are known.
  const rollUp = (naming: Naming): Keyed => owners.get(naming.key) ?? (owners.size > 0 ? owners.get(replicaSetKey(naming.object)) : undefined) ?? naming.byName ?? naming;
  const clusters = new Map<string, Cluster>();
  const lone: ProblemEntry[] = [];
  const contextsOf = new Map<string, Set<string>>();
  const add = (key: string, keyed: Keyed, naming: Naming, incident: Incident): void => {
    const cluster = clusters.get(key);
    if (cluster === undefined) clusters.set(key, { object: keyed.object, parts: [incident], own: keyed === naming });
    else cluster.parts.push(incident);
  };
  // The cluster's own signals first: an alert joins the context that reports its object.
  for (let i = 0; i < kube.length; i++) {
    const incident = kube[i];
    const naming = kubeNamings[i];
    if (naming === undefined) {
      lone.push(incident);
      continue;
    }
    const keyed = naming.owner ?? rollUp(naming);
    let contexts = contextsOf.get(keyed.key);
    if (contexts === undefined) contextsOf.set(keyed.key, (contexts = new Set()));
    contexts.add(incident.sourceName);
    add(`problem/${encodeURIComponent(incident.sourceName)}/${keyed.key}`, keyed, naming, incident);
  }
  for (const incident of others) {
    const naming = nameObject(incident);
    if (naming === undefined) {
      lone.push(incident);
      continue;
    }
    const keyed = rollUp(naming);
    const context = pickContext(contextsOf.get(keyed.key), incident.labels.cluster);
    add(`problem/${context === undefined ? '' : encodeURIComponent(context)}/${keyed.key}`, keyed, naming, incident);
  }
  return collect(clusters, lone);
}

interface Cluster {
  readonly object: ProblemObject;
  readonly parts: Incident[];
  /** The object is the one the first part names itself, not an owner it was rolled up to. */
  readonly own: boolean;
}

/**
 * A problem of one incident about its own object (or about none), read from the incident: what
 * entryProblem makes of an incident the fold keeps as its own problem.
 */
class LoneProblem implements Problem {
  constructor(private readonly incident: Incident) {}

  get key(): string {
    return this.incident.id;
  }

  get object(): ProblemObject | undefined {
    return nameObject(this.incident)?.object;
  }

  get parts(): readonly Incident[] {
    return [this.incident];
  }

  get severity(): SeverityLevel {
    return this.incident.severity;
  }

  get startedAt(): string {
    return this.incident.startedAt;
  }

  get group(): string {
    return this.incident.group;
  }

  get suppressed(): boolean {
    return isSuppressedPart(this.incident);
  }
}

/**
 * The watched context an alert about an object joins: the only one that reports the object,
 * or the one its `cluster` label names. Two contexts and no telling label: it joins neither,
 * rather than guess which cluster the alert is about.
 */
function pickContext(contexts: ReadonlySet<string> | undefined, cluster: string | undefined): string | undefined {
  if (contexts === undefined) return undefined;
  if (contexts.size === 1) return [...contexts][0];
  return cluster !== undefined && contexts.has(cluster) ? cluster : undefined;
}

function collect(clusters: ReadonlyMap<string, Cluster>, entries: ProblemEntry[]): ProblemFold {
  for (const [key, { object, parts, own }] of clusters) {
    // A problem of one keeps its incident's id, so a lone incident's row is as it always was.
    if (parts.length > 1) entries.push(buildProblem(key, object, parts));
    else entries.push(own ? parts[0] : buildProblem(parts[0].id, object, parts));
  }
  let urgent = 0;
  for (const entry of entries) {
    const suppressed = isLoneIncident(entry) ? isSuppressedPart(entry) : entry.suppressed;
    if (!suppressed && isUrgentSeverity(entry.severity)) urgent++;
  }
  let byIncident: Map<string, ProblemEntry> | undefined;
  const problemOf = (id: string): Problem | undefined => {
    // Built on first use: most folds are only laid out and counted.
    if (byIncident === undefined) {
      byIncident = new Map();
      for (const entry of entries) {
        if (isLoneIncident(entry)) byIncident.set(entry.id, entry);
        else for (const part of entry.parts) byIncident.set(part.id, entry);
      }
    }
    const entry = byIncident.get(id);
    return entry && entryProblem(entry);
  };
  return {
    entries,
    get problems() {
      return entries.map(entryProblem);
    },
    problemOf,
    urgent,
  };
}

/** Whether an entry is an incident kept as its own problem (see ProblemEntry). */
export function isLoneIncident(entry: ProblemEntry): entry is Incident {
  return !('parts' in entry);
}

/** The entry as a problem: a problem of one made for an incident kept as its own problem. */
export function entryProblem(entry: ProblemEntry): Problem {
  return isLoneIncident(entry) ? new LoneProblem(entry) : entry;
}

/** Silenced, inhibited and muted alerts are known but nobody needs to act on them now. */
function isSuppressedPart(incident: Incident): boolean {
  return incident.status === 'silenced' || incident.status === 'inhibited' || incident.status === 'muted';
}

function compareParts(a: Incident, b: Incident): number {
  return compareSeverity(a.severity, b.severity) || compareStart(a.startedAt, b.startedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Earliest first; an unknown start (empty) last. Parsed: sources write `…:00Z` and `…:00.000Z`. */
function compareStart(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  // Same length: the same form, which sorts as text (no parse: a storm sorts 100,000 of them).
  if (a.length === b.length) return a < b ? -1 : 1;
  return Date.parse(a) - Date.parse(b) || (a < b ? -1 : 1);
}

function buildProblem(key: string, object: ProblemObject | undefined, parts: Incident[]): Problem {
  if (parts.length === 1) {
    const [only] = parts;
    return { key, object, parts, severity: only.severity, startedAt: only.startedAt, group: only.group, suppressed: isSuppressedPart(only) };
  }
  parts.sort(compareParts);
  const open = parts.filter((part) => !isSuppressedPart(part));
  const severity = (open.length > 0 ? open : parts)[0].severity;
  const startedAt = parts.map((part) => part.startedAt).sort(compareStart)[0];
  const group = parts.length === 1 || object === undefined ? parts[0].group : object.kind === 'node' ? 'nodes' : (object.namespace ?? parts[0].group);
  return { key, object, parts, severity, startedAt, group, suppressed: open.length === 0 };
}

/** The problem without its suppressed parts (as a view that hides them shows it); undefined when nothing is left. */
export function withoutSuppressedParts(problem: Problem): Problem | undefined {
  if (problem.suppressed) return undefined;
  const open = problem.parts.filter((part) => !isSuppressedPart(part));
  if (open.length === problem.parts.length) return problem;
  const key = open.length === 1 ? open[0].id : problem.key;
  return buildProblem(key, problem.object, open);
}

/** Alertmanager, Kubernetes, PagerDuty: the sources of the parts, in that order. */
export function problemSources(problem: Problem): IncidentSource[] {
  const order: IncidentSource[] = ['alertmanager', 'kubernetes', 'pagerduty'];
  return order.filter((source) => problem.parts.some((part) => part.source === source));
}

/** "deployment shop/web", "node node-b". */
export function describeProblemObject(object: ProblemObject): string {
  return `${object.kind} ${object.namespace ? `${object.namespace}/` : ''}${object.name}`;
}

/**
 * The part whose runbook a problem opens: an alert (its rule names its runbook) before the
 * Kubernetes signals, a signal about a pod (the cause) before one about its owner (the
 * symptom), a signal with an alert name before a bare event, then the most severe.
 */
function primaryPart(problem: Problem): Incident {
  const rank = (part: Incident): number =>
    (part.source === 'kubernetes' ? 4 : part.source === 'pagerduty' ? 2 : 0) +
    (part.alertName === undefined ? 8 : 0) +
    (isSuppressedPart(part) ? 16 : 0) +
    (part.labels.pod ? 0 : 1);
  let best = problem.parts[0];
  for (const part of problem.parts) if (rank(part) < rank(best)) best = part;
  return best;
}

/** The part a command on the problem's row acts on (see PartRole); undefined when no part fits. */
export function problemPart(problem: Problem, role: PartRole): Incident | undefined {
  const primary = primaryPart(problem);
  switch (role) {
    case 'primary':
      return primary;
    case 'alert':
      return problem.parts.find((part) => part.source === 'alertmanager' && part.status === 'firing');
    case 'silenced':
      return problem.parts.find((part) => part.source === 'alertmanager' && (part.silencedBy?.length ?? 0) > 0);
    case 'pagerduty':
      return problem.parts.find((part) => part.source === 'pagerduty');
    case 'source':
      return primary.url ? primary : problem.parts.find((part) => part.url);
    case 'object':
      return objectPart(problem);
  }
}

/** The part naming the problem's own object (the deployment), else the most specific one (a pod). */
function objectPart(problem: Problem): Incident | undefined {
  const object = problem.object;
  const named = problem.parts.filter((part) => workloadTargetFromLabels(part.labels) !== undefined);
  if (object === undefined) return named[0];
  const own = named.find((part) => {
    const target = workloadTargetFromLabels(part.labels)!;
    return target.kind === object.kind && target.name === object.name && target.namespace === object.namespace;
  });
  return own ?? named.find((part) => part.source === 'kubernetes' && part.labels.pod) ?? named[0];
}

/** The parts each command acts on, by role, as ids (what a tree node carries to a command). */
export function problemPartIds(problem: Problem): Partial<Record<PartRole, string>> {
  const roles: PartRole[] = ['primary', 'alert', 'silenced', 'pagerduty', 'source', 'object'];
  const ids: Partial<Record<PartRole, string>> = {};
  for (const role of roles) {
    const part = problemPart(problem, role);
    if (part) ids[role] = part.id;
  }
  return ids;
}
