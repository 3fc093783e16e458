import assert from 'node:assert/strict';
import { describeKubeError } from '../../../src/core/kube/describeKubeError';

const target = { context: 'prod-eu', server: 'https://10.0.0.1:6443', user: 'alice', namespace: 'shop', action: 'list pods' };

describe('describeKubeError', () => {
  it('says a missing exec plugin is missing from PATH, and why an editor may not see it', () => {
    const message = describeKubeError({ code: 'ENOENT', message: 'spawn gke-gcloud-auth-plugin ENOENT' }, { ...target, execCommand: 'gke-gcloud-auth-plugin' });
    assert.match(message, /"gke-gcloud-auth-plugin".*not found on PATH/);
    assert.match(message, /started from a desktop/);
  });

  it('names the server of an unreachable cluster', () => {
    assert.match(describeKubeError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 10.0.0.1:6443' }, target), /https:\/\/10\.0\.0\.1:6443.*cannot be reached \(ECONNREFUSED\)/);
  });

  it('points certificate failures at certificate-authority', () => {
    assert.match(describeKubeError({ code: 'SELF_SIGNED_CERT_IN_CHAIN', message: 'self-signed certificate in certificate chain' }, target), /not trusted.*certificate-authority/);
  });

  it('tells 401 from 403, naming user, action and namespace', () => {
    assert.match(describeKubeError({ statusCode: 401, message: 'Unauthorized' }, target), /rejected the credentials of user "alice"/);
    assert.equal(describeKubeError({ statusCode: 403, message: 'Forbidden' }, target), 'User "alice" may not list pods in namespace "shop" in context "prod-eu" (403 Forbidden).');
  });
});
