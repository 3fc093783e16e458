import { mkdir, readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import * as vscode from 'vscode';
import { Settings } from '../../constants';
import { computeMetrics } from '../../core/postmortem/metrics';
import { postMortemFileName, renderPostMortem, renderStatusMessage, resolutionSummary, type StatusMessageFacts } from '../../core/postmortem/renderPostMortem';
import type { SessionRecord, TimelineEvent } from '../../core/postmortem/sessionModel';
import { addActionItems, BUILT_IN_TEMPLATES, extractRunbookTemplates, statusMessageKindsFor, type RunbookTemplates, type StatusMessageKind } from '../../core/postmortem/templates';
import { assembleTimeline } from '../../core/postmortem/timeline';
import type { Runbook, RunbookStep } from '../../core/runbooks/model';
import { config } from '../config';
import type { JournalStore } from '../execution/journalStore';
import { readStepOutputExcerpts } from './stepOutputExcerpts';
import { readGitUserName } from '../gitUserName';
import type { Log } from '../log';
import type { RunbookIndex } from '../runbooks/runbookIndex';
import { createNextFreeFile, resolveInsideWorkspace } from '../workspaceFiles';
import { localTimeZone } from '../../core/shared/timeFormat';

export type PostMortemTemplateChoice = 'runbook' | 'workspace' | 'google-sre' | 'pagerduty';

/** A template a post-mortem can be written from, as the template pick lists it. */
export interface PostMortemTemplate {
  readonly label: string;
  readonly description?: string;
  readonly value: PostMortemTemplateChoice;
  readonly text: string;
}

export interface SessionTimeline {
  readonly record: SessionRecord;
  readonly events: TimelineEvent[];
}

/** The responder's name as the team knows it: git's user.name, else the OS user. */
export async function responderName(): Promise<string> {
  const name = await readGitUserName({
    trusted: vscode.workspace.isTrusted,
    workspaceFolders: (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file').map((folder) => folder.uri.fsPath),
  });
  return name || userInfo().username || 'responder';
}

/**
 * Writes an incident session's post-mortem into the workspace and renders its status
 * messages: finds the templates (the workspace's, the runbook's, the built-in ones), renders
 * the timeline, and creates the file under the next free name.
 */
export class PostMortemWriter {
  constructor(
    private readonly index: RunbookIndex,
    private readonly log: Log,
    /** Where the steps' captured outputs are read from, for their excerpts. */
    private readonly journal: JournalStore,
  ) {}

  /** The templates for a session, the preferred built-in one before the other. */
  async templates(record: SessionRecord): Promise<PostMortemTemplate[]> {
    const runbook = await this.runbookTemplates(record);
    const fromRunbook = runbook?.postMortem;
    const fromWorkspace = await this.workspaceTemplate();
    // A runbook that keeps only its action items has them put into whichever whole template is chosen.
    const withItems = (text: string): string => (runbook?.actionItems === undefined ? text : addActionItems(text, runbook.actionItems));
    const choices: PostMortemTemplate[] = [];
    if (fromWorkspace) choices.push({ label: 'Workspace template', description: fromWorkspace.path, value: 'workspace', text: withItems(fromWorkspace.text) });
    if (fromRunbook) choices.push({ label: "The runbook's template", description: 'from its post-mortem section', value: 'runbook', text: fromRunbook });
    const builtIn = (['google-sre', 'pagerduty'] as const).map((key) => ({ label: BUILT_IN_TEMPLATES[key].label, description: 'built in', value: key, text: withItems(BUILT_IN_TEMPLATES[key].text) }));
    const preferred = config.postMortemStyle();
    choices.push(...builtIn.sort((a, b) => Number(b.value === preferred) - Number(a.value === preferred)));
    return choices;
  }

  /** A post-mortem template filled with what the session recorded. */
  async renderPostMortem(timeline: SessionTimeline, templateText: string): Promise<string> {
    const timeZone = localTimeZone();
    const { record, events } = timeline;
    return renderPostMortem(templateText, {
      record,
      rows: assembleTimeline(events, { timeZone }),
      events,
      metrics: computeMetrics(record, events),
      now: new Date().toISOString(),
      responders: [...new Set([...(record.responders ?? []), await responderName()])],
      draft: record.resolvedAt === undefined,
      timeZone,
      outputs: await readStepOutputExcerpts(this.journal, events),
    });
  }

  /**
   * A runbook's template block filled with the session's facts: as the post-mortem when it is
   * the runbook's post-mortem template, else as the status message its heading names (an
   * unnamed one as the message the incident calls for now).
   */
  async fillTemplate(timeline: SessionTimeline, runbook: Runbook, source: string, step: RunbookStep): Promise<string> {
    const templates = extractRunbookTemplates(runbook, source);
    if (templates.postMortem === step.content) return this.renderPostMortem(timeline, step.content);
    const named = (['initial', 'update', 'resolution'] as const).find((kind) => templates.status[kind] === step.content);
    const kind = named ?? statusMessageKindsFor(timeline.record, timeline.events, Date.now())[0];
    return renderStatusMessage(step.content, kind, this.statusFacts(timeline.record, timeline.events));
  }

  /** Renders and writes the post-mortem into the workspace folder `root`; resolves to its file. */
  async write(root: string, record: SessionRecord, timeline: SessionTimeline, template: PostMortemTemplate): Promise<vscode.Uri> {
    const text = await this.renderPostMortem(timeline, template.text);
    const target = await postMortemFolder(root);
    // Exclusive creation: a file another window wrote meanwhile is never overwritten; the
    // next free name (-2, -3...) is taken instead.
    const written = await createNextFreeFile(target, (taken) => postMortemFileName('', timeline.record, taken), text);
    const uri = vscode.Uri.file(written);
    this.log.info(`Wrote the post-mortem of ${record.id} to ${vscode.workspace.asRelativePath(uri, false)} (${template.label}).`);
    return uri;
  }

  /** A status message for a session, from its runbook's template when it has one; `events` give what was typed at Resolve. */
  async statusMessage(record: SessionRecord, kind: StatusMessageKind, events: readonly TimelineEvent[] = []): Promise<string> {
    const templates = await this.runbookTemplates(record);
    return renderStatusMessage(templates?.status[kind], kind, this.statusFacts(record, events));
  }

  private statusFacts(record: SessionRecord, events: readonly TimelineEvent[]): StatusMessageFacts {
    const resolution = resolutionSummary(events);
    return { record, now: new Date().toISOString(), nextUpdateMinutes: 30, timeZone: localTimeZone(), ...(resolution === undefined ? {} : { resolution }) };
  }

  private async runbookTemplates(record: SessionRecord): Promise<RunbookTemplates | undefined> {
    if (!record.runbookUri) return undefined;
    try {
      const uri = vscode.Uri.parse(record.runbookUri);
      const document = await vscode.workspace.openTextDocument(uri);
      const runbook = await this.index.parseDocument(document);
      return extractRunbookTemplates(runbook, document.getText());
    } catch (error) {
      this.log.warn(`Could not read the incident's runbook ${record.runbookUri}: ${String(error)}`);
      return undefined;
    }
  }

  private async workspaceTemplate(): Promise<{ path: string; text: string } | undefined> {
    const setting = config.postMortemTemplate();
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!setting || !folder) return undefined;
    try {
      // Inside the workspace only: a repository's settings must not make the post-mortem a
      // copy of ~/.kube/config or any other file of the user's.
      const resolved = await resolveInsideWorkspace(folder.uri.fsPath, Settings.postMortemTemplate, setting);
      if ('problem' in resolved) {
        void vscode.window.showWarningMessage(`${resolved.problem} Using another template.`);
        return undefined;
      }
      return { path: setting, text: await readFile(resolved.path, 'utf8') };
    } catch {
      void vscode.window.showWarningMessage(`The post-mortem template ${setting} (${Settings.postMortemTemplate}) cannot be read; using another template.`);
      return undefined;
    }
  }
}

/** The post-mortem folder, inside the workspace after symlinks are resolved, created when missing. */
async function postMortemFolder(root: string): Promise<string> {
  const setting = config.postMortemFolder();
  const first = await resolveInsideWorkspace(root, Settings.postMortemFolder, setting);
  if ('problem' in first) throw new Error(`${first.problem} No post-mortem was written.`);
  await mkdir(first.path, { recursive: true });
  // Again once it exists: a link swapped in meanwhile must not take the file elsewhere.
  const created = await resolveInsideWorkspace(root, Settings.postMortemFolder, setting);
  if ('problem' in created) throw new Error(`${created.problem} No post-mortem was written.`);
  return created.path;
}
