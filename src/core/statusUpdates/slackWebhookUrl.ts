// Which URLs a Slack status update may be posted to. An incoming webhook URL is a secret in
// itself (anyone holding it can post to the channel), so it is checked before it is stored:
// Slack's own hosts are taken as they are, another https host (an Enterprise Grid proxy, an
// egress gateway) only after the user confirms that host by name, and plain http only on
// loopback, where nothing crosses a network (the same rule as the PagerDuty key).

import { isLoopbackOrigin, originOf } from '../incidents/credentialOrigin';

/** Slack's incoming-webhook hosts: the commercial one and GovSlack's. */
export const SLACK_WEBHOOK_HOSTS: readonly string[] = ['hooks.slack.com', 'hooks.slack-gov.com'];

/** Longer than any real webhook URL by far; a longer value is something pasted by mistake. */
const MAX_URL_LENGTH = 2048;

export type WebhookUrlCheck =
  /** One of Slack's hosts, an incoming-webhook path: store it. */
  | { readonly kind: 'slack'; readonly url: string; readonly origin: string; readonly host: string }
  /** Another host: store it only once the user confirmed this host. */
  | { readonly kind: 'other-host'; readonly url: string; readonly origin: string; readonly host: string }
  | { readonly kind: 'invalid'; readonly reason: string };

/**
 * Checks a webhook URL as typed or pasted. `reason` is one sentence fit for an input box and
 * never repeats the URL (it is the secret). The host is safe to show.
 */
export function checkWebhookUrl(raw: string): WebhookUrlCheck {
  const text = raw.trim();
  if (text === '') return invalid('Paste the webhook URL (https://hooks.slack.com/services/...).');
  if (text.length > MAX_URL_LENGTH) return invalid('That is far longer than a webhook URL: paste only the URL.');
  // The URL parser silently drops tabs and line breaks; a URL holding any is not what it looks like.
  if (/[\s\u0000-\u001f\u007f]/u.test(text)) return invalid('A webhook URL has no spaces or line breaks: paste only the URL.');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return invalid('That is not a URL: paste the webhook URL (https://hooks.slack.com/services/...).');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return invalid('A webhook URL starts with https://.');
  if (url.username || url.password) return invalid('A webhook URL carries no user name or password before the host.');
  if (url.hash) return invalid('A webhook URL has no #fragment.');
  const origin = originOf(url.toString());
  if (!origin) return invalid('A webhook URL starts with https://.');
  const host = url.host.toLowerCase();
  if (url.protocol === 'http:' && !isLoopbackOrigin(origin)) return invalid('Slack webhooks take https only: the URL would cross the network readable by anyone on the way.');
  if (isSlackHost(url)) return checkSlackPath(url, origin, host);
  return { kind: 'other-host', url: url.toString(), origin, host };
}

/** True for https on Slack's own hosts at the default port. */
function isSlackHost(url: URL): boolean {
  return url.protocol === 'https:' && url.port === '' && SLACK_WEBHOOK_HOSTS.includes(url.hostname.toLowerCase());
}

/** `/services/T…/B…/secret`: workflow and trigger URLs take other payloads, and a short path is a truncated paste. */
function checkSlackPath(url: URL, origin: string, host: string): WebhookUrlCheck {
  const parts = url.pathname.split('/').filter((part) => part !== '');
  if (parts[0] === 'workflows' || parts[0] === 'triggers') {
    return invalid('That is a Workflow Builder webhook, which takes other fields: create an incoming webhook (https://hooks.slack.com/services/...).');
  }
  if (parts[0] !== 'services') return invalid(`An incoming webhook URL on ${host} starts with https://${host}/services/.`);
  if (parts.length < 4 || parts.slice(1).some((part) => !/^[A-Za-z0-9_-]+$/u.test(part))) {
    return invalid('That webhook URL is incomplete: copy the whole URL from the Slack app settings.');
  }
  return { kind: 'slack', url: url.toString(), origin, host };
}

/** The host of a stored webhook URL, for messages and logs (never the path, which is the secret). */
export function webhookHost(raw: string): string {
  try {
    return new URL(raw.trim()).host.toLowerCase() || 'the webhook';
  } catch {
    return 'the webhook';
  }
}

/**
 * Whether a stored URL may be posted to now: Slack's own hosts always, another host only when
 * the user confirmed that origin when storing it.
 */
export function mayPostTo(raw: string, confirmedOrigins: readonly string[]): { readonly ok: true } | { readonly ok: false; readonly reason: string } {
  const check = checkWebhookUrl(raw);
  if (check.kind === 'invalid') return { ok: false, reason: check.reason };
  if (check.kind === 'slack' || confirmedOrigins.includes(check.origin)) return { ok: true };
  return { ok: false, reason: `The stored webhook points to ${check.host}, which was not confirmed: set the webhook again.` };
}

function invalid(reason: string): WebhookUrlCheck {
  return { kind: 'invalid', reason };
}
