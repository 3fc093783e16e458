// The Slack poster against the contract server: the exact request sent, and one sentence per
// failure that never holds the webhook URL.
import assert from 'node:assert/strict';
import { postToSlackWebhook, SlackPostError } from '../../../src/platform/statusUpdates/slackWebhook';
import { startSlackWebhookServer, type SlackWebhookServer } from '../../fixtures/slack/slackWebhookServer';

async function failure(promise: Promise<unknown>): Promise<SlackPostError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof SlackPostError, String(error));
    return error;
  }
  assert.fail('the post should have failed');
}

describe('posting to a Slack incoming webhook', () => {
  let server: SlackWebhookServer;
  let hook: string;
  const secretOf = (url: string) => new URL(url).pathname.split('/').pop() ?? '';

  beforeEach(async () => {
    server = await startSlackWebhookServer();
    hook = server.createHook();
  });
  afterEach(() => server.close());

  it('sends the message as JSON and takes 200 ok as posted', async () => {
    assert.equal(await postToSlackWebhook(hook, { text: 'P1 INC-1 update' }), 1);
    assert.equal(server.requests.length, 1);
    const [request] = server.requests;
    assert.equal(request.method, 'POST');
    assert.equal(request.contentType, 'application/json');
    assert.equal(request.rawBody, '{"text":"P1 INC-1 update"}');
    assert.deepEqual(server.posted, [{ text: 'P1 INC-1 update' }]);
  });

  it('waits out a short Retry-After once, then posts', async () => {
    server.rateLimit(1, 1);
    const waits: number[] = [];
    const attempts = await postToSlackWebhook(hook, { text: 'x' }, { wait: async (ms) => void waits.push(ms) });
    assert.equal(attempts, 2);
    assert.equal(waits.length, 1);
    assert.ok(waits[0] > 0 && waits[0] <= 1000, String(waits[0]));
    assert.deepEqual(server.posted, [{ text: 'x' }]);
  });

  it('says when a long Retry-After ends, without waiting for it', async () => {
    server.rateLimit(1, 120);
    const now = Date.parse('2026-12-06T10:00:00Z');
    const error = await failure(postToSlackWebhook(hook, { text: 'x' }, { now: () => now, wait: () => assert.fail('no wait') }));
    assert.equal(error.kind, 'rate-limited');
    assert.equal(error.message, 'Slack is rate-limiting this webhook: the update can be posted again in 2 min (at 10:02 UTC).');
    assert.equal(server.requests.length, 1);
  });

  it('gives up after one retry when still rate-limited', async () => {
    server.rateLimit(2, 1);
    const error = await failure(postToSlackWebhook(hook, { text: 'x' }, { wait: async () => undefined }));
    assert.equal(error.kind, 'rate-limited');
    assert.equal(server.requests.length, 2);
  });

  const cases: { name: string; arrange: (s: SlackWebhookServer, url: string) => string; kind: string; message: RegExp }[] = [
    { name: 'a revoked webhook (404 no_service)', arrange: (s, url) => (s.setHookState(url, 'revoked'), url), kind: 'revoked', message: /^The Slack webhook was revoked or removed \(no_service\): set a new webhook URL\.$/ },
    { name: 'an unknown token (403 invalid_token)', arrange: (_s, url) => url.replace(/[^/]+$/, 'wrongsecretwrongsecret'), kind: 'revoked', message: /revoked or removed \(invalid_token\)/ },
    { name: 'an archived channel (410)', arrange: (s, url) => (s.setHookState(url, 'archived'), url), kind: 'revoked', message: /channel of the Slack webhook was archived \(channel_is_archived\)/ },
    { name: 'a restricted workspace (403 action_prohibited)', arrange: (s, url) => (s.setHookState(url, 'prohibited'), url), kind: 'rejected', message: /^Slack refused the post: the workspace restricts this webhook \(HTTP 403 action_prohibited\)\.$/ },
    { name: 'a malformed payload (400 invalid_payload)', arrange: (s, url) => (s.script(1, { status: 400, body: 'invalid_payload' }), url), kind: 'rejected', message: /^Slack rejected the status update as malformed \(HTTP 400 invalid_payload\)\.$/ },
    { name: 'a server error (500 rollup_error)', arrange: (s, url) => (s.script(1, { status: 500, body: 'rollup_error' }), url), kind: 'server', message: /^Slack had a server error \(HTTP 500 rollup_error\); try again shortly\.$/ },
  ];
  for (const entry of cases) {
    it(`says so in one sentence for ${entry.name}`, async () => {
      const url = entry.arrange(server, hook);
      const error = await failure(postToSlackWebhook(url, { text: 'x' }));
      assert.equal(error.kind, entry.kind);
      assert.match(error.message, entry.message);
      assert.ok(!error.message.includes(secretOf(url)) && !(error.stack ?? '').includes(secretOf(url)), error.message);
    });
  }

  it('times out on a webhook that never answers, and says the post may have gone through', async () => {
    server.script(1, { status: 200, body: '', hang: true });
    const error = await failure(postToSlackWebhook(hook, { text: 'x' }, { timeoutMs: 300 }));
    assert.equal(error.kind, 'timeout');
    assert.match(error.message, /did not answer within 300 ms; the update may or may not have been posted/);
  });

  it('names the host only when it cannot be reached', async () => {
    const gone = hook;
    await server.close();
    const error = await failure(postToSlackWebhook(gone, { text: 'x' }));
    assert.equal(error.kind, 'unreachable');
    assert.match(error.message, /^Could not reach Slack \(127\.0\.0\.1:\d+\): connection refused\.$/);
    server = await startSlackWebhookServer();
  });
});
