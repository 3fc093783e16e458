import * as vscode from 'vscode';

/** The Runbooks view. Empty until the runbook index is connected; VS Code then shows its welcome content. */
export class RunbooksTreeProvider implements vscode.TreeDataProvider<never>, vscode.Disposable {
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
