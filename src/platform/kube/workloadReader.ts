// Reads what a failing workload says (the object, its pods, its events, its containers' logs)
// from the cluster of one context. Requests go through Node's http/https with the TLS options,
// credentials and proxy agent client-node derives from the kubeconfig (applyToHTTPSOptions):
// client-node's own Log call pipes the body but loses the server's Status on a 400 (the
// sentence that says a container has no previous instance) and never reports the end of a
// follow stream, which a resume needs.

import * as http from 'node:http';
import * as https from 'node:https';
import { StringDecoder } from 'node:string_decoder';
import { isJsonObject, readArray, readObject, readString, type JsonObject } from '../../core/incidents/jsonShapes';
import { eventFieldSelector, objectPath, type WorkloadTarget } from '../../core/kube/workloadTarget';
import type { KubeConfig } from './kubeClient';

/** A request the API server answered with an error status; `body` is its Status when it sent one. */
export class KubeRequestError extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: unknown,
  ) {
    super(readString(readObject(body)?.message) ?? `HTTP ${statusCode}`);
  }
}

export interface LogRequest {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
  readonly previous?: boolean;
  readonly follow?: boolean;
  readonly sinceTime?: string;
}

/** How a log stream ended: the server closed it, or the reader aborted it. */
export type LogEnd = 'ended' | 'aborted';

/** Opens a GET on the context's API server; resolves with the response once its status is 2xx. */
async function open(config: KubeConfig, path: string, query: Record<string, string>, signal?: AbortSignal): Promise<http.IncomingMessage> {
  const cluster = config.getCurrentCluster();
  if (!cluster) throw new Error('The context has no cluster.');
  const url = new URL(`${cluster.server.replace(/\/+$/, '')}${path}`);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  const options: https.RequestOptions = { method: 'GET', headers: { Accept: 'application/json, */*' } };
  await config.applyToHTTPSOptions(options);
  const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const request = (url.protocol === 'https:' ? https : http).request(url, { ...options, signal }, resolve);
    request.on('error', reject);
    request.end();
  });
  const status = response.statusCode ?? 0;
  if (status >= 200 && status < 300) return response;
  const text = await readAll(response);
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not a Status (a proxy's page): the status code says enough.
  }
  throw new KubeRequestError(status, body);
}

async function readAll(response: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function getJson(config: KubeConfig, path: string, query: Record<string, string> = {}): Promise<unknown> {
  return JSON.parse(await readAll(await open(config, path, query)));
}

/** The object itself, as raw JSON. */
export function readObjectJson(config: KubeConfig, target: WorkloadTarget): Promise<unknown> {
  return getJson(config, objectPath(target));
}

/** The events about the object (nodes' events live in the default namespace: all are searched). */
export async function readEvents(config: KubeConfig, target: WorkloadTarget): Promise<unknown[]> {
  const path = target.namespace ? `/api/v1/namespaces/${encodeURIComponent(target.namespace)}/events` : '/api/v1/events';
  const list = await getJson(config, path, { fieldSelector: eventFieldSelector(target) });
  return [...(readArray(readObject(list)?.items) ?? [])];
}

/** The pods a workload runs, by its selector (`matchLabels` and `matchExpressions`). A pod is its own. */
export async function readPodsOf(config: KubeConfig, target: WorkloadTarget, object: unknown): Promise<JsonObject[]> {
  if (target.kind === 'pod') return isJsonObject(object) ? [object] : [];
  const selector = labelSelector(readObject(readObject(readObject(object)?.spec)?.selector));
  if (selector === undefined || !target.namespace) return [];
  const list = await getJson(config, `/api/v1/namespaces/${encodeURIComponent(target.namespace)}/pods`, { labelSelector: selector });
  return (readArray(readObject(list)?.items) ?? []).filter(isJsonObject);
}

function labelSelector(selector: JsonObject | undefined): string | undefined {
  if (!selector) return undefined;
  const parts = Object.entries(readObject(selector.matchLabels) ?? {}).map(([key, value]) => `${key}=${String(value)}`);
  for (const expression of (readArray(selector.matchExpressions) ?? []).filter(isJsonObject)) {
    const key = readString(expression.key) ?? '';
    const values = (readArray(expression.values) ?? []).map(String).join(',');
    const operator = readString(expression.operator);
    if (operator === 'In') parts.push(`${key} in (${values})`);
    else if (operator === 'NotIn') parts.push(`${key} notin (${values})`);
    else if (operator === 'Exists') parts.push(key);
    else if (operator === 'DoesNotExist') parts.push(`!${key}`);
  }
  return parts.length > 0 ? parts.join(',') : undefined;
}

/**
 * Streams one container's log (always with timestamps, which a resume matches lines by) to
 * `onText`, chunk by chunk as the server sends it. Resolves when the server ends the stream or
 * the signal aborts it; rejects with a KubeRequestError when the server refuses.
 */
export async function streamLog(config: KubeConfig, request: LogRequest, onText: (text: string) => void, signal: AbortSignal): Promise<LogEnd> {
  const query: Record<string, string> = { container: request.container, timestamps: 'true' };
  if (request.previous) query.previous = 'true';
  if (request.follow) query.follow = 'true';
  if (request.sinceTime) query.sinceTime = request.sinceTime;
  const path = `/api/v1/namespaces/${encodeURIComponent(request.namespace)}/pods/${encodeURIComponent(request.pod)}/log`;
  let response: http.IncomingMessage;
  try {
    response = await open(config, path, query, signal);
  } catch (error) {
    if (signal.aborted) return 'aborted';
    throw error;
  }
  const decoder = new StringDecoder('utf8');
  try {
    for await (const chunk of response) onText(decoder.write(chunk as Buffer));
  } catch (error) {
    if (signal.aborted) return 'aborted';
    // A connection dropped mid-stream ends it like a server timeout: the caller resumes.
    if (request.follow) return 'ended';
    throw error;
  }
  const rest = decoder.end();
  if (rest) onText(rest);
  return signal.aborted ? 'aborted' : 'ended';
}

/** Every object of a kind in a namespace (nodes: cluster-wide), as raw JSON. */
export async function readObjectList(config: KubeConfig, kind: WorkloadTarget['kind'], namespace: string): Promise<JsonObject[]> {
  const path = objectPath({ kind, name: '', namespace }).replace(/\/$/, '');
  const list = await getJson(config, path, { limit: '1000' });
  return (readArray(readObject(list)?.items) ?? []).filter(isJsonObject);
}
