import * as assert from 'node:assert/strict';
import { redactSecrets } from '../../../src/core/execution/secretRedaction';

describe('redactSecrets', () => {
  const cases: Array<[input: string, expected: string]> = [
    ['psql postgres://app:s3cr3t@db.internal:5432/shop', 'psql postgres://app:***@db.internal:5432/shop'],
    ['redis-cli -u redis://default:hunter2@redis:6379', 'redis-cli -u redis://default:***@redis:6379'],
    ['kubectl --token=abc123 get pods', 'kubectl --token=*** get pods'],
    ['kubectl --token abc123 get pods', 'kubectl --token *** get pods'],
    ['mysqladmin --password=hunter2 status', 'mysqladmin --password=*** status'],
    ['vault login --password "two words"', 'vault login --password "***"'],
    ['argocd login cd --client-secret=xyz', 'argocd login cd --client-secret=***'],
    ['mysql -u root -pS3cret shop', 'mysql -u root -p*** shop'],
    ['PGPASSWORD=s3cr3t psql -h db -U app', 'PGPASSWORD=*** psql -h db -U app'],
    ['export GITLAB_TOKEN=glpat-abcdefghijklmnopqrst', 'export GITLAB_TOKEN=***'],
    ['export DB_PASSWORD="p@ss word"', 'export DB_PASSWORD="***"'],
    ["export APP_SECRET='x'", "export APP_SECRET='***'"],
    ['export STRIPE_API_KEY=sk_live_abcdefghijklmnop', 'export STRIPE_API_KEY=***'],
    ['AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG aws s3 ls', 'AWS_SECRET_ACCESS_KEY=*** aws s3 ls'],
    ['curl -H "Authorization: Bearer abc.def.ghi" https://api', 'curl -H "Authorization: Bearer ***" https://api'],
    ['Authorization: Basic YWRtaW46aHVudGVyMg==', 'Authorization: Basic ***'],
    ['curl -H "Authorization: Token token=y_NbAkKc66ryYTWUXYEu" https://api.pagerduty.com/incidents', 'curl -H "Authorization: Token token=***" https://api.pagerduty.com/incidents'],
    ['aws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE', 'aws configure set aws_access_key_id ***'],
    ['git clone https://ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/acme/x', 'git clone https://***@github.com/acme/x'],
    ['token: gho_abcdefghijklmnopqrstuvwxyz0123456789', 'token: ***'],
    ['GH=ghs_abcdefghijklmnopqrstuvwxyz0123456789', 'GH=***'],
    ['github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstu', '***'],
    ['SLACK_HOOK=xoxb-1234567890-abcdefghij', 'SLACK_HOOK=***'],
    ['send xoxp-1234567890-abcdefghijkl', 'send ***'],
    ['jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl', 'jwt ***'],
    ['  password: hunter2', '  password: ***'],
    ['db_password: "s3cr3t"  # rotate monthly', 'db_password: "***"  # rotate monthly'],
    ['  "token": "abc",', '  "token": "***",'],
    ['    client-key-data: LS0tLS1CRUdJTi', '    client-key-data: ***'],
    ['kubectl create secret generic db --from-literal=password=hunter2', 'kubectl create secret generic db --from-literal=password=***'],
    ['curl "https://x/api?access_token=abc123&page=2"', 'curl "https://x/api?access_token=***&page=2"'],
    ['curl -u admin:hunter2 https://es:9200/_cluster/health', 'curl -u admin:*** https://es:9200/_cluster/health'],
    ['redis-cli -a s3cret ping', 'redis-cli -a *** ping'],
  ];

  for (const [input, expected] of cases) {
    it(`masks ${JSON.stringify(input)}`, () => {
      assert.equal(redactSecrets(input), expected);
    });
  }

  const references = [
    'PGPASSWORD=$PGPASSWORD psql -h db',
    'export TOKEN=${TOKEN}',
    'kubectl --token "$(cat /var/run/secrets/token)" get pods',
    'oc login --token=<token> --server=https://api:6443',
    'helm repo add x https://charts --password [PASSWORD]',
    'curl -H "Authorization: Bearer $(oc whoami -t)" https://prom/api/v1/query',
    'curl -H "Authorization: Bearer $TOKEN" https://api',
    'password: <password>',
    'password: "{{ .Values.db.password }}"',
    'token=$(oc sa new-token prometheus-k8s -n openshift-monitoring)',
    'kubectl create secret docker-registry x --docker-password=<password>',
  ];

  for (const input of references) {
    it(`leaves the reference in ${JSON.stringify(input)}`, () => {
      assert.equal(redactSecrets(input), input);
    });
  }

  it('leaves ordinary text and look-alikes alone', () => {
    const text = [
      'oc whoami --show-token',
      'mysql -u root -p shop',
      `kubectl patch deploy api -p '{"spec":{"replicas":2}}'`,
      'kubectl get secret db -o jsonpath={.data.password}',
      '--client-key /etc/tls/client.key',
      'secretName: db-credentials',
      'automountServiceAccountToken: false',
      'password:',
      'PWD=/home/ana',
      'kubectl create secret generic x --from-literal=key=value',
    ].join('\n');
    assert.equal(redactSecrets(text), text);
  });

  it('is idempotent and keeps the text around secrets', () => {
    const once = redactSecrets('PGPASSWORD=s3cr3t psql postgres://app:pw@db/shop -c "SELECT 1"');
    assert.equal(once, 'PGPASSWORD=*** psql postgres://app:***@db/shop -c "SELECT 1"');
    assert.equal(redactSecrets(once), once);
  });

  it('masks several secrets on several lines', () => {
    const input = 'export API_TOKEN=abc\ncurl -H "Authorization: Bearer xyz" https://api\n  password: p';
    assert.equal(redactSecrets(input), 'export API_TOKEN=***\ncurl -H "Authorization: Bearer ***" https://api\n  password: ***');
  });
});
