// `npm run corpus` (scripts/fetch-corpus.mjs) against a loopback server that serves GitHub-style
// archives: the corpus lands where the tests look for it, in the layout they read, and a failed
// download says which source failed and leaves nothing half-made.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findCorpus } from '../../support/corpus';

const script = join(process.cwd(), 'scripts/fetch-corpus.mjs');

/** A tar.gz shaped like GitHub's: one top folder `<repo>-<commit>` holding a few files of every source's layout. */
function fakeArchive(scratch: string, repo: string, commit: string): Buffer {
  const top = `${repo}-${commit}`;
  const root = join(scratch, `${repo}-${commit}-src`);
  const files: Record<string, string> = {
    LICENSE: `licence of ${repo}\n`,
    'README.md': 'not kept\n',
    'content/runbooks/kubernetes/KubePodCrashLooping.md': '# KubePodCrashLooping\n',
    'content/runbooks/_index.md': '# Runbooks\n',
    'alerts/some-operator/SomeAlert.md': '# SomeAlert\n',
    'docs/runbooks/VirtAlert.md': '# VirtAlert\n',
    'manifests/kubernetesControlPlane-prometheusRule.yaml': 'kind: PrometheusRule\n',
    'manifests/grafana-deployment.yaml': 'kind: Deployment\n',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, top, path, '..'), { recursive: true });
    writeFileSync(join(root, top, path), text);
  }
  return execFileSync('tar', ['-czf', '-', '-C', root, top]);
}

describe('npm run corpus (scripts/fetch-corpus.mjs)', function () {
  this.timeout(60_000);
  let scratch: string;
  let server: Server;
  let base: string;
  const requested: string[] = [];
  let failRepo: string | undefined;

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'oncall-corpus-'));
    server = createServer((request, response) => {
      const [, owner, repo, commit] = (request.url ?? '').split('/');
      requested.push(`${owner}/${repo}@${commit}`);
      if (repo === failRepo) {
        response.writeHead(404).end('Not Found');
        return;
      }
      response.writeHead(200, { 'content-type': 'application/x-gzip' }).end(fakeArchive(scratch, repo!, commit!));
    });
    await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
    const address = server.address();
    assert.ok(address && typeof address === 'object');
    base = `http://127.0.0.1:${address.port}/{owner}/{repo}/{commit}`;
  });

  after(() => {
    server.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  // Asynchronous, so the server in this process can answer while the script runs.
  const run = (target: string) =>
    new Promise<{ status: number; stdout: string; stderr: string }>((resolveRun) => {
      execFile(process.execPath, [script], { env: { ...process.env, ONCALL_CORPUS: target, ONCALL_CORPUS_ARCHIVE_URL: base } }, (error, stdout, stderr) =>
        resolveRun({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });

  it('fetches the four sources at pinned commits into the layout the tests read', async () => {
    requested.length = 0;
    failRepo = undefined;
    const target = join(scratch, 'corpus');
    const result = await run(target);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(requested.length, 4);
    for (const source of requested) assert.match(source, /^[\w-]+\/[\w-]+@[0-9a-f]{40}$/, 'a full commit id, never a branch');
    assert.deepEqual(readdirSync(target).sort(), ['README.md', 'kube-prometheus-rules', 'kubevirt-runbooks', 'openshift-runbooks', 'prometheus-operator-runbooks']);
    assert.ok(existsSync(join(target, 'prometheus-operator-runbooks/kubernetes/KubePodCrashLooping.md')));
    assert.ok(existsSync(join(target, 'openshift-runbooks/alerts/some-operator/SomeAlert.md')));
    assert.ok(existsSync(join(target, 'kubevirt-runbooks/docs/runbooks/VirtAlert.md')));
    assert.deepEqual(readdirSync(join(target, 'kube-prometheus-rules/rules')), ['kubernetesControlPlane-prometheusRule.yaml'], 'only the rule manifests');
    for (const folder of ['prometheus-operator-runbooks', 'openshift-runbooks', 'kubevirt-runbooks', 'kube-prometheus-rules']) {
      assert.match(readFileSync(join(target, folder, 'LICENSE'), 'utf8'), /^licence of /, `${folder} keeps its licence`);
    }
    assert.match(readFileSync(join(target, 'README.md'), 'utf8'), /Apache-2\.0/);
    // The tests find it there.
    const saved = process.env.ONCALL_CORPUS;
    process.env.ONCALL_CORPUS = target;
    try {
      assert.equal(findCorpus(), target);
    } finally {
      if (saved === undefined) delete process.env.ONCALL_CORPUS;
      else process.env.ONCALL_CORPUS = saved;
    }
    // A second run finds it and downloads nothing.
    requested.length = 0;
    const again = await run(target);
    assert.equal(again.status, 0);
    assert.match(again.stdout, /already at/);
    assert.equal(requested.length, 0);
  });

  it('names the source that failed and leaves no half-made corpus', async () => {
    failRepo = 'monitoring';
    const target = join(scratch, 'failed');
    const result = await run(target);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /^corpus: could not download kubevirt\/monitoring from http:\/\/127\.0\.0\.1:\d+\/kubevirt\/monitoring\/[0-9a-f]{40}: HTTP 404$/m);
    assert.equal(existsSync(target), false);
    assert.deepEqual(readdirSync(scratch).filter((name) => name.startsWith('.corpus-download-')), [], 'the download folder is removed');
  });
});
