// Alertmanager v2 payloads shaped like kube-prometheus alerts, for the tests and the bench.

export function makeAlertPayload(count: number): unknown[] {
  const alerts: unknown[] = [];
  for (let i = 0; i < count; i++) {
    alerts.push({
      annotations: {
        description: `Pod shop-${i % 50}/app-${i} (app) is in waiting state (reason: "CrashLoopBackOff").`,
        runbook_url: 'https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping',
        summary: 'Pod is crash looping.',
      },
      endsAt: '2026-11-24T10:10:00.000Z',
      fingerprint: i.toString(16).padStart(16, '0'),
      receivers: [{ name: 'team-shop' }],
      startsAt: '2026-11-24T09:00:00.000Z',
      status: { inhibitedBy: [], silencedBy: i % 10 === 0 ? ['3f1c-silence'] : [], state: i % 10 === 0 ? 'suppressed' : 'active' },
      updatedAt: '2026-11-24T10:06:00.000Z',
      generatorURL: `http://prometheus-k8s-0:9090/graph?g0.expr=max_over_time%28kube_pod_container_status_waiting_reason%5B5m%5D%29+%3E%3D+1&g0.tab=1`,
      labels: {
        alertname: i % 3 === 0 ? 'KubePodCrashLooping' : 'KubeContainerWaiting',
        container: 'app',
        endpoint: 'http',
        instance: `10.0.${i % 250}.${i % 200}:8080`,
        job: 'kube-state-metrics',
        namespace: `shop-${i % 50}`,
        pod: `app-${i}`,
        prometheus: 'monitoring/k8s',
        reason: 'CrashLoopBackOff',
        service: 'kube-state-metrics',
        severity: i % 7 === 0 ? 'critical' : 'warning',
      },
    });
  }
  return alerts;
}
