// The poll loop shared by the HTTP incident sources (Alertmanager, PagerDuty): a setTimeout
// chain paced by nextPollDelay, refresh that queues behind a poll already under way, health
// transitions, and updates fired only when incidents or health changed. A failing poll keeps
// the last incidents, because replacing them by "none" would tell on-call everything resolved.
// Subclasses say how to fetch and parse, how to describe a failure, and what they can write.
// No 'vscode' import: the sources are unit-tested with plain mocha.

import type { Incident, IncidentSource } from '../../core/incidents/incidentModel';
import { nextPollDelay } from '../../core/incidents/pollSchedule';
import type { SeverityMapping } from '../../core/incidents/severityMapping';
import { DEFAULT_TIMEOUT_MS } from './httpJson';
import type { SecretReader, SourceAction, SourceLog } from './incidentSource';
import { SnapshotSource } from './snapshotSource';
import { formatTime, localTimeZone } from '../../core/shared/timeFormat';

/** What every polling source is constructed with, next to its own instance settings. */
export interface PollingSourceOptions {
  readonly secrets: SecretReader;
  readonly log: SourceLog;
  readonly intervalMs: number;
  readonly severityMapping?: SeverityMapping;
  readonly isFocused?: () => boolean;
  readonly timeoutMs?: number;
}

/** How a source names itself, so the shared log lines and health sentences read like its own. */
export interface PollingSourceIdentity {
  /** `<kind>/<name>`. */
  readonly key: string;
  readonly name: string;
  /** Starts every log line of this source: "Alertmanager local", "PagerDuty pagerduty". */
  readonly logName: string;
  /** What one polled item is called in the health note and the staleness clause. */
  readonly noun: { readonly one: string; readonly many: string };
}

export interface PollFailure {
  /**
   * The health sentence without its final period (a staleness clause may follow). A function
   * when the sentence names the wait, which is only known once the retry is planned.
   */
  readonly message: string | ((retryInMs: number | undefined) => string);
  readonly action: SourceAction;
  /** Details for the output channel, secrets already redacted. */
  readonly detail: string;
  /** A server-given wait (rate limit, Retry-After) the next attempt must not come before. */
  readonly retryAfterMs?: number;
  /** The message already says when it retries; a staleness clause would make it two sentences' worth. */
  readonly omitStaleness?: boolean;
}

export abstract class PollingIncidentSource extends SnapshotSource {
  abstract override readonly kind: IncidentSource;

  protected readonly secrets: SecretReader;
  protected readonly log: SourceLog;
  protected readonly timeoutMs: number;
  private readonly severityMapping: SeverityMapping | undefined;
  private readonly intervalMs: number;
  private readonly isFocused: () => boolean;
  private readonly logName: string;
  private readonly noun: PollingSourceIdentity['noun'];

  private readonly cancel = new AbortController();
  private started = false;
  private isDisposed = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  private failures = 0;
  private lastPollChanged = false;
  /** The delay fixed when a failure was reported, so health.retryAt is when the retry really happens. */
  private plannedDelayMs: number | undefined;
  private lastSuccessAt: number | undefined;
  /** Parse errors are logged when they change, not on every poll. */
  private lastParseErrors = '';

  protected constructor(identity: PollingSourceIdentity, options: PollingSourceOptions) {
    super(identity.key, identity.name);
    this.logName = identity.logName;
    this.noun = identity.noun;
    this.secrets = options.secrets;
    this.log = options.log;
    this.intervalMs = options.intervalMs;
    this.severityMapping = options.severityMapping;
    this.isFocused = options.isFocused ?? (() => true);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  start(): void {
    if (this.started || this.isDisposed) return;
    this.started = true;
    if (this.inFlight === undefined) void this.pollNow();
  }

  refresh(): Promise<void> {
    if (this.isDisposed) return Promise.resolve();
    this.clearTimer();
    // A poll already under way may have left before a write this refresh follows: poll once more after it.
    if (this.inFlight !== undefined) {
      this.queued ??= this.inFlight.then(() => {
        this.queued = undefined;
        return this.pollNow();
      });
      return this.queued;
    }
    return this.pollNow();
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    this.clearTimer();
    this.cancel.abort();
    this.dropListeners();
  }

  // ---------------------------------------------------------------------------------------------
  // For subclasses

  /**
   * One fetch: ends in reportIncidents, reportFailure or reportPollError, or returns early once
   * `disposed`. Should never reject: every failure becomes health.
   */
  protected abstract poll(): Promise<void>;

  /** Turns what a request threw into one health sentence with its action. */
  protected abstract describeFailure(error: unknown): PollFailure;

  /** Checked after every await of a poll: a disposed source reports nothing. */
  protected get disposed(): boolean {
    return this.isDisposed;
  }

  /** Aborts the requests under way when the source is disposed. */
  protected get signal(): AbortSignal {
    return this.cancel.signal;
  }

  /** The parser options; the mapping is left out when none is configured, so parsers use their default. */
  protected parseOptions(): { severityMapping?: SeverityMapping } {
    return this.severityMapping ? { severityMapping: this.severityMapping } : {};
  }

  protected reportPollError(error: unknown): void {
    if (!this.isDisposed) this.reportFailure(this.describeFailure(error));
  }

  /**
   * A successful poll. `errors` are the items the parser skipped (logged when they change, and
   * counted in the health note after `notes`).
   */
  protected reportIncidents(incidents: readonly Incident[], errors: readonly string[], notes: readonly string[] = []): void {
    const parseErrors = errors.join('\n');
    if (parseErrors !== this.lastParseErrors && parseErrors !== '') this.log.warn(parseErrors);
    this.lastParseErrors = parseErrors;
    const allNotes = [...notes];
    if (errors.length > 0) allNotes.push(`${errors.length} ${errors.length === 1 ? this.noun.one : this.noun.many} could not be read; see the output log.`);
    this.reportSuccess(incidents, allNotes.length > 0 ? allNotes.join(' ') : undefined);
  }

  protected reportFailure(failure: PollFailure): void {
    const now = Date.now();
    this.failures++;
    this.lastPollChanged = false;
    const previous = this.health;
    let retryAt: number | undefined;
    if (this.started) {
      this.plannedDelayMs = nextPollDelay({
        intervalMs: this.intervalMs,
        failures: this.failures,
        changed: false,
        focused: this.isFocused(),
        ...(failure.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {}),
      });
      retryAt = now + this.plannedDelayMs;
    }
    const stale =
      !failure.omitStaleness && this.incidentsById.size > 0 && this.lastSuccessAt !== undefined
        ? `; showing ${this.noun.many} from ${formatTime(this.lastSuccessAt, localTimeZone())}`
        : '';
    const sentence = typeof failure.message === 'string' ? failure.message : failure.message(this.plannedDelayMs ?? failure.retryAfterMs);
    const message = `${sentence}${stale}.`;
    const since = previous.state === 'error' ? previous.since : now;
    this.setHealth({ state: 'error', message, action: failure.action, since, ...(retryAt !== undefined ? { retryAt } : {}) });
    const healthChanged = previous.state !== 'error' || previous.message !== message || previous.action !== failure.action;
    // The same problem again is neither logged nor fired: an idle view never redraws.
    if (healthChanged) {
      this.log.warn(`${this.logName}: ${failure.detail}`);
      this.fireUpdate(undefined, true);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The loop

  private pollNow(): Promise<void> {
    this.clearTimer();
    const run = this.poll().finally(() => {
      this.inFlight = undefined;
      this.scheduleNext();
    });
    this.inFlight = run;
    return run;
  }

  private scheduleNext(): void {
    if (!this.started || this.isDisposed) return;
    const delay =
      this.plannedDelayMs ?? nextPollDelay({ intervalMs: this.intervalMs, failures: this.failures, changed: this.lastPollChanged, focused: this.isFocused() });
    this.plannedDelayMs = undefined;
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.pollNow();
    }, delay);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private reportSuccess(incidents: readonly Incident[], note: string | undefined): void {
    const now = Date.now();
    const diff = this.replaceIncidents(incidents);
    const changed = diff !== undefined;
    const previous = this.health;
    if (previous.state === 'error') this.log.info(`${this.logName} answers again.`);
    this.failures = 0;
    this.lastPollChanged = changed;
    this.lastSuccessAt = now;
    this.setHealth(note === undefined ? { state: 'ok', updatedAt: now } : { state: 'ok', updatedAt: now, note });
    const healthChanged = previous.state !== 'ok' || previous.note !== note;
    this.fireUpdate(diff, healthChanged);
  }
}
