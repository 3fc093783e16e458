import * as vscode from 'vscode';
import { Commands, ContextKeys, WORKLOAD_SCHEME } from '../constants';
import { setContext } from '../platform/commands';
import type { WorkloadEvidence } from '../platform/kube/workloadEvidence';

/**
 * The read-only logs, describe and events documents (their scheme makes them read-only), with
 * lenses on the first line to follow a log, add an excerpt to the incident's timeline and copy
 * the kubectl command, and the context keys that pick Follow or Stop Following for the
 * editor's title bar.
 */
export class WorkloadDocuments implements vscode.TextDocumentContentProvider, vscode.CodeLensProvider, vscode.Disposable {
  private readonly lensEmitter = new vscode.EventEmitter<void>();
  readonly onDidChange: vscode.Event<vscode.Uri>;
  readonly onDidChangeCodeLenses = this.lensEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.lensEmitter];

  constructor(private readonly evidence: WorkloadEvidence) {
    this.onDidChange = evidence.onDidChange;
    this.disposables.push(
      evidence.onDidChange(() => {
        this.lensEmitter.fire();
        this.syncContext();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.syncContext()),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document.uri.scheme === WORKLOAD_SCHEME) evidence.forget(document.uri);
      }),
    );
  }

  static register(evidence: WorkloadEvidence): vscode.Disposable {
    const documents = new WorkloadDocuments(evidence);
    return vscode.Disposable.from(
      documents,
      vscode.workspace.registerTextDocumentContentProvider(WORKLOAD_SCHEME, documents),
      vscode.languages.registerCodeLensProvider({ scheme: WORKLOAD_SCHEME }, documents),
    );
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.evidence.content(uri);
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const request = this.evidence.requestOf(document.uri);
    if (!request) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    const uri = document.uri.toString();
    const lenses: vscode.CodeLens[] = [];
    if (request.view === 'logs') {
      const following = this.evidence.isFollowing(document.uri);
      lenses.push(new vscode.CodeLens(top, { title: following ? 'Stop Following' : 'Follow', command: following ? Commands.stopFollowingLogs : Commands.followLogs, arguments: [uri] }));
    }
    lenses.push(
      new vscode.CodeLens(top, { title: 'Add Excerpt to Timeline', command: Commands.addEvidenceExcerpt, arguments: [uri] }),
      new vscode.CodeLens(top, { title: 'Copy kubectl Command', command: Commands.copyKubectlCommand, arguments: [uri] }),
    );
    return lenses;
  }

  private syncContext(): void {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const request = uri ? this.evidence.requestOf(uri) : undefined;
    void setContext(ContextKeys.followableLogs, request?.view === 'logs');
    void setContext(ContextKeys.followingLogs, uri !== undefined && request !== undefined && this.evidence.isFollowing(uri));
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
