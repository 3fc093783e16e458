// The JSON-over-HTTP(S) client of the polling incident sources, against local HTTP and HTTPS
// servers: what the server receives (path under a prefix, Basic header from userinfo, JSON
// bodies), and how each way of failing is reported (timeout, size cap, not JSON, status with
// Retry-After, TLS trust, unreadable certificate files) without leaking credentials.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpError, joinUrl, parseRetryAfter, redactUrl, requestJson, type HttpErrorReason } from '../../../src/platform/incidents/httpJson';
import { freePort, listenOnLoopback } from '../../support/loopback';
import { waitFor } from '../../support/waiting';

interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

type Route = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

/** How many /never requests the client has ended, seen from the server. */
let neverClosed = 0;

const ROUTES: Record<string, Route> = {
  '/json': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"alerts":[1,2]}'),
  '/echo': (req, res, body) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ method: req.method, body })),
  '/empty': (_req, res) => res.writeHead(200).end(),
  '/html': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Sign in to continue</body></html>'),
  '/truncated': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('[{"labels":{"alertname":"Kube'),
  '/big': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify('x'.repeat(4096))),
  '/big-chunked': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('"');
    for (let i = 0; i < 8; i++) res.write('y'.repeat(512));
    res.end('"');
  },
  // "Zürich 🚨" with each multi-byte character split across two writes.
  '/split-utf8': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const bytes = Buffer.from(JSON.stringify({ summary: 'Zürich 🚨' }), 'utf8');
    const umlaut = bytes.indexOf(0xc3);
    const siren = bytes.indexOf(0xf0);
    res.write(bytes.subarray(0, umlaut + 1));
    res.write(bytes.subarray(umlaut + 1, siren + 2));
    res.end(bytes.subarray(siren + 2));
  },
  '/never': (_req, res) => {
    // No answer: the client's timeout or abort must end it.
    res.on('close', () => neverClosed++);
  },
  '/rate-limited': (_req, res) => res.writeHead(429, { 'content-type': 'application/json', 'ratelimit-reset': '2' }).end('{"error":{"message":"Rate Limit Exceeded","code":2020}}'),
  '/retry-seconds': (_req, res) => res.writeHead(503, { 'retry-after': '3' }).end('busy'),
  '/echo-auth-error': (req, res) => res.writeHead(401, { 'content-type': 'text/plain' }).end(`bad credentials: ${req.headers.authorization ?? ''}`),
};

describe('requestJson over HTTP', function () {
  this.timeout(10_000);
  let server: http.Server;
  let sockets: ReadonlySet<import('node:net').Socket>;
  let base: string;
  const seen: SeenRequest[] = [];

  before(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        const path = (req.url ?? '/').split('?')[0]!.replace(/^\/prefix/, '');
        (ROUTES[path] ?? ((_q, r) => r.writeHead(404).end('404 page not found')))(req, res, body);
      });
    });
    ({ url: base, sockets } = await listenOnLoopback(server));
  });
  beforeEach(() => {
    seen.length = 0;
  });
  after(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  async function failure(promise: Promise<unknown>, reason: HttpErrorReason): Promise<HttpError> {
    try {
      await promise;
    } catch (error) {
      assert.ok(HttpError.is(error), `expected an HttpError, got ${String(error)}`);
      assert.equal(error.reason, reason, error.message);
      return error;
    }
    assert.fail(`expected a failure with reason ${reason}`);
  }

  it('returns status, headers and parsed JSON, asking for JSON', async () => {
    const response = await requestJson({ url: `${base}/json` });
    assert.equal(response.status, 200);
    assert.equal(response.headers['content-type'], 'application/json');
    assert.deepEqual(response.json, { alerts: [1, 2] });
    assert.equal(seen[0]!.headers.accept, 'application/json');
  });

  it('decodes UTF-8 characters split across chunks', async () => {
    const response = await requestJson({ url: `${base}/split-utf8` });
    assert.deepEqual(response.json, { summary: 'Zürich 🚨' });
  });

  it('sends a JSON body with its content type and passes extra headers', async () => {
    const response = await requestJson({ method: 'PUT', url: `${base}/echo`, body: { incident: { status: 'acknowledged' } }, headers: { From: 'alice@example.com' } });
    assert.deepEqual(response.json, { method: 'PUT', body: '{"incident":{"status":"acknowledged"}}' });
    assert.equal(seen[0]!.headers['content-type'], 'application/json');
    assert.equal(seen[0]!.headers.from, 'alice@example.com');
  });

  it('answers an empty body with json undefined (Alertmanager DELETE)', async () => {
    const response = await requestJson({ method: 'DELETE', url: `${base}/empty` });
    assert.equal(response.status, 200);
    assert.equal(response.json, undefined);
  });

  it('joins API paths under a route prefix, with or without a trailing slash', async () => {
    assert.equal(joinUrl('http://am.example:9093/prefix', '/api/v2/alerts'), 'http://am.example:9093/prefix/api/v2/alerts');
    assert.equal(joinUrl('http://am.example:9093/prefix/', 'api/v2/alerts'), 'http://am.example:9093/prefix/api/v2/alerts');
    assert.equal(joinUrl('http://am.example:9093', '/api/v2/alerts'), 'http://am.example:9093/api/v2/alerts');
    const listed = new URL(joinUrl('https://api.pagerduty.com/', '/incidents', [['statuses[]', 'triggered'], ['statuses[]', 'acknowledged']]));
    assert.deepEqual(listed.searchParams.getAll('statuses[]'), ['triggered', 'acknowledged']);
    await requestJson({ url: joinUrl(`${base}/prefix/`, '/json') });
    assert.equal(seen[0]!.url, '/prefix/json');
  });

  it('turns URL userinfo into a Basic header and never sends or prints the password', async () => {
    const port = new URL(base).port;
    await requestJson({ url: `http://oncall:p%40ss%3Aword@127.0.0.1:${port}/json` });
    assert.equal(seen[0]!.headers.authorization, `Basic ${Buffer.from('oncall:p@ss:word').toString('base64')}`);
    assert.equal(seen[0]!.headers.host, `127.0.0.1:${port}`);
    assert.equal(seen[0]!.url, '/json');
    const error = await failure(requestJson({ url: `http://oncall:p%40ss%3Aword@127.0.0.1:${port}/echo-auth-error` }), 'status');
    assert.equal(error.status, 401);
    assert.match(error.message, /oncall:\*\*\*@127\.0\.0\.1/);
    for (const text of [error.message, error.body ?? '']) {
      assert.doesNotMatch(text, /p%40ss|p@ss|word/);
      assert.ok(!text.includes(Buffer.from('oncall:p@ss:word').toString('base64')), text);
    }
    assert.equal(redactUrl('https://user:secret@host.example/am'), 'https://user:***@host.example/am');
  });

  it('lets an explicit Authorization header win over userinfo', async () => {
    const port = new URL(base).port;
    await requestJson({ url: `http://oncall:pw@127.0.0.1:${port}/json`, headers: { Authorization: 'Bearer abc' } });
    assert.equal(seen[0]!.headers.authorization, 'Bearer abc');
  });

  it('gives up after its own timeout, says so and closes the request', async function () {
    // Room for the default timeout to run out, so a timeout left unused fails on the order below.
    this.timeout(30_000);
    neverClosed = 0;
    // A request with a far longer timeout, started first: the short one must give up while it
    // still waits (an order, not a time: a loaded machine delays both alike).
    const controller = new AbortController();
    let longSettled = false;
    const long = requestJson({ url: `${base}/never`, timeoutMs: 60_000, signal: controller.signal }).finally(() => (longSettled = true));
    const error = await failure(requestJson({ url: `${base}/never`, timeoutMs: 150 }), 'timeout');
    assert.equal(longSettled, false, 'the request with the longer timeout still waits');
    assert.match(error.message, /^GET http:\/\/127\.0\.0\.1:\d+\/never got no answer within 150 ms\.$/);
    await waitFor('the server to see the timed-out request closed', () => neverClosed === 1, 20_000);
    controller.abort();
    await failure(long, 'aborted');
  });

  it('stops when its signal aborts', async () => {
    const controller = new AbortController();
    const pending = requestJson({ url: `${base}/never`, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await failure(pending, 'aborted');
  });

  it('drops answers above the size cap, declared or streamed', async () => {
    const declared = await failure(requestJson({ url: `${base}/big`, maxBytes: 1024 }), 'too-large');
    assert.match(declared.message, /more than 1 KB/);
    await failure(requestJson({ url: `${base}/big-chunked`, maxBytes: 1024 }), 'too-large');
    const fits = await requestJson({ url: `${base}/big`, maxBytes: 8192 });
    assert.equal((fits.json as string).length, 4096);
  });

  it('reports HTML and truncated JSON as not-json, naming the content type', async () => {
    const html = await failure(requestJson({ url: `${base}/html` }), 'not-json');
    assert.match(html.detail, /text\/html/);
    await failure(requestJson({ url: `${base}/truncated` }), 'not-json');
  });

  it('reports error statuses with the server wait from ratelimit-reset or Retry-After', async () => {
    const limited = await failure(requestJson({ url: `${base}/rate-limited` }), 'status');
    assert.equal(limited.status, 429);
    assert.equal(limited.retryAfterMs, 2000);
    assert.match(limited.body ?? '', /Rate Limit Exceeded/);
    const busy = await failure(requestJson({ url: `${base}/retry-seconds` }), 'status');
    assert.equal(busy.status, 503);
    assert.equal(busy.retryAfterMs, 3000);
    const missing = await failure(requestJson({ url: `${base}/nothing-here` }), 'status');
    assert.equal(missing.status, 404);
    assert.equal(missing.retryAfterMs, undefined);
  });

  it('parses Retry-After as seconds or an HTTP date, and ratelimit-reset as seconds', () => {
    const now = Date.parse('2026-03-01T10:00:00Z');
    assert.equal(parseRetryAfter({ 'retry-after': '7' }, now), 7000);
    assert.equal(parseRetryAfter({ 'retry-after': 'Sun, 01 Mar 2026 10:00:30 GMT' }, now), 30_000);
    assert.equal(parseRetryAfter({ 'retry-after': 'Sun, 01 Mar 2026 09:00:00 GMT' }, now), 0);
    assert.equal(parseRetryAfter({ 'ratelimit-reset': '12' }, now), 12_000);
    assert.equal(parseRetryAfter({ 'ratelimit-reset': '12', 'retry-after': '20' }, now), 20_000);
    assert.equal(parseRetryAfter({ 'ratelimit-reset': String(now / 1000 + 5) }, now), 5000);
    assert.equal(parseRetryAfter({ 'retry-after': 'soon' }, now), undefined);
    assert.equal(parseRetryAfter({}, now), undefined);
  });

  it('reports a closed port as unreachable and a broken URL as bad-url', async () => {
    const port = await freePort();
    const refused = await failure(requestJson({ url: `http://127.0.0.1:${port}/api/v2/alerts` }), 'unreachable');
    assert.equal(refused.detail, 'connection refused');
    await failure(requestJson({ url: '' }), 'bad-url');
    await failure(requestJson({ url: 'ftp://am.example/' }), 'bad-url');
    const broken = await failure(requestJson({ url: 'http://user:hunter2@[not-a-host' }), 'bad-url');
    assert.doesNotMatch(broken.message, /hunter2/);
  });
});

describe('requestJson over HTTPS', function () {
  this.timeout(15_000);
  let folder: string;
  let server: https.Server;
  let sockets: ReadonlySet<import('node:net').Socket>;
  let url: string;
  let certFile: string;
  let keyFile: string;
  const clientAuthorized: boolean[] = [];

  before(async function () {
    folder = mkdtempSync(join(tmpdir(), 'oncall-httpjson-'));
    certFile = join(folder, 'cert.pem');
    keyFile = join(folder, 'key.pem');
    try {
      execFileSync(
        'openssl',
        ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
        { stdio: 'ignore' },
      );
    } catch {
      this.skip();
    }
    const { readFileSync } = await import('node:fs');
    // The same self-signed certificate serves as server certificate, client certificate and CA.
    server = https.createServer({ key: readFileSync(keyFile), cert: readFileSync(certFile), ca: readFileSync(certFile), requestCert: true, rejectUnauthorized: false }, (req, res) => {
      clientAuthorized.push((req.socket as import('node:tls').TLSSocket).authorized);
      res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
    });
    ({ sockets } = await listenOnLoopback(server));
    url = `https://127.0.0.1:${(server.address() as import('node:net').AddressInfo).port}/api/v2/alerts`;
  });
  after(async () => {
    for (const socket of sockets ?? []) socket.destroy();
    if (server) await new Promise((resolve) => server.close(resolve));
    rmSync(folder, { recursive: true, force: true });
  });

  it('refuses an untrusted certificate as a TLS problem', async () => {
    await assert.rejects(requestJson({ url }), (error: unknown) => HttpError.is(error) && error.reason === 'tls' && /not trusted/.test(error.detail));
  });

  it('trusts the configured CA file, read when the request is made', async () => {
    const laterCa = join(folder, 'later-ca.pem');
    await assert.rejects(requestJson({ url, tls: { ca: laterCa } }), (error: unknown) => HttpError.is(error) && error.reason === 'tls' && /cannot read the TLS ca file/.test(error.detail));
    writeFileSync(laterCa, execFileSync('cat', [certFile]));
    assert.deepEqual((await requestJson({ url, tls: { ca: laterCa } })).json, []);
  });

  it('presents a client certificate from the cert and key files', async () => {
    clientAuthorized.length = 0;
    await requestJson({ url, tls: { ca: certFile } });
    await requestJson({ url, tls: { ca: certFile, cert: certFile, key: keyFile } });
    assert.deepEqual(clientAuthorized, [false, true]);
  });

  it('skips verification only when insecureSkipVerify is set', async () => {
    assert.deepEqual((await requestJson({ url, tls: { insecureSkipVerify: true } })).json, []);
  });

  it('reports an https:// URL pointing at a plain HTTP port as a TLS problem', async () => {
    const plain = http.createServer((_req, res) => res.end('[]'));
    const listener = await listenOnLoopback(plain);
    try {
      await assert.rejects(requestJson({ url: `https://127.0.0.1:${listener.port}/` }), (error: unknown) => HttpError.is(error) && error.reason === 'tls');
    } finally {
      for (const socket of listener.sockets) socket.destroy();
      await new Promise((resolve) => plain.close(resolve));
    }
  });
});
