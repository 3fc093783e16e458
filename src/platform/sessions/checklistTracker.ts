import * as vscode from 'vscode';
import type { ChecklistItem } from '../../core/runbooks/model';
import type { RunbookIndex } from '../runbooks/runbookIndex';
import type { Sessions } from './sessions';

/**
 * Ticking a `- [ ]` item in a runbook during an incident goes into its timeline. Items are
 * compared by text between parses of the document, so an edit elsewhere in the runbook (or
 * moving an item) is not a tick. Nothing is parsed while no incident is active: the open
 * runbooks are read when one starts.
 */
export class ChecklistTracker implements vscode.Disposable {
  private readonly known = new Map<string, Map<string, boolean>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly index: RunbookIndex,
    private readonly sessions: Sessions,
  ) {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((document) => {
        if (this.sessions.active) void this.remember(document);
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (this.sessions.active && event.contentChanges.some((change) => /\[[ xX]\]/.test(change.text) || change.rangeLength <= 3)) void this.compare(event.document);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.known.delete(document.uri.toString())),
      sessions.onDidChange(() => {
        if (!this.sessions.active) this.known.clear();
        else if (this.known.size === 0) for (const document of vscode.workspace.textDocuments) void this.remember(document);
      }),
    ];
  }

  private async states(document: vscode.TextDocument): Promise<{ title: string; items: Map<string, boolean> } | undefined> {
    if (!this.index.isRunbookDocument(document)) return undefined;
    const runbook = await this.index.parseDocument(document);
    return { title: runbook.title, items: new Map(runbook.checklist.map((item: ChecklistItem) => [item.text, item.checked])) };
  }

  private async remember(document: vscode.TextDocument): Promise<void> {
    const states = await this.states(document);
    if (states) this.known.set(document.uri.toString(), states.items);
  }

  private async compare(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    const before = this.known.get(key);
    const now = await this.states(document);
    if (!now) return;
    this.known.set(key, now.items);
    if (!before || !this.sessions.active) return;
    for (const [item, checked] of now.items) {
      const was = before.get(item);
      if (was === undefined || was === checked) continue;
      await this.sessions.record({ type: 'checklist-ticked', at: new Date().toISOString(), runbook: key, runbookTitle: now.title, item, checked });
    }
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
