import * as vscode from 'vscode';
import { HISTORY_SCHEME } from '../constants';
import { renderIncidentHistory } from '../core/postmortem/incidentHistory';
import { localTimeZone } from '../core/shared/timeFormat';
import type { JournalStore } from '../platform/execution/journalStore';
import type { Log } from '../platform/log';
import { findPostMortems, loadIncidentHistory } from '../platform/sessions/incidentHistoryLoader';
import type { Sessions } from '../platform/sessions/sessions';

/** The read-only history document of an alert: its name in the query, a `.md` path so it opens as Markdown. */
export function incidentHistoryUri(key: string): vscode.Uri {
  const title = key.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').slice(0, 80) || 'alert';
  return vscode.Uri.from({ scheme: HISTORY_SCHEME, path: `/History of ${title}.md`, query: key });
}

/**
 * The earlier incidents about an alert as a read-only Markdown document, rendered from the
 * session records and the journal each time it is opened, and again when an incident changes.
 */
export class IncidentHistoryDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  private readonly subscription: vscode.Disposable;
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly sessions: Sessions,
    private readonly journal: JournalStore,
    private readonly log: Log,
  ) {
    this.subscription = sessions.onDidChange(() => {
      for (const document of vscode.workspace.textDocuments) if (document.uri.scheme === HISTORY_SCHEME) this.changeEmitter.fire(document.uri);
    });
  }

  static register(sessions: Sessions, journal: JournalStore, log: Log): vscode.Disposable {
    const documents = new IncidentHistoryDocuments(sessions, journal, log);
    return vscode.Disposable.from(documents, vscode.workspace.registerTextDocumentContentProvider(HISTORY_SCHEME, documents));
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const key = uri.query;
    const entries = await loadIncidentHistory(this.sessions, this.journal, key);
    const postMortems = await findPostMortems(
      entries.map((entry) => entry.record),
      this.log,
    );
    return renderIncidentHistory(key, entries, postMortems, localTimeZone());
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }
}
