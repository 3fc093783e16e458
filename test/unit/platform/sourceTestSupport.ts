// The harness both polling-source tests (Alertmanager, PagerDuty) watch their source with: a log
// and secret store held in memory, every update recorded with the health it left behind, and a
// check on dispose that no password or token ever reached a log line or a health message.
import assert from 'node:assert/strict';
import type { CredentialGate } from '../../../src/platform/incidents/credentialBindings';
import type { LiveIncidentSource, SecretReader, SourceHealth, SourceLog, SourceUpdate } from '../../../src/platform/incidents/incidentSource';

export interface CapturedLog extends SourceLog {
  readonly lines: string[];
}

export function captureLog(): CapturedLog {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`) };
}

export class MemorySecrets implements SecretReader {
  readonly values = new Map<string, string>();
  constructor(initial: Record<string, string> = {}) {
    for (const [key, value] of Object.entries(initial)) this.values.set(key, value);
  }
  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.values.get(key));
  }
  store(key: string, value: string): Promise<void> {
    this.values.set(key, value);
    return Promise.resolve();
  }
  delete(key: string): Promise<void> {
    this.values.delete(key);
    return Promise.resolve();
  }
}

/** The sources under test talk only to servers the test started: stored secrets may go there. */
export const TEST_SERVERS_ONLY: CredentialGate = { mayRelease: () => Promise.resolve(true) };

export interface Watched<S extends LiveIncidentSource> {
  source: S;
  updates: SourceUpdate[];
  /** The source's health right after each update, index for index. */
  healths: SourceHealth[];
  log: CapturedLog;
  secrets: MemorySecrets;
}

/** Creates sources for one test file and disposes them after each test, checking for leaked secrets. */
export class SourceWatcher<S extends LiveIncidentSource> {
  private readonly created: Watched<S>[] = [];

  /** @param secrets Strings that must never show up in a log line or a health message. */
  constructor(private readonly secrets: readonly string[]) {}

  watch(create: (log: CapturedLog, secrets: MemorySecrets) => S, options: { secrets?: Record<string, string>; start?: boolean }): Watched<S> {
    const log = captureLog();
    const secrets = new MemorySecrets(options.secrets);
    const source = create(log, secrets);
    const watched: Watched<S> = { source, updates: [], healths: [], log, secrets };
    source.onUpdate((update) => {
      watched.updates.push(update);
      watched.healths.push(source.health);
    });
    this.created.push(watched);
    if (options.start !== false) source.start();
    return watched;
  }

  /** For afterEach: disposes every source of the test, then fails if a secret leaked. */
  disposeAll(): void {
    for (const { source, log, healths } of this.created.splice(0)) {
      source.dispose();
      const messages = healths.flatMap((health) => (health.state === 'error' ? [health.message] : []));
      for (const text of [...log.lines, ...messages]) for (const secret of this.secrets) assert.ok(!text.includes(secret), `a secret leaked into: ${text}`);
    }
  }
}

export function errorHealth(watched: { readonly source: LiveIncidentSource }) {
  const health = watched.source.health;
  return health.state === 'error' ? health : undefined;
}
