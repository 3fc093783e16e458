// The fixture's pods/{name}/log endpoint answers as a real API server (through the kubelet)
// does: checked over plain HTTP for each query parameter, and with the real kubectl, whose
// `logs` flags map onto them.

import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoObjects, demoPodLogs, formatLogTime, KubeApiFixture, writeKubeconfig, type KubeObject } from '../../fixtures/kube/kubeApiServer';
import { waitFor } from '../../support/waiting';

const BASE = Date.parse('2026-12-06T06:50:00Z');

function twoContainerPod(): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'api-two', namespace: 'shop' },
    spec: { containers: [{ name: 'api', image: 'api:1' }, { name: 'proxy', image: 'envoy:1' }] },
    status: { phase: 'Running', containerStatuses: [{ name: 'api', restartCount: 0, ready: true, state: { running: {} } }, { name: 'proxy', restartCount: 0, ready: true, state: { running: {} } }] },
  };
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function get(url: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      })
      .on('error', reject);
  });
}

describe('Kubernetes API fixture: pod logs', function () {
  this.timeout(30_000);
  let fixture: KubeApiFixture;
  const log = (pod: string, query = '') => get(`${fixture.url}/api/v1/namespaces/shop/pods/${pod}/log${query ? `?${query}` : ''}`);

  before(async () => {
    fixture = await KubeApiFixture.start({ objects: [...demoObjects(), twoContainerPod()], logs: demoPodLogs() });
    fixture.setPodLog({
      namespace: 'shop',
      pod: 'api-two',
      container: 'api',
      lines: [
        { ms: BASE, text: 'boot' },
        { ms: BASE + 500, nanos: 120, text: 'ready' },
        { ms: BASE + 2000, text: 'GET /orders 200' },
      ],
    });
  });

  after(async () => {
    await fixture?.stop();
  });

  it('streams the log as chunked text, with RFC 3339 nanosecond timestamps on request', async () => {
    const plain = await log('api-two', 'container=api');
    assert.equal(plain.status, 200);
    assert.equal(plain.headers['transfer-encoding'], 'chunked');
    assert.match(plain.headers['content-type'] ?? '', /^text\/plain/);
    assert.equal(plain.body, 'boot\nready\nGET /orders 200\n');
    const stamped = await log('api-two', 'container=api&timestamps=true');
    assert.equal(stamped.body, '2026-12-06T06:50:00Z boot\n2026-12-06T06:50:00.50000012Z ready\n2026-12-06T06:50:02Z GET /orders 200\n');
    assert.equal(formatLogTime(BASE + 10), '2026-12-06T06:50:00.01Z', 'trailing zeros trimmed as Go does');
  });

  it('applies sinceTime at second precision, tailLines and limitBytes', async () => {
    assert.equal((await log('api-two', 'container=api&sinceTime=2026-12-06T06:50:00.900Z')).body, 'boot\nready\nGET /orders 200\n');
    assert.equal((await log('api-two', 'container=api&sinceTime=2026-12-06T06:50:01Z')).body, 'GET /orders 200\n');
    assert.equal((await log('api-two', 'container=api&tailLines=1')).body, 'GET /orders 200\n');
    assert.equal((await log('api-two', 'container=api&limitBytes=7')).body, 'boot\nre', 'a byte budget cuts through a line');
    const bad = await log('api-two', 'container=api&sinceTime=yesterday');
    assert.equal(bad.status, 400);
  });

  it('wants a container for a pod with several, and refuses one it does not have', async () => {
    const none = await log('api-two');
    assert.equal(none.status, 400);
    assert.match(JSON.parse(none.body).message, /a container name must be specified for pod api-two, choose one of: \[api proxy\]/);
    const wrong = await log('api-two', 'container=sidecar');
    assert.equal(wrong.status, 400);
  });

  it('answers 400 for previous logs of a container that never restarted, and 404 for a pod that is gone', async () => {
    const previous = await log('api-two', 'container=proxy&previous=true');
    assert.equal(previous.status, 400);
    assert.deepEqual(JSON.parse(previous.body), {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'previous terminated container "proxy" in pod "api-two" not found',
      reason: 'BadRequest',
      code: 400,
    });
    const crashed = await log('web-7d9c-fghij', 'previous=true');
    assert.equal(crashed.status, 200);
    assert.match(crashed.body, /Error: connect ECONNREFUSED/);
    const gone = await log('web-0000-gone');
    assert.equal(gone.status, 404);
    assert.equal(JSON.parse(gone.body).message, 'pods "web-0000-gone" not found');
    assert.ok(fixture.requests().some((r) => r.path === '/api/v1/namespaces/shop/pods/web-0000-gone/log'), 'the request is recorded');
  });

  it('keeps a follow stream open and sends appended lines, until the stream is dropped', async () => {
    const received: string[] = [];
    let ended = false;
    const request = http.get(`${fixture.url}/api/v1/namespaces/shop/pods/api-two/log?container=api&follow=true&sinceTime=2026-12-06T06:50:02Z`, (response) => {
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => received.push(chunk));
      response.on('end', () => (ended = true));
    });
    await waitFor('the stored line', () => received.join('') === 'GET /orders 200\n');
    await waitFor('the follower', () => fixture.logFollowerCount() === 1);
    fixture.appendPodLog({ namespace: 'shop', pod: 'api-two', container: 'api' }, ['GET /cart 200', 'GET /cart 500']);
    fixture.appendPodLog({ namespace: 'shop', pod: 'api-two', container: 'proxy' }, ['not this container']);
    await waitFor('the appended lines', () => received.join('').endsWith('GET /cart 500\n'));
    assert.equal(received.join(''), 'GET /orders 200\nGET /cart 200\nGET /cart 500\n');
    fixture.dropLogStreams();
    await waitFor('the end of the stream', () => ended);
    assert.equal(fixture.logFollowerCount(), 0);
    request.destroy();
    assert.equal(fixture.requests().find((r) => r.path.endsWith('/api-two/log') && r.query['follow'] === 'true')?.query['sinceTime'], '2026-12-06T06:50:02Z');
  });

  it('streams a 100 MB log without holding it, within limitBytes', async () => {
    fixture.setSyntheticPodLog({ namespace: 'shop', pod: 'api-two', container: 'proxy' }, { bytes: 100 * 1024 * 1024, startMs: BASE });
    let bytes = 0;
    await new Promise<void>((resolve, reject) => {
      http
        .get(`${fixture.url}/api/v1/namespaces/shop/pods/api-two/log?container=proxy&limitBytes=${5 * 1024 * 1024}`, (response) => {
          response.on('data', (chunk: Buffer) => (bytes += chunk.length));
          response.on('end', resolve);
        })
        .on('error', reject);
    });
    assert.equal(bytes, 5 * 1024 * 1024);
  });

  describe('with kubectl', () => {
    let dir: string;
    const kubectl = (...args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile('kubectl', args, { env: { ...process.env, HOME: dir, KUBECONFIG: join(dir, 'config') }, timeout: 15_000 }, (error, stdout, stderr) =>
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
        );
      });

    before(async function () {
      dir = mkdtempSync(join(tmpdir(), 'kube-logs-'));
      writeKubeconfig(join(dir, 'config'), [{ name: 'demo', server: fixture.url, namespace: 'shop' }], 'demo');
      if ((await kubectl('version', '--client')).code !== 0) this.skip();
    });

    after(() => rmSync(dir, { recursive: true, force: true }));

    it('reads previous logs, and says why there are none, as against a real cluster', async () => {
      const previous = await kubectl('logs', 'web-7d9c-fghij', '--previous', '--timestamps');
      assert.equal(previous.code, 0, previous.stderr);
      assert.match(previous.stdout, /^\d{4}-\d\d-\d\dT[\d:.]+Z starting web 1\.8\.2$/m);
      const request = fixture.requests().filter((r) => r.path === '/api/v1/namespaces/shop/pods/web-7d9c-fghij/log').at(-1);
      assert.equal(request?.query['previous'], 'true');
      assert.equal(request?.query['timestamps'], 'true');
      const none = await kubectl('logs', 'api-two', '-c', 'proxy', '--previous');
      assert.notEqual(none.code, 0);
      assert.match(none.stderr, /previous terminated container "proxy" in pod "api-two" not found/);
    });
  });
});
