// Container logs read with the credentials of a real client-node KubeConfig from the
// Kubernetes API fixture: a follow stream that drops is resumed with sinceTime and shows no
// line twice, a 100 MB log is streamed into a capped window, and refusals keep the server's
// own sentence.

import assert from 'node:assert/strict';
import type { KubeConfig } from '@kubernetes/client-node';
import { CappedLines } from '../../../src/core/kube/logLines';
import { LogFollower } from '../../../src/platform/kube/logFollower';
import { KubeRequestError, readEvents, readObjectJson, readPodsOf, streamLog } from '../../../src/platform/kube/workloadReader';
import { demoObjects, demoPodLogs, KubeApiFixture } from '../../fixtures/kube/kubeApiServer';
import { loadClientNode } from '../../support/clientNode';
import { waitFor } from '../../support/waiting';

describe('workload reader and log follower against the API fixture', function () {
  this.timeout(60_000);
  let fixture: KubeApiFixture;
  let config: KubeConfig;

  before(async () => {
    const k8s = await loadClientNode();
    fixture = await KubeApiFixture.start({ objects: demoObjects(), logs: demoPodLogs(), token: 'secret-token' });
    config = new k8s.KubeConfig();
    config.loadFromOptions({
      clusters: [{ name: 'fixture', server: fixture.url, skipTLSVerify: true }],
      users: [{ name: 'me', token: 'secret-token' }],
      contexts: [{ name: 'fixture', cluster: 'fixture', user: 'me', namespace: 'shop' }],
      currentContext: 'fixture',
    });
  });

  after(async () => {
    await fixture?.stop();
  });

  function follower(pod: string, containers: string[], lines = new CappedLines(1024 * 1024), previous = false) {
    const problems: string[] = [];
    const follow = new LogFollower({
      config,
      namespace: 'shop',
      pod,
      containers,
      previous,
      lines,
      changed: () => undefined,
      describeError: (error, container) => `${container}: ${error instanceof KubeRequestError ? `${error.statusCode} ${error.message}` : String(error)}`,
    });
    return { follow, lines, problems };
  }

  it('reads a workload and the pods its selector picks, and the events about it', async () => {
    const deployment = await readObjectJson(config, { kind: 'deployment', name: 'web', namespace: 'shop' });
    const pods = await readPodsOf(config, { kind: 'deployment', name: 'web', namespace: 'shop' }, deployment);
    assert.deepEqual(pods.map((p) => (p.metadata as { name: string }).name).sort(), ['web-7d9c-abcde', 'web-7d9c-fghij', 'web-7d9c-klmno']);
    assert.equal(fixture.requests().find((r) => r.path === '/api/v1/namespaces/shop/pods')?.query['labelSelector'], 'app=web');
    const events = await readEvents(config, { kind: 'pod', name: 'web-7d9c-fghij', namespace: 'shop' });
    assert.ok(events.length > 0);
    assert.equal(fixture.requests().at(-1)?.authorization, 'Bearer secret-token');
  });

  it('keeps the server sentence of a refusal: no previous container, a pod that is gone', async () => {
    const { follow } = follower('web-7d9c-abcde', ['web'], undefined, true);
    await follow.read(false);
    assert.deepEqual(follow.problems, ['web: 400 previous terminated container "web" in pod "web-7d9c-abcde" not found']);
    const gone = follower('web-0000-gone', ['web']);
    await gone.follow.read(false);
    assert.deepEqual(gone.follow.problems, ['web: 404 pods "web-0000-gone" not found']);
  });

  it('resumes a dropped follow stream from where it got to, without a line twice', async () => {
    const where = { namespace: 'shop', pod: 'web-7d9c-abcde' };
    const { follow, lines } = follower('web-7d9c-abcde', ['web']);
    const reading = follow.read(true);
    await waitFor('the stored lines', () => lines.lineCount === 3);
    await waitFor('the follow stream', () => fixture.logFollowerCount() === 1);
    fixture.appendPodLog(where, ['GET /api/cart 200 9ms']);
    await waitFor('the appended line', () => lines.lineCount === 4);
    // A network failure, then a clean server-side timeout: each time the stream is opened again.
    fixture.dropLogStreams({ abrupt: true });
    await waitFor('the resumed stream', () => follow.reconnects === 1 && fixture.logFollowerCount() === 1);
    fixture.appendPodLog(where, ['GET /api/cart 500 3ms', 'GET /api/cart 500 3ms']);
    fixture.dropLogStreams();
    await waitFor('the second resume', () => follow.reconnects === 2 && fixture.logFollowerCount() === 1);
    fixture.appendPodLog(where, ['after the second resume']);
    await waitFor('the last line', () => lines.text().includes('after the second resume'));
    follow.stop();
    await reading;
    const text = lines.text().replace(/^\S+ /gm, '');
    assert.equal(text, 'listening on :8080\nGET /healthz 200 1ms\nGET /api/cart 200 12ms\nGET /api/cart 200 9ms\nGET /api/cart 500 3ms\nGET /api/cart 500 3ms\nafter the second resume\n');
    const resumed = fixture.requests().filter((r) => r.path === '/api/v1/namespaces/shop/pods/web-7d9c-abcde/log' && r.query['follow'] === 'true');
    assert.equal(resumed.length, 3);
    assert.equal(resumed[0]!.query['sinceTime'], undefined);
    for (const request of resumed.slice(1)) assert.match(String(request.query['sinceTime']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(fixture.logFollowerCount(), 0, 'stopping closes the stream');
  });

  it('streams a 100 MB log into a capped window of the newest lines', async () => {
    fixture.setSyntheticPodLog({ namespace: 'shop', pod: 'web-7d9c-klmno' }, { bytes: 100 * 1024 * 1024, startMs: Date.parse('2026-12-06T06:00:00Z') });
    const { follow, lines } = follower('web-7d9c-klmno', ['web'], new CappedLines(2 * 1024 * 1024));
    let chunks = 0;
    const counting = setInterval(() => chunks++, 5);
    await follow.read(false);
    clearInterval(counting);
    assert.ok(lines.text().length <= 2 * 1024 * 1024);
    assert.ok(lines.dropped.bytes > 95 * 1024 * 1024, `dropped ${lines.dropped.bytes}`);
    assert.match(lines.text(), /synthetic line \d+ x+\n$/);
    assert.ok(chunks > 0, 'the event loop kept running while the log streamed');
  });

  it('prefixes each line with its container when reading several', async () => {
    const { follow, lines } = follower('web-7d9c-fghij', ['web', 'web'], undefined, true);
    await follow.read(false);
    assert.match(lines.text(), /^\[web\] \S+ starting web 1\.8\.2$/m);
  });

  it('rejects with the status when the stream itself is refused', async () => {
    fixture.failNext(403, 1, { path: '/api/v1/namespaces/shop/pods/web-7d9c-abcde/log' });
    await assert.rejects(
      streamLog(config, { namespace: 'shop', pod: 'web-7d9c-abcde', container: 'web' }, () => undefined, new AbortController().signal),
      (error: unknown) => error instanceof KubeRequestError && error.statusCode === 403 && /cannot get resource "pods"/.test(error.message),
    );
  });
});
