import * as vscode from 'vscode';
import { ContextKeys, ContextValues } from '../constants';
import { setContext } from '../platform/commands';
import type { RunbookStep } from '../core/runbooks/model';
import { distinguishListings } from '../core/runbooks/runbookListing';
import { findRowPath, shapeRunbook, type RunbookShape, type ShapedSection } from '../core/runbooks/runbookShape';
import type { IndexedRunbook, RunbookIndex } from '../platform/runbooks/runbookIndex';
import { collapsedUnlessFiltered, runbookItem, sectionItem, stepItem, type RowLook } from './runbookTreeItems';

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
  /** Before the title: what tells it apart from runbooks of the same title, when there are any. */
  distinction: string | undefined;
}
interface SectionNode {
  readonly type: 'section';
  readonly id: string;
  /** For the inline Open action, which receives the node itself. */
  readonly uri: string;
  readonly line: number;
  readonly entry: IndexedRunbook;
  readonly row: ShapedSection;
}
interface StepNode extends StepReference {
  readonly type: 'step';
  readonly id: string;
  readonly entry: IndexedRunbook;
  readonly step: RunbookStep;
}
export type RunbookTreeNode = StarterGroupNode | RunbookNode | SectionNode | StepNode;

/**
 * Runbook → sections nested by heading level → step. Ids are stable (`runbook/<uri>/step-3`)
 * so expansion survives a refresh, and a change to one runbook refreshes only that runbook's
 * node. While filtered, ids carry the filter: VS Code keeps a row's expansion by id, and a
 * filtered view must open every row it shows.
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
        // A new title may now share, or no longer share, its name with another row's.
        if (node && entry && entry.runbook.title === node.entry.runbook.title) {
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
    if (this.view) this.view.message = this.filterText ? `Showing sections and steps matching "${this.filterText}"` : undefined;
    this.changed.fire(undefined);
  }

  async getChildren(element?: RunbookTreeNode): Promise<RunbookTreeNode[]> {
    if (!element) {
      await this.index.ensureLoaded();
      const workspace = this.runbookNodesFor(false);
      return this.index.all().some((entry) => entry.starter && this.shape(entry) !== undefined) ? [...workspace, this.starterGroup] : workspace;
    }
    switch (element.type) {
      case 'starters':
        return this.runbookNodesFor(true);
      case 'runbook': {
        const shape = this.shape(element.entry);
        if (!shape) return [];
        return [...shape.looseSteps.map((step) => stepNode(element.entry, step)), ...shape.sections.map((row) => sectionNode(element, row))];
      }
      case 'section':
        return [...element.row.steps.map((step) => stepNode(element.entry, step)), ...element.row.children.map((row) => sectionNode(this.runbookNode(element.entry), row))];
      case 'step':
        return [];
    }
  }

  getTreeItem(element: RunbookTreeNode): vscode.TreeItem {
    const look: RowLook = { filter: this.filterText };
    const item = this.drawItem(element, look);
    item.id = this.filterText ? `filter/${encodeURIComponent(this.filterText)}/${element.id}` : element.id;
    return item;
  }

  private drawItem(element: RunbookTreeNode, look: RowLook): vscode.TreeItem {
    switch (element.type) {
      case 'starters': {
        const item = new vscode.TreeItem('Starter runbooks', collapsedUnlessFiltered(look));
        item.iconPath = new vscode.ThemeIcon('library');
        item.description = 'bundled';
        item.tooltip = 'Runbooks shipped with the extension. Copy one into your repository to adapt it; hide them with the oncall.runbooks.showStarterRunbooks setting.';
        item.contextValue = ContextValues.starters;
        return item;
      }
      case 'runbook':
        return runbookItem(element.entry, element.distinction, look);
      case 'section':
        return sectionItem(element.row, look);
      case 'step':
        return stepItem(element.uri, element.step, look);
    }
  }

  getParent(element: RunbookTreeNode): RunbookTreeNode | undefined {
    switch (element.type) {
      case 'starters':
        return undefined;
      case 'runbook':
        return element.entry.starter ? this.starterGroup : undefined;
      case 'section':
        return this.parentRow(element.entry, (row) => row.children.some((child) => child.section.id === element.row.section.id));
      case 'step':
        return this.parentRow(element.entry, (row) => row.steps.some((step) => step.id === element.step.id));
    }
  }

  /** The section row `isParent` accepts, else the runbook itself. */
  private parentRow(entry: IndexedRunbook, isParent: (row: ShapedSection) => boolean): RunbookTreeNode {
    const runbookNode = this.runbookNode(entry);
    const path = findRowPath(this.shape(entry)?.sections ?? [], isParent);
    const parent = path?.[path.length - 1];
    return parent ? sectionNode(runbookNode, parent) : runbookNode;
  }

  private shape(entry: IndexedRunbook): RunbookShape | undefined {
    return shapeRunbook(entry.runbook, { filter: this.filterText, path: entry.label });
  }

  /**
   * The workspace's or the starter runbooks the filter leaves, sorted by title. Rows of the
   * same title say what tells them apart, decided on all of them so a row reads the same
   * whatever the filter hides.
   */
  private runbookNodesFor(starter: boolean): RunbookNode[] {
    const group = this.index
      .all()
      .filter((entry) => entry.starter === starter)
      .sort((a, b) => a.runbook.title.localeCompare(b.runbook.title) || a.label.localeCompare(b.label));
    const distinctions = distinguishListings(group.map((entry) => ({ title: entry.runbook.title, path: entry.label, service: entry.runbook.frontMatter?.service })));
    return group.flatMap((entry, at) => {
      if (this.shape(entry) === undefined) return [];
      const node = this.runbookNode(entry);
      node.distinction = distinctions[at];
      return [node];
    });
  }

  private runbookNode(entry: IndexedRunbook): RunbookNode {
    const key = entry.uri.toString();
    let node = this.runbookNodes.get(key);
    if (!node) {
      node = { type: 'runbook', id: `runbook/${key}`, entry, uri: key, line: 0, distinction: undefined };
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

function sectionNode(runbook: RunbookNode, row: ShapedSection): SectionNode {
  return { type: 'section', id: `${runbook.id}/${row.section.id}`, uri: runbook.uri, line: row.section.line, entry: runbook.entry, row };
}

function stepNode(entry: IndexedRunbook, step: RunbookStep): StepNode {
  return { type: 'step', id: `runbook/${entry.uri.toString()}/${step.id}`, uri: entry.uri.toString(), stepId: step.id, entry, step };
}
