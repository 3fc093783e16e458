import * as vscode from 'vscode';
import { Commands, StatusBarItems } from '../constants';
import { formatSpan } from '../core/shared/duration';
import { formatTime, localTimeZone } from '../core/shared/timeFormat';
import { channelName } from '../core/postmortem/sessionModel';
import type { Sessions } from '../platform/sessions/sessions';

/** The active incident in the status bar, `⏺ INC-20261124-001 · 12 min`; click for its actions. */
export class SessionStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(StatusBarItems.activeSession, vscode.StatusBarAlignment.Left, 48);
  private readonly subscription: vscode.Disposable;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(private readonly sessions: Sessions) {
    this.item.name = 'On-Call: Active Incident';
    this.item.command = Commands.incidentActions;
    this.subscription = sessions.onDidChange(() => this.render());
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
    this.item.text = `$(record) ${record.id} · ${duration}`;
    this.item.tooltip = `${record.severity} ${record.title}\n${channelName(record.id)} · started ${formatTime(Date.parse(record.startedAt), localTimeZone())}\nClick for: Add Timeline Note, Copy Status Message, Generate Post-Mortem, Resolve Incident`;
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    this.item.show();
  }

  dispose(): void {
    clearInterval(this.timer);
    this.subscription.dispose();
    this.item.dispose();
  }
}
