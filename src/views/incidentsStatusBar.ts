import * as vscode from 'vscode';
import { Views } from '../constants';
import type { IncidentHub } from '../platform/incidents/incidentHub';

/**
 * `$(flame) 2` in the status bar: open P0/P1 incidents, visible whatever view is open. Click
 * focuses the Incidents view. Hidden until a source is configured, so a user without
 * Alertmanager, PagerDuty or a watched cluster sees no noise.
 */
export class IncidentsStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('oncall.incidents.count', vscode.StatusBarAlignment.Left, 49);
  private readonly subscription: vscode.Disposable;

  constructor(private readonly hub: IncidentHub) {
    this.item.name = 'On-Call: Open Incidents';
    this.item.command = `${Views.incidents}.focus`;
    // The hub has merged the update before it fires: the count is current whoever hears first.
    this.subscription = hub.onDidUpdate(() => this.render());
    this.render();
  }

  render(): void {
    const sources = this.hub.sources.length;
    const problems = this.hub.problems();
    if (sources === 0 && problems.length === 0) {
      this.item.hide();
      return;
    }
    const urgent = this.hub.urgentCount;
    const warning = problems.length > 0 ? ' $(warning)' : '';
    this.item.text = urgent > 0 ? `$(flame) ${urgent}${warning}` : `$(pass) 0${warning}`;
    const lines = [urgent > 0 ? `${urgent} open P0/P1 incident${urgent === 1 ? '' : 's'}` : 'No open P0/P1 incident'];
    for (const problem of problems) lines.push(`${problem.title}: ${problem.health.message}`);
    lines.push('Click to show the Incidents view');
    this.item.tooltip = lines.join('\n');
    this.item.backgroundColor = urgent > 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.accessibilityInformation = { label: lines.slice(0, -1).join('. ') };
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
