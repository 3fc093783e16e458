import * as assert from 'node:assert/strict';
import { ActiveContextError, resolveActiveContext } from '../../../src/core/kube/activeContextResolver';
import { mergeKubeconfigs } from '../../../src/core/kube/kubeconfigMerger';
import { KubeconfigError, type ParsedKubeconfig } from '../../../src/core/kube/kubeconfigModel';
import { parseKubeconfig } from '../../../src/core/kube/kubeconfigParser';
import { pinnedKubeconfigEnv, renderPinKubeconfig } from '../../../src/core/kube/pinKubeconfig';

function parsed(text: string, path: string): ParsedKubeconfig {
  const result = parseKubeconfig(text, path);
  if (KubeconfigError.is(result)) assert.fail(`expected ${path} to parse: ${result.message}`);
  return result;
}

const USER_CONFIG = `
apiVersion: v1
kind: Config
current-context: dev
contexts:
- name: dev
  context: {cluster: dev, user: dev-admin}
- name: arn:aws:eks:eu-west-1:123456789012:cluster/prod-main
  context:
    cluster: arn:aws:eks:eu-west-1:123456789012:cluster/prod-main
    user: arn:aws:eks:eu-west-1:123456789012:cluster/prod-main
    namespace: shop
clusters:
- name: dev
  cluster: {server: "https://dev.example:6443"}
- name: arn:aws:eks:eu-west-1:123456789012:cluster/prod-main
  cluster: {server: "https://ABC.gr7.eu-west-1.eks.amazonaws.com"}
users:
- name: dev-admin
  user: {token: dev-secret-token}
- name: arn:aws:eks:eu-west-1:123456789012:cluster/prod-main
  user:
    exec: {command: aws, args: [eks, get-token]}
`;

const PROD = 'arn:aws:eks:eu-west-1:123456789012:cluster/prod-main';

describe('renderPinKubeconfig', () => {
  it('writes only current-context and one context entry, with no cluster, user or credential', () => {
    const text = renderPinKubeconfig({ context: 'dev', namespace: 'payments', cluster: 'dev', user: 'dev-admin' });
    const pin = parsed(text, '/tmp/pin');
    assert.equal(pin.currentContext, 'dev');
    assert.deepEqual(pin.contexts, [{ name: 'dev', cluster: 'dev', user: 'dev-admin', namespace: 'payments' }]);
    assert.deepEqual([pin.clusters, pin.users], [[], []]);
    assert.match(text, /^apiVersion: "v1"$/m);
    assert.match(text, /^kind: "Config"$/m);
    assert.doesNotMatch(text, /token|server|certificate|^clusters|^users/m);
  });

  it('omits the user when the context has none', () => {
    const pin = parsed(renderPinKubeconfig({ context: 'lab', namespace: 'default', cluster: 'lab', user: '' }), '/pin');
    assert.deepEqual(pin.contexts, [{ name: 'lab', cluster: 'lab', user: '', namespace: 'default' }]);
  });

  it('placed first, pins the context and namespace while clusters and users come from the user\'s file', () => {
    const pinText = renderPinKubeconfig({ context: PROD, namespace: 'payments', cluster: PROD, user: PROD });
    const merged = mergeKubeconfigs([
      { path: '/tmp/oncall/pin-prod.yaml', config: parseKubeconfig(pinText, '/tmp/oncall/pin-prod.yaml') },
      { path: '/home/ana/.kube/config', config: parseKubeconfig(USER_CONFIG, '/home/ana/.kube/config') },
    ]);
    const active = resolveActiveContext(merged);
    if (ActiveContextError.is(active)) assert.fail(active.message);
    assert.deepEqual(active, {
      context: PROD,
      cluster: PROD,
      user: PROD,
      // The user's own entry says `shop`: the pin's entry wins because its file comes first.
      namespace: 'payments',
      server: 'https://ABC.gr7.eu-west-1.eks.amazonaws.com',
      auth: { kind: 'exec', command: 'aws' },
      source: '/tmp/oncall/pin-prod.yaml',
    });
    // The user's current-context (dev) is overridden, and the shadowed entry is reported, not fatal.
    assert.equal(merged.currentContextSource, '/tmp/oncall/pin-prod.yaml');
    assert.deepEqual(
      merged.notes.map((note) => [note.kind, note.name, note.ignoredFrom]),
      [['context', PROD, '/home/ana/.kube/config']],
    );
  });

  it('leaves the user\'s other contexts usable in the pinned terminal', () => {
    const pinText = renderPinKubeconfig({ context: PROD, namespace: 'payments', cluster: PROD, user: PROD });
    const merged = mergeKubeconfigs([
      { path: '/pin', config: parseKubeconfig(pinText, '/pin') },
      { path: '/home/ana/.kube/config', config: parseKubeconfig(USER_CONFIG, '/home/ana/.kube/config') },
    ]);
    const dev = resolveActiveContext(merged, { context: 'dev' });
    if (ActiveContextError.is(dev)) assert.fail(dev.message);
    assert.deepEqual([dev.cluster, dev.namespace, dev.auth.kind], ['dev', 'default', 'token']);
  });

  it('quotes names that YAML would otherwise misread', () => {
    for (const name of ['yes', '123', 'null', '#ops', 'a: b', '- x', 'on', 'say "hi"']) {
      const text = renderPinKubeconfig({ context: name, namespace: '007', cluster: name, user: name });
      const pin = parsed(text, '/pin');
      assert.equal(pin.currentContext, name);
      assert.deepEqual(pin.contexts, [{ name, cluster: name, user: name, namespace: '007' }]);
    }
  });

  it('double-quotes values so kubectl\'s YAML 1.1 reader cannot take `yes` or `on` for booleans', () => {
    const text = renderPinKubeconfig({ context: 'yes', namespace: 'on', cluster: 'no', user: 'off' });
    assert.match(text, /^current-context: "yes"$/m);
    assert.match(text, /^ +namespace: "on"$/m);
    assert.match(text, /^ +cluster: "no"$/m);
    assert.match(text, /^ +user: "off"$/m);
  });
});

describe('pinnedKubeconfigEnv', () => {
  it('puts the pin file first, then the user\'s files in order', () => {
    assert.equal(
      pinnedKubeconfigEnv('/tmp/pin.yaml', ['/home/ana/.kube/config', '/home/ana/.kube/eks']),
      '/tmp/pin.yaml:/home/ana/.kube/config:/home/ana/.kube/eks',
    );
    assert.equal(pinnedKubeconfigEnv('C:\\t\\pin.yaml', ['C:\\Users\\ana\\.kube\\config'], ';'), 'C:\\t\\pin.yaml;C:\\Users\\ana\\.kube\\config');
  });

  it('does not list the pin file twice or keep empty entries', () => {
    assert.equal(pinnedKubeconfigEnv('/tmp/pin.yaml', ['', '/tmp/pin.yaml', '/k']), '/tmp/pin.yaml:/k');
  });
});
