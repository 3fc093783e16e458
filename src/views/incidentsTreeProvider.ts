import * as vscode from 'vscode';
import { Commands, ContextValues, Settings } from '../constants';
import type { Incident } from '../core/incidents/incidentModel';
import { describeSeverityRow, formatIncidentTooltip, isSuppressed } from '../core/incidents/incidentPresentation';
import {
  formatProblemTooltip,
  indexProblemRows,
  layoutProblems,
  problemRowId,
  type ProblemBucket,
  type ProblemLayout,
  type ProblemRows,
} from '../core/incidents/problemPresentation';
import { problemPart, problemPartIds, type PartRole, type Problem } from '../core/incidents/problems';
import { fallbackResponseTime, type ResponseTime } from '../core/incidents/responseTimes';
import { SEVERITY_TITLES, type SeverityLevel } from '../core/shared/severity';
import { config } from '../platform/config';
import type { HubUpdate, IncidentHub } from '../platform/incidents/incidentHub';
import type { IncidentClocks } from '../platform/incidents/incidentClocks';
import type { SourceAction } from '../platform/incidents/incidentSource';
import { foldedTreeItem, incidentTreeItem, SEVERITY_ICONS } from './incidentTreeItems';
import { formatClock, formatTime, localTimeZone } from '../core/shared/timeFormat';
import { describeOnCallHover, describeOnCallSuffix } from '../core/incidents/pagerDutyTeam';
import { escapeMarkdown } from '../core/shared/text';
import type { PagerDutyOnCalls } from '../platform/incidents/pagerDutyOnCalls';

export type IncidentNode =
  | { readonly kind: 'problem'; readonly id: string; readonly sourceKey: string }
  | { readonly kind: 'note'; readonly id: string; readonly sourceKey: string }
  | { readonly kind: 'severity'; readonly id: string; readonly level: SeverityLevel }
  | { readonly kind: 'group'; readonly id: string; readonly level: SeverityLevel; readonly name: string }
  /** Several incidents about one object, folded into one row; `parts` names the part each command acts on. */
  | { readonly kind: 'folded'; readonly id: string; readonly level: SeverityLevel; readonly group: string; readonly parts: Partial<Record<PartRole, string>> }
  /** An incident: a row of its own, or (with `folded`, its row's id) one part of a folded problem. */
  | { readonly kind: 'incident'; readonly id: string; readonly level: SeverityLevel; readonly group: string; readonly folded?: string }
  | { readonly kind: 'hidden'; readonly id: string };

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
  /** How the hub's problems are laid out in this view (levels, groups, hidden count). */
  private layout: ProblemLayout = { buckets: [], hidden: 0 };
  /** Which folded row shows each of its parts, and each folded row's problem. */
  private rows: ProblemRows = indexProblemRows(this.layout);
  /** Whether the layout shows silenced, inhibited and muted incidents. */
  private showSuppressed = false;
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
    const rows = new Set(ids.map((id) => this.rows.rowOf.get(id) ?? id));
    const shown = [...rows].map((id) => this.nodes.get(id)).filter((node): node is IncidentNode => node !== undefined);
    if (shown.length > EXPANDED_GROUP_LIMIT) this.fire(undefined);
    else for (const node of shown) this.fire(node);
  }

  get urgentCount(): number {
    return this.hub.urgentCount;
  }

  /** The current layout, as the view shows it (for tests and the status bar). */
  get currentLayout(): ProblemLayout {
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
    const rowsBefore = this.rows;
    this.rebuild(false);
    if (update.sourcesChanged || !sameLevels(before, this.layout)) {
      this.fire(undefined);
      return;
    }
    // Same levels: redraw each level whose rows changed, then rows whose parts changed (an event
    // joined a problem) or changed in place; a folded row redraws its parts with it.
    const redrawn = new Set<SeverityLevel>();
    for (const bucket of this.layout.buckets) {
      const old = before.buckets.find((candidate) => candidate.level === bucket.level);
      if (old === undefined || !sameBucket(old, bucket)) {
        redrawn.add(bucket.level);
        this.fire(this.node({ kind: 'severity', id: `severity/${bucket.level}`, level: bucket.level }));
      }
    }
    if (before.hidden !== this.layout.hidden) this.fire(undefined);
    const rows = new Set<string>();
    for (const [row, parts] of this.rows.partIds) if (rowsBefore.partIds.has(row) && rowsBefore.partIds.get(row) !== parts) rows.add(row);
    for (const diff of update.diffs) for (const { next } of diff.changed) rows.add(this.rows.rowOf.get(next.id) ?? next.id);
    for (const row of rows) {
      const level = this.rowLevel(row);
      const node = this.nodes.get(row);
      if (level !== undefined && node !== undefined && !redrawn.has(level)) this.fire(node);
    }
  }

  /**
   * The level a row is drawn under: its folded problem's, or, for an incident's own row (a
   * problem of one, which the row index leaves out), the incident's while the view shows it.
   */
  private rowLevel(row: string): SeverityLevel | undefined {
    const problem = this.rows.problems.get(row);
    if (problem !== undefined) return problem.severity;
    const incident = this.rows.rowOf.has(row) ? undefined : this.hub.find(row);
    if (incident === undefined || (isSuppressed(incident) && !this.showSuppressed)) return undefined;
    return incident.severity;
  }

  private fire(node: IncidentNode | undefined): void {
    this.redraws.data++;
    this.changed.fire(node);
  }

  private rebuild(fire: boolean): void {
    this.showSuppressed = config.showSuppressedIncidents();
    this.layout = layoutProblems(this.hub.incidentProblems.entries, { showSuppressed: this.showSuppressed, groupBy: config.incidentGrouping() });
    this.rows = indexProblemRows(this.layout);
    this.updateBadge();
    if (fire) this.fire(undefined);
  }

  private updateBadge(): void {
    if (!this.view) return;
    const urgent = this.urgentCount;
    // Problems, not rows: a crash loop seen by Alertmanager and the cluster counts once.
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
      return (group?.problems ?? []).map((problem) => this.rowNode(problem, element.level, element.name));
    }
    if (element.kind === 'folded') {
      const problem = this.rows.problems.get(element.id);
      return (problem?.parts ?? []).map((part) => this.node({ kind: 'incident', id: part.id, level: element.level, group: element.group, folded: element.id }));
    }
    return [];
  }

  /** A problem's row: its incident's own row for a problem of one, else a folded row. */
  private rowNode(problem: Problem, level: SeverityLevel, group: string): IncidentNode {
    const id = problemRowId(problem);
    if (problem.parts.length === 1) return this.node({ kind: 'incident', id, level, group });
    return this.node({ kind: 'folded', id, level, group, parts: problemPartIds(problem) });
  }

  getParent(element: IncidentNode): IncidentNode | undefined {
    if (element.kind === 'group') return this.nodes.get(`severity/${element.level}`);
    if (element.kind === 'incident' && element.folded !== undefined) return this.nodes.get(element.folded);
    if (element.kind === 'incident' || element.kind === 'folded') return this.nodes.get(`group/${element.level}/${element.group}`);
    return undefined;
  }

  private bucket(level: SeverityLevel): ProblemBucket | undefined {
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
        const size = group?.entries.length ?? 0;
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
      case 'folded':
        return this.foldedItem(element);
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
    // A part of a folded problem has no clock of its own: the problem's row has the one clock.
    const clock = incident && !element.folded ? this.clocks.responseTime(incident) : undefined;
    const item = incidentTreeItem(element, incident, clock?.minutes, this.ownSilences());
    // Who is on call for a PagerDuty incident's escalation policy, once PagerDuty said.
    if (incident) item.description = `${String(item.description ?? '')}${describeOnCallSuffix(this.onCalls?.onCallFor(incident))}`;
    return item;
  }

  private foldedItem(element: Extract<IncidentNode, { kind: 'folded' }>): vscode.TreeItem {
    const problem = this.rows.problems.get(element.id);
    return foldedTreeItem(element, problem, problem && this.problemClock(problem)?.minutes, this.ownSilences());
  }

  /** One clock per problem: its highest severity, from its earliest start, by the primary part's runbook. */
  private problemClock(problem: Problem): ResponseTime | undefined {
    const primary = problemPart(problem, 'primary');
    return primary && this.clocks.responseTime({ ...primary, severity: problem.severity });
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
    if (element.kind === 'folded') {
      const problem = this.rows.problems.get(element.id);
      if (problem) item.tooltip = new vscode.MarkdownString(formatProblemTooltip(problem, Date.now(), localTimeZone(), this.problemClock(problem)));
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

function sameLevels(a: ProblemLayout, b: ProblemLayout): boolean {
  return a.buckets.length === b.buckets.length && a.buckets.every((bucket, index) => bucket.level === b.buckets[index].level);
}

/** Same groups with the same rows in the same order (a row's own parts are compared apart). */
function sameBucket(a: ProblemBucket, b: ProblemBucket): boolean {
  if (a.count !== b.count || a.groups.length !== b.groups.length) return false;
  for (let i = 0; i < a.groups.length; i++) {
    const left = a.groups[i];
    const right = b.groups[i];
    if (left.name !== right.name || left.entries.length !== right.entries.length) return false;
    for (let j = 0; j < left.entries.length; j++) if (problemRowId(left.entries[j]) !== problemRowId(right.entries[j])) return false;
  }
  return true;
}
