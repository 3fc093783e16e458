import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { Settings } from '../../constants';
import { collectIncidentHistory, type IncidentHistoryEntry, type PostMortemLinks } from '../../core/postmortem/incidentHistory';
import { postMortemFileName } from '../../core/postmortem/renderPostMortem';
import type { SessionRecord } from '../../core/postmortem/sessionModel';
import { config } from '../config';
import type { JournalStore } from '../execution/journalStore';
import type { Log } from '../log';
import { readFileStart } from '../regularFiles';
import { resolveInsideWorkspace } from '../workspaceFiles';
import type { Sessions } from './sessions';

/** Files of the post-mortem folder looked into for an incident id, newest names first. */
const MAX_SCANNED_FILES = 200;
/** The id sits in a post-mortem's first lines; more is not read. */
const SCANNED_BYTES = 16 * 1024;

/** The earlier incidents about an alert (see collectIncidentHistory), the active one left out. */
export async function loadIncidentHistory(sessions: Sessions, journal: JournalStore, key: string): Promise<IncidentHistoryEntry[]> {
  await sessions.ready();
  const recorded = sessions.sessions;
  // Most alerts have no history: the journal is read only when some record is about the alert.
  if (collectIncidentHistory(key, recorded, [], sessions.active?.id).length === 0) return [];
  return collectIncidentHistory(key, recorded, await journal.read(), sessions.active?.id);
}

/**
 * Where the post-mortems of `records` are in the post-mortem folder: the file named as the
 * writer names it (`2026-11-24-checkout-pods-crash-looping.md`, `-2.md`) that holds the
 * incident's id, else one of that name, else any Markdown file there that holds the id (renamed).
 * A folder that is missing or leads out of the workspace gives none.
 */
export async function findPostMortems(records: readonly SessionRecord[], log: Log): Promise<PostMortemLinks> {
  const links = new Map<string, { target: string; name: string }>();
  const root = vscode.workspace.workspaceFolders?.find((folder) => folder.uri.scheme === 'file');
  if (!root || records.length === 0) return links;
  const folder = await resolveInsideWorkspace(root.uri.fsPath, Settings.postMortemFolder, config.postMortemFolder()).catch(() => undefined);
  if (!folder || 'problem' in folder) return links;
  const names = await readdir(folder.path).then((all) => all.filter((name) => /\.md$/i.test(name)).sort().reverse(), () => [] as string[]);
  const heads = new Map<string, string>();
  const headOf = async (name: string): Promise<string> => {
    if (!heads.has(name)) heads.set(name, await readHead(join(folder.path, name)));
    return heads.get(name)!;
  };
  for (const record of records) {
    const found = await findPostMortem(record, names, headOf).catch((error: unknown) => {
      log.warn(`Could not look for the post-mortem of ${record.id}: ${String(error)}`);
      return undefined;
    });
    if (found) links.set(record.id, { target: vscode.Uri.file(join(folder.path, found)).toString(), name: `${config.postMortemFolder().replace(/\/+$/, '')}/${found}` });
  }
  return links;
}

async function findPostMortem(record: SessionRecord, names: readonly string[], headOf: (name: string) => Promise<string>): Promise<string | undefined> {
  const stem = postMortemFileName('', record, new Set()).replace(/\.md$/, '').toLowerCase();
  const named = names.filter((name) => {
    const lower = name.toLowerCase();
    return lower === `${stem}.md` || (lower.startsWith(`${stem}-`) && /^-\d+\.md$/.test(lower.slice(stem.length)));
  });
  for (const name of named) if ((await headOf(name)).includes(record.id)) return name;
  if (named.length > 0) return named[0];
  for (const name of names.slice(0, MAX_SCANNED_FILES)) if ((await headOf(name)).includes(record.id)) return name;
  return undefined;
}

/** The first bytes of a file as text; empty for anything that cannot be read (or is not a plain file). */
async function readHead(path: string): Promise<string> {
  try {
    const start = await readFileStart(path, SCANNED_BYTES);
    return 'notAFile' in start ? '' : start.bytes.toString('utf8');
  } catch {
    return '';
  }
}
