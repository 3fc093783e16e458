import * as vscode from 'vscode';
import { Commands, Settings } from '../../constants';
import type { JournalEntry } from '../../core/execution/executionJournal';
import type { Incident } from '../../core/incidents/incidentModel';
import {
  eventsFromJournal,
  sessionSpan,
  sourceRefFromIncident,
  type SessionRecord,
  type TimelineEvent,
} from '../../core/postmortem/sessionModel';
import { compareSeverity, isUrgentSeverity, type SeverityLevel } from '../../core/shared/severity';
import { config } from '../config';
import { executeCommand } from '../commands';
import type { JournalStore } from '../execution/journalStore';
import type { Log } from '../log';
import type { HubUpdate, IncidentHub } from '../incidents/incidentHub';
import { isSameIncident, SessionStore, type StoredSession } from './sessionStore';

const AUTO_START_YES = 'Start';
const AUTO_START_NOT_NOW = 'Not Now';
const AUTO_START_ALWAYS = 'Always for P0-P1';

export interface StartSessionOptions {
  readonly title?: string;
  readonly severity?: SeverityLevel;
  /** Live incidents this one is about: their alert-fired times open the timeline. */
  readonly sources?: readonly Incident[];
  readonly runbookUri?: string;
  readonly responder?: string;
}

/**
 * Sessions: the incidents a responder starts and resolves (`INC-20261206-001`, shown as
 * "incidents" in the editor), each with its timeline. In the code, "incident" is a live alert
 * or problem from a source and "session" is this record of one response to it. At most one
 * session is active per workspace. The active one collects its timeline as things happen
 * (source changes, notes, checklist ticks); step runs come from the execution journal, read
 * for the session's time span when a timeline is wanted, so a step is recorded once and
 * survives anything the journal survives.
 */
export class Sessions implements vscode.Disposable {
  private activeSession: StoredSession | undefined;
  private all: StoredSession[] = [];
  private loading: Promise<void> | undefined;
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];
  /** Runbooks opened for an alert: the first step run from one starts an incident for it. */
  private readonly runbookIncidents = new Map<string, Incident>();
  /** The incident each runbook was last opened for: its labels fill the runbook's placeholders. */
  private readonly openedFor = new Map<string, Incident>();
  /**
   * Silence ids in the active timeline or on their way there. A silence made from the editor
   * is reported twice (by the command, and by the next poll that sees the alert silenced):
   * whichever comes first is written, and only once.
   */
  private readonly recordedSilences = new Set<string>();

  readonly onDidChange = this.changeEmitter.event;

  constructor(
    readonly store: SessionStore,
    private readonly hub: IncidentHub,
    private readonly journal: JournalStore,
    private readonly log: Log,
  ) {
    this.disposables.push(
      hub.onDidUpdate((update) => void this.followSources(update)),
      journal.onDidAppend((entry) => void this.followJournal(entry)),
    );
  }

  /** Reads the stored sessions once; everything else awaits this. */
  ready(): Promise<void> {
    this.loading ??= this.reload();
    return this.loading;
  }

  async reload(): Promise<void> {
    const listed = await this.store.list();
    // The active incident whose file was deleted stays: its file is written again from memory.
    const held = this.activeSession;
    if (held && !listed.some((session) => session.record.id === held.record.id) && (await this.store.restore(held))) listed.unshift(held);
    this.all = listed;
    this.activeSession = this.all.find((session) => session.record.resolvedAt === undefined);
    for (const event of this.activeSession?.events ?? []) if (event.type === 'alert-silenced') this.recordedSilences.add(event.silenceId);
    this.changeEmitter.fire();
  }

  get active(): SessionRecord | undefined {
    return this.activeSession?.record;
  }

  /** Active first, then the others newest first. */
  get sessions(): readonly StoredSession[] {
    const active = this.activeSession;
    return active ? [active, ...this.all.filter((s) => s.record.id !== active.record.id)] : this.all;
  }

  async start(options: StartSessionOptions = {}): Promise<SessionRecord> {
    await this.ready();
    if (this.activeSession) throw new Error(`${this.activeSession.record.id} is still active: resolve it before starting another incident.`);
    const now = new Date();
    const sources = options.sources ?? [];
    const started = sources.map((s) => s.startedAt).filter((t) => t !== '' && t < now.toISOString()).sort()[0] ?? now.toISOString();
    const severity = options.severity ?? sources.map((s) => s.severity).sort(compareSeverity)[0] ?? 'P2';
    // The id is taken with its file, exclusively: another window starting one at the same time gets the next.
    const record = await this.store.create(
      now,
      (id): SessionRecord => ({
        id,
        title: options.title ?? sources[0]?.title ?? 'Incident',
        severity,
        startedAt: started,
        sources: sources.map(sourceRefFromIncident),
        ...(options.runbookUri ? { runbookUri: options.runbookUri } : {}),
        ...(sources[0]?.labels.service || sources[0]?.group ? { service: sources[0].labels.service || sources[0].group } : {}),
        ...(options.responder ? { responders: [options.responder] } : {}),
      }),
      this.all.map((s) => s.record.id),
    );
    const events: TimelineEvent[] = [
      ...sources.map(
        (s): TimelineEvent => ({ type: 'alert-fired', at: s.startedAt || now.toISOString(), incidentId: s.id, title: s.title, ...(s.alertName ? { alertName: s.alertName } : {}), source: s.source, severity: s.severity }),
      ),
      { type: 'incident-started', at: now.toISOString(), title: record.title, severity, ...(options.responder ? { by: options.responder } : {}) },
    ];
    this.recordedSilences.clear();
    this.activeSession = { record, events };
    for (const event of events) await this.write(this.activeSession, event);
    this.all = [this.activeSession, ...this.all];
    this.log.info(`Started incident ${record.id}: ${record.title} (${severity}).`);
    this.changeEmitter.fire();
    return record;
  }

  /**
   * Appends to the active incident's timeline; false when no incident is active, or when the
   * event is a silence the timeline already holds.
   */
  async record(event: TimelineEvent): Promise<boolean> {
    if (event.type === 'alert-silenced') {
      // Checked before any await, so that two reports of one silence cannot both pass.
      if (this.activeSession && this.recordedSilences.has(event.silenceId)) return false;
      if (this.activeSession) this.recordedSilences.add(event.silenceId);
    }
    return this.append(event);
  }

  /**
   * Appends `event` to incident `id`: the active one, or one resolved that this window holds
   * (a resolution posted to Slack after the end). False for any other.
   */
  async recordIn(id: string, event: TimelineEvent): Promise<boolean> {
    await this.ready();
    if (this.activeSession?.record.id === id) return this.record(event);
    const session = this.all.find((candidate) => candidate.record.id === id && candidate.record.resolvedAt !== undefined);
    if (!session) return false;
    session.events.push(event);
    await this.write(session, event);
    this.changeEmitter.fire();
    return true;
  }

  private async append(event: TimelineEvent): Promise<boolean> {
    await this.ready();
    const session = this.activeSession;
    if (!session) return false;
    if (event.type === 'alert-silenced') this.recordedSilences.add(event.silenceId);
    session.events.push(event);
    await this.write(session, event);
    this.changeEmitter.fire();
    return true;
  }

  /** Appends a line to a session's file; a file deleted meanwhile is written again whole, from memory. */
  private async write(session: StoredSession, line: TimelineEvent | { type: 'record'; record: SessionRecord }): Promise<void> {
    if ((await this.store.append(session.record.id, line)) === 'missing') await this.store.restore(session);
  }

  async resolve(summary?: string): Promise<SessionRecord | undefined> {
    await this.ready();
    const session = this.activeSession;
    if (!session) return undefined;
    const at = new Date().toISOString();
    const event: TimelineEvent = { type: 'incident-resolved', at, ...(summary ? { summary } : {}) };
    session.events.push(event);
    await this.write(session, event);
    const record: SessionRecord = { ...session.record, resolvedAt: at };
    const resolved = { record, events: session.events };
    await this.write(resolved, { type: 'record', record });
    this.all = this.all.map((s) => (s === session ? resolved : s));
    this.activeSession = undefined;
    this.log.info(`Resolved incident ${record.id}.`);
    this.changeEmitter.fire();
    return record;
  }

  /**
   * The stored events plus the step runs from the journal that belong to this incident (see
   * eventsFromJournal). A record file deleted while this window holds the incident is written
   * again from memory; undefined only when neither the file nor this window has it.
   */
  async timeline(id: string): Promise<{ record: SessionRecord; events: TimelineEvent[] } | undefined> {
    await this.ready();
    let stored = await this.store.read(id);
    const held = this.all.find((session) => session.record.id === id);
    if (!stored && held && (await this.store.restore(held))) stored = await this.store.read(id);
    // A freed id another window reused: this window's incident is the one it holds.
    if (stored && held && !isSameIncident(stored.record, held.record)) stored = held;
    stored ??= held;
    if (!stored) return undefined;
    const journal = await this.journal.read();
    const others = this.all.filter((session) => session.record.id !== id).map((session) => sessionSpan(session.record, session.events));
    const steps = eventsFromJournal(journal, sessionSpan(stored.record, stored.events), others);
    return { record: stored.record, events: [...stored.events, ...steps] };
  }

  /** Remembers that a runbook was opened for an alert, for the automatic start. */
  linkRunbook(uri: string, incident: Incident): void {
    this.runbookIncidents.set(uri, incident);
    this.openedFor.set(uri, incident);
  }

  /** The incident a runbook was last opened for (Open Runbook), with its newest labels. */
  incidentForRunbook(uri: string): Incident | undefined {
    const incident = this.openedFor.get(uri);
    return incident && (this.hub.find(incident.id) ?? incident);
  }

  /**
   * The first step run from a runbook opened for an alert offers to start an incident for it
   * (or starts one, for P0-P1 when the user said so). Never silently otherwise: one read-only
   * look at a P2 warning is not an incident. Asked once per opening of the runbook.
   */
  private async followJournal(entry: JournalEntry): Promise<void> {
    if (entry.type !== 'step-started') return;
    await this.ready();
    if (this.activeSession) {
      this.changeEmitter.fire();
      return;
    }
    const incident = this.runbookIncidents.get(entry.runbook);
    if (!incident) return;
    this.runbookIncidents.delete(entry.runbook);
    const current = this.hub.find(incident.id) ?? incident;
    const mode = config.autoStartIncidents();
    if (mode === 'never') return;
    if (mode === 'alwaysForP0P1' && isUrgentSeverity(current.severity)) await this.startForAlert(current, entry.runbook);
    else void this.askToStart(current, entry.runbook);
  }

  /** Not awaited by the journal: the notification stays until answered or dismissed. */
  private async askToStart(incident: Incident, runbookUri: string): Promise<void> {
    const always = isUrgentSeverity(incident.severity) ? [AUTO_START_ALWAYS] : [];
    const answer = await vscode.window.showInformationMessage(
      `Start incident for ${incident.severity} ${incident.title}? Its timeline would collect the steps you run from this runbook.`,
      AUTO_START_YES,
      AUTO_START_NOT_NOW,
      ...always,
    );
    if (answer === AUTO_START_ALWAYS) await vscode.workspace.getConfiguration().update(Settings.autoStartIncidents, 'alwaysForP0P1', vscode.ConfigurationTarget.Global);
    if (answer !== AUTO_START_YES && answer !== AUTO_START_ALWAYS) return;
    if (this.activeSession) {
      void vscode.window.showInformationMessage(`${this.activeSession.record.id} was started meanwhile: the steps go into its timeline.`);
      return;
    }
    await this.startForAlert(this.hub.find(incident.id) ?? incident, runbookUri);
  }

  private async startForAlert(incident: Incident, runbookUri: string): Promise<void> {
    const record = await this.start({ sources: [incident], runbookUri });
    void vscode.window.showInformationMessage(`Started incident ${record.id} for ${incident.title}: the steps you run are its timeline.`, 'Add Note').then((answer) =>
      answer ? executeCommand(Commands.addTimelineNote) : undefined,
    );
  }

  /** Source changes of the incidents the active session is about become timeline events. */
  private async followSources(update: HubUpdate): Promise<void> {
    const session = this.activeSession;
    if (!session || update.diffs.length === 0 || update.retired) return;
    const linked = new Set(session.record.sources.map((s) => s.incidentId));
    const now = new Date().toISOString();
    const events: TimelineEvent[] = [];
    for (const diff of update.diffs) {
      for (const incident of diff.removed) if (linked.has(incident.id)) events.push({ type: 'alert-resolved', at: now, incidentId: incident.id, title: incident.title });
      for (const { previous, next } of diff.changed) {
        if (!linked.has(next.id)) continue;
        if (previous.status !== 'acknowledged' && next.status === 'acknowledged') events.push({ type: 'alert-acknowledged', at: now, incidentId: next.id, title: next.title });
        if (previous.status !== 'silenced' && next.status === 'silenced') {
          const silenceId = next.silencedBy?.find((id) => !this.recordedSilences.has(id));
          if (silenceId) {
            this.recordedSilences.add(silenceId);
            events.push(await this.silenceEvent(next, silenceId, now));
          }
        }
        if (previous.severity !== next.severity) events.push({ type: 'severity-changed', at: now, from: previous.severity, to: next.severity, incidentId: next.id });
      }
    }
    for (const event of events) await this.append(event);
  }

  /** A silence seen on a poll, with its end and comment as Alertmanager has them. */
  private async silenceEvent(incident: Incident, silenceId: string, at: string): Promise<TimelineEvent> {
    const details = await this.hub.alertmanagersFor(incident)[0]?.silenceDetails(silenceId);
    return { type: 'alert-silenced', at, incidentId: incident.id, title: incident.title, silenceId, until: details?.endsAt ?? '', comment: details?.comment ?? '' };
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
