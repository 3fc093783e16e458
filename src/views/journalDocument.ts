import * as vscode from 'vscode';
import { JOURNAL_SCHEME } from '../constants';
import { renderJournalReport } from '../core/execution/journalReport';
import type { JournalStore } from '../platform/execution/journalStore';

/** The one readable journal document: a `.md` path so it opens as Markdown, read-only by its scheme. */
export const JOURNAL_DOCUMENT_URI = vscode.Uri.from({ scheme: JOURNAL_SCHEME, path: '/Execution Journal.md' });

/**
 * The execution journal as a read-only Markdown table, rendered from the JSON-lines file each
 * time it is opened and again after every step run while it is open.
 */
export class JournalDocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  private readonly appended: { dispose(): void };
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly journal: JournalStore) {
    this.appended = journal.onDidAppend(() => this.changeEmitter.fire(JOURNAL_DOCUMENT_URI));
  }

  static register(journal: JournalStore): vscode.Disposable {
    const provider = new JournalDocumentProvider(journal);
    return vscode.Disposable.from(provider, vscode.workspace.registerTextDocumentContentProvider(JOURNAL_SCHEME, provider));
  }

  async provideTextDocumentContent(): Promise<string> {
    // Times in the responder's own zone, with UTC beside them.
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return renderJournalReport(await this.journal.read(), { rawUri: vscode.Uri.file(this.journal.path).toString(), timeZone });
  }

  dispose(): void {
    this.appended.dispose();
    this.changeEmitter.dispose();
  }
}
