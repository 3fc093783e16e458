import type { StepOutputRef } from '../../core/execution/executionJournal';
import type { TimelineEvent } from '../../core/postmortem/sessionModel';
import { excerptStoredOutput, MAX_STORED_OUTPUT_BYTES, unavailableOutput, type StepOutputExcerpt } from '../../core/postmortem/stepOutputExcerpt';
import { formatBytes } from '../../core/kube/logLines';
import type { JournalStore } from '../execution/journalStore';
import { readFileStart } from '../regularFiles';

/**
 * The end of a step's stored output. Whatever is wrong with the file (a name that is not one
 * the capture writes, missing, not a file, larger than any capture, not UTF-8) ends in an
 * excerpt that says why, never in an error: a post-mortem is still written without it.
 */
export async function readStepOutputExcerpt(journal: JournalStore, ref: StepOutputRef): Promise<StepOutputExcerpt> {
  // The journal is a file anyone can edit: only a plain `<runId>.txt` name is ever opened.
  const path = journal.outputPath(ref.file);
  if (path === undefined) return unavailableOutput('the journal names a file the extension does not write');
  let start;
  try {
    start = await readFileStart(path, MAX_STORED_OUTPUT_BYTES);
  } catch (error) {
    return unavailableOutput((error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the stored file is missing' : 'the stored file cannot be read');
  }
  if ('notAFile' in start) return unavailableOutput('the stored output is not a file');
  if (start.size > MAX_STORED_OUTPUT_BYTES) return unavailableOutput(`the stored file is ${formatBytes(start.size)}, larger than a capture ever writes`);
  return excerptStoredOutput(start.bytes, ref);
}

/** The excerpts of every step in `events` whose output was captured, by run id. */
export async function readStepOutputExcerpts(journal: JournalStore, events: readonly TimelineEvent[]): Promise<Map<string, StepOutputExcerpt>> {
  const excerpts = new Map<string, StepOutputExcerpt>();
  for (const event of events) {
    if (event.type !== 'step-run' || event.output === undefined || excerpts.has(event.runId)) continue;
    // One at a time: an incident may have run hundreds of steps, each file up to a few hundred KB.
    excerpts.set(event.runId, await readStepOutputExcerpt(journal, event.output));
  }
  return excerpts;
}
