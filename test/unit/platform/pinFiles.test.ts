// Two windows pin terminals to the same context in different namespaces, with the real
// kubectl against Kubernetes API fixture servers. Each window rewrites its pin 200 times
// while both terminals run kubectl in a loop: every request must reach the terminal's own
// namespace on the pinned cluster, and none may reach the cluster of the user's own
// current-context (what kubectl falls back to when it reads an empty or missing pin).
//
// kubectl children get a temp HOME, and are spawned asynchronously because the fixtures
// answer from this process.

import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NO_CLUSTER_KUBECONFIG, pinnedKubeconfigEnv, renderPinKubeconfig } from '../../../src/core/kube/pinKubeconfig';
import { PinFiles, writeFileAtomically } from '../../../src/platform/kube/pinFiles';
import { KubeApiFixture, writeKubeconfig } from '../../fixtures/kube/kubeApiServer';
import { sleep } from '../../support/waiting';

interface Terminal {
  readonly label: string;
  readonly kubeconfigEnv: string;
}

function kubectl(terminal: Terminal, home: string, args = ['get', 'pods', '-l', `terminal=${terminal.label}`, '-o', 'name']): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'kubectl',
      [...args, '--request-timeout=10s'],
      { env: { ...process.env, HOME: home, KUBECONFIG: terminal.kubeconfigEnv }, timeout: 20_000 },
      (error, _stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stderr }),
    );
  });
}

describe('pin files of two windows, with the real kubectl', function () {
  this.timeout(180_000);
  let pinned: KubeApiFixture;
  let usersDefault: KubeApiFixture;
  let dir: string;
  let userKubeconfig: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pin-files-'));
    [pinned, usersDefault] = await Promise.all([KubeApiFixture.start(), KubeApiFixture.start()]);
    userKubeconfig = join(dir, 'home', '.kube', 'config');
    // The user's own current-context is another cluster: a terminal that loses its pin goes there.
    writeKubeconfig(
      userKubeconfig,
      [
        { name: 'shared', server: pinned.url, namespace: 'default' },
        { name: 'users-default', server: usersDefault.url, namespace: 'default' },
      ],
      'users-default',
    );
  });

  after(async () => {
    await Promise.all([pinned?.stop(), usersDefault?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps each terminal in its own namespace while the other window switches, and never falls back to the user\'s context', async () => {
    const root = join(dir, 'global-storage', 'pins');
    const windowA = new PinFiles(root);
    const windowB = new PinFiles(root);
    const pin = (namespace: string) => renderPinKubeconfig({ context: 'shared', namespace, cluster: 'shared', user: 'shared-user' });
    const terminalA: Terminal = { label: 'a', kubeconfigEnv: pinnedKubeconfigEnv(await windowA.writePin('shared', pin('ns-a')), [userKubeconfig]) };
    const terminalB: Terminal = { label: 'b', kubeconfigEnv: pinnedKubeconfigEnv(await windowB.writePin('shared', pin('ns-b')), [userKubeconfig]) };
    assert.notEqual(terminalA.kubeconfigEnv, terminalB.kubeconfigEnv, 'each window has a pin file of its own');
    pinned.clearRequests();
    usersDefault.clearRequests();

    let rewriting = true;
    const runs = { a: 0, b: 0 };
    const failures: string[] = [];
    const loop = async (terminal: Terminal, key: 'a' | 'b') => {
      const home = join(dir, `home-${key}`);
      while (rewriting) {
        const result = await kubectl(terminal, home);
        runs[key]++;
        if (result.code !== 0) failures.push(`${key}: ${result.stderr.trim()}`);
      }
    };
    const rewrites = async () => {
      // Window B switches namespaces back and forth; window A rewrites its own (same) pin, as a
      // run does before every step. 200 rewrites each, interleaved with the kubectl loops.
      for (let index = 0; index < 200; index++) {
        await Promise.all([
          windowB.writePin('shared', pin(index % 2 === 0 ? 'ns-b2' : 'ns-b')),
          windowA.writePin('shared', pin('ns-a')),
        ]);
        await sleep(3);
      }
      await windowB.writePin('shared', pin('ns-b'));
      rewriting = false;
    };
    await Promise.all([loop(terminalA, 'a'), loop(terminalB, 'b'), rewrites()]);
    // After the switches: one more run each.
    for (const [terminal, key] of [[terminalA, 'a'], [terminalB, 'b']] as const) {
      const result = await kubectl(terminal, join(dir, `home-${key}`));
      runs[key]++;
      if (result.code !== 0) failures.push(`${key} after: ${result.stderr.trim()}`);
    }

    assert.deepEqual(failures, []);
    assert.ok(runs.a >= 5 && runs.b >= 5, `kubectl ran during the rewrites (${runs.a} and ${runs.b} times)`);
    assert.deepEqual(
      usersDefault.requests().map((r) => `${r.method} ${r.path}`),
      [],
      "no request may reach the user's own current-context",
    );
    const podLists = pinned.requests().filter((r) => r.path.endsWith('/pods'));
    const where = (label: string) => [...new Set(podLists.filter((r) => r.query.labelSelector === `terminal=${label}`).map((r) => r.path))].sort();
    assert.deepEqual(where('a'), ['/api/v1/namespaces/ns-a/pods'], "window A's terminal stays in ns-a");
    assert.ok(where('b').every((path) => path === '/api/v1/namespaces/ns-b/pods' || path === '/api/v1/namespaces/ns-b2/pods'), where('b').join());
    assert.equal(podLists.filter((r) => r.query.labelSelector === 'terminal=a').length, runs.a, 'every run of A reached the pinned cluster');
    assert.equal(podLists.filter((r) => r.query.labelSelector === 'terminal=b').length, runs.b, 'every run of B reached the pinned cluster');
    const last = podLists.filter((r) => r.query.labelSelector === 'terminal=b').at(-1);
    assert.equal(last?.path, '/api/v1/namespaces/ns-b/pods', "B's last switch applies to B's terminal");
  });

  it('leaves no temporary file behind and removes only its own folder', async () => {
    const root = join(dir, 'cleanup');
    const mine = new PinFiles(root);
    const other = new PinFiles(root);
    await mine.writePin('prod-eu', 'a');
    await other.writePin('prod-eu', 'b');
    for (let index = 0; index < 20; index++) await mine.writePin('prod-eu', `content ${index}`);
    assert.deepEqual(readdirSync(mine.folder), [mine.pathFor('prod-eu').slice(mine.folder.length + 1)]);
    assert.equal(readFileSync(mine.pathFor('prod-eu'), 'utf8'), 'content 19');
    await mine.dispose();
    assert.deepEqual(readdirSync(root), [other.owner]);
    assert.equal(readFileSync(other.pathFor('prod-eu'), 'utf8'), 'b');
  });

  it('replaces a file whole: a reader never sees it empty', async () => {
    const path = join(dir, 'atomic.yaml');
    const content = 'x'.repeat(64 * 1024);
    await writeFileAtomically(path, content);
    let torn = 0;
    let writing = true;
    const reader = (async () => {
      while (writing) {
        if (readFileSync(path, 'utf8').length !== content.length) torn++;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    for (let index = 0; index < 200; index++) await writeFileAtomically(path, content);
    writing = false;
    await reader;
    assert.equal(torn, 0);
  });

  it('gives a terminal without any kubeconfig a KUBECONFIG where kubectl fails instead of using ~/.kube/config', async () => {
    const windowA = new PinFiles(join(dir, 'no-cluster'));
    const terminal: Terminal = { label: 'none', kubeconfigEnv: await windowA.writeNoCluster(NO_CLUSTER_KUBECONFIG) };
    // HOME holds a kubeconfig whose current-context is the user's cluster, as a fallback would find.
    const home = join(dir, 'home');
    pinned.clearRequests();
    usersDefault.clearRequests();
    const attempts = [
      ['get', 'pods'],
      ['--context', 'users-default', 'get', 'pods'],
      ['--context', 'shared', 'delete', 'pod', 'x'],
      ['--server', usersDefault.url, '--insecure-skip-tls-verify', 'get', 'pods'],
      ['-s', pinned.url, 'get', 'pods'],
      ['--cluster', 'users-default', 'get', 'pods'],
    ];
    for (const args of attempts) {
      const result = await kubectl(terminal, home, args);
      assert.notEqual(result.code, 0, `kubectl ${args.join(' ')} must fail`);
      assert.match(result.stderr, /no-kubeconfig-in-this-terminal|context was not found/, result.stderr);
    }
    assert.deepEqual([...pinned.requests(), ...usersDefault.requests()].map((r) => `${r.method} ${r.path}`), []);
  });
});
