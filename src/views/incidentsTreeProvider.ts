import * as vscode from 'vscode';

/**
 * The Incidents view. Sources are not connected yet, so it has no nodes and VS Code shows
 * the view's welcome content instead.
 */
export class IncidentsTreeProvider implements vscode.TreeDataProvider<never>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  getTreeItem(element: never): vscode.TreeItem {
    return element;
  }

  getChildren(): never[] {
    return [];
  }

  dispose(): void {
    this.changed.dispose();
  }
}
