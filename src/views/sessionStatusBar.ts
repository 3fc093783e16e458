import * as vscode from 'vscode';
import { Commands, StatusBarItems } from '../constants';
import { formatSpan } from '../core/shared/duration';
import { formatTime, localTimeZone } from '../core/shared/timeFormat';
import { channelName } from '../core/postmortem/sessionModel';
import type { Sessions } from '../platform/sessions/sessions';
import { describeCadence, type UpdateCadence } from '../core/statusUpdates/updateCadence';
import type { StatusUpdates } from '../platform/statusUpdates/statusUpdates';

/**
 * The active incident in the status bar, `⏺ INC-20261124-001 · 12 min · update in 18m`, in the
 * warning colour once the status update is due; click for its actions.
 */
export class SessionStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(StatusBarItems.activeSession, vscode.StatusBarAlignment.Left, 48);
  private readonly subscriptions: vscode.Disposable[];
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    private readonly sessions: Sessions,
    private readonly updates: StatusUpdates,
  ) {
    this.item.name = 'On-Call: Active Incident';
    this.item.command = Commands.incidentActions;
    this.subscriptions = [sessions.onDidChange(() => this.render()), updates.onDidChange(() => this.render())];
    // The duration is the point of the item: keep it current.
    this.timer = setInterval(() => this.render(), 60_000);
    this.render();
  }

  private render(): void {
    const record = this.sessions.active;
    if (!record) {
      this.item.hide();
      return;
    }
    const duration = formatSpan(Date.now() - Date.parse(record.startedAt));
    const cadence = this.updates.cadence();
    const next = describeCadence(cadence);
    this.item.text = `$(record) ${record.id} · ${duration}${next ? ` · ${next}` : ''}`;
    this.item.tooltip = `${record.severity} ${record.title}\n${channelName(record.id)} · started ${formatTime(Date.parse(record.startedAt), localTimeZone())}${describeDue(cadence)}\nClick for: Add Timeline Note, Post Status Update, Copy Status Message, Generate Post-Mortem, Resolve Incident`;
    this.item.backgroundColor = new vscode.ThemeColor(cadence.kind === 'due' ? 'statusBarItem.warningBackground' : 'statusBarItem.errorBackground');
    this.item.show();
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
  }
}

/** The tooltip's line about the next status update; empty when the reminder is off. */
function describeDue(cadence: UpdateCadence): string {
  if (cadence.kind === 'off') return '';
  const at = formatTime(cadence.dueAt, localTimeZone());
  return cadence.kind === 'due' ? `\nStatus update due since ${at}` : `\nNext status update due ${at}`;
}
