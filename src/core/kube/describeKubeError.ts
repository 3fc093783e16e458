// One sentence for each way talking to a cluster fails, naming the context, so the user
// knows what to fix. The raw error goes to the log; this goes in the notification.

import { truncate } from '../shared/text';

export interface KubeErrorFacts {
  /** Node's error code (`ECONNREFUSED`, `ENOENT`, `CERT_HAS_EXPIRED`...), when there is one. */
  readonly code?: string;
  /** HTTP status of an API answer, when there was one. */
  readonly statusCode?: number;
  readonly message: string;
}

export interface KubeErrorTarget {
  readonly context: string;
  readonly server: string;
  readonly user: string;
  readonly namespace?: string;
  /** The exec credential plugin of the user, when it has one (`aws`, `gke-gcloud-auth-plugin`). */
  readonly execCommand?: string;
  /** What was being done, e.g. "list pods". */
  readonly action: string;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'TIMEOUT']);
const CERTIFICATE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS|certificate/i;

export function describeKubeError(error: KubeErrorFacts, target: KubeErrorTarget): string {
  const where = `context "${target.context}"`;
  const code = error.code ?? '';
  if (target.execCommand && (code === 'ENOENT' || /ENOENT|not found|no such file/i.test(error.message)) && error.message.includes(target.execCommand)) {
    return (
      `The credential plugin "${target.execCommand}" of ${where} was not found on PATH. ` +
      'An editor started from a desktop may not have your shell\'s PATH: start VS Code from a terminal, or give the plugin\'s full path in your kubeconfig.'
    );
  }
  if (UNREACHABLE.has(code) || /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|timed out|socket hang up/i.test(error.message)) {
    return `The cluster of ${where} (${target.server}) cannot be reached (${code || firstLine(error.message)}). Check the VPN, the server address or the tunnel.`;
  }
  if (CERTIFICATE.test(code) || CERTIFICATE.test(error.message)) {
    return `The certificate of ${target.server} (${where}) is not trusted: ${firstLine(error.message)}. Check certificate-authority in your kubeconfig.`;
  }
  if (error.statusCode === 401) {
    return `The cluster of ${where} rejected the credentials of user "${target.user}" (401): log in again or refresh the token.`;
  }
  if (error.statusCode === 403) {
    const scope = target.namespace ? ` in namespace "${target.namespace}"` : '';
    return `User "${target.user}" may not ${target.action}${scope} in ${where} (403 Forbidden).`;
  }
  if (error.statusCode === 429) return `The cluster of ${where} is rate-limiting requests (429); try again in a moment.`;
  if (error.statusCode !== undefined && error.statusCode >= 500) {
    return `The API server of ${where} failed to ${target.action} (${error.statusCode}): ${firstLine(error.message)}.`;
  }
  return `Could not ${target.action} in ${where}: ${firstLine(error.message)}`;
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0].trim();
  return truncate(line, 200);
}
