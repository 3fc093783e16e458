import { join } from 'node:path';
import type * as KubeClientModule from '@kubernetes/client-node';
import type * as KubeClientBundle from './kubeClientBundle';
import type { LiveObjectKind } from '../../core/execution/planExecution';
import type { ActiveContext } from '../../core/kube/activeContextResolver';
import { describeKubeError } from '../../core/kube/describeKubeError';
import type { MergedKubeconfig } from '../../core/kube/kubeconfigModel';

export type KubeClient = typeof KubeClientBundle;
/** A client configuration, named here so that nothing outside src/platform/kube imports client-node, even for types. */
export type KubeConfig = KubeClientModule.KubeConfig;

let loading: Promise<KubeClient> | undefined;

/**
 * Loads @kubernetes/client-node from its own bundle next to dist/extension.js, on first use.
 * It costs ~110 ms to load, so nothing on the activation path calls this.
 */
export function loadKubeClient(): Promise<KubeClient> {
  // A computed path: the bundler must leave this require to run time.
  loading ??= Promise.resolve().then(() => require(join(__dirname, 'kubeClient.js')) as KubeClient);
  return loading;
}

/** One sentence for a failed request to the active context's cluster (client-node errors carry `code` or `statusCode`). */
export function describeClusterError(error: unknown, active: ActiveContext, action: string): string {
  const facts = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; statusCode?: unknown; message?: unknown };
  return describeKubeError(
    {
      code: typeof facts.code === 'string' ? facts.code : undefined,
      statusCode: typeof facts.statusCode === 'number' ? facts.statusCode : typeof facts.code === 'number' ? facts.code : undefined,
      message: typeof facts.message === 'string' ? facts.message : String(error),
    },
    {
      context: active.context,
      server: active.server,
      user: active.user,
      namespace: active.namespace,
      action,
      execCommand: active.auth.kind === 'exec' ? active.auth.command : undefined,
    },
  );
}

/** A live object offered for a placeholder. */
export interface LiveObject {
  readonly name: string;
  readonly namespace?: string;
  /** Shown next to the name: phase and reason, readiness. */
  readonly description: string;
  /** Failing objects first in the pick. */
  readonly failing: boolean;
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * A client configuration for exactly one context, built from the user's own files (`client`
 * is the loaded library; tests pass the package itself):
 * each file is loaded alone (client-node refuses duplicate names across files) and the
 * cluster and user are taken from the file whose definition kubectl would use.
 */
export async function kubeConfigFor(active: ActiveContext, merged: MergedKubeconfig, client?: KubeClient): Promise<KubeClientModule.KubeConfig> {
  const k8s = client ?? (await loadKubeClient());
  const clusterSource = merged.clusters.find((c) => c.name === active.cluster)?.source;
  const userSource = merged.users.find((u) => u.name === active.user)?.source;
  const fromFile = (path: string | undefined) => {
    const config = new k8s.KubeConfig();
    if (path) config.loadFromFile(path);
    return config;
  };
  const clusterConfig = fromFile(clusterSource);
  const userConfig = userSource === clusterSource ? clusterConfig : fromFile(userSource);
  const cluster = clusterConfig.getCluster(active.cluster);
  if (!cluster) throw new Error(`The cluster "${active.cluster}" is not defined in ${clusterSource ?? 'any kubeconfig file'}.`);
  const user = active.user ? userConfig.getUser(active.user) : undefined;
  const config = new k8s.KubeConfig();
  config.loadFromOptions({
    clusters: [cluster],
    users: [user ?? { name: 'anonymous' }],
    contexts: [{ name: active.context, cluster: cluster.name, user: user?.name ?? 'anonymous', namespace: active.namespace }],
    currentContext: active.context,
  });
  return config;
}

/** Lists objects of a kind for a placeholder pick, failing ones first. */
export async function listLiveObjects(config: KubeClientModule.KubeConfig, kind: LiveObjectKind, namespace: string, client?: KubeClient): Promise<LiveObject[]> {
  const k8s = client ?? (await loadKubeClient());
  const core = config.makeApiClient(k8s.CoreV1Api);
  const apps = config.makeApiClient(k8s.AppsV1Api);
  let objects: LiveObject[];
  switch (kind) {
    case 'pod': {
      const list = await core.listNamespacedPod({ namespace, limit: 1000 });
      objects = list.items.map((pod) => describePod(pod));
      break;
    }
    case 'deployment': {
      const list = await apps.listNamespacedDeployment({ namespace, limit: 1000 });
      objects = list.items.map((d) => replicated(d.metadata, namespace, d.spec?.replicas, d.status?.availableReplicas, 'available'));
      break;
    }
    case 'statefulset': {
      const list = await apps.listNamespacedStatefulSet({ namespace, limit: 1000 });
      objects = list.items.map((s) => replicated(s.metadata, namespace, s.spec?.replicas, s.status?.readyReplicas, 'ready'));
      break;
    }
    case 'node': {
      const list = await core.listNode({ limit: 1000 });
      objects = list.items.map((node) => {
        const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
        const isReady = ready?.status === 'True';
        return { name: node.metadata?.name ?? '', labels: node.metadata?.labels ?? {}, failing: !isReady, description: isReady ? 'Ready' : `NotReady${ready?.reason ? ` (${ready.reason})` : ''}` };
      });
      break;
    }
    case 'namespace': {
      const list = await core.listNamespace({ limit: 1000 });
      objects = list.items.map((ns) => ({ name: ns.metadata?.name ?? '', labels: ns.metadata?.labels ?? {}, failing: false, description: ns.status?.phase ?? '' }));
      break;
    }
  }
  return objects.filter((o) => o.name !== '').sort((a, b) => Number(b.failing) - Number(a.failing) || a.name.localeCompare(b.name));
}

/** A deployment or statefulset: failing while fewer replicas are up than wanted (the API omits zero counts). */
function replicated(metadata: KubeClientModule.V1ObjectMeta | undefined, namespace: string, wanted = 1, up = 0, word: string): LiveObject {
  return { name: metadata?.name ?? '', namespace, labels: metadata?.labels ?? {}, failing: up < wanted, description: `${up}/${wanted} ${word}` };
}

function describePod(pod: KubeClientModule.V1Pod): LiveObject {
  const statuses = pod.status?.containerStatuses ?? [];
  const waiting = statuses.map((s) => s.state?.waiting?.reason).find((r) => r !== undefined);
  const lastTerminated = statuses.map((s) => s.lastState?.terminated?.reason).find((r) => r !== undefined);
  const restarts = statuses.reduce((sum, s) => sum + (s.restartCount ?? 0), 0);
  const unschedulable = pod.status?.conditions?.some((c) => c.type === 'PodScheduled' && c.status === 'False');
  const phase = pod.status?.phase ?? 'Unknown';
  const ready = statuses.length > 0 && statuses.every((s) => s.ready);
  const reason = waiting ?? (unschedulable ? 'Unschedulable' : undefined) ?? (phase !== 'Running' && phase !== 'Succeeded' ? phase : undefined);
  const failing = reason !== undefined || (phase === 'Running' && !ready);
  const parts = [reason ?? (phase === 'Running' && !ready ? 'Running, not ready' : phase)];
  if (lastTerminated && lastTerminated !== reason) parts.push(`last: ${lastTerminated}`);
  if (restarts > 0) parts.push(`${restarts} restart${restarts === 1 ? '' : 's'}`);
  return { name: pod.metadata?.name ?? '', namespace: pod.metadata?.namespace, labels: pod.metadata?.labels ?? {}, failing, description: parts.join(' · ') };
}
