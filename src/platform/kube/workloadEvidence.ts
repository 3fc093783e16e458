// The evidence documents (logs, previous logs, describe, events of a Kubernetes object): one
// owner for their content and their live streams. A document's URI carries its whole request,
// so the content provider only asks for the text of a URI; reading starts on first ask, and
// changes are announced at most a few times a second however fast a log streams.

import * as vscode from 'vscode';
import { isJsonObject } from '../../core/incidents/jsonShapes';
import { describeTarget, WORKLOAD_KINDS, type WorkloadKind, type WorkloadTarget } from '../../core/kube/workloadTarget';
import { renderDescribe, renderEvents } from '../../core/kube/describeWorkload';
import { evidenceHeader, evidencePath, evidenceQuery, orderPodChoices, parseEvidenceQuery, summarizeObject, summarizePod, type EvidenceRequest, type PodChoice } from '../../core/kube/evidenceRequest';
import { CappedLines, describeDropped } from '../../core/kube/logLines';
import type { ActiveContext } from '../../core/kube/activeContextResolver';
import { errorFacts, statusOf } from './kubeRequests';
import { describeClusterError, kubeConfigFor, type KubeConfig } from './kubeClient';
import type { KubeContextService } from './kubeContextService';
import { LogFollower } from './logFollower';
import { readEvents, readObjectJson, readObjectList, readPodsOf } from './workloadReader';
import type { Log } from '../log';

/** What an editor holds comfortably; the newest lines are kept. */
export const LOG_CAP_BYTES = 2 * 1024 * 1024;
const CHANGE_INTERVAL_MS = 200;

interface LiveDocument {
  readonly request: EvidenceRequest;
  state: 'reading' | 'done';
  /** Describe and events: the whole text once read. */
  text?: string;
  /** One sentence when nothing could be read. */
  problem?: string;
  lines?: CappedLines;
  follower?: LogFollower;
}

export class WorkloadEvidence implements vscode.Disposable {
  private readonly documents = new Map<string, LiveDocument>();
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    readonly scheme: string,
    private readonly kube: KubeContextService,
    private readonly log: Log,
  ) {}

  uriFor(request: EvidenceRequest): vscode.Uri {
    return vscode.Uri.from({ scheme: this.scheme, path: evidencePath(request), query: evidenceQuery(request) });
  }

  requestOf(uri: vscode.Uri): EvidenceRequest | undefined {
    return uri.scheme === this.scheme ? parseEvidenceQuery(uri.query) : undefined;
  }

  /** The document's text now; the first ask starts reading. */
  content(uri: vscode.Uri): string {
    const key = uri.toString();
    let document = this.documents.get(key);
    if (!document) {
      const request = this.requestOf(uri);
      if (!request) return 'This document does not name a Kubernetes object.\n';
      document = { request, state: 'reading' };
      this.documents.set(key, document);
      void this.read(uri, document);
    }
    return render(document);
  }

  isFollowing(uri: vscode.Uri): boolean {
    return this.documents.get(uri.toString())?.follower?.isFollowing === true;
  }

  /** Follows a log document from where it got to, or stops following it. */
  setFollowing(uri: vscode.Uri, follow: boolean): boolean {
    const follower = this.documents.get(uri.toString())?.follower;
    if (!follower) return false;
    if (follow && !follower.isFollowing) void follower.read(true);
    if (!follow && follower.isFollowing) follower.stop();
    return true;
  }

  /** A closed document stops its streams and lets go of its lines. */
  forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.documents.get(key)?.follower?.stop();
    this.documents.delete(key);
  }

  /** The pods a workload runs (a pod: itself), failing first, for the pick of whose logs to read. */
  async podChoices(target: WorkloadTarget): Promise<PodChoice[]> {
    const { active, config } = await this.connect();
    try {
      const object = await readObjectJson(config, target);
      return (await readPodsOf(config, target, object)).map(summarizePod);
    } catch (error) {
      throw new Error(describeReadError(error, { context: active.context, view: 'describe', target }, active));
    }
  }

  /** The objects of a kind in the active context's namespace, for the palette's pick. */
  async listTargets(kind: WorkloadKind): Promise<{ namespace?: string; choices: PodChoice[] }> {
    const { active, config } = await this.connect();
    const namespace = kind === 'node' ? undefined : active.namespace;
    try {
      const objects = await readObjectList(config, kind, active.namespace);
      return { namespace, choices: orderPodChoices(objects.map((object) => (kind === 'pod' ? summarizePod(object) : summarizeObject(object)))) };
    } catch (error) {
      throw new Error(describeClusterError(error, { ...active, namespace: namespace ?? '' }, `list ${WORKLOAD_KINDS[kind].resource}`));
    }
  }

  private async connect(context?: string): Promise<{ active: ActiveContext; config: KubeConfig }> {
    const state = await this.kube.ready();
    if (state.kind !== 'ready') throw new Error(state.kind === 'error' ? state.error.message : 'The kubeconfig is still loading.');
    if (context !== undefined && context !== state.active.context) {
      throw new Error(`This was read in context "${context}", but the active context is now "${state.active.context}": switch back to read it again.`);
    }
    return { active: state.active, config: await kubeConfigFor(state.active, state.merged) };
  }

  private async read(uri: vscode.Uri, document: LiveDocument): Promise<void> {
    const { request } = document;
    try {
      const { active, config } = await this.connect(request.context);
      try {
        if (request.view === 'logs' || request.view === 'previous') await this.readLogs(uri, document, config, active);
        else document.text = await readSummary(config, request);
      } catch (error) {
        document.problem = describeReadError(error, request, active);
        this.log.warn(`${document.problem} (${errorFacts(error).message})`);
      }
    } catch (error) {
      document.problem = error instanceof Error ? error.message : String(error);
    }
    if (!document.follower?.isFollowing) document.state = 'done';
    this.changed(uri);
  }

  private async readLogs(uri: vscode.Uri, document: LiveDocument, config: KubeConfig, active: ActiveContext): Promise<void> {
    const { request } = document;
    const pod = request.pod ?? request.target.name;
    const namespace = request.target.namespace ?? active.namespace;
    // The pod itself first: a pod that is gone says so, and "all containers" needs its containers.
    const podObject = request.container ? undefined : await readObjectJson(config, { kind: 'pod', name: pod, namespace });
    const containers = request.container ? [request.container] : isJsonObject(podObject) ? summarizePod(podObject).containers : [];
    document.lines = new CappedLines(LOG_CAP_BYTES);
    document.follower = new LogFollower({
      config,
      namespace,
      pod,
      containers,
      previous: request.view === 'previous',
      sinceTime: request.view === 'logs' ? request.sinceTime : undefined,
      lines: document.lines,
      changed: () => this.changed(uri),
      describeError: (error, container) => describeReadError(error, { ...request, pod, container }, active),
    });
    this.changed(uri);
    await document.follower.read(request.view === 'logs' && request.follow === true);
  }

  private changed(uri: vscode.Uri): void {
    this.pending.add(uri.toString());
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      const uris = [...this.pending];
      this.pending.clear();
      for (const key of uris) if (this.documents.has(key)) this.changeEmitter.fire(vscode.Uri.parse(key));
    }, CHANGE_INTERVAL_MS);
  }

  dispose(): void {
    for (const document of this.documents.values()) document.follower?.stop();
    this.documents.clear();
    if (this.timer) clearTimeout(this.timer);
    this.changeEmitter.dispose();
  }
}

async function readSummary(config: KubeConfig, request: EvidenceRequest): Promise<string> {
  const now = Date.now();
  if (request.view === 'events') return renderEvents(request.target, request.context, await readEvents(config, request.target), now);
  const [object, events] = await Promise.all([readObjectJson(config, request.target), readEvents(config, request.target).catch(() => [])]);
  return renderDescribe(request.target, request.context, object, events, now);
}

/** The document's text: what it shows and how to get it in a terminal, its state, then the lines. */
function render(document: LiveDocument): string {
  const head = evidenceHeader(document.request);
  const follower = document.follower;
  if (document.problem) return `${[...head, '', document.problem].join('\n')}\n`;
  if (document.text !== undefined) return `${[...head, '', document.text].join('\n')}`;
  const lines = document.lines;
  const state = follower?.isFollowing
    ? `Following: new lines appear at the end${follower.reconnects > 0 ? ` (stream resumed ${follower.reconnects} time${follower.reconnects === 1 ? '' : 's'})` : ''}.`
    : document.state === 'reading'
      ? 'Reading...'
      : `End of log: ${lines?.lineCount ?? 0} line${lines?.lineCount === 1 ? '' : 's'}.`;
  const notes = [state, ...(follower?.problems ?? [])];
  const dropped = lines ? describeDropped(lines.dropped, LOG_CAP_BYTES) : undefined;
  if (dropped) notes.push(dropped);
  return `${[...head, ...notes, '', ''].join('\n')}${lines?.text() ?? ''}`;
}

/** One sentence for what the cluster answered instead of the evidence. */
export function describeReadError(error: unknown, request: EvidenceRequest, active: ActiveContext): string {
  const status = statusOf(error);
  const logs = request.view === 'logs' || request.view === 'previous';
  const subject: WorkloadTarget = logs ? { kind: 'pod', name: request.pod ?? request.target.name, namespace: request.target.namespace } : request.target;
  const container = request.container ? `Container "${request.container}" of ${describeTarget(subject)}` : `The containers of ${describeTarget(subject)}`;
  if (status === 404) return `${capitalize(describeTarget(subject))} no longer exists in context "${request.context}" (404): it was deleted or replaced.`;
  if (status === 400 && request.view === 'previous') return `${container} has no previous instance (it has not restarted, or never started), so there are no previous logs.`;
  if (status === 400 && /waiting to start|ContainerCreating|PodInitializing/i.test(errorFacts(error).message)) {
    return `${container} has not started, so there are no logs yet: ${errorFacts(error).message}.`;
  }
  const action = logs ? 'get pods/log' : request.view === 'events' ? 'list events' : `get ${WORKLOAD_KINDS[request.target.kind].resource}`;
  return describeClusterError(error, { ...active, namespace: request.target.namespace ?? '' }, action);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
