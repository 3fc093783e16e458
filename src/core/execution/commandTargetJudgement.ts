// Judges the targets a step's commands name (see commandTargets.ts) against the kubeconfig:
// which context, cluster and server each really reaches, and whether that is protected. A
// target that cannot be looked up (a context the kubeconfig does not define, a kubeconfig
// that cannot be read, a value computed at run time, kubectl on another host) is "unknown",
// and unknown asks: the dialog says the check could not tell where the command goes.

import type { MergedKubeconfig } from '../kube/kubeconfigModel';
import { protectionOf } from '../kube/protectedContextPolicy';
import type { NamedTarget } from './commandTargets';

export interface KubeTargetContext {
  /** The merged kubeconfig the step's terminal reads; undefined when there is none at all. */
  readonly merged?: MergedKubeconfig;
  /** The context the terminal is pinned to. */
  readonly activeContext?: string;
  /** `oncall.kube.protectedContexts`. */
  readonly patterns: readonly string[];
  /** Kubeconfigs named by `--kubeconfig` / `KUBECONFIG=`, read by the caller; see kubeconfigKey. */
  readonly namedKubeconfigs?: ReadonlyMap<string, MergedKubeconfig | { readonly error: string }>;
}

export type TargetVerdict = 'protected' | 'unprotected' | 'unknown';

export interface JudgedTarget {
  /** How the command names it: `kubectl --context prod-eu`. */
  readonly written: string;
  /** Where it goes, for the dialog: `context "prod-eu" (cluster "eu", https://…)`. */
  readonly where: string;
  readonly verdict: TargetVerdict;
  /** Why protected (the matching part and pattern) or why unknown. */
  readonly reason?: string;
  /** The name to type in the typed-name confirmation. */
  readonly typedName: string;
}

export interface StepTargetJudgement {
  readonly targets: readonly JudgedTarget[];
  /** The first protected target, if any. */
  readonly protectedTarget?: JudgedTarget;
  /** The first unknown target, if any. */
  readonly unknownTarget?: JudgedTarget;
}

/** The key of a list of kubeconfig paths (as written) in `namedKubeconfigs`. */
export function kubeconfigKey(paths: readonly string[]): string {
  return paths.join('\n');
}

export function judgeStepTargets(found: readonly NamedTarget[], kube: KubeTargetContext): StepTargetJudgement {
  const targets: JudgedTarget[] = [];
  const seen = new Set<string>();
  for (const target of found) {
    const judged = judgeTarget(target, kube);
    const key = `${judged.verdict}\n${judged.where}\n${judged.typedName}`;
    if (seen.has(key)) continue;
    seen.add(key);
    targets.push(judged);
  }
  return {
    targets,
    ...optional('protectedTarget', targets.find((t) => t.verdict === 'protected')),
    ...optional('unknownTarget', targets.find((t) => t.verdict === 'unknown')),
  };
}

function judgeTarget(target: NamedTarget, kube: KubeTargetContext): JudgedTarget {
  const typedFallback = target.context ?? target.cluster ?? target.server ?? target.host ?? target.kubeconfig?.join(':') ?? target.tool;
  const unknown = (reason: string, where = target.written): JudgedTarget => ({ written: target.written, where, verdict: 'unknown', reason, typedName: typedFallback });
  if (target.unreadable) return unknown(target.unreadable);

  let merged = kube.merged;
  let current = kube.activeContext;
  let from = '';
  if (target.kubeconfig) {
    const named = kube.namedKubeconfigs?.get(kubeconfigKey(target.kubeconfig));
    const shown = target.kubeconfig.join(':');
    if (named === undefined) return unknown(`it uses the kubeconfig ${shown}, which was not read`);
    if ('error' in named) return unknown(`it uses the kubeconfig ${shown}, which ${named.error}`);
    merged = named;
    current = named.currentContext;
    from = ` from ${shown}`;
  }
  if (!merged) return unknown('there is no kubeconfig, so it cannot be looked up');

  const contextName = target.context ?? current;
  const context = contextName !== undefined ? merged.contexts.find((entry) => entry.name === contextName) : undefined;
  if (target.context !== undefined && !context) return unknown(`the context "${target.context}" is not defined in the kubeconfig${from}`);
  if (contextName === undefined && target.server === undefined) return unknown(`the kubeconfig${from} sets no current context`);
  const clusterName = target.cluster ?? context?.cluster;
  const cluster = clusterName ? merged.clusters.find((entry) => entry.name === clusterName) : undefined;
  if (target.cluster !== undefined && !cluster && target.server === undefined) {
    return unknown(`the cluster "${target.cluster}" is not defined in the kubeconfig${from}`);
  }
  const server = target.server ?? cluster?.server;
  const protection = protectionOf({ context: contextName ?? '', cluster: clusterName, server }, kube.patterns);

  const parts: string[] = [];
  if (contextName !== undefined) parts.push(`context "${contextName}"`);
  const detail = [clusterName ? `cluster "${clusterName}"` : '', server ?? ''].filter(Boolean).join(', ');
  let where = parts.length > 0 ? `${parts[0]}${detail ? ` (${detail})` : ''}` : detail;
  if (target.user !== undefined) where += ` as user "${target.user}"`;
  if (target.token) where += ' with a token of its own';
  where += from;
  return {
    written: target.written,
    where,
    verdict: protection.protected ? 'protected' : 'unprotected',
    ...(protection.reason ? { reason: protection.reason } : {}),
    // The name the command itself uses: its context, else its cluster or server, else the context it falls to.
    typedName: target.context ?? target.cluster ?? target.server ?? contextName ?? typedFallback,
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
