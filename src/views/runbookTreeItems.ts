// The rows of the Runbooks view as VS Code draws them. Kept apart from the provider, which
// decides what is shown; this file decides how each row reads.
import * as vscode from 'vscode';
import { Commands, ContextValues } from '../constants';
import type { BlockKind, RunbookStep } from '../core/runbooks/model';
import { labelListing } from '../core/runbooks/runbookListing';
import { describeBlockKind, labelStep } from '../core/runbooks/runbookOutline';
import { titleRow, type ShapedSection } from '../core/runbooks/runbookShape';
import { escapeMarkdown } from '../core/shared/text';
import type { IndexedRunbook } from '../platform/runbooks/runbookIndex';

const STEP_ICONS: Record<BlockKind, string> = {
  shell: 'terminal',
  sql: 'database',
  python: 'symbol-method',
  promql: 'graph-line',
  yaml: 'symbol-namespace',
  template: 'note',
  other: 'code',
};

/** How rows are drawn while the view is filtered: everything open, the matching text marked. */
export interface RowLook {
  readonly filter: string;
}

export function runbookItem(entry: IndexedRunbook, distinction: string | undefined, look: RowLook): vscode.TreeItem {
  const item = new vscode.TreeItem(highlighted(labelListing(entry.runbook.title, distinction), look), collapsedUnlessFiltered(look));
  item.description = entry.label;
  item.iconPath = new vscode.ThemeIcon('book');
  item.resourceUri = entry.uri;
  const alerts = [...new Set(entry.runbook.alerts.map((a) => a.name))];
  const service = entry.runbook.frontMatter?.service;
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${escapeMarkdown(entry.runbook.title)}**\n\n`);
  tooltip.appendMarkdown(`${escapeMarkdown(entry.label)}${service ? ` · service ${escapeMarkdown(service)}` : ''} · ${entry.runbook.steps.length} steps\n\n`);
  if (alerts.length > 0) tooltip.appendMarkdown(`Alerts: ${alerts.map((a) => `\`${a}\``).join(', ')}`);
  item.tooltip = tooltip;
  item.contextValue = `${ContextValues.runbook}${entry.starter ? '+starter' : ''}`;
  // No click command: a click expands the runbook; the inline Open action opens it.
  return item;
}

export function sectionItem(row: ShapedSection, look: RowLook): vscode.TreeItem {
  const label = titleRow(row);
  const item = new vscode.TreeItem(highlighted(label, look), collapsedUnlessFiltered(look));
  item.iconPath = new vscode.ThemeIcon('symbol-namespace');
  const count = `${row.stepCount} step${row.stepCount === 1 ? '' : 's'}`;
  item.description = count;
  // The sidebar may cut a long row short: the hover has it whole.
  item.tooltip = `${label} · ${count}`;
  item.contextValue = ContextValues.section;
  return item;
}

export function stepItem(uri: string, step: RunbookStep, look: RowLook): vscode.TreeItem {
  const item = new vscode.TreeItem(highlighted(labelStep(step), look), vscode.TreeItemCollapsibleState.None);
  item.description = describeBlockKind(step);
  item.iconPath = new vscode.ThemeIcon(STEP_ICONS[step.kind]);
  const tooltip = new vscode.MarkdownString();
  tooltip.appendCodeblock(step.content.length > 2000 ? `${step.content.slice(0, 2000)}\n…` : step.content, step.language || 'text');
  item.tooltip = tooltip;
  item.contextValue = `${ContextValues.step}+${step.kind}${step.runnable ? '+runnable' : ''}`;
  item.command = { command: Commands.openRunbookStep, title: 'Open Step', arguments: [{ uri, stepId: step.id }] };
  return item;
}

export function collapsedUnlessFiltered(look: RowLook): vscode.TreeItemCollapsibleState {
  return look.filter ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
}

/** The label with every place the filter text appears marked, so a row says why it is shown. */
function highlighted(label: string, look: RowLook): string | vscode.TreeItemLabel {
  const needle = look.filter.toLowerCase();
  if (needle === '') return label;
  const highlights: [number, number][] = [];
  const haystack = label.toLowerCase();
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) highlights.push([at, at + needle.length]);
  return highlights.length > 0 ? { label, highlights } : label;
}
