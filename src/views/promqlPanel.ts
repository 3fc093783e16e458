import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { PROMQL_PANEL_TYPE } from '../constants';
import { renderPanelHtml, type PromqlRun } from '../core/promql/promqlReport';

/** What the panel's buttons do; the command layer supplies them. */
export interface PromqlPanelActions {
  rerun(): Promise<PromqlRun>;
  addToTimeline(run: PromqlRun): Promise<unknown>;
}

interface OpenPanel {
  readonly panel: vscode.WebviewPanel;
  run: PromqlRun;
  actions: PromqlPanelActions;
}

/**
 * The result panels of PromQL blocks: one per block (running it again reuses its panel),
 * beside the runbook. The page gets a new nonce on every render; its script may only post
 * the name of a button.
 */
export class PromqlPanels implements vscode.Disposable {
  private readonly open = new Map<string, OpenPanel>();
  /** The panel shown or focused last, for Add to Timeline from the palette. */
  private lastKey: string | undefined;

  /** Shows `run` in the block's panel (`key`: the block's uri and step id). */
  show(key: string, run: PromqlRun, actions: PromqlPanelActions): void {
    let entry = this.open.get(key);
    if (!entry) {
      const panel = vscode.window.createWebviewPanel(PROMQL_PANEL_TYPE, 'PromQL', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, localResourceRoots: [] });
      const created: OpenPanel = { panel, run, actions };
      entry = created;
      this.open.set(key, created);
      panel.onDidDispose(() => {
        this.open.delete(key);
        if (this.lastKey === key) this.lastKey = undefined;
      });
      panel.onDidChangeViewState((event) => {
        if (event.webviewPanel.active) this.lastKey = key;
      });
      panel.webview.onDidReceiveMessage((message: unknown) => void this.act(created, message));
    }
    entry.run = run;
    entry.actions = actions;
    this.lastKey = key;
    entry.panel.title = `PromQL: ${run.from}`;
    entry.panel.webview.html = renderPanelHtml(run, randomBytes(16).toString('base64'));
    if (!entry.panel.visible) entry.panel.reveal(vscode.ViewColumn.Beside, true);
  }

  /** The run of the panel shown or focused last. */
  get lastRun(): PromqlRun | undefined {
    return this.lastKey !== undefined ? this.open.get(this.lastKey)?.run : undefined;
  }

  private async act(entry: OpenPanel, message: unknown): Promise<void> {
    const action = typeof message === 'object' && message !== null ? (message as { action?: unknown }).action : undefined;
    if (action === 'open') await vscode.env.openExternal(vscode.Uri.parse(entry.run.graphUrl, true));
    else if (action === 'timeline') await entry.actions.addToTimeline(entry.run);
    else if (action === 'rerun') {
      const run = await entry.actions.rerun();
      entry.run = run;
      entry.panel.webview.html = renderPanelHtml(run, randomBytes(16).toString('base64'));
    }
  }

  dispose(): void {
    for (const entry of [...this.open.values()]) entry.panel.dispose();
  }
}
