import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { StepOutputRef } from '../../core/execution/executionJournal';
import type { TimelineEvent } from '../../core/postmortem/sessionModel';
import { excerptStoredOutput, MAX_STORED_OUTPUT_BYTES, unavailableOutput, type StepOutputExcerpt } from '../../core/postmortem/stepOutputExcerpt';
import { formatBytes } from '../../core/kube/logLines';
import type { JournalStore } from '../execution/journalStore';

/**
 * The end of a step's stored output. Whatever is wrong with the file (a name that is not one
 * the capture writes, missing, not a file, larger than any capture, not UTF-8) ends in an
 * excerpt that says why, never in an error: a post-mortem is still written without it.
 */
export async function readStepOutputExcerpt(journal: JournalStore, ref: StepOutputRef): Promise<StepOutputExcerpt> {
  // The journal is a file anyone can edit: only a plain `<runId>.txt` name is ever opened.
  const path = journal.outputPath(ref.file);
  if (path === undefined) return unavailableOutput('the journal names a file the extension does not write');
  let handle;
  try {
    // Non-blocking: a named pipe put in the file's place would otherwise hold the open forever.
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return unavailableOutput((error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the stored file is missing' : 'the stored file cannot be read');
  }
  try {
    // Checked on the opened file, so a file swapped in after the check is not the one read.
    const info = await handle.stat();
    if (!info.isFile()) return unavailableOutput('the stored output is not a file');
    if (info.size > MAX_STORED_OUTPUT_BYTES) return unavailableOutput(`the stored file is ${formatBytes(info.size)}, larger than a capture ever writes`);
    const bytes = Buffer.alloc(info.size);
    const { bytesRead } = await handle.read(bytes, 0, info.size, 0);
    return excerptStoredOutput(bytes.subarray(0, bytesRead), ref);
  } catch {
    return unavailableOutput('the stored file cannot be read');
  } finally {
    await handle.close().catch(() => undefined);
  }
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
