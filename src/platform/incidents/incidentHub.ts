import * as vscode from 'vscode';
import { SettingSections, Settings } from '../../constants';
import type { Incident } from '../../core/incidents/incidentModel';
import { foldProblems, type ProblemFold } from '../../core/incidents/problems';
import { mergeIncidentMaps, type SnapshotDiff } from '../../core/incidents/snapshotDiff';
import { config } from '../config';
import { describeClusterError, kubeConfigFor } from '../kube/kubeClient';
import type { KubeContextService, KubeState } from '../kube/kubeContextService';
import type { Log } from '../log';
import { AlertmanagerClusters } from './alertmanagerClusters';
import { AlertmanagerSource, type AlertmanagerInstanceConfig } from './alertmanagerSource';
import { CredentialBindings, type ReleaseQuestion } from './credentialBindings';
import type { LiveIncidentSource, SourceHealth, SourceLog } from './incidentSource';
import { KubeIncidentSource } from './kubeIncidentSource';
import { PagerDutySource } from './pagerDutySource';

export interface HubUpdate {
  /** Incident changes, merged over the sources that changed; absent for health-only updates. */
  readonly diffs: readonly SnapshotDiff[];
  /** The set of sources or the health of one changed: problem nodes must be redrawn. */
  readonly sourcesChanged: boolean;
  /** The removals come from a source being reconfigured or removed, not from incidents ending. */
  readonly retired?: boolean;
}

/**
 * The one model of the live incidents: owns the sources (builds them from the settings and the
 * active kube context, rebuilds them when those change) and the merged set of their incidents,
 * which the Incidents view, the status bar, the notifications and the commands all read from
 * here. The merged set is brought up to date before `onDidUpdate` fires, so every subscriber
 * sees the same incidents whatever the order it subscribed in. One failing source never
 * touches the others: each keeps its own snapshot and health.
 */
export class IncidentHub implements vscode.Disposable {
  private alertmanagers = new Map<string, AlertmanagerSource>();
  /** The merged incidents of Alertmanager HA clusters; their instances' own incidents are not shown. */
  private clusters = new AlertmanagerClusters([]);
  private pagerDuty: PagerDutySource | undefined;
  private kube: KubeIncidentSource | undefined;
  /** The kube context problem when no kube source can be built (kept as a pseudo-source health). */
  private kubeProblem: SourceHealth | undefined;
  private kubeStarted = false;
  /** What the current kube source watches (context, namespace, server, user); see describeKubeTarget. */
  private kubeTarget: string | undefined;
  private started = false;
  private readonly subscriptions = new Map<LiveIncidentSource, { dispose(): void }>();
  private readonly updates = new vscode.EventEmitter<HubUpdate>();
  private readonly disposables: vscode.Disposable[] = [this.updates];
  private readonly sourceLog: SourceLog;
  /** Every source's incidents by id (the first source wins a shared id), and how many are urgent. */
  private merged: ReadonlyMap<string, Incident> = new Map();
  private urgent = 0;
  /** The merged incidents folded by the object they are about: what the view and the badge count. */
  private fold: ProblemFold = foldProblems([]);
  /** Where each stored secret may go; asks before one goes anywhere new. */
  readonly credentials: CredentialBindings;

  readonly onDidUpdate = this.updates.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly kubeContext: KubeContextService,
    private readonly log: Log,
  ) {
    this.sourceLog = { info: (m) => log.info(m), warn: (m) => log.warn(m), error: (m) => log.error(m) };
    this.credentials = new CredentialBindings(secrets, askToSendCredential, this.sourceLog, (owner) => void this.source(owner)?.refresh());
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!this.started) return;
        if (config.affects(event, SettingSections.alertmanager, Settings.severityMapping, Settings.incidentsGroupBy)) this.rebuildAlertmanagers();
        // The settings the source is built from; posting notes (oncall.pagerduty.postNotes) is not one.
        if (config.affects(event, Settings.pagerDutyEnabled, Settings.pagerDutyApiUrl, Settings.pagerDutyServiceIds, Settings.pagerDutyTeamIds, Settings.pagerDutyPollInterval, Settings.severityMapping)) {
          this.rebuildPagerDuty();
        }
        if (config.affects(event, SettingSections.kubeIncidents)) this.rebuildKube(this.kubeContext.state);
      }),
      kubeContext.onDidChange((state) => {
        // The kubeconfig is re-read on many occasions; only a different target restarts the watches.
        if (this.kubeStarted && describeKubeTarget(state) !== this.kubeTarget) this.rebuildKube(state);
      }),
      secrets.onDidChange((event) => {
        if (event.key.startsWith('oncall.pagerduty.')) void this.pagerDuty?.refresh();
        for (const [name, source] of this.alertmanagers) if (event.key.startsWith(`oncall.alertmanager.${name}.`)) void source.refresh();
      }),
    );
  }

  /** Starts the HTTP sources (cheap, configured on purpose). Called after activation returns. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.rebuildAlertmanagers();
    this.rebuildPagerDuty();
  }

  /**
   * Starts watching the active kube context. Deferred until the Incidents view is first shown:
   * listing every pod of a cluster is not something opening a Markdown file should cause.
   */
  startKube(): void {
    this.start();
    if (this.kubeStarted) return;
    this.kubeStarted = true;
    void this.kubeContext.ready().then((state) => this.rebuildKube(state));
  }

  get sources(): LiveIncidentSource[] {
    const list: LiveIncidentSource[] = [...this.alertmanagers.values()];
    if (this.kube) list.push(this.kube);
    if (this.pagerDuty) list.push(this.pagerDuty);
    return list;
  }

  /** Health problems to show as nodes, including a kube context that cannot be watched. */
  problems(): { key: string; title: string; health: Extract<SourceHealth, { state: 'error' }> }[] {
    const list: { key: string; title: string; health: Extract<SourceHealth, { state: 'error' }> }[] = [];
    for (const source of this.sources) {
      if (source.health.state === 'error') list.push({ key: source.key, title: describeSourceTitle(source), health: source.health });
    }
    if (this.kubeProblem?.state === 'error') list.push({ key: 'kubernetes/', title: 'Kubernetes', health: this.kubeProblem });
    return list;
  }

  /** Notes from healthy sources (e.g. "only namespace shop is watched"). */
  notes(): { key: string; title: string; note: string }[] {
    return this.sources.flatMap((source) => (source.health.state === 'ok' && source.health.note ? [{ key: source.key, title: describeSourceTitle(source), note: source.health.note }] : []));
  }

  /** The current incidents of every source, each once. */
  incidents(): Iterable<Incident> {
    return this.merged.values();
  }

  find(id: string): Incident | undefined {
    return this.merged.get(id);
  }

  /** Open P0/P1 problems (incidents folded by object) that are not silenced, inhibited or muted. */
  get urgentCount(): number {
    return this.urgent;
  }

  /** The incidents folded into problems, one per object they are about. */
  get incidentProblems(): ProblemFold {
    return this.fold;
  }

  alertmanager(name: string): AlertmanagerSource | undefined {
    return this.alertmanagers.get(name);
  }

  /** The configured instances of an Alertmanager HA cluster, reachable ones first. */
  clusterInstances(cluster: string): AlertmanagerSource[] {
    return this.clusters.members(cluster);
  }

  /**
   * The Alertmanagers an alert can be silenced in: its instance, or the instances of its HA
   * cluster, reachable ones first. Empty for anything but an alert of a configured instance.
   */
  alertmanagersFor(incident: Incident): AlertmanagerSource[] {
    if (incident.source !== 'alertmanager') return [];
    if (incident.cluster !== undefined) return this.clusterInstances(incident.cluster);
    const source = this.alertmanagers.get(incident.sourceName);
    return source && source.cluster === undefined ? [source] : [];
  }

  pagerDutySource(): PagerDutySource | undefined {
    return this.pagerDuty;
  }

  source(key: string): LiveIncidentSource | undefined {
    return this.sources.find((source) => source.key === key);
  }

  get configuredAlertmanagers(): readonly string[] {
    return [...this.alertmanagers.keys()];
  }

  async refreshAll(): Promise<void> {
    this.startKube();
    if (this.kubeProblem) this.rebuildKube(await this.kubeContext.reload());
    await Promise.all(this.sources.map((source) => source.refresh()));
  }

  private attach(source: LiveIncidentSource): void {
    this.subscriptions.set(
      source,
      source.onUpdate((update) => {
        // A cluster instance's poll (or health: a peer going down changes what counts) is
        // shown as the change of the cluster's merged incidents.
        const cluster = this.clusters.clusterOf(source);
        const diff = cluster === undefined ? update.diff : this.clusters.update(cluster);
        this.publish({ diffs: diff ? [diff] : [], sourcesChanged: update.healthChanged });
      }),
    );
    source.start();
  }

  /** Brings the merged incidents up to date, then tells the subscribers. */
  private publish(update: HubUpdate): void {
    if (update.sourcesChanged || update.diffs.some((diff) => diff.added.length + diff.removed.length + diff.changed.length > 0)) {
      const parts = this.clusters.snapshots();
      for (const source of this.sources) if (this.clusters.clusterOf(source) === undefined) parts.push(source.incidentsById);
      this.merged = mergeIncidentMaps(parts);
      this.fold = foldProblems(this.merged.values());
      this.urgent = this.fold.urgent;
    }
    this.updates.fire(update);
  }

  private detach(source: LiveIncidentSource): void {
    this.subscriptions.get(source)?.dispose();
    this.subscriptions.delete(source);
    source.dispose();
  }

  /** Fires the removal of everything a source showed, so the tree and badge drop it at once. */
  private retire(source: LiveIncidentSource): SnapshotDiff {
    const removed = [...source.incidents];
    this.detach(source);
    return { added: [], removed, changed: [], unchanged: 0, snapshot: new Map() };
  }

  private rebuildAlertmanagers(): void {
    const diffs: SnapshotDiff[] = [this.clusters.retire()];
    for (const source of this.alertmanagers.values()) {
      // A cluster instance's own incidents were never shown: the retired merged ones stand for them.
      if (this.clusters.clusterOf(source) !== undefined) this.detach(source);
      else diffs.push(this.retire(source));
    }
    this.alertmanagers = new Map();
    for (const instance of config.alertmanagerInstances()) {
      if (this.alertmanagers.has(instance.name)) {
        this.log.warn(`Alertmanager "${instance.name}" is configured twice in oncall.alertmanager.instances; the first one is used.`);
        continue;
      }
      const userUrl = config.userAlertmanagerUrl(instance.name);
      this.alertmanagers.set(
        instance.name,
        new AlertmanagerSource({
          instance: { ...(instance as AlertmanagerInstanceConfig), ...(userUrl !== undefined ? { userUrl } : {}) },
          routeGroups: config.incidentGrouping() === 'alertmanager',
          credentials: this.credentials,
          secrets: this.secrets,
          log: this.sourceLog,
          intervalMs: config.alertmanagerPollSeconds() * 1000,
          severityMapping: config.severityMapping(),
          isFocused: () => vscode.window.state.focused,
        }),
      );
    }
    // Known before the first poll reports, so no instance's alerts are ever shown unmerged.
    this.clusters = new AlertmanagerClusters(this.alertmanagers.values());
    for (const source of this.alertmanagers.values()) this.attach(source);
    this.publish({ diffs, sourcesChanged: true, retired: true });
  }

  private rebuildPagerDuty(): void {
    const diffs: SnapshotDiff[] = [];
    if (this.pagerDuty) diffs.push(this.retire(this.pagerDuty));
    this.pagerDuty = undefined;
    if (config.pagerDutyEnabled()) {
      this.pagerDuty = new PagerDutySource({
        config: { name: 'pagerduty', apiUrl: config.pagerDutyApiUrl(), userApiUrl: config.userPagerDutyApiUrl(), serviceIds: config.pagerDutyServiceIds(), teamIds: config.pagerDutyTeamIds() },
        credentials: this.credentials,
        secrets: this.secrets,
        log: this.sourceLog,
        intervalMs: config.pagerDutyPollSeconds() * 1000,
        severityMapping: config.severityMapping(),
        isFocused: () => vscode.window.state.focused,
      });
      this.attach(this.pagerDuty);
    }
    this.publish({ diffs, sourcesChanged: true, retired: true });
  }

  private rebuildKube(state: KubeState): void {
    const diffs: SnapshotDiff[] = [];
    const previous = this.kube;
    this.kubeTarget = describeKubeTarget(state);
    this.kube = undefined;
    this.kubeProblem = undefined;
    if (previous) diffs.push(this.retire(previous));
    if (config.kubeIncidentsEnabled()) {
      if (state.kind === 'ready') {
        const { active, merged } = state;
        this.kube = new KubeIncidentSource({
          contextName: active.context,
          kubeConfig: () => kubeConfigFor(active, merged),
          namespaces: config.kubeIncidentNamespaces(),
          fallbackNamespace: active.namespace,
          log: this.sourceLog,
          describeError: (error, action) => describeClusterError(error, active, action),
        });
        this.attach(this.kube);
      } else if (state.kind === 'error' && state.error.reason !== 'no-kubeconfig') {
        // No kubeconfig at all means "no cluster here": nothing to report. Anything else is a
        // broken setup the user wants to hear about.
        this.kubeProblem = { state: 'error', message: state.error.message, action: 'openSettings', since: Date.now() };
      }
    }
    this.publish({ diffs, sourcesChanged: true, retired: true });
  }

  dispose(): void {
    for (const source of this.sources) this.detach(source);
    this.alertmanagers.clear();
    this.clusters = new AlertmanagerClusters([]);
    this.kube = undefined;
    this.pagerDuty = undefined;
    this.merged = new Map();
    for (const disposable of this.disposables) disposable.dispose();
  }
}

function describeKubeTarget(state: KubeState): string {
  if (state.kind === 'ready') return JSON.stringify([state.active.context, state.active.namespace, state.active.server, state.active.user, state.paths]);
  return state.kind === 'error' ? `error:${state.error.reason}:${state.error.message}` : 'loading';
}

export function describeSourceTitle(source: LiveIncidentSource): string {
  switch (source.kind) {
    case 'alertmanager':
      return `Alertmanager ${source.name}`;
    case 'kubernetes':
      return `Kubernetes ${source.name}`;
    case 'pagerduty':
      return 'PagerDuty';
  }
}

/**
 * The one question before a stored secret goes to an origin it was not stored for. Not modal,
 * so polling and the rest of the window carry on; the secret stays unsent until "Send".
 */
async function askToSendCredential(question: ReleaseQuestion): Promise<boolean> {
  const storedFor = question.boundTo.length > 0 ? `It was stored for ${question.boundTo.join(', ')}.` : 'Where it was stored for is not recorded.';
  const send = `Send to ${question.origin}`;
  const answer = await vscode.window.showWarningMessage(
    `${question.title} now points to ${question.origin}, and its stored ${question.secret} has not been sent there. ${storedFor} Send it to ${question.origin}?`,
    send,
    "Don't Send",
  );
  return answer === send;
}
