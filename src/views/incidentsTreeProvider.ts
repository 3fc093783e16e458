import * as vscode from 'vscode';
import { Commands, ContextValues, Settings } from '../constants';
import type { Incident } from '../core/incidents/incidentModel';
import {
  describeIncidentRow,
  describeSeverityRow,
  formatIncidentTooltip,
  incidentContextValue,
  isSuppressed,
  layoutIncidents,
  type IncidentLayout,
  type SeverityBucket,
} from '../core/incidents/incidentPresentation';
import { fallbackResponseTime } from '../core/incidents/responseTimes';
import { SEVERITY_TITLES, type SeverityLevel } from '../core/shared/severity';
import { config } from '../platform/config';
import type { HubUpdate, IncidentHub } from '../platform/incidents/incidentHub';
import type { IncidentClocks } from '../platform/incidents/incidentClocks';
import type { SourceAction } from '../platform/incidents/incidentSource';
import { formatClock, formatTime, localTimeZone } from '../core/shared/timeFormat';
import { describeOnCallHover, describeOnCallSuffix } from '../core/incidents/pagerDutyTeam';
import { escapeMarkdown } from '../core/shared/text';
import type { PagerDutyOnCalls } from '../platform/incidents/pagerDutyOnCalls';

export type IncidentNode =
  | { readonly kind: 'problem'; readonly id: string; readonly sourceKey: string }
  | { readonly kind: 'note'; readonly id: string; readonly sourceKey: string }
  | { readonly kind: 'severity'; readonly id: string; readonly level: SeverityLevel }
  | { readonly kind: 'group'; readonly id: string; readonly level: SeverityLevel; readonly name: string }
  | { readonly kind: 'incident'; readonly id: string; readonly level: SeverityLevel; readonly group: string }
  | { readonly kind: 'hidden'; readonly id: string };

const SOURCE_ICONS: Readonly<Record<Incident['source'], string>> = {
  alertmanager: 'bell',
  kubernetes: 'server-environment',
  pagerduty: 'broadcast',
};

/** An incident nobody answered within its response time. */
const OVERDUE_ICON = 'clock';

const SEVERITY_ICONS: Readonly<Record<SeverityLevel, [string, string]>> = {
  P0: ['flame', 'errorForeground'],
  P1: ['error', 'errorForeground'],
  P2: ['warning', 'editorWarning.foreground'],
  P3: ['info', 'editorInfo.foreground'],
};

const ACTION_LABELS: Readonly<Record<SourceAction, string>> = {
  retry: 'Retry',
  openSettings: 'Open Settings',
  setCredentials: 'Set Credentials',
};

/**
 * A service or namespace with more incidents than this starts collapsed: a storm of
 * thousands of alerts shows as counted groups, not as rows the editor must all draw (and
 * keep), while the groups of an ordinary incident open on their incidents.
 */
const EXPANDED_GROUP_LIMIT = 20;

/** How often "for 12m" and the response clocks are redrawn while the view is visible. */
const CLOCK_REFRESH_MS = 60_000;

/**
 * The Incidents view: source problems first, then P0-P3, then service/namespace, then the
 * incidents. Node objects are cached by id and reused, so VS Code keeps expansion and
 * selection, and an update redraws only the nodes whose content changed. An update that
 * changes nothing redraws nothing.
 */
export class IncidentsTreeProvider implements vscode.TreeDataProvider<IncidentNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<IncidentNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly nodes = new Map<string, IncidentNode>();
  /** How the hub's incidents are laid out in this view (levels, groups, hidden count). */
  private layout: IncidentLayout = { buckets: [], hidden: 0 };
  private clock: ReturnType<typeof setInterval> | undefined;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private view: vscode.TreeView<IncidentNode> | undefined;
  /** Redraws caused by data, and by the minute clock: read by tests and the benchmark. */
  readonly redraws = { data: 0, clock: 0 };

  constructor(
    private readonly hub: IncidentHub,
    private readonly ownSilences: () => ReadonlySet<string>,
    private readonly clocks: IncidentClocks,
    private readonly onCalls?: PagerDutyOnCalls,
  ) {
    this.disposables.push(
      hub.onDidUpdate((update) => this.apply(update)),
      clocks.onDidResolve((ids) => this.redrawIncidents(ids)),
      ...(onCalls ? [onCalls.onDidResolve((ids) => this.redrawIncidents(ids))] : []),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (config.affects(event, Settings.showSilencedIncidents, Settings.responseTimes, Settings.incidentsGroupBy)) this.rebuild(true);
      }),
    );
    this.rebuild(false);
  }

  attach(view: vscode.TreeView<IncidentNode>): void {
    this.view = view;
    this.updateBadge();
    this.disposables.push(view.onDidChangeVisibility(() => this.syncClock()));
    this.syncClock();
  }

  /** Rows whose response clock became known: one redraw of the tree when there are many. */
  private redrawIncidents(ids: readonly string[]): void {
    const shown = ids.map((id) => this.nodes.get(id)).filter((node): node is IncidentNode => node !== undefined);
    if (shown.length > EXPANDED_GROUP_LIMIT) this.fire(undefined);
    else for (const node of shown) this.fire(node);
  }

  get urgentCount(): number {
    return this.hub.urgentCount;
  }

  /** The current layout, as the view shows it (for tests and the status bar). */
  get currentLayout(): IncidentLayout {
    return this.layout;
  }

  incident(id: string): Incident | undefined {
    return this.hub.find(id);
  }

  private syncClock(): void {
    const visible = this.view?.visible ?? false;
    if (visible && this.clock === undefined) {
      this.clock = setInterval(() => {
        if (this.layout.buckets.length === 0) return;
        this.redraws.clock++;
        this.changed.fire(undefined);
      }, CLOCK_REFRESH_MS);
    } else if (!visible && this.clock !== undefined) {
      clearInterval(this.clock);
      this.clock = undefined;
    }
  }

  private apply(update: HubUpdate): void {
    const incidentsChanged = update.diffs.some((diff) => diff.added.length + diff.removed.length + diff.changed.length > 0);
    if (!incidentsChanged && !update.sourcesChanged) return;
    const before = this.layout;
    const inPlace: string[] = [];
    for (const diff of update.diffs) {
      for (const { next } of diff.changed) inPlace.push(next.id);
    }
    this.rebuild(false);
    if (update.sourcesChanged || !sameLevels(before, this.layout)) {
      this.fire(undefined);
      return;
    }
    // Same levels: redraw each level whose membership changed, and incidents changed in place.
    const redrawn = new Set<SeverityLevel>();
    for (const bucket of this.layout.buckets) {
      const old = before.buckets.find((candidate) => candidate.level === bucket.level);
      if (old === undefined || !sameBucket(old, bucket)) {
        redrawn.add(bucket.level);
        this.fire(this.node({ kind: 'severity', id: `severity/${bucket.level}`, level: bucket.level }));
      }
    }
    if (before.hidden !== this.layout.hidden) this.fire(undefined);
    for (const id of inPlace) {
      const incident = this.hub.find(id);
      if (incident === undefined || redrawn.has(incident.severity)) continue;
      const node = this.nodes.get(id);
      if (node) this.fire(node);
    }
  }

  private fire(node: IncidentNode | undefined): void {
    this.redraws.data++;
    this.changed.fire(node);
  }

  private rebuild(fire: boolean): void {
    this.layout = layoutIncidents(this.hub.incidents(), { showSuppressed: config.showSuppressedIncidents(), groupBy: config.incidentGrouping() });
    this.updateBadge();
    if (fire) this.fire(undefined);
  }

  private updateBadge(): void {
    if (!this.view) return;
    const urgent = this.urgentCount;
    this.view.badge = urgent > 0 ? { value: urgent, tooltip: `${urgent} open P0/P1 incident${urgent === 1 ? '' : 's'}` } : undefined;
  }

  /** One node object per id, so VS Code can match refresh events to what it shows. */
  private node<T extends IncidentNode>(fresh: T): T {
    const existing = this.nodes.get(fresh.id) as T | undefined;
    if (existing !== undefined && JSON.stringify(existing) === JSON.stringify(fresh)) return existing;
    this.nodes.set(fresh.id, fresh);
    return fresh;
  }

  getChildren(element?: IncidentNode): IncidentNode[] {
    if (element === undefined) {
      const roots: IncidentNode[] = [];
      for (const problem of this.hub.problems()) roots.push(this.node({ kind: 'problem', id: `problem/${problem.key}`, sourceKey: problem.key }));
      for (const note of this.hub.notes()) roots.push(this.node({ kind: 'note', id: `note/${note.key}`, sourceKey: note.key }));
      for (const bucket of this.layout.buckets) roots.push(this.node({ kind: 'severity', id: `severity/${bucket.level}`, level: bucket.level }));
      if (this.layout.hidden > 0) roots.push(this.node({ kind: 'hidden', id: 'hidden' }));
      return roots;
    }
    if (element.kind === 'severity') {
      const bucket = this.bucket(element.level);
      return (bucket?.groups ?? []).map((group) => this.node({ kind: 'group', id: `group/${group.level}/${group.name}`, level: group.level, name: group.name }));
    }
    if (element.kind === 'group') {
      const group = this.bucket(element.level)?.groups.find((candidate) => candidate.name === element.name);
      return (group?.incidents ?? []).map((incident) => this.node({ kind: 'incident', id: incident.id, level: incident.severity, group: element.name }));
    }
    return [];
  }

  getParent(element: IncidentNode): IncidentNode | undefined {
    if (element.kind === 'group') return this.nodes.get(`severity/${element.level}`);
    if (element.kind === 'incident') return this.nodes.get(`group/${element.level}/${element.group}`);
    return undefined;
  }

  private bucket(level: SeverityLevel): SeverityBucket | undefined {
    return this.layout.buckets.find((bucket) => bucket.level === level);
  }

  getTreeItem(element: IncidentNode): vscode.TreeItem {
    switch (element.kind) {
      case 'problem':
        return this.problemItem(element);
      case 'note': {
        const note = this.hub.notes().find((candidate) => candidate.key === element.sourceKey);
        const item = new vscode.TreeItem(note ? `${note.title}: ${note.note}` : element.sourceKey);
        item.id = element.id;
        item.iconPath = new vscode.ThemeIcon('info');
        item.contextValue = ContextValues.sourceNote;
        return item;
      }
      case 'severity': {
        const bucket = this.bucket(element.level);
        const item = new vscode.TreeItem(SEVERITY_TITLES[element.level], vscode.TreeItemCollapsibleState.Expanded);
        item.id = element.id;
        item.description = `${bucket?.count ?? 0}`;
        const [icon, colour] = SEVERITY_ICONS[element.level];
        item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(colour));
        item.tooltip = describeSeverityRow(element.level, bucket?.count ?? 0, fallbackResponseTime(config.responseTimes(), element.level).minutes);
        item.contextValue = `${ContextValues.severity}+${element.level}`;
        return item;
      }
      case 'group': {
        const group = this.bucket(element.level)?.groups.find((candidate) => candidate.name === element.name);
        const size = group?.incidents.length ?? 0;
        const item = new vscode.TreeItem(
          element.name,
          size > EXPANDED_GROUP_LIMIT ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded,
        );
        item.id = element.id;
        item.description = `${size}`;
        item.iconPath = new vscode.ThemeIcon('symbol-namespace');
        item.contextValue = ContextValues.incidentGroup;
        return item;
      }
      case 'incident':
        return this.incidentItem(element);
      case 'hidden': {
        const hidden = this.layout.hidden;
        const item = new vscode.TreeItem(`${hidden} silenced or inhibited alert${hidden === 1 ? '' : 's'} hidden`);
        item.id = element.id;
        item.iconPath = new vscode.ThemeIcon('eye-closed');
        item.command = { command: Commands.showSilencedIncidents, title: 'Show Silenced Alerts' };
        item.tooltip = 'Click to show silenced and inhibited alerts';
        item.contextValue = ContextValues.hiddenIncidents;
        return item;
      }
    }
  }

  private problemItem(element: Extract<IncidentNode, { kind: 'problem' }>): vscode.TreeItem {
    const problem = this.hub.problems().find((candidate) => candidate.key === element.sourceKey);
    const item = new vscode.TreeItem(problem ? problem.health.message : `${element.sourceKey}: no problem`);
    item.id = element.id;
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    if (problem) {
      item.description = ACTION_LABELS[problem.health.action];
      const timeZone = localTimeZone();
      const since = formatTime(problem.health.since, timeZone);
      item.tooltip = `${problem.title}: ${problem.health.message}\nFailing since ${since}.${problem.health.retryAt ? ` Next attempt ${formatClock(problem.health.retryAt, timeZone)}.` : ''}\nClick: ${ACTION_LABELS[problem.health.action]}`;
      item.command = { command: Commands.fixSource, title: ACTION_LABELS[problem.health.action], arguments: [element.sourceKey] };
      item.contextValue = `${ContextValues.sourceProblem}+${problem.health.action}`;
    }
    return item;
  }

  private incidentItem(element: Extract<IncidentNode, { kind: 'incident' }>): vscode.TreeItem {
    const incident = this.hub.find(element.id);
    if (incident === undefined) {
      const gone = new vscode.TreeItem('(resolved)');
      gone.id = element.id;
      return gone;
    }
    const row = describeIncidentRow(incident, this.clocks.responseTime(incident)?.minutes, Date.now());
    const item = new vscode.TreeItem(row.label);
    item.id = incident.id;
    // Who is on call for a PagerDuty incident's escalation policy, once PagerDuty said.
    item.description = row.description + describeOnCallSuffix(this.onCalls?.onCallFor(incident));
    // Overdue has an icon of its own as well as the word in the label: red alone is lost on
    // many eyes and themes.
    item.iconPath = row.overdue
      ? new vscode.ThemeIcon(OVERDUE_ICON, new vscode.ThemeColor('errorForeground'))
      : new vscode.ThemeIcon(isSuppressed(incident) ? 'bell-slash' : SOURCE_ICONS[incident.source]);
    item.contextValue = incidentContextValue(incident, this.ownSilences());
    item.accessibilityInformation = { label: row.accessibilityLabel };
    item.command = { command: Commands.openIncidentRunbook, title: 'Open Runbook', arguments: [element] };
    return item;
  }

  /** Tooltips are built only when hovered: labels and annotations can be long. */
  resolveTreeItem(item: vscode.TreeItem, element: IncidentNode): vscode.TreeItem {
    if (element.kind === 'incident') {
      const incident = this.hub.find(element.id);
      if (incident) {
        const onCall = describeOnCallHover(this.onCalls?.onCallFor(incident), incident.labels.escalation_policy, (iso) => formatTime(Date.parse(iso), localTimeZone()));
        const tooltip = formatIncidentTooltip(incident, Date.now(), localTimeZone(), this.clocks.responseTime(incident));
        item.tooltip = new vscode.MarkdownString(onCall.length ? `${tooltip}\n\n${onCall.map(escapeOnCallLine).join('\n')}` : tooltip);
      }
    }
    return item;
  }

  dispose(): void {
    if (this.clock !== undefined) clearInterval(this.clock);
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/** Names from PagerDuty are text, not Markdown; the list dash stays a list. */
function escapeOnCallLine(line: string): string {
  return line.startsWith('- ') ? `- ${escapeMarkdown(line.slice(2))}` : escapeMarkdown(line);
}

function sameLevels(a: IncidentLayout, b: IncidentLayout): boolean {
  return a.buckets.length === b.buckets.length && a.buckets.every((bucket, index) => bucket.level === b.buckets[index].level);
}

function sameBucket(a: SeverityBucket, b: SeverityBucket): boolean {
  if (a.count !== b.count || a.groups.length !== b.groups.length) return false;
  for (let i = 0; i < a.groups.length; i++) {
    const left = a.groups[i];
    const right = b.groups[i];
    if (left.name !== right.name || left.incidents.length !== right.incidents.length) return false;
    for (let j = 0; j < left.incidents.length; j++) if (left.incidents[j].id !== right.incidents[j].id) return false;
  }
  return true;
}
