// Which origins each stored credential may go to, kept next to the secrets in secret storage,
// and the one question asked before a secret goes to an origin it was not stored for. No
// 'vscode' import: the question is a function the hub passes in, so this is tested with
// plain mocha.

import { decideCredentialRelease } from '../../core/incidents/credentialOrigin';
import type { SecretReader, SourceLog } from './incidentSource';

export interface SecretStore extends SecretReader {
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

export interface ReleaseRequest {
  /** The source key (`alertmanager/<name>`, `pagerduty/<name>`) the secret belongs to. */
  readonly owner: string;
  /** "Alertmanager prod-eu", "PagerDuty": how the question names it. */
  readonly title: string;
  /** "password", "token", "API key". */
  readonly secret: string;
  /** Where the request is about to go. */
  readonly url: string;
  /** Where the user's own settings point this name, for secrets stored before bindings. */
  readonly userUrl?: string;
  readonly httpsOnly?: boolean;
}

export interface ReleaseQuestion {
  readonly owner: string;
  readonly title: string;
  readonly secret: string;
  readonly origin: string;
  /** Where it was stored for (empty: not known, stored by an older version). */
  readonly boundTo: readonly string[];
}

/** What a source asks before it puts a stored secret on a request. */
export interface CredentialGate {
  /** True to send now; false to send the request without it (a question may be on screen). */
  mayRelease(request: ReleaseRequest): Promise<boolean>;
}

export const bindingKey = (owner: string) => `oncall.credentialOrigins.${owner}`;

export class CredentialBindings implements CredentialGate {
  /** owner|origin pairs asked about in this session: each is asked once. */
  private readonly asked = new Set<string>();
  /** Questions shown and not yet answered yes, by owner. */
  private readonly waiting = new Map<string, ReleaseQuestion>();
  private readonly refused = new Set<string>();

  constructor(
    private readonly secrets: SecretStore,
    private readonly ask: (question: ReleaseQuestion) => PromiseLike<boolean>,
    private readonly log: SourceLog,
    /** Called after the user agreed, so the source can retry at once. */
    private readonly onGranted: (owner: string) => void,
  ) {}

  /** The origins a secret is bound to; undefined when it was stored before bindings existed. */
  async bound(owner: string): Promise<string[] | undefined> {
    const raw = await this.secrets.get(bindingKey(owner));
    if (raw === undefined) return undefined;
    try {
      const parsed: unknown = JSON.parse(raw);
      return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : [];
    } catch {
      return [];
    }
  }

  /** Binds a secret just stored to the origin the user stored it for (and only that one). */
  async bindTo(owner: string, origins: readonly string[]): Promise<void> {
    await this.secrets.store(bindingKey(owner), JSON.stringify([...new Set(origins)]));
    for (const key of [...this.asked]) if (key.startsWith(`${owner}|`)) this.asked.delete(key);
    this.waiting.delete(owner);
  }

  async forget(owner: string): Promise<void> {
    await this.secrets.delete(bindingKey(owner));
    this.waiting.delete(owner);
  }

  /** The question waiting for an answer for this source, if any. */
  waitingFor(owner: string): ReleaseQuestion | undefined {
    return this.waiting.get(owner);
  }

  async mayRelease(request: ReleaseRequest): Promise<boolean> {
    const bound = await this.bound(request.owner);
    const decision = decideCredentialRelease({ url: request.url, bound, ...(request.userUrl !== undefined ? { userUrl: request.userUrl } : {}), ...(request.httpsOnly ? { httpsOnly: true } : {}) });
    if (decision.kind === 'send') {
      if (decision.bind) {
        await this.bindTo(request.owner, [decision.origin]);
        this.log.info(`${request.title}: the stored ${request.secret} is now bound to ${decision.origin}, where your settings point it.`);
      }
      return true;
    }
    if (decision.kind === 'refuse') {
      const line = `${request.title}: the stored ${request.secret} was not sent: ${decision.reason}.`;
      if (!this.refused.has(line)) {
        this.refused.add(line);
        this.log.warn(line);
      }
      return false;
    }
    const question: ReleaseQuestion = { owner: request.owner, title: request.title, secret: request.secret, origin: decision.origin, boundTo: bound ?? [] };
    this.waiting.set(request.owner, question);
    const key = `${request.owner}|${decision.origin}`;
    if (!this.asked.has(key)) {
      this.asked.add(key);
      this.log.warn(`${request.title} points to ${decision.origin}, which its stored ${request.secret} was not set for${bound?.length ? ` (${bound.join(', ')})` : ''}: not sent until you agree.`);
      void this.put(question);
    }
    return false;
  }

  /** Shows the question again (the problem row's action), for a source still waiting. */
  async askAgain(owner: string): Promise<boolean> {
    const question = this.waiting.get(owner);
    return question ? this.put(question) : false;
  }

  private async put(question: ReleaseQuestion): Promise<boolean> {
    let yes = false;
    try {
      yes = await this.ask(question);
    } catch (error) {
      this.log.warn(`${question.title}: the question could not be shown (${String(error)}); the ${question.secret} stays unsent.`);
    }
    if (!yes) return false;
    const bound = (await this.bound(question.owner)) ?? [];
    await this.secrets.store(bindingKey(question.owner), JSON.stringify([...new Set([...bound, question.origin])]));
    this.waiting.delete(question.owner);
    this.log.info(`${question.title}: you agreed to send the stored ${question.secret} to ${question.origin}.`);
    this.onGranted(question.owner);
    return true;
  }
}
