// The TreeItems of the Incidents view's rows: an incident (a row of its own, or a part of a
// folded problem) and a folded problem. Everything they say is computed in core; this only
// dresses it as VS Code draws it.
import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { Incident } from '../core/incidents/incidentModel';
import { describeIncidentRow, incidentContextValue, isSuppressed } from '../core/incidents/incidentPresentation';
import { describeProblemRow, problemContextValue } from '../core/incidents/problemPresentation';
import type { Problem } from '../core/incidents/problems';
import type { SeverityLevel } from '../core/shared/severity';

const SOURCE_ICONS: Readonly<Record<Incident['source'], string>> = {
  alertmanager: 'bell',
  kubernetes: 'server-environment',
  pagerduty: 'broadcast',
};

/** Several signals about one object. */
const FOLDED_ICON = 'layers';

/** An incident nobody answered within its response time. */
const OVERDUE_ICON = 'clock';

export const SEVERITY_ICONS: Readonly<Record<SeverityLevel, [string, string]>> = {
  P0: ['flame', 'errorForeground'],
  P1: ['error', 'errorForeground'],
  P2: ['warning', 'editorWarning.foreground'],
  P3: ['info', 'editorInfo.foreground'],
};

/** The tree node a row's click passes to Open Runbook (commands read its id or parts). */
type RowNode = { readonly id: string };

function goneItem(id: string): vscode.TreeItem {
  const gone = new vscode.TreeItem('(resolved)');
  gone.id = id;
  return gone;
}

// Overdue has an icon of its own as well as the word in the label: red alone is lost on many
// eyes and themes.
function rowIcon(overdue: boolean, icon: string): vscode.ThemeIcon {
  return overdue ? new vscode.ThemeIcon(OVERDUE_ICON, new vscode.ThemeColor('errorForeground')) : new vscode.ThemeIcon(icon);
}

/** An incident's row; `responseMinutes` undefined draws no clock (unknown yet, or a part of a folded problem). */
export function incidentTreeItem(node: RowNode, incident: Incident | undefined, responseMinutes: number | undefined, ownSilences: ReadonlySet<string>): vscode.TreeItem {
  if (incident === undefined) return goneItem(node.id);
  const row = describeIncidentRow(incident, responseMinutes, Date.now());
  const item = new vscode.TreeItem(row.label);
  item.id = incident.id;
  item.description = row.description;
  item.iconPath = rowIcon(row.overdue, isSuppressed(incident) ? 'bell-slash' : SOURCE_ICONS[incident.source]);
  item.contextValue = incidentContextValue(incident, ownSilences);
  item.accessibilityInformation = { label: row.accessibilityLabel };
  item.command = { command: Commands.openIncidentRunbook, title: 'Open Runbook', arguments: [node] };
  return item;
}

/** A folded problem's row, collapsed: one row per problem, its parts one click away. */
export function foldedTreeItem(node: RowNode, problem: Problem | undefined, responseMinutes: number | undefined, ownSilences: ReadonlySet<string>): vscode.TreeItem {
  if (problem === undefined) return goneItem(node.id);
  const row = describeProblemRow(problem, responseMinutes, Date.now());
  const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.description = row.description;
  item.iconPath = rowIcon(row.overdue, problem.suppressed ? 'bell-slash' : FOLDED_ICON);
  item.contextValue = problemContextValue(problem, ownSilences);
  item.accessibilityInformation = { label: row.accessibilityLabel };
  item.command = { command: Commands.openIncidentRunbook, title: 'Open Runbook', arguments: [node] };
  return item;
}
