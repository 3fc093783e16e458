// Kubernetes API objects shaped as the API server returns them, for the kube signal tests and the bench.

export function makePod(name: string, overrides: { containerStatuses?: unknown[]; phase?: string; conditions?: unknown[]; namespace?: string } = {}): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: overrides.namespace ?? 'shop', uid: `uid-${name}`, creationTimestamp: '2026-11-24T08:00:00Z', labels: { app: name } },
    spec: { nodeName: 'node-1', containers: [{ name: 'app', image: 'shop/app:1' }] },
    status: {
      phase: overrides.phase ?? 'Running',
      startTime: '2026-11-24T08:00:01Z',
      conditions: overrides.conditions ?? [
        { type: 'Ready', status: 'True', lastTransitionTime: '2026-11-24T08:00:05Z' },
        { type: 'PodScheduled', status: 'True', lastTransitionTime: '2026-11-24T08:00:00Z' },
      ],
      containerStatuses: overrides.containerStatuses ?? [
        { name: 'app', ready: true, restartCount: 0, state: { running: { startedAt: '2026-11-24T08:00:03Z' } }, lastState: {} },
      ],
    },
  };
}

export function crashLoopingStatus(container = 'app', lastReason = 'Error'): unknown {
  return {
    name: container,
    ready: false,
    restartCount: 7,
    state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container' } },
    lastState: { terminated: { reason: lastReason, exitCode: lastReason === 'OOMKilled' ? 137 : 1, finishedAt: '2026-11-24T09:59:00Z' } },
  };
}
