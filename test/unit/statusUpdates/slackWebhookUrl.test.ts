import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkWebhookUrl, mayPostTo, webhookHost } from '../../../src/core/statusUpdates/slackWebhookUrl';

interface UrlCase {
  readonly url: string;
  readonly kind: 'slack' | 'other-host' | 'invalid';
  readonly host?: string;
  readonly reason?: string;
  readonly why?: string;
}

const cases = (JSON.parse(readFileSync(join(process.cwd(), 'test/unit/statusUpdates/data/hostileWebhookUrls.json'), 'utf8')) as { cases: UrlCase[] }).cases.map((entry) => ({
  ...entry,
  url: entry.url.replace('{{LONG}}', 'x'.repeat(3000)),
}));

describe('Slack webhook URLs', () => {
  for (const entry of cases) {
    it(`${entry.kind}: ${JSON.stringify(entry.url.slice(0, 90))}${entry.why ? ` (${entry.why})` : ''}`, () => {
      const check = checkWebhookUrl(entry.url);
      assert.equal(check.kind, entry.kind, check.kind === 'invalid' ? check.reason : check.host);
      if (check.kind === 'invalid') {
        assert.ok(check.reason.includes(entry.reason ?? ''), `"${check.reason}" should say "${entry.reason}"`);
        // The reason is shown and may be logged: it never repeats the secret part.
        assert.ok(!check.reason.includes('abcdefghijklmnop') && !check.reason.includes('hunter2'), check.reason);
      } else assert.equal(check.host, entry.host);
    });
  }

  it('posts to a host other than Slack only when that origin was confirmed', () => {
    const proxy = 'https://slack-proxy.corp.example/services/T0123ABCD/B0456EFGH/abcdefghijklmnopqrstuvwx';
    assert.equal(mayPostTo(proxy, []).ok, false);
    assert.equal(mayPostTo(proxy, ['https://other.example:443']).ok, false);
    assert.equal(mayPostTo(proxy, ['https://slack-proxy.corp.example:443']).ok, true);
    assert.equal(mayPostTo('https://hooks.slack.com/services/T0123ABCD/B0456EFGH/abcdefghijklmnopqrstuvwx', []).ok, true);
    assert.equal(mayPostTo('http://hooks.slack.com/services/T0123ABCD/B0456EFGH/abcdefghijklmnopqrstuvwx', ['http://hooks.slack.com:80']).ok, false, 'a confirmation never makes plain http to a remote host acceptable');
  });

  it('names a webhook by its host only', () => {
    assert.equal(webhookHost('https://hooks.slack.com/services/T0123ABCD/B0456EFGH/abcdefghijklmnopqrstuvwx'), 'hooks.slack.com');
    assert.equal(webhookHost('not a url'), 'the webhook');
  });
});
