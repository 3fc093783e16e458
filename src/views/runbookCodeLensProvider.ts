import * as vscode from 'vscode';
import { Commands, SettingSections } from '../constants';
import { findInteractiveUse } from '../core/execution/interactiveCommands';
import { config } from '../platform/config';
import type { RunbookIndex } from '../platform/runbooks/runbookIndex';
import type { StepReference } from './runbooksTreeProvider';

/**
 * Lenses above every fenced block of a runbook: Run and Copy on runnable blocks (Run only in
 * trusted workspaces; "Run (interactive)" for steps that take over the terminal), Run Query
 * on PromQL blocks, "Copy template" on templates, Copy on the rest. Lenses are computed
 * once per document version; their arguments are plain `{ uri, stepId }`.
 */
export class RunbookCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly cache = new Map<string, { version: number; trusted: boolean; lenses: vscode.CodeLens[] }>();
  private readonly disposables: vscode.Disposable[];

  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly index: RunbookIndex) {
    this.disposables = [
      this.changed,
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(SettingSections.runbooks)) {
          this.cache.clear();
          this.changed.fire();
        }
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.cache.delete(document.uri.toString())),
    ];
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!config.codeLensEnabled() || !this.index.isRunbookDocument(document)) return [];
    const key = document.uri.toString();
    const trusted = vscode.workspace.isTrusted;
    const cached = this.cache.get(key);
    if (cached && cached.version === document.version && cached.trusted === trusted) return cached.lenses;

    const runbook = await this.index.parseDocument(document);
    const lenses: vscode.CodeLens[] = [];
    for (const step of runbook.steps) {
      const range = new vscode.Range(step.range.startLine, 0, step.range.startLine, 0);
      const reference: StepReference = { uri: key, stepId: step.id };
      if (step.runnable && trusted) {
        // SQL and Python run from a heredoc, never at a prompt of their own.
        const interactive = step.kind === 'shell' ? findInteractiveUse(step.commands) : undefined;
        lenses.push(
          new vscode.CodeLens(
            range,
            interactive
              ? { title: '$(play) Run (interactive)', tooltip: `This step ${interactive.reason}: it runs in a terminal of its own, and later steps never go to it while it runs.`, command: Commands.runStep, arguments: [reference] }
              : { title: '$(play) Run', tooltip: 'Run this block in the On-Call terminal', command: Commands.runStep, arguments: [reference] },
          ),
        );
      }
      if (step.kind === 'promql') {
        // A read-only query to the user's own Prometheus (user settings only in Restricted Mode).
        lenses.push(new vscode.CodeLens(range, { title: '$(graph-line) Run Query', tooltip: 'Query Prometheus over the incident’s window (else the last hour) and chart the result', command: Commands.runPromql, arguments: [reference] }));
      }
      if (step.kind === 'template') {
        lenses.push(new vscode.CodeLens(range, { title: '$(copy) Copy template', tooltip: 'Copy this template, filled with the active incident’s facts (as written when none is active)', command: Commands.copyTemplate, arguments: [reference] }));
      } else {
        lenses.push(new vscode.CodeLens(range, { title: '$(copy) Copy', tooltip: step.kind === 'shell' && step.language === 'console' ? 'Copy the prompted commands (without output)' : 'Copy this block', command: Commands.copyStep, arguments: [reference] }));
      }
    }
    this.cache.set(key, { version: document.version, trusted, lenses });
    return lenses;
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
