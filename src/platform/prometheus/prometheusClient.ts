// Range queries against one configured Prometheus (`GET /api/v1/query_range`), through the
// same HTTP client, credentials and secret bindings as the Alertmanager sources. No 'vscode':
// tested with plain mocha against a real Prometheus.

import { describeQueryFailure, readQueryResult, type QueryResult } from '../../core/promql/promqlResult';
import { queryRangeParams, type QueryRange } from '../../core/promql/promqlRange';
import { formatTimeLimit } from '../../core/shared/duration';
import type { CredentialGate } from '../incidents/credentialBindings';
import { HttpError, joinUrl, requestJson } from '../incidents/httpJson';
import { SecretKeys, type SecretReader } from '../incidents/incidentSource';
import { instanceAuthHeaders, splitUserinfo, type InstanceSetting } from '../incidents/instanceAuth';

export interface PrometheusTarget {
  readonly instance: InstanceSetting;
  readonly secrets: SecretReader;
  readonly credentials: CredentialGate;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

export type QueryOutcome =
  | { readonly ok: true; readonly result: QueryResult }
  | {
      readonly ok: false;
      /** One sentence. */
      readonly problem: string;
      /** The server wants credentials, or a stored one was held back: offer to set them. */
      readonly needsCredentials: boolean;
      /** The full error, for the log (credentials already removed). */
      readonly detail: string;
    };

/** The URL of the instance without userinfo: what the graph link and messages use. */
export function prometheusBaseUrl(instance: InstanceSetting): string {
  return splitUserinfo(instance.url).base;
}

/** Runs `query` over `range`; never rejects: every failure is one sentence. */
export async function queryPrometheusRange(target: PrometheusTarget, query: string, range: QueryRange): Promise<QueryOutcome> {
  const { instance } = target;
  const auth = await instanceAuthHeaders({
    instance,
    owner: `prometheus/${instance.name}`,
    title: `Prometheus ${instance.name}`,
    secrets: target.secrets,
    credentials: target.credentials,
    secretKeys: { token: SecretKeys.prometheusToken(instance.name), password: SecretKeys.prometheusPassword(instance.name) },
  });
  try {
    const response = await requestJson({
      url: joinUrl(prometheusBaseUrl(instance), '/api/v1/query_range', queryRangeParams(query, range)),
      headers: auth.headers,
      timeoutMs: target.timeoutMs,
      ...(instance.tls ? { tls: instance.tls } : {}),
      ...(target.signal ? { signal: target.signal } : {}),
    });
    const result = readQueryResult(response.json);
    if ('problem' in result) return { ok: false, problem: `Prometheus ${instance.name}: ${result.problem}`, needsCredentials: false, detail: result.problem };
    return { ok: true, result };
  } catch (error) {
    if (!HttpError.is(error)) return { ok: false, problem: `Prometheus ${instance.name} could not be asked (${String(error)}).`, needsCredentials: false, detail: String(error) };
    const status = error.status;
    const needsCredentials = status === 401 || status === 403;
    const problem =
      needsCredentials && auth.withheld
        ? `Prometheus ${instance.name} now points to ${prometheusBaseUrl(instance)}, which its stored credentials were not set for: agree to send them there, or set new ones.`
        : describeQueryFailure(
            { reason: error.reason, detail: error.detail, ...(status !== undefined ? { status } : {}), ...(error.body !== undefined ? { body: error.body } : {}) },
            instance.name,
            formatTimeLimit(target.timeoutMs),
          );
    return { ok: false, problem, needsCredentials, detail: error.message };
  }
}
