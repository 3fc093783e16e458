import * as vscode from 'vscode';
import { Commands, Views } from '../constants';
import type { Incident } from '../core/incidents/incidentModel';
import { isSuppressed, SOURCE_TITLES } from '../core/incidents/incidentPresentation';
import { isUrgentSeverity } from '../core/shared/severity';
import { executeCommand, focusView } from '../platform/commands';
import { config } from '../platform/config';
import type { IncidentHub } from '../platform/incidents/incidentHub';

/** More new P0/P1 incidents than this in one update get one summary instead of a wall of toasts. */
const MAX_SEPARATE_NOTIFICATIONS = 3;

/** A notification for each new P0/P1 incident, with "Open Runbook" (`oncall.incidents.notify`). */
export class IncidentNotifier implements vscode.Disposable {
  private readonly subscription: vscode.Disposable;
  /** Ids already announced: a source that reconnects re-reports its incidents as new. */
  private readonly announced = new Set<string>();
  /** Notifications shown, for tests: the text of each. */
  readonly shown: string[] = [];

  constructor(hub: IncidentHub) {
    this.subscription = hub.onDidUpdate((update) => {
      const fresh: Incident[] = [];
      for (const diff of update.diffs) {
        for (const incident of diff.added) {
          if (isUrgentSeverity(incident.severity) && !isSuppressed(incident) && !this.announced.has(incident.id)) fresh.push(incident);
        }
        for (const incident of diff.removed) this.announced.delete(incident.id);
      }
      if (fresh.length === 0) return;
      for (const incident of fresh) this.announced.add(incident.id);
      if (!config.notifyIncidents()) return;
      if (fresh.length > MAX_SEPARATE_NOTIFICATIONS) {
        this.show(`${fresh.length} new P0/P1 incidents, the first: ${describe(fresh[0])}`, ['Show Incidents'], () => focusView(Views.incidents));
        return;
      }
      for (const incident of fresh) {
        this.show(describe(incident), ['Open Runbook', 'Show Incidents'], (answer) =>
          answer === 'Open Runbook' ? executeCommand(Commands.openIncidentRunbook, { id: incident.id }) : focusView(Views.incidents),
        );
      }
    });
  }

  private show(message: string, actions: string[], onAnswer: (answer: string) => Thenable<unknown>): void {
    this.shown.push(message);
    void vscode.window.showWarningMessage(message, ...actions).then((answer) => (answer ? onAnswer(answer) : undefined));
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

function describe(incident: Incident): string {
  const name = incident.alertName && incident.alertName !== incident.title ? `${incident.alertName}: ` : '';
  return `${incident.severity} ${name}${incident.title} (${SOURCE_TITLES[incident.source]} ${incident.sourceName})`;
}
