import * as vscode from 'vscode';
import { SettingSections } from '../constants';
import type { RunbookDiagnostic } from '../core/runbooks/model';
import type { RunbookIndex } from '../platform/runbooks/runbookIndex';

const SEVERITIES: Record<RunbookDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

/**
 * Problems in open runbooks: credentials written into the file, unlabelled shell blocks,
 * unterminated fences, bad front matter. Only open documents are checked, like a linter.
 */
export class RunbookDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('oncall-runbooks');
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly index: RunbookIndex) {
    this.disposables = [
      this.collection,
      vscode.workspace.onDidOpenTextDocument((document) => void this.update(document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.collection.delete(document.uri)),
      index.onDidChange((change) => {
        for (const uri of change.changed) {
          const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
          if (document) void this.update(document);
        }
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(SettingSections.runbooks)) this.updateAll();
      }),
    ];
  }

  /** Checks the documents already open when the extension starts. */
  updateAll(): void {
    for (const document of vscode.workspace.textDocuments) void this.update(document);
  }

  private async update(document: vscode.TextDocument): Promise<void> {
    if (!this.index.isRunbookDocument(document)) {
      this.collection.delete(document.uri);
      return;
    }
    const runbook = await this.index.parseDocument(document);
    if (document.isClosed) return;
    this.collection.set(
      document.uri,
      runbook.diagnostics.map((d) => {
        const diagnostic = new vscode.Diagnostic(new vscode.Range(d.line, d.column, d.endLine, d.endColumn), d.message, SEVERITIES[d.severity]);
        diagnostic.source = 'On-Call';
        diagnostic.code = d.code;
        return diagnostic;
      }),
    );
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
