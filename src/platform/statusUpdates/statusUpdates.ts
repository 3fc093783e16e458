import * as vscode from 'vscode';
import { Commands, Settings } from '../../constants';
import type { SessionRecord } from '../../core/postmortem/sessionModel';
import { composeStatusUpdate, slackMessage } from '../../core/statusUpdates/composeStatusUpdate';
import { checkWebhookUrl, mayPostTo, webhookHost, type WebhookUrlCheck } from '../../core/statusUpdates/slackWebhookUrl';
import { nextCadenceChangeMs, updateCadence, type UpdateCadence } from '../../core/statusUpdates/updateCadence';
import { executeCommand } from '../commands';
import { config } from '../config';
import type { CredentialBindings } from '../incidents/credentialBindings';
import type { Log } from '../log';
import type { Sessions } from '../sessions/sessions';
import { postToSlackWebhook, SlackPostError } from './slackWebhook';

/** Where the webhook URL is kept: secret storage only, never settings. */
const WEBHOOK_SECRET_KEY = 'oncall.slack.webhookUrl';
/** The credential-binding owner: the origins a non-Slack webhook host was confirmed for. */
const WEBHOOK_OWNER = 'slack/webhook';
const REMIND_POST = 'Post Status Update';
const REMIND_LATER = 'Later';
/** The status bar reads in minutes: waking once a minute keeps it right without a busy timer. */
const MAX_TICK_MS = 60_000;

export interface PostedStatusUpdate {
  readonly sessionId: string;
  /** The text as the timeline keeps it (redacted). */
  readonly text: string;
  readonly host: string;
  readonly attempts: number;
}

/**
 * Status updates of the active incident: the Slack webhook they go to (in secret storage,
 * bound to the origin the user confirmed), when the next one is due, the one reminder per due
 * period, and posting one (recorded in the timeline as text, never with the URL).
 */
export class StatusUpdates implements vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private remindedPeriod: string | undefined;
  private remindersShown = 0;

  /** Fires when the cadence may read differently: a tick, a post, a setting, the incident. */
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly bindings: CredentialBindings,
    private readonly sessions: Sessions,
    private readonly log: Log,
  ) {
    this.disposables.push(
      sessions.onDidChange(() => this.tick()),
      vscode.workspace.onDidChangeConfiguration((event) => (event.affectsConfiguration(Settings.statusUpdateInterval) ? this.tick() : undefined)),
    );
  }

  /** When the active incident's next update is due (off when none is active, or the interval is 0). */
  cadence(nowMs = Date.now()): UpdateCadence {
    const active = this.sessions.active;
    const events = active ? (this.sessions.sessions.find((session) => session.record.id === active.id)?.events ?? []) : [];
    return updateCadence(active, events, config.statusUpdateIntervalMinutes(), nowMs);
  }

  /** Reminders offered so far (one per due period). */
  get reminders(): number {
    return this.remindersShown;
  }

  /** Re-reads the cadence, offers the reminder when a due period begins, and sets the next wake-up. */
  private tick(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const cadence = this.cadence();
    this.changeEmitter.fire();
    if (cadence.kind === 'off') return;
    if (cadence.kind === 'due') this.remind(cadence);
    // Due: the next change is the start of the next due period (another reminder).
    const intervalMs = config.statusUpdateIntervalMinutes() * 60_000;
    const wait = nextCadenceChangeMs(cadence) ?? (cadence.kind === 'due' ? cadence.dueAt + (cadence.period + 1) * intervalMs - Date.now() : MAX_TICK_MS);
    this.timer = setTimeout(() => this.tick(), Math.max(250, Math.min(MAX_TICK_MS, wait)));
  }

  /** One unobtrusive notification per due period; it never blocks and is never repeated on a tick. */
  private remind(cadence: Extract<UpdateCadence, { kind: 'due' }>): void {
    const active = this.sessions.active;
    if (!active) return;
    const period = `${active.id}|${cadence.dueAt}|${cadence.period}`;
    if (this.remindedPeriod === period) return;
    this.remindedPeriod = period;
    this.remindersShown += 1;
    const every = config.statusUpdateIntervalMinutes();
    void vscode.window
      .showInformationMessage(`A status update for ${active.id} is due (every ${every} min).`, REMIND_POST, REMIND_LATER)
      .then((answer) => (answer === REMIND_POST ? executeCommand(Commands.postStatusUpdate) : undefined));
  }

  /** Starts the clock (after activation: nothing is read until then). */
  start(): void {
    this.tick();
  }

  // ---- the webhook ------------------------------------------------------------------------

  /** The stored webhook's host (`hooks.slack.com`), or undefined when none is stored. */
  async webhookHost(): Promise<string | undefined> {
    const url = await this.secrets.get(WEBHOOK_SECRET_KEY);
    return url ? webhookHost(url) : undefined;
  }

  /** Stores a checked URL; a host other than Slack's is bound to the origin the user confirmed. */
  async storeWebhook(check: Exclude<WebhookUrlCheck, { kind: 'invalid' }>): Promise<void> {
    await this.bindings.bindTo(WEBHOOK_OWNER, check.kind === 'other-host' ? [check.origin] : []);
    await this.secrets.store(WEBHOOK_SECRET_KEY, check.url);
    this.log.info(`Stored a Slack webhook for ${check.host}${check.kind === 'other-host' ? ' (a host you confirmed)' : ''}.`);
  }

  async clearWebhook(): Promise<boolean> {
    const had = (await this.secrets.get(WEBHOOK_SECRET_KEY)) !== undefined;
    await this.secrets.delete(WEBHOOK_SECRET_KEY);
    await this.bindings.forget(WEBHOOK_OWNER);
    if (had) this.log.info('Removed the stored Slack webhook.');
    return had;
  }

  // ---- composing and posting ----------------------------------------------------------------

  /** The update for an incident, from its timeline (step runs included); a resolved one says how it ended. */
  async compose(record: SessionRecord, whatsNext: string | undefined): Promise<string> {
    const timeline = await this.sessions.timeline(record.id);
    return composeStatusUpdate({ record, events: timeline?.events ?? [], nowMs: Date.now(), whatsNext, intervalMinutes: config.statusUpdateIntervalMinutes() });
  }

  /**
   * Posts `text` for an incident (the active one, or one just resolved) and records it in its timeline. Throws SlackPostError
   * (or an Error for a missing or unconfirmed webhook) with one sentence that never holds the URL.
   */
  async post(record: SessionRecord, text: string): Promise<PostedStatusUpdate> {
    const url = await this.secrets.get(WEBHOOK_SECRET_KEY);
    if (!url) throw new Error('No Slack webhook is set: set one with "Set Slack Webhook".');
    const allowed = mayPostTo(url, (await this.bindings.bound(WEBHOOK_OWNER)) ?? []);
    if (!allowed.ok) throw new Error(allowed.reason);
    const message = slackMessage(text, [url, new URL(url).pathname]);
    if (!message.ok) throw new Error(message.reason);
    const host = webhookHost(url);
    let attempts: number;
    try {
      attempts = await postToSlackWebhook(url, message.body);
    } catch (error) {
      this.log.warn(`Status update for ${record.id} not posted: ${error instanceof SlackPostError ? error.message : `Slack (${host}) failed.`}`);
      throw error;
    }
    await this.sessions.recordIn(record.id, { type: 'status-update-posted', at: new Date().toISOString(), text: message.text, via: 'Slack' });
    this.log.info(`Posted a status update for ${record.id} to Slack (${host})${attempts > 1 ? ' after waiting out a rate limit' : ''}.`);
    return { sessionId: record.id, text: message.text, host, attempts };
  }

  /** Checks a URL as typed, for the input box and for callers that pass one. */
  check(url: string): WebhookUrlCheck {
    return checkWebhookUrl(url);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}
