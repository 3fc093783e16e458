import * as assert from 'node:assert/strict';
import { assessRisk, type StepLanguage } from '../../../src/core/execution/riskAssessment';
import { CORPUS_COMMANDS, type LabelledCommand } from './corpusCommands';

interface Miss {
  readonly command: string;
  readonly reasons: readonly string[];
}

function misses(list: readonly LabelledCommand[], kind: StepLanguage = 'shell'): { falseNegatives: Miss[]; falsePositives: Miss[] } {
  const falseNegatives: Miss[] = [];
  const falsePositives: Miss[] = [];
  for (const { command, destructive } of list) {
    const result = assessRisk(command, kind);
    if (destructive && !result.destructive) falseNegatives.push({ command, reasons: result.reasons });
    if (!destructive && result.destructive) falsePositives.push({ command, reasons: result.reasons });
  }
  return { falseNegatives, falsePositives };
}

function reasonsOf(command: string, kind: StepLanguage = 'shell'): readonly string[] {
  const result = assessRisk(command, kind);
  assert.ok(result.destructive, `expected ${JSON.stringify(command)} to be destructive`);
  return result.reasons;
}

function assertSafe(command: string, kind: StepLanguage = 'shell'): void {
  const result = assessRisk(command, kind);
  assert.equal(result.destructive, false, `expected ${JSON.stringify(command)} to be safe, got ${result.reasons.join('; ')}`);
}

/** Hand-written cases for what the corpus lacks; `destructive` is what a careful engineer expects. */
const HAND_WRITTEN: readonly LabelledCommand[] = [
  // Kubernetes writes, in the forms people type them.
  { destructive: true, command: 'kubectl delete pod api-7d4b9c -n shop' },
  { destructive: true, command: 'kubectl -n shop --context prod-eu delete deploy/api' },
  { destructive: true, command: 'kubectl --kubeconfig ~/.kube/prod --namespace=shop delete pod -l app=api' },
  { destructive: true, command: 'k delete pod api-0' },
  { destructive: true, command: 'FOO=1 kubectl delete pod api-0' },
  { destructive: true, command: 'KUBECONFIG=/tmp/k env -u HTTP_PROXY kubectl delete ns scratch' },
  { destructive: true, command: 'kubectl drain node-3 --ignore-daemonsets' },
  { destructive: true, command: 'kubectl cordon node-3' },
  { destructive: true, command: 'kubectl uncordon node-3' },
  { destructive: true, command: 'kubectl taint nodes node-3 dedicated=db:NoSchedule' },
  { destructive: true, command: 'kubectl scale deploy/api --replicas=0' },
  { destructive: true, command: 'kubectl scale --replicas 5 statefulset/redis' },
  { destructive: true, command: 'kubectl rollout undo deploy/api' },
  { destructive: true, command: 'kubectl rollout restart deploy/api' },
  { destructive: true, command: 'kubectl rollout pause deploy/api' },
  { destructive: true, command: 'kubectl rollout resume deploy/api' },
  { destructive: true, command: `kubectl patch deploy api -p '{"spec":{"replicas":2}}'` },
  { destructive: true, command: 'kubectl apply -f fix.yaml' },
  { destructive: true, command: 'kubectl apply -f fix.yaml --dry-run=none' },
  { destructive: true, command: 'kubectl replace --force -f pod.yaml' },
  { destructive: true, command: 'kubectl edit cm api-config' },
  { destructive: true, command: 'kubectl create job manual-backup --from=cronjob/backup' },
  { destructive: true, command: 'kubectl set image deploy/api api=registry/api:1.2.3' },
  { destructive: true, command: 'kubectl set env deploy/api LOG_LEVEL=debug' },
  { destructive: true, command: 'kubectl set resources deploy/api --limits=memory=2Gi' },
  { destructive: true, command: 'kubectl label pod api-0 quarantine=true --overwrite' },
  { destructive: true, command: 'kubectl annotate deploy api owner=sre --overwrite' },
  { destructive: true, command: 'kubectl label node node-3 disktype-' },
  { destructive: true, command: 'kubectl exec -it api-0 -- sh' },
  { destructive: true, command: 'kubectl exec deploy/api -c app -- cat /etc/resolv.conf' },
  { destructive: true, command: 'kubectl debug -it api-0 --image=busybox --target=app' },
  { destructive: true, command: 'kubectl cp ./hotfix.py shop/api-0:/app/hotfix.py' },
  { destructive: true, command: 'kubectl run tmp --rm -it --image=busybox -- sh' },
  { destructive: true, command: 'kubectl certificate approve csr-abc' },
  { destructive: true, command: 'oc adm drain node-3 --ignore-daemonsets --delete-emptydir-data' },
  { destructive: true, command: 'oc adm cordon node-3' },
  { destructive: true, command: 'oc adm certificate approve csr-abc' },
  { destructive: true, command: 'oc idle api' },
  { destructive: true, command: 'kubectl get pods -o name | xargs kubectl delete' },
  { destructive: true, command: 'kubectl get pods --field-selector=status.phase=Failed -o name | xargs -r -I{} kubectl delete {} -n shop' },
  { destructive: true, command: 'echo "restarted: $(kubectl rollout restart deploy/api)"' },
  { destructive: true, command: 'for p in $(kubectl get pods -o name); do kubectl delete "$p"; done' },
  { destructive: true, command: 'if kubectl get pod api-0; then kubectl delete pod api-0; fi' },
  { destructive: true, command: 'kubectl get pod api-0 \\\n  -n shop && kubectl \\\n  delete pod api-0 -n shop' },
  { destructive: true, command: 'cat <<EOF | kubectl apply -f -\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\nEOF' },
  { destructive: true, command: 'kubectl apply -f - <<\'EOF\'\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: tmp\nEOF' },
  { destructive: true, command: 'microk8s kubectl delete pod api-0' },
  { destructive: true, command: '/usr/local/bin/kubectl delete pod api-0' },
  // Helm, virtctl, etcdctl.
  { destructive: true, command: 'helm install api ./chart -n shop' },
  { destructive: true, command: 'helm upgrade --install api ./chart -f values.yaml' },
  { destructive: true, command: 'helm rollback api 41' },
  { destructive: true, command: 'helm uninstall api -n shop' },
  { destructive: true, command: 'helm delete api' },
  { destructive: true, command: 'virtctl stop vm-db -n vms' },
  { destructive: true, command: 'virtctl restart vm-db' },
  { destructive: true, command: 'virtctl migrate vm-db' },
  { destructive: true, command: 'etcdctl del /registry/pods/shop/api-0' },
  { destructive: true, command: 'ETCDCTL_API=3 etcdctl --endpoints=https://10.0.0.1:2379 defrag' },
  { destructive: true, command: 'etcdctl snapshot restore backup.db --data-dir /var/lib/etcd-new' },
  { destructive: true, command: 'etcdctl member remove 8e9e05c52164694d' },
  // Processes, files, disks.
  { destructive: true, command: 'pkill -9 -f worker' },
  { destructive: true, command: 'kill -9 4242' },
  { destructive: true, command: 'kill $(pgrep -f stuck-job)' },
  { destructive: true, command: 'killall java' },
  { destructive: true, command: 'rm -rf /var/lib/app/cache/*' },
  { destructive: true, command: 'rm -f /tmp/app.lock' },
  { destructive: true, command: 'rm core.1234' },
  { destructive: true, command: 'truncate -s 0 /var/log/app.log' },
  { destructive: true, command: 'dd if=/dev/zero of=/dev/sdb bs=1M count=10' },
  { destructive: true, command: 'mkfs.ext4 /dev/sdb1' },
  { destructive: true, command: 'find /var/log/app -name "*.gz" -mtime +7 -delete' },
  { destructive: true, command: 'find /tmp -name "*.lock" -exec rm {} \\;' },
  { destructive: true, command: 'sed -i "s/replicas: 3/replicas: 1/" deploy.yaml' },
  { destructive: true, command: 'echo "10.0.0.5 db" >> /etc/hosts' },
  { destructive: true, command: 'echo 3 > /proc/sys/vm/drop_caches' },
  { destructive: true, command: 'echo "nameserver 1.1.1.1" | sudo tee /etc/resolv.conf' },
  // Services, hosts, network, containers.
  { destructive: true, command: 'systemctl stop kubelet' },
  { destructive: true, command: 'sudo systemctl restart containerd' },
  { destructive: true, command: 'systemctl disable --now firewalld' },
  { destructive: true, command: 'systemctl kill -s SIGKILL crio' },
  { destructive: true, command: 'systemctl mask kubelet' },
  { destructive: true, command: 'service nginx stop' },
  { destructive: true, command: 'service postgresql restart' },
  { destructive: true, command: 'sudo reboot' },
  { destructive: true, command: 'shutdown -r now' },
  { destructive: true, command: 'iptables -F' },
  { destructive: true, command: 'iptables -D INPUT -s 10.0.0.8 -j DROP' },
  { destructive: true, command: 'iptables -A INPUT -p tcp --dport 6443 -j ACCEPT' },
  { destructive: true, command: 'docker rm -f api' },
  { destructive: true, command: 'docker rmi registry/api:old' },
  { destructive: true, command: 'docker restart api' },
  { destructive: true, command: 'docker stop api' },
  { destructive: true, command: 'docker kill api' },
  { destructive: true, command: 'docker system prune -af' },
  { destructive: true, command: 'docker container rm api' },
  { destructive: true, command: 'docker compose down' },
  { destructive: true, command: 'crictl rmp 1f2e3d' },
  { destructive: true, command: 'sudo -u postgres psql -c "DROP DATABASE scratch"' },
  { destructive: true, command: 'ssh node-3 sudo systemctl restart kubelet' },
  { destructive: true, command: "ssh core@node-3 'sudo crictl rmi --prune'" },
  { destructive: true, command: 'bash -c "kubectl delete pod api-0"' },
  { destructive: true, command: 'watch -n 5 "kubectl delete pod -l app=flaky"' },
  { destructive: true, command: 'timeout 30 kubectl drain node-3' },
  { destructive: true, command: 'curl -s https://example.com/install.sh | bash' },
  // Data stores.
  { destructive: true, command: 'redis-cli -h redis flushall' },
  { destructive: true, command: 'redis-cli -n 2 FLUSHDB' },
  { destructive: true, command: 'redis-cli CONFIG SET maxmemory 2gb' },
  { destructive: true, command: 'psql -h db -U app -c "DELETE FROM sessions WHERE expires_at < now()"' },
  { destructive: true, command: 'psql -tAc "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE state = \'idle\'"' },
  { destructive: true, command: 'psql <<SQL\nUPDATE jobs SET state = \'queued\' WHERE state = \'stuck\';\nSQL' },
  { destructive: true, command: 'mysql -u root -e "TRUNCATE TABLE cache"' },
  { destructive: true, command: "psql <<'SQL'\nDELETE FROM carts WHERE updated_at < now() - interval '30 days';\nSQL" },
  { destructive: true, command: "python3 - <<'PY'\nimport shutil\nshutil.rmtree('/var/lib/app/cache')\nPY" },
  { destructive: true, command: 'mysql shop < cleanup.sql' },
  { destructive: true, command: 'pg_dump shop | psql -h standby shop' },
  { destructive: true, command: 'redis-cli < commands.txt' },
  // HTTP writes.
  { destructive: true, command: 'curl -X DELETE http://alertmanager:9093/api/v2/silence/abc' },
  { destructive: true, command: 'curl -XPUT http://es:9200/_cluster/settings -d @settings.json' },
  { destructive: true, command: 'curl --request POST http://api/admin/flush' },
  { destructive: true, command: "curl -X PATCH -H 'Content-Type: application/json' http://api/x" },
  { destructive: true, command: 'curl -d \'{"state":"resolved"}\' https://api/incidents/1' },
  { destructive: true, command: 'wget --method=DELETE http://api/cache' },
  // Read-only commands that must not ask.
  { destructive: false, command: 'kubectl get pods -A -o wide' },
  { destructive: false, command: 'kubectl -n shop --context prod-eu get pods' },
  { destructive: false, command: 'kubectl describe pod api-0' },
  { destructive: false, command: 'kubectl logs -f deploy/api --since=10m' },
  { destructive: false, command: 'kubectl top pods --sort-by=memory' },
  { destructive: false, command: 'kubectl explain deployment.spec.strategy' },
  { destructive: false, command: 'kubectl api-resources' },
  { destructive: false, command: 'kubectl auth can-i delete pods' },
  { destructive: false, command: 'kubectl config view --minify' },
  { destructive: false, command: 'kubectl config current-context' },
  { destructive: false, command: 'kubectl events --for pod/api-0' },
  { destructive: false, command: 'kubectl get events --sort-by=.lastTimestamp' },
  { destructive: false, command: 'kubectl rollout status deploy/api' },
  { destructive: false, command: 'kubectl rollout history deploy/api' },
  { destructive: false, command: 'kubectl apply -f fix.yaml --dry-run=client' },
  { destructive: false, command: 'kubectl delete pod api-0 --dry-run=server' },
  { destructive: false, command: 'kubectl create deploy x --image=nginx --dry-run=client -o yaml' },
  { destructive: false, command: 'kubectl diff -f fix.yaml' },
  { destructive: false, command: 'kubectl set env deploy/api --list' },
  { destructive: false, command: 'kubectl label pods --list api-0' },
  { destructive: false, command: 'kubectl cp shop/api-0:/tmp/heap.hprof ./heap.hprof' },
  { destructive: false, command: 'kubectl port-forward svc/api 8080:80' },
  { destructive: false, command: 'kubectl -n <namespace> get pod <pod-name> -o yaml' },
  { destructive: false, command: 'watch kubectl get pods' },
  { destructive: false, command: 'watch -n 2 "kubectl get pods | grep -v Running"' },
  { destructive: false, command: 'k get nodes' },
  { destructive: false, command: 'helm list -A' },
  { destructive: false, command: 'helm status api' },
  { destructive: false, command: 'helm history api' },
  { destructive: false, command: 'helm get values api' },
  { destructive: false, command: 'helm upgrade api ./chart --dry-run' },
  { destructive: false, command: 'docker ps -a' },
  { destructive: false, command: 'docker logs --tail 100 api' },
  { destructive: false, command: 'docker inspect api' },
  { destructive: false, command: 'systemctl status kubelet' },
  { destructive: false, command: 'systemctl list-units --failed' },
  { destructive: false, command: 'journalctl -u kubelet --since "10 min ago"' },
  { destructive: false, command: 'grep -i "delete" /var/log/audit.log' },
  { destructive: false, command: 'grep "kubectl delete" ~/.bash_history | tail' },
  { destructive: false, command: "awk '{print $1}' pods.txt | sort | uniq -c" },
  { destructive: false, command: 'jq ".items[] | .metadata.name" pods.json' },
  { destructive: false, command: 'cat /etc/os-release' },
  { destructive: false, command: 'less /var/log/syslog' },
  { destructive: false, command: 'head -n 50 app.log && tail -n 50 app.log' },
  { destructive: false, command: 'ls -la /var/lib/kubelet' },
  { destructive: false, command: 'curl -s http://localhost:9090/-/healthy' },
  { destructive: false, command: 'curl -X GET http://api/health' },
  { destructive: false, command: 'curl -G http://prom:9090/api/v1/query --data-urlencode "query=up"' },
  { destructive: false, command: 'psql -h db -c "SELECT count(*) FROM pg_stat_activity"' },
  { destructive: false, command: 'redis-cli -h redis info memory' },
  { destructive: false, command: 'redis-cli CONFIG GET maxmemory' },
  { destructive: false, command: 'redis-cli --scan --pattern "session:*" | head' },
  { destructive: false, command: 'psql -c "SELECT 1" < /dev/null' },
  { destructive: false, command: "psql <<'SQL'\nSELECT pid, state, query FROM pg_stat_activity;\nSQL" },
  { destructive: false, command: "python3 - <<'PY'\nimport json\nprint(json.dumps({'ok': True}))\nPY" },
  { destructive: false, command: 'etcdctl endpoint health --cluster' },
  { destructive: false, command: 'echo "kubectl delete pod api-0 would fix it"' },
  { destructive: false, command: '# kubectl delete pod api-0\nkubectl get pod api-0' },
  { destructive: false, command: 'kubectl get pods # then: kubectl delete pod api-0' },
  { destructive: false, command: "printf '%s\\n' 'rm -rf /' > /tmp/note.txt" },
  { destructive: false, command: 'cat <<EOF > /tmp/plan.txt\nkubectl delete pod api-0\nrm -rf /var/lib/app\nEOF' },
  { destructive: false, command: 'kubectl get pods 2>/dev/null > /tmp/pods.txt' },
  { destructive: false, command: 'export NS=$(kubectl get ns -o name | head -1)' },
  { destructive: false, command: 'sysctl net.ipv4.ip_forward' },
  { destructive: false, command: 'ip route show' },
  { destructive: false, command: 'mount' },
  { destructive: false, command: 'kill -0 4242' },
  { destructive: false, command: 'sudo -i' },
  { destructive: false, command: 'ssh node-3' },
  { destructive: false, command: 'ssh node-3 journalctl -u kubelet -n 100' },
  { destructive: false, command: 'oc whoami --show-token' },
  { destructive: false, command: 'oc adm top nodes' },
  { destructive: false, command: './update-check.sh --report' },
  { destructive: true, command: './delete-stale-pods.sh shop' },
  // Known false alarms, kept on purpose: the check cannot tell them from writes.
  // A Prometheus query sent as a POST form only reads.
  { destructive: false, command: "curl -s -d 'query=up' http://prom:9090/api/v1/query" },
  // A throwaway container that only resolves a name.
  { destructive: false, command: 'docker run --rm busybox nslookup api.shop.svc' },
  // Moving a file into /var/tmp touches a system path, harmlessly.
  { destructive: false, command: 'mv report.txt /var/tmp/' },
  // Saving output under /var/tmp writes to a system path, harmlessly.
  { destructive: false, command: 'kubectl get pods -o yaml > /var/tmp/pods.yaml' },
];

/** The hand-written entries above under "Known false alarms". */
const HAND_WRITTEN_FALSE_POSITIVES = 4;
/** Real runbook commands that are not destructive but are flagged. */
const CORPUS_FALSE_POSITIVES = 0;

describe('assessRisk on commands from real runbooks', () => {
  it(`uses a labelled list of ${CORPUS_COMMANDS.length} commands from the corpus`, () => {
    assert.ok(CORPUS_COMMANDS.length >= 150);
    const destructive = CORPUS_COMMANDS.filter((entry) => entry.destructive).length;
    assert.ok(destructive >= 100 && CORPUS_COMMANDS.length - destructive >= 100, 'both kinds are well represented');
  });

  it('flags every destructive corpus command (no false negatives)', () => {
    const { falseNegatives } = misses(CORPUS_COMMANDS);
    assert.deepEqual(falseNegatives, []);
  });

  it(`raises exactly ${CORPUS_FALSE_POSITIVES} false alarms on the corpus commands`, () => {
    const { falsePositives } = misses(CORPUS_COMMANDS);
    assert.equal(falsePositives.length, CORPUS_FALSE_POSITIVES, JSON.stringify(falsePositives, null, 2));
  });
});

describe('assessRisk on hand-written edge cases', () => {
  it('flags every destructive edge case (no false negatives)', () => {
    const { falseNegatives } = misses(HAND_WRITTEN);
    assert.deepEqual(falseNegatives, []);
  });

  it(`raises exactly the ${HAND_WRITTEN_FALSE_POSITIVES} known false alarms`, () => {
    const { falsePositives } = misses(HAND_WRITTEN);
    assert.deepEqual(
      falsePositives.map((miss) => miss.command),
      HAND_WRITTEN.slice(-HAND_WRITTEN_FALSE_POSITIVES).map((entry) => entry.command),
    );
  });
});

describe('assessRisk reasons', () => {
  it('says what a step does in short phrases for the confirmation dialog', () => {
    assert.deepEqual(reasonsOf('kubectl delete pod api-0'), ['deletes Kubernetes resources']);
    assert.deepEqual(reasonsOf('kubectl scale deploy/api --replicas=0'), ['scales to 0 replicas']);
    assert.deepEqual(reasonsOf('kubectl scale deploy/api --replicas=3'), ['changes the number of replicas']);
    assert.deepEqual(reasonsOf('pkill -9 worker'), ['kills processes']);
    assert.deepEqual(reasonsOf('curl -X DELETE http://x/y'), ['sends a write request (DELETE)']);
    assert.deepEqual(reasonsOf('kubectl rollout undo deploy/api'), ['rolls back a rollout']);
    assert.deepEqual(reasonsOf('redis-cli flushall'), ['deletes all Redis keys']);
    assert.deepEqual(reasonsOf('echo 1 > /etc/motd'), ['overwrites /etc/motd']);
    assert.deepEqual(reasonsOf('helm rollback api 3'), ['rolls back a Helm release']);
  });

  it('lists each reason once, in the order found, for a block of several commands', () => {
    const block = 'kubectl get pods\nkubectl delete pod a\nkubectl delete pod b\nkubectl scale deploy/api --replicas=0';
    assert.deepEqual(reasonsOf(block), ['deletes Kubernetes resources', 'scales to 0 replicas']);
  });

  it('adds what runs inside a pod to the reasons of exec', () => {
    assert.deepEqual(reasonsOf('kubectl exec -i db-0 -- psql -c "DROP TABLE carts"'), [
      'runs a command inside a pod',
      'drops database objects',
    ]);
  });

  it('notes a dry run without asking for confirmation', () => {
    assert.deepEqual(assessRisk('kubectl apply -f fix.yaml --dry-run=client', 'shell'), {
      destructive: false,
      reasons: ['dry run only (kubectl apply)'],
    });
    // A real write next to a dry run still asks, and only the real reason is shown.
    assert.deepEqual(reasonsOf('kubectl create cm x --dry-run=client -o yaml | kubectl apply -f -'), [
      'applies changes to Kubernetes resources',
    ]);
  });

  it('asks rather than passes when a step nests commands too deeply to check', () => {
    assert.deepEqual(reasonsOf('echo ' + '$('.repeat(100) + 'date' + ')'.repeat(100)), ['nests commands too deeply to check']);
    assert.deepEqual(reasonsOf('sudo '.repeat(5000) + 'ls'), ['nests commands too deeply to check']);
    assert.deepEqual(reasonsOf('eval '.repeat(100) + 'ls'), ['nests commands too deeply to check']);
  });

  it('gives no reasons for an empty or read-only step', () => {
    assert.deepEqual(assessRisk('', 'shell'), { destructive: false, reasons: [] });
    assert.deepEqual(assessRisk('kubectl get pods', 'shell'), { destructive: false, reasons: [] });
  });
});

describe('assessRisk for SQL steps', () => {
  it('flags statements that change data or schema', () => {
    assert.deepEqual(reasonsOf('DROP TABLE carts;', 'sql'), ['drops database objects']);
    assert.deepEqual(reasonsOf('TRUNCATE sessions;', 'sql'), ['truncates tables']);
    assert.deepEqual(reasonsOf('DELETE FROM sessions WHERE expires_at < now();', 'sql'), ['deletes rows']);
    assert.deepEqual(reasonsOf("UPDATE jobs SET state = 'queued' WHERE id = 7;", 'sql'), ['updates rows']);
    assert.deepEqual(reasonsOf('ALTER TABLE orders ADD COLUMN note text;', 'sql'), ['alters database objects']);
    assert.deepEqual(reasonsOf('SELECT pg_terminate_backend(12345);', 'sql'), ['terminates database sessions']);
    assert.deepEqual(reasonsOf('SELECT pg_cancel_backend(pid) FROM pg_stat_activity;', 'sql'), ['cancels running queries']);
    assert.deepEqual(reasonsOf('insert into audit values (1);', 'sql'), ['writes rows']);
    assert.deepEqual(reasonsOf('VACUUM FULL orders;', 'sql'), ['rewrites tables under heavy locks']);
    assert.deepEqual(reasonsOf('KILL 4242;', 'sql'), ['kills database sessions']);
  });

  it('finds writes hidden in a read-looking statement', () => {
    assert.deepEqual(reasonsOf('WITH gone AS (DELETE FROM carts WHERE stale RETURNING id) SELECT count(*) FROM gone;', 'sql'), ['deletes rows']);
    assert.deepEqual(reasonsOf('DO $$ BEGIN TRUNCATE cache; END $$;', 'sql'), ['runs a procedural block', 'truncates tables']);
  });

  it('splits statements on ; but not inside strings, identifiers or comments', () => {
    assertSafe("SELECT 'a; DROP TABLE users' AS note; SELECT \"weird;name\" FROM t;", 'sql');
    assertSafe('-- DELETE FROM users;\n/* DROP TABLE x; */\nSELECT 1;', 'sql');
    assert.deepEqual(reasonsOf("SELECT 'x;y';\nDELETE FROM t;", 'sql'), ['deletes rows']);
  });

  it('leaves reads and session control alone', () => {
    assertSafe('SELECT * FROM pg_stat_activity WHERE state <> \'idle\';', 'sql');
    assertSafe('SELECT id FROM jobs FOR UPDATE SKIP LOCKED;', 'sql');
    assertSafe('BEGIN; SELECT 1; COMMIT;', 'sql');
    assertSafe('SHOW max_connections; EXPLAIN SELECT * FROM orders;', 'sql');
    assertSafe('SET statement_timeout = 5000; SELECT now();', 'sql');
    assertSafe('\\x\n\\dt public.*\nSELECT 1;', 'sql');
  });

  it('checks what psql meta-commands run', () => {
    assert.deepEqual(reasonsOf('\\! rm -rf /tmp/dump', 'sql'), ['deletes files recursively']);
    assert.deepEqual(reasonsOf('\\i cleanup.sql', 'sql'), ['runs SQL from a file, which cannot be checked']);
  });
});

describe('assessRisk for Python steps', () => {
  it('flags code that runs commands, deletes files or kills processes', () => {
    assert.deepEqual(reasonsOf('import os\nos.system("kubectl delete pod api-0")', 'python'), ['deletes Kubernetes resources']);
    assert.deepEqual(reasonsOf('import subprocess\nsubprocess.run(cmd, shell=True)', 'python'), [
      'runs shell commands that cannot be checked',
    ]);
    assert.deepEqual(reasonsOf('import shutil\nshutil.rmtree("/var/lib/app/cache")', 'python'), ['deletes files']);
    assert.deepEqual(reasonsOf('import os\nos.remove(path)', 'python'), ['deletes files']);
    assert.deepEqual(reasonsOf('import os, signal\nos.kill(pid, signal.SIGKILL)', 'python'), ['kills processes']);
  });

  it('flags API calls that write', () => {
    assert.deepEqual(reasonsOf('v1.delete_namespaced_pod("api-0", "shop")', 'python'), ['calls a delete API']);
    assert.deepEqual(reasonsOf('apps.patch_namespaced_deployment_scale(name, ns, body)', 'python'), ['changes Kubernetes resources']);
    assert.deepEqual(reasonsOf('requests.post(url, json=payload)', 'python'), ['sends a write request']);
    assert.deepEqual(reasonsOf('r = redis.Redis()\nr.flushall()', 'python'), ['deletes all Redis keys']);
    assert.deepEqual(reasonsOf('urllib.request.Request(url, method="DELETE")', 'python'), ['sends a write request']);
  });

  it('judges literal commands and SQL with the shell and SQL rules', () => {
    assertSafe('import subprocess\nprint(subprocess.check_output(["kubectl", "get", "pods", "-A"]))', 'python');
    assert.deepEqual(reasonsOf('subprocess.run(["kubectl", "scale", "deploy/api", "--replicas=0"])', 'python'), ['scales to 0 replicas']);
    assertSafe('cur.execute("SELECT count(*) FROM orders WHERE created_at > %s", (since,))', 'python');
    assert.deepEqual(reasonsOf('cur.execute("DELETE FROM carts WHERE stale")', 'python'), ['deletes rows']);
    assert.deepEqual(reasonsOf('cur.execute(query)', 'python'), ['runs SQL that cannot be checked']);
  });

  it('ignores comments and strings that merely mention dangerous calls', () => {
    assertSafe('# os.system("rm -rf /")\nprint("shutil.rmtree is dangerous")\nrequests.get(url)', 'python');
    assertSafe('"""\nos.remove(path)\n"""\nprint(len(pods))', 'python');
  });
});
