import * as vscode from 'vscode';
import { Commands, ContextValues } from '../constants';
import { formatSpan } from '../core/shared/duration';
import { formatShortClock, formatTime, localTimeZone } from '../core/shared/timeFormat';
import { computeMetrics, describeResponseTimes, medianMetrics, type ResponseMetrics } from '../core/postmortem/metrics';
import { channelName } from '../core/postmortem/sessionModel';
import { assembleTimeline, type TimelineRow } from '../core/postmortem/timeline';
import type { Sessions } from '../platform/sessions/sessions';
import type { StoredSession } from '../platform/sessions/sessionStore';

export type SessionNode =
  | { readonly kind: 'median'; readonly id: 'median' }
  | { readonly kind: 'session'; readonly id: string }
  | { readonly kind: 'row'; readonly id: string; readonly row: TimelineRow };

function describeMetrics(metrics: ResponseMetrics): string {
  return describeResponseTimes(metrics)
    .map((time) => `${time.label.replace(/^Time to /, '')} ${time.value}`)
    .join(' · ');
}

/**
 * The Incident Sessions view: the median response times over stored incidents, then the
 * active incident, then the others newest first. Expanding one shows its timeline.
 */
export class SessionsTreeProvider implements vscode.TreeDataProvider<SessionNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SessionNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private readonly nodes = new Map<string, SessionNode>();

  constructor(private readonly sessions: Sessions) {
    this.subscription = sessions.onDidChange(() => this.changed.fire(undefined));
  }

  private node<T extends SessionNode>(fresh: T): T {
    const existing = this.nodes.get(fresh.id) as T | undefined;
    if (existing && fresh.kind !== 'row') return existing;
    this.nodes.set(fresh.id, fresh);
    return fresh;
  }

  private session(id: string): StoredSession | undefined {
    return this.sessions.sessions.find((session) => session.record.id === id);
  }

  async getChildren(element?: SessionNode): Promise<SessionNode[]> {
    if (element === undefined) {
      await this.sessions.ready();
      const list = this.sessions.sessions;
      const roots: SessionNode[] = [];
      if (list.some((session) => session.record.resolvedAt)) roots.push(this.node({ kind: 'median', id: 'median' }));
      for (const session of list) roots.push(this.node({ kind: 'session', id: session.record.id }));
      return roots;
    }
    if (element.kind === 'session') {
      const timeline = await this.sessions.timeline(element.id);
      if (!timeline) return [];
      return assembleTimeline(timeline.events, { timeZone: localTimeZone() }).map((row, index) => this.node({ kind: 'row', id: `${element.id}/row/${index}`, row }));
    }
    return [];
  }

  getTreeItem(element: SessionNode): vscode.TreeItem {
    if (element.kind === 'median') {
      const metrics = this.sessions.sessions.map((session) => computeMetrics(session.record, session.events));
      const item = new vscode.TreeItem(`Median: ${describeMetrics(medianMetrics(metrics))}`);
      item.id = element.id;
      item.iconPath = new vscode.ThemeIcon('graph');
      item.tooltip = `Median response times over ${metrics.length} stored incident${metrics.length === 1 ? '' : 's'} in this workspace.`;
      item.contextValue = ContextValues.sessionMedian;
      return item;
    }
    if (element.kind === 'row') {
      const ms = Date.parse(element.row.at);
      const item = new vscode.TreeItem(`${formatShortClock(ms, localTimeZone())} ${element.row.event}`);
      item.id = element.id;
      item.description = element.row.detail;
      item.tooltip = `${formatTime(ms, localTimeZone())}\n${element.row.event}: ${element.row.detail}`;
      item.contextValue = element.row.type === 'note' ? `${ContextValues.timelineRow}+note` : ContextValues.timelineRow;
      const runId = element.row.runId;
      if (runId) {
        // A step's row opens what it printed.
        item.contextValue = `${ContextValues.timelineRow}+step`;
        item.command = { command: Commands.openStepOutput, title: 'Open Step Output', arguments: [runId] };
      }
      return item;
    }
    const session = this.session(element.id);
    const item = new vscode.TreeItem(session ? `${session.record.id} ${session.record.title}` : element.id, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = element.id;
    if (!session) return item;
    const { record } = session;
    const active = record.resolvedAt === undefined;
    const end = active ? Date.now() : Date.parse(record.resolvedAt!);
    item.description = `${record.severity} · ${active ? 'active' : 'resolved'} · ${formatSpan(end - Date.parse(record.startedAt))}`;
    item.iconPath = new vscode.ThemeIcon(active ? 'record' : 'pass', active ? new vscode.ThemeColor('errorForeground') : undefined);
    const metrics = computeMetrics(record, session.events);
    item.tooltip = [
      `${record.id} · ${channelName(record.id)}`,
      record.title,
      `Started ${formatTime(Date.parse(record.startedAt), localTimeZone())}${record.resolvedAt ? `, resolved ${formatTime(Date.parse(record.resolvedAt), localTimeZone())}` : ''}`,
      describeMetrics(metrics),
    ].join('\n');
    item.contextValue = `${ContextValues.session}+${active ? 'active' : 'resolved'}`;
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
