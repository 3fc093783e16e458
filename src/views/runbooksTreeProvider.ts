import * as vscode from 'vscode';
import { Commands, ContextKeys, ContextValues } from '../constants';
import { setContext } from '../platform/commands';
import type { BlockKind, RunbookSection, RunbookStep } from '../core/runbooks/model';
import { describeBlockKind, labelStep, outlineRunbook } from '../core/runbooks/runbookOutline';
import { escapeMarkdown } from '../core/shared/text';
import type { IndexedRunbook, RunbookIndex } from '../platform/runbooks/runbookIndex';

/** What a step command receives: plain data, never a live document. */
export interface StepReference {
  readonly uri: string;
  readonly stepId: string;
  /** Placeholder values known up front (an incident's labels), by normalised name. */
  readonly values?: Readonly<Record<string, string>>;
}

interface StarterGroupNode {
  readonly type: 'starters';
  readonly id: string;
}
interface RunbookNode {
  readonly type: 'runbook';
  readonly id: string;
  entry: IndexedRunbook;
  /** For the inline Open action, which receives the node itself. */
  uri: string;
  readonly line: 0;
}
interface SectionNode {
  readonly type: 'section';
  readonly id: string;
  /** For the inline Open action, which receives the node itself. */
  readonly uri: string;
  readonly line: number;
  readonly entry: IndexedRunbook;
  readonly section: RunbookSection;
  readonly steps: readonly RunbookStep[];
}
interface StepNode extends StepReference {
  readonly type: 'step';
  readonly id: string;
  readonly entry: IndexedRunbook;
  readonly step: RunbookStep;
}
export type RunbookTreeNode = StarterGroupNode | RunbookNode | SectionNode | StepNode;

const STEP_ICONS: Record<BlockKind, string> = {
  shell: 'terminal',
  sql: 'database',
  python: 'symbol-method',
  promql: 'graph-line',
  yaml: 'symbol-namespace',
  template: 'note',
  other: 'code',
};

/**
 * Runbook → section → step. Ids are stable (`runbook/<uri>/step-3`) so expansion survives a
 * refresh, and a change to one runbook refreshes only that runbook's node.
 */
export class RunbooksTreeProvider implements vscode.TreeDataProvider<RunbookTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RunbookTreeNode | undefined>();
  private readonly runbookNodes = new Map<string, RunbookNode>();
  private readonly starterGroup: StarterGroupNode = { type: 'starters', id: 'runbooks/starters' };
  private readonly subscription: vscode.Disposable;
  private filterText = '';
  private view: vscode.TreeView<RunbookTreeNode> | undefined;

  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly index: RunbookIndex) {
    this.subscription = index.onDidChange((change) => {
      if (change.structural || this.filterText) {
        this.changed.fire(undefined);
        return;
      }
      for (const uri of change.changed) {
        const node = this.runbookNodes.get(uri.toString());
        const entry = index.get(uri);
        if (node && entry) {
          node.entry = entry;
          this.changed.fire(node);
        } else {
          this.changed.fire(undefined);
        }
      }
    });
  }

  attach(view: vscode.TreeView<RunbookTreeNode>): void {
    this.view = view;
  }

  get filter(): string {
    return this.filterText;
  }

  setFilter(text: string): void {
    this.filterText = text.trim();
    void setContext(ContextKeys.runbookFilterActive, this.filterText !== '');
    if (this.view) this.view.message = this.filterText ? `Showing runbooks and steps matching "${this.filterText}"` : undefined;
    this.changed.fire(undefined);
  }

  async getChildren(element?: RunbookTreeNode): Promise<RunbookTreeNode[]> {
    if (!element) {
      await this.index.ensureLoaded();
      const visible = this.index.all().filter((entry) => this.outline(entry) !== undefined);
      const workspace = visible.filter((entry) => !entry.starter).sort(byTitle).map((entry) => this.runbookNode(entry));
      const hasStarters = visible.some((entry) => entry.starter);
      return hasStarters ? [...workspace, this.starterGroup] : workspace;
    }
    switch (element.type) {
      case 'starters':
        return this.index
          .all()
          .filter((entry) => entry.starter && this.outline(entry) !== undefined)
          .sort(byTitle)
          .map((entry) => this.runbookNode(entry));
      case 'runbook': {
        const outline = this.outline(element.entry);
        if (!outline) return [];
        return [
          ...outline.looseSteps.map((step) => stepNode(element.entry, step)),
          ...outline.sections.map(({ section, steps }): SectionNode => ({
            type: 'section',
            id: `${element.id}/${section.id}`,
            uri: element.uri,
            line: section.line,
            entry: element.entry,
            section,
            steps,
          })),
        ];
      }
      case 'section':
        return element.steps.map((step) => stepNode(element.entry, step));
      case 'step':
        return [];
    }
  }

  getTreeItem(element: RunbookTreeNode): vscode.TreeItem {
    const expanded = this.filterText ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    switch (element.type) {
      case 'starters': {
        const item = new vscode.TreeItem('Starter runbooks', expanded);
        item.id = element.id;
        item.iconPath = new vscode.ThemeIcon('library');
        item.description = 'bundled';
        item.tooltip = 'Runbooks shipped with the extension. Copy one into your repository to adapt it; hide them with the oncall.runbooks.showStarterRunbooks setting.';
        item.contextValue = ContextValues.starters;
        return item;
      }
      case 'runbook': {
        const { entry } = element;
        const item = new vscode.TreeItem(entry.runbook.title, expanded);
        item.id = element.id;
        item.description = entry.label;
        item.iconPath = new vscode.ThemeIcon('book');
        item.resourceUri = entry.uri;
        const alerts = [...new Set(entry.runbook.alerts.map((a) => a.name))];
        const tooltip = new vscode.MarkdownString(undefined, true);
        tooltip.appendMarkdown(`**${escapeMarkdown(entry.runbook.title)}**\n\n`);
        tooltip.appendMarkdown(`${escapeMarkdown(entry.label)} · ${entry.runbook.steps.length} steps\n\n`);
        if (alerts.length > 0) tooltip.appendMarkdown(`Alerts: ${alerts.map((a) => `\`${a}\``).join(', ')}`);
        item.tooltip = tooltip;
        item.contextValue = `${ContextValues.runbook}${entry.starter ? '+starter' : ''}`;
        // No click command: a click expands the runbook; the inline Open action opens it.
        return item;
      }
      case 'section': {
        const item = new vscode.TreeItem(element.section.title || '(untitled section)', expanded);
        item.id = element.id;
        item.iconPath = new vscode.ThemeIcon('symbol-namespace');
        item.description = `${element.steps.length} step${element.steps.length === 1 ? '' : 's'}`;
        item.contextValue = ContextValues.section;
        return item;
      }
      case 'step': {
        const { step } = element;
        const item = new vscode.TreeItem(labelStep(step), vscode.TreeItemCollapsibleState.None);
        item.id = element.id;
        item.description = describeBlockKind(step);
        item.iconPath = new vscode.ThemeIcon(STEP_ICONS[step.kind]);
        const tooltip = new vscode.MarkdownString();
        tooltip.appendCodeblock(step.content.length > 2000 ? `${step.content.slice(0, 2000)}\n…` : step.content, step.language || 'text');
        item.tooltip = tooltip;
        item.contextValue = `${ContextValues.step}+${step.kind}${step.runnable ? '+runnable' : ''}`;
        item.command = { command: Commands.openRunbookStep, title: 'Open Step', arguments: [{ uri: element.uri, stepId: step.id }] };
        return item;
      }
    }
  }

  getParent(element: RunbookTreeNode): RunbookTreeNode | undefined {
    switch (element.type) {
      case 'starters':
        return undefined;
      case 'runbook':
        return element.entry.starter ? this.starterGroup : undefined;
      case 'section':
        return this.runbookNode(element.entry);
      case 'step': {
        const runbookNode = this.runbookNode(element.entry);
        const sectionId = element.step.sectionId;
        const outline = this.outline(element.entry);
        const holder = outline?.sections.find((s) => s.section.id === sectionId);
        return holder
          ? {
              type: 'section',
              id: `${runbookNode.id}/${holder.section.id}`,
              uri: runbookNode.uri,
              line: holder.section.line,
              entry: element.entry,
              section: holder.section,
              steps: holder.steps,
            }
          : runbookNode;
      }
    }
  }

  private outline(entry: IndexedRunbook) {
    return outlineRunbook(entry.runbook, this.filterText, entry.label);
  }

  private runbookNode(entry: IndexedRunbook): RunbookNode {
    const key = entry.uri.toString();
    let node = this.runbookNodes.get(key);
    if (!node) {
      node = { type: 'runbook', id: `runbook/${key}`, entry, uri: key, line: 0 };
      this.runbookNodes.set(key, node);
    }
    node.entry = entry;
    node.uri = key;
    return node;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function stepNode(entry: IndexedRunbook, step: RunbookStep): StepNode {
  return { type: 'step', id: `runbook/${entry.uri.toString()}/${step.id}`, uri: entry.uri.toString(), stepId: step.id, entry, step };
}

function byTitle(a: IndexedRunbook, b: IndexedRunbook): number {
  return a.runbook.title.localeCompare(b.runbook.title);
}
