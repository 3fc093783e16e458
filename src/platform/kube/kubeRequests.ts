// Requests to a cluster through client-node's own machinery, for any resource path, and the
// facts of what such a request throws. The library is passed in (`k8s`): nothing here loads
// it, so importing this file costs nothing on the activation path.

import type * as K8s from '@kubernetes/client-node';
import { isJsonObject, readNumber, readObject, readString } from '../../core/incidents/jsonShapes';
import type { KubeClient } from './kubeClient';

export interface RawList {
  readonly items: readonly unknown[];
  readonly resourceVersion: string | undefined;
}

/**
 * Lists a resource path as raw JSON, with the authentication, TLS and proxy settings of
 * client-node's typed calls and their errors (an ApiException with the status and the server's
 * Status body). Raw because typed lists turn timestamps into Date objects while watch events
 * carry strings: the classifiers see one shape. It also spares deserializing thousands of objects.
 */
export async function listRaw(k8s: KubeClient, config: K8s.KubeConfig, path: string, fieldSelector?: string): Promise<RawList> {
  const cluster = config.getCurrentCluster();
  if (!cluster) throw new Error('No active cluster!');
  const configuration = k8s.createConfiguration({ baseServer: new k8s.ServerConfiguration(cluster.server, {}), authMethods: { default: config } });
  const request = configuration.baseServer.makeRequestContext(path, k8s.HttpMethod.GET);
  request.setHeaderParam('Accept', 'application/json, */*;q=0.8');
  if (fieldSelector !== undefined) request.setQueryParam('fieldSelector', fieldSelector);
  await config.applySecurityAuthentication(request);
  const response = await configuration.httpApi.send(request).toPromise();
  const status = response.httpStatusCode;
  // The same exceptions the generated list calls throw, so errors read the same as before.
  if (status === 401) throw new k8s.ApiException(status, 'Unauthorized', undefined, response.headers);
  if (status < 200 || status > 299) throw new k8s.ApiException(status, 'Unknown API Status Code!', await response.getBodyAsAny(), response.headers);
  const body: unknown = JSON.parse(await response.body.text());
  const items = isJsonObject(body) && Array.isArray(body.items) ? (body.items as unknown[]) : [];
  return { items, resourceVersion: isJsonObject(body) ? readString(readObject(body.metadata)?.resourceVersion) : undefined };
}

/** HTTP status of a client-node error: ApiException has `code`, Watch errors `statusCode`. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const facts = error as { code?: unknown; statusCode?: unknown };
  return readNumber(facts.statusCode) ?? readNumber(facts.code);
}

/**
 * The parts describeClusterError reads, cleaned: an ApiException's message is several lines
 * with the whole response, while the Status in its body has the server's own sentence.
 */
export function errorFacts(error: unknown): { code?: string; statusCode?: number; message: string } {
  const statusCode = statusOf(error);
  const raw = error as { code?: unknown; body?: unknown; message?: unknown } | undefined;
  const code = typeof raw?.code === 'string' ? raw.code : undefined;
  let body: unknown = raw?.body;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      // Not a Status: the message below will do.
    }
  }
  const serverMessage = readString(readObject(body)?.message);
  const ownMessage = typeof raw?.message === 'string' ? raw.message.split('\n', 1)[0].trim() : String(error);
  const message = serverMessage ?? (statusCode !== undefined && /^HTTP-Code:/.test(ownMessage) ? `HTTP ${statusCode}` : ownMessage || String(error));
  return { ...(code === undefined ? {} : { code }), ...(statusCode === undefined ? {} : { statusCode }), message };
}

/** A short form for the log: status and the server's message, or the error's first line. */
export function summarizeError(error: unknown): string {
  const facts = errorFacts(error);
  const status = facts.statusCode === undefined ? facts.code : String(facts.statusCode);
  return status && !facts.message.startsWith(`HTTP ${status}`) ? `${status}: ${facts.message}` : facts.message;
}
