import * as vscode from 'vscode';
import { STEP_OUTPUT_SCHEME } from '../constants';
import { isStepOutputFileName } from '../core/execution/executionJournal';
import { renderStepOutputDocument, type StepOutputView } from '../core/execution/stepOutputDocument';
import { localTimeZone } from '../core/shared/timeFormat';
import type { JournalStore } from '../platform/execution/journalStore';
import type { Log } from '../platform/log';
import { readFileStart } from '../platform/regularFiles';

/** More than a stored output ever holds (128 KB and a marker): a file edited by hand is read this far only. */
const MAX_READ_BYTES = 1024 * 1024;

/**
 * A step's output as a read-only document (its scheme makes it read-only): the header is
 * rendered from the journal when it opens, the output read from the file beside the journal.
 */
export class StepOutputDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  private readonly appended: { dispose(): void };
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly journal: JournalStore,
    private readonly log: Log,
  ) {
    // A document opened while its step ran shows the output once the step ends.
    this.appended = journal.onDidAppend((entry) => {
      if (entry.type !== 'step-finished') return;
      for (const document of vscode.workspace.textDocuments) {
        if (document.uri.scheme === STEP_OUTPUT_SCHEME && StepOutputDocuments.runIdOf(document.uri) === entry.runId) this.changeEmitter.fire(document.uri);
      }
    });
  }

  static register(journal: JournalStore, log: Log): vscode.Disposable {
    const documents = new StepOutputDocuments(journal, log);
    return vscode.Disposable.from(documents, vscode.workspace.registerTextDocumentContentProvider(STEP_OUTPUT_SCHEME, documents));
  }

  dispose(): void {
    this.appended.dispose();
    this.changeEmitter.dispose();
  }

  /** `oncall-step-output:/<runId>/<command>.log`: the tab shows the command, the path names the run. */
  static uriFor(runId: string, command: string): vscode.Uri {
    const firstLine = command.split('\n')[0].trim();
    const label = firstLine.replace(/[^A-Za-z0-9 ._=:@,+-]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 60) || 'step';
    return vscode.Uri.from({ scheme: STEP_OUTPUT_SCHEME, path: `/${runId}/${label}.log` });
  }

  static runIdOf(uri: vscode.Uri): string | undefined {
    const runId = uri.path.split('/')[1] ?? '';
    return isStepOutputFileName(`${runId}.txt`) ? runId : undefined;
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const runId = StepOutputDocuments.runIdOf(uri);
    const entries = runId ? await this.journal.read() : [];
    const started = entries.find((entry) => entry.type === 'step-started' && entry.runId === runId);
    if (!started || started.type !== 'step-started') return 'This step is not in the execution journal (any more): its output cannot be shown.\n';
    const finished = entries.find((entry) => entry.type === 'step-finished' && entry.runId === runId);
    const view: StepOutputView = { started, ...(finished?.type === 'step-finished' ? { finished } : {}) };
    return renderStepOutputDocument({ ...view, ...(await this.storedText(view)) }, localTimeZone());
  }

  private async storedText(view: StepOutputView): Promise<{ text?: string; missing?: string }> {
    const ref = view.finished?.output;
    if (!ref) {
      if (!view.finished) return { missing: '(The step has not ended: its output is kept when it does.)' };
      return { missing: '(No output was kept for this step: output capture was off, the terminal had no shell integration, or the step took over its terminal and its output stayed there.)' };
    }
    const path = this.journal.outputPath(ref.file);
    if (!path) return { missing: `(The journal names an output file that is not a step output ("${ref.file}"): nothing read.)` };
    try {
      return { text: await readBounded(path) };
    } catch (error) {
      this.log.warn(`Could not read the step output ${path}: ${String(error)}`);
      const code = (error as NodeJS.ErrnoException).code;
      return { missing: code === 'ENOENT' ? `(Its output file is gone: ${path}.)` : `(Its output file cannot be read: ${path}.)` };
    }
  }
}

/** The file's start as text (invalid bytes shown as U+FFFD); never a device or a folder. */
async function readBounded(path: string): Promise<string> {
  const start = await readFileStart(path, MAX_READ_BYTES);
  if ('notAFile' in start) throw new Error('not a file');
  return new TextDecoder('utf-8').decode(start.bytes);
}
