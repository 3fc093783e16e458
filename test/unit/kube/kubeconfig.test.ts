import * as assert from 'node:assert/strict';
import { ActiveContextError, resolveActiveContext, type ActiveContext } from '../../../src/core/kube/activeContextResolver';
import { mergeKubeconfigs, type KubeconfigFile } from '../../../src/core/kube/kubeconfigMerger';
import { KubeconfigError, type MergedKubeconfig, type ParsedKubeconfig } from '../../../src/core/kube/kubeconfigModel';
import { parseKubeconfig } from '../../../src/core/kube/kubeconfigParser';
import { kubeconfigPaths } from '../../../src/core/kube/kubeconfigPaths';

function parsed(text: string, path: string): ParsedKubeconfig {
  const result = parseKubeconfig(text, path);
  if (KubeconfigError.is(result)) assert.fail(`expected ${path} to parse: ${result.message}`);
  return result;
}

function mergeTexts(...files: Array<[path: string, text: string | undefined]>): MergedKubeconfig {
  const inputs: KubeconfigFile[] = files.map(([path, text]) => ({
    path,
    config: text === undefined ? undefined : parseKubeconfig(text, path),
  }));
  return mergeKubeconfigs(inputs);
}

function resolved(merged: MergedKubeconfig, override?: { context?: string; namespace?: string }): ActiveContext {
  const result = resolveActiveContext(merged, override);
  if (ActiveContextError.is(result)) assert.fail(`expected a context: ${result.message}`);
  return result;
}

function resolveError(merged: MergedKubeconfig, override?: { context?: string }): ActiveContextError {
  const result = resolveActiveContext(merged, override);
  if (!ActiveContextError.is(result)) assert.fail(`expected an error, got context ${result.context}`);
  return result;
}

// Two files shaped like the ones used to check kubectl 1.32's merge rules.
const FILE_A = `
apiVersion: v1
kind: Config
current-context: ""
contexts:
- name: dev
  context: {cluster: dev-a, user: u-a, namespace: ns-a}
clusters:
- name: dev-a
  cluster: {server: "https://a.example:6443"}
users:
- name: u-a
  user: {token: aaa}
`;

const FILE_B = `
apiVersion: v1
kind: Config
current-context: dev
contexts:
- name: dev
  context: {cluster: dev-b, user: u-b, namespace: ns-b}
- name: prod
  context: {cluster: prod, user: u-b}
clusters:
- name: dev-a
  cluster: {server: "https://b-version-of-a.example:6443"}
- name: dev-b
  cluster: {server: "https://b.example:6443"}
- name: prod
  cluster:
    server: https://prod.example:6443
    certificate-authority-data: LS0tLS1CRUdJTg==
users:
- name: u-b
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: aws
      args: [eks, get-token, --cluster-name, prod]
`;

describe('kubeconfigPaths', () => {
  it('uses ~/.kube/config when KUBECONFIG is unset or empty', () => {
    assert.deepEqual(kubeconfigPaths({}, '/home/ana'), ['/home/ana/.kube/config']);
    assert.deepEqual(kubeconfigPaths({ KUBECONFIG: '' }, '/home/ana/'), ['/home/ana/.kube/config']);
    assert.deepEqual(kubeconfigPaths({}, 'C:\\Users\\ana', ';'), ['C:\\Users\\ana\\.kube\\config']);
  });

  it('splits KUBECONFIG, dropping empty entries and later duplicates', () => {
    assert.deepEqual(kubeconfigPaths({ KUBECONFIG: '::/a/one:/b/two::/a/one:/c/three:' }, '/home/ana'), [
      '/a/one',
      '/b/two',
      '/c/three',
    ]);
    assert.deepEqual(kubeconfigPaths({ KUBECONFIG: 'C:\\k\\a;;C:\\k\\b' }, 'C:\\Users\\ana', ';'), ['C:\\k\\a', 'C:\\k\\b']);
  });

  it('reads no file at all when KUBECONFIG holds only delimiters, as kubectl does', () => {
    assert.deepEqual(kubeconfigPaths({ KUBECONFIG: ':' }, '/home/ana'), []);
  });
});

describe('parseKubeconfig', () => {
  it('keeps contexts, clusters, users and the current context without credentials', () => {
    const config = parsed(FILE_B, '/b');
    assert.equal(config.currentContext, 'dev');
    assert.deepEqual(config.contexts, [
      { name: 'dev', cluster: 'dev-b', user: 'u-b', namespace: 'ns-b' },
      { name: 'prod', cluster: 'prod', user: 'u-b' },
    ]);
    assert.deepEqual(config.clusters[2], {
      name: 'prod',
      server: 'https://prod.example:6443',
      insecureSkipTlsVerify: false,
      hasCertificateAuthority: true,
    });
    assert.deepEqual(config.users, [{ name: 'u-b', auth: { kind: 'exec', command: 'aws' } }]);
    assert.ok(!JSON.stringify(config).includes('LS0tLS1CRUdJTg'), 'CA data must not be kept');
  });

  it('tells each kind of user authentication apart', () => {
    const config = parsed(
      `users:
- name: t
  user: {token: abc}
- name: tf
  user: {tokenFile: /var/run/token}
- name: c
  user: {client-certificate-data: Y2VydA==, client-key-data: a2V5}
- name: b
  user: {username: admin, password: hunter2}
- name: p
  user: {auth-provider: {name: oidc, config: {idp-issuer-url: "https://id"}}}
- name: e
  user: {exec: {command: gke-gcloud-auth-plugin}}
- name: nothing
  user: {}
- name: bare
`,
      '/users',
    );
    assert.deepEqual(
      config.users.map((user) => [user.name, user.auth]),
      [
        ['t', { kind: 'token' }],
        ['tf', { kind: 'token' }],
        ['c', { kind: 'client-cert' }],
        ['b', { kind: 'basic' }],
        ['p', { kind: 'auth-provider', provider: 'oidc' }],
        ['e', { kind: 'exec', command: 'gke-gcloud-auth-plugin' }],
        ['nothing', { kind: 'none' }],
        ['bare', { kind: 'none' }],
      ],
    );
    assert.ok(!JSON.stringify(config).includes('hunter2'));
  });

  it('reads insecure-skip-tls-verify and JSON kubeconfigs', () => {
    const config = parsed(
      '{"current-context":"lab","contexts":[{"name":"lab","context":{"cluster":"lab"}}],' +
        '"clusters":[{"name":"lab","cluster":{"server":"http://127.0.0.1:8001","insecure-skip-tls-verify":true}}]}',
      '/lab.json',
    );
    assert.equal(config.currentContext, 'lab');
    assert.deepEqual(config.clusters, [
      { name: 'lab', server: 'http://127.0.0.1:8001', insecureSkipTlsVerify: true, hasCertificateAuthority: false },
    ]);
  });

  it('treats an empty file and null lists as an empty kubeconfig', () => {
    assert.deepEqual(parsed('', '/empty'), { path: '/empty', contexts: [], clusters: [], users: [] });
    // kubectl itself writes `clusters: null` when it rewrites a pin file.
    const rewritten = parsed('clusters: null\nusers: null\ncurrent-context: dev\ncontexts: []\n', '/pin');
    assert.equal(rewritten.currentContext, 'dev');
    assert.deepEqual(rewritten.clusters, []);
  });

  it('reports malformed YAML with the file and line in one sentence', () => {
    const text = 'apiVersion: v1\ncontexts:\n- name: x\n  context: {cluster: c1\nusers: []\n';
    const error = parseKubeconfig(text, '/home/ana/.kube/config');
    assert.ok(KubeconfigError.is(error, 'malformed-yaml'));
    assert.equal(error.path, '/home/ana/.kube/config');
    assert.equal(error.line, 5);
    assert.match(error.message, /^Kubeconfig \/home\/ana\/\.kube\/config is not valid YAML at line 5: [^\n]+\.$/);
  });

  it('reports malformed JSON with its line', () => {
    const error = parseKubeconfig('{\n  "current-context": "x",\n  "contexts": [\n', '/k.json');
    assert.ok(KubeconfigError.is(error, 'malformed-yaml'));
    assert.match(error.message, /^Kubeconfig \/k\.json is not valid YAML at line \d+: /);
    assert.ok(!error.message.includes('\n'));
  });

  it('refuses a file that repeats a context name, as kubectl does', () => {
    const error = parseKubeconfig(
      'contexts:\n- name: x\n  context: {cluster: c1}\n- name: x\n  context: {cluster: c2}\n',
      '/dup',
    );
    assert.ok(KubeconfigError.is(error, 'duplicate-name'));
    assert.equal(error.line, 4);
    assert.match(error.message, /context "x" twice/);
  });

  it('refuses fields of the wrong type, naming the line', () => {
    const notList = parseKubeconfig('current-context: x\ncontexts: foo\n', '/s');
    assert.ok(KubeconfigError.is(notList, 'invalid-kubeconfig'));
    assert.equal(notList.line, 2);
    const numberNamespace = parseKubeconfig('contexts:\n- name: x\n  context: {cluster: c, namespace: 7}\n', '/n');
    assert.ok(KubeconfigError.is(numberNamespace, 'invalid-kubeconfig'));
    assert.match(numberNamespace.message, /"namespace" that is not text/);
    const topLevelList = parseKubeconfig('- a\n- b\n', '/l');
    assert.ok(KubeconfigError.is(topLevelList, 'invalid-kubeconfig'));
  });

  it('reads scalars as kubectl\'s YAML 1.1 reader does', () => {
    const at = (value: string): ReturnType<typeof parseKubeconfig> =>
      parseKubeconfig(`contexts:\n- name: x\n  context: {cluster: c, namespace: ${value}}\n`, '/v');
    // kubectl refuses these ("cannot unmarshal bool/number into ... namespace of type string").
    for (const refused of ['yes', 'on', 'y', 'No', '0700']) {
      assert.ok(KubeconfigError.is(at(refused), 'invalid-kubeconfig'), refused);
    }
    // ...and keeps these as text.
    for (const kept of ['2001-12-14', '1:20', 'shop']) {
      const config = at(kept);
      if (KubeconfigError.is(config)) assert.fail(config.message);
      assert.equal(config.contexts[0]?.namespace, kept);
    }
  });

  it('lets a repeated key override the earlier one instead of failing', () => {
    assert.equal(parsed('current-context: dev\ncurrent-context: prod\n', '/k').currentContext, 'prod');
  });
});

describe('mergeKubeconfigs', () => {
  it('takes current-context from the first file that sets a non-empty one', () => {
    const merged = mergeTexts(['/a', FILE_A], ['/b', FILE_B], ['/c', 'current-context: prod\n']);
    assert.equal(merged.currentContext, 'dev');
    assert.equal(merged.currentContextSource, '/b');
    assert.equal(mergeTexts(['/c', 'current-context: prod\n'], ['/a', FILE_A], ['/b', FILE_B]).currentContext, 'prod');
  });

  it('keeps the first definition of a name whole and notes the ignored ones', () => {
    const merged = mergeTexts(['/a', FILE_A], ['/b', FILE_B]);
    assert.deepEqual(
      merged.contexts.map((entry) => [entry.name, entry.cluster, entry.namespace, entry.source]),
      [
        ['dev', 'dev-a', 'ns-a', '/a'],
        ['prod', 'prod', undefined, '/b'],
      ],
    );
    assert.equal(merged.clusters.find((entry) => entry.name === 'dev-a')?.server, 'https://a.example:6443');
    assert.deepEqual(
      merged.notes.map((note) => [note.kind, note.name, note.keptFrom, note.ignoredFrom]),
      [
        ['context', 'dev', '/a', '/b'],
        ['cluster', 'dev-a', '/a', '/b'],
      ],
    );
    assert.equal(merged.notes[0]?.message, 'The context "dev" in /b is ignored because /a defines it first.');
  });

  it('never fills a field from a later definition of the same context', () => {
    const merged = mergeTexts(['/d', 'contexts:\n- name: dev\n  context: {cluster: dev-b}\n'], ['/b', FILE_B]);
    const dev = merged.contexts.find((entry) => entry.name === 'dev');
    assert.deepEqual([dev?.cluster, dev?.user, dev?.namespace], ['dev-b', '', undefined]);
  });

  it('skips missing files and lists them, and keeps malformed ones as errors', () => {
    const merged = mergeTexts(['/gone', undefined], ['/bad', 'contexts: [\n'], ['/b', FILE_B]);
    assert.deepEqual(merged.missing, ['/gone']);
    assert.deepEqual(merged.files, ['/b']);
    assert.equal(merged.errors.length, 1);
    assert.equal(merged.errors[0]?.path, '/bad');
  });
});

describe('resolveActiveContext', () => {
  it('resolves the current context across files with kubectl\'s first-wins rules', () => {
    assert.deepEqual(resolved(mergeTexts(['/a', FILE_A], ['/b', FILE_B])), {
      context: 'dev',
      cluster: 'dev-a',
      user: 'u-a',
      namespace: 'ns-a',
      server: 'https://a.example:6443',
      auth: { kind: 'token' },
      source: '/a',
    });
  });

  it('defaults the namespace to "default" and applies overrides like --context/--namespace', () => {
    const merged = mergeTexts(['/b', FILE_B]);
    const prod = resolved(merged, { context: 'prod' });
    assert.deepEqual([prod.context, prod.namespace, prod.server, prod.auth], [
      'prod',
      'default',
      'https://prod.example:6443',
      { kind: 'exec', command: 'aws' },
    ]);
    assert.equal(resolved(merged, { context: 'prod', namespace: 'payments' }).namespace, 'payments');
    assert.equal(resolved(merged, { context: '', namespace: '' }).context, 'dev');
  });

  it('says no kubeconfig exists when every file is missing', () => {
    const error = resolveError(mergeTexts(['/home/ana/.kube/config', undefined]));
    assert.equal(error.reason, 'no-kubeconfig');
    assert.match(error.message, /\/home\/ana\/\.kube\/config/);
    assert.equal(resolveError(mergeKubeconfigs([])).reason, 'no-kubeconfig');
  });

  it('says when no file sets a current context', () => {
    const error = resolveError(mergeTexts(['/a', FILE_A]));
    assert.equal(error.reason, 'no-current-context');
    assert.match(error.message, /\/a/);
  });

  it('names a context that is not defined', () => {
    const error = resolveError(mergeTexts(['/b', FILE_B]), { context: 'staging' });
    assert.equal(error.reason, 'context-missing');
    assert.equal(error.contextName, 'staging');
    assert.match(error.message, /"staging"/);
  });

  it('reports a context pointing at a missing cluster or user instead of falling back like kubectl', () => {
    const noCluster = resolveError(
      mergeTexts(['/m', 'current-context: x\ncontexts:\n- name: x\n  context: {cluster: nope, user: nobody}\n']),
    );
    assert.equal(noCluster.reason, 'cluster-missing');
    assert.match(noCluster.message, /"nope"/);

    const unnamedCluster = resolveError(mergeTexts(['/m', 'current-context: x\ncontexts:\n- name: x\n  context: {user: u}\n']));
    assert.equal(unnamedCluster.reason, 'cluster-missing');

    const noUser = resolveError(
      mergeTexts([
        '/m',
        'current-context: x\ncontexts:\n- name: x\n  context: {cluster: c, user: nobody}\n' +
          'clusters:\n- name: c\n  cluster: {server: "https://c"}\n',
      ]),
    );
    assert.equal(noUser.reason, 'user-missing');
    assert.match(noUser.message, /"nobody"/);
  });

  it('allows a context without a user (anonymous access)', () => {
    const anonymous = resolved(
      mergeTexts(['/m', 'current-context: x\ncontexts:\n- name: x\n  context: {cluster: c}\nclusters:\n- name: c\n  cluster: {server: "http://127.0.0.1:8001"}\n']),
    );
    assert.deepEqual([anonymous.user, anonymous.auth], ['', { kind: 'none' }]);
  });

  it('fails as kubectl does when any file in the list is malformed', () => {
    const error = resolveError(mergeTexts(['/b', FILE_B], ['/bad', 'users: [\n']));
    assert.equal(error.reason, 'invalid-kubeconfig');
    assert.match(error.message, /\/bad/);
  });
});
