// The kubeconfigs a step's commands name themselves (`--kubeconfig`, `KUBECONFIG=`), read so
// that the guard can judge their contexts as it judges the pinned one.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { kubeconfigKey } from '../../core/execution/commandTargetJudgement';
import { resolveHomeVariable } from '../../core/execution/commandTargets';
import type { ExecutionPlan } from '../../core/execution/planExecution';
import { mergeKubeconfigs, type KubeconfigFile } from '../../core/kube/kubeconfigMerger';
import type { MergedKubeconfig } from '../../core/kube/kubeconfigModel';
import { expandSettingPath } from '../../core/shared/settingPaths';
import { loadParsers } from '../parsing/loadParsers';

export type NamedKubeconfigs = Map<string, MergedKubeconfig | { readonly error: string }>;

/**
 * Reads the kubeconfigs the plan's commands name, keyed as the judgement looks them up. A
 * file that cannot be read makes that target unknown (it asks); nothing here throws.
 */
export async function readNamedKubeconfigs(plan: ExecutionPlan, cwd: string | undefined): Promise<NamedKubeconfigs> {
  const result: NamedKubeconfigs = new Map();
  const lists = plan.targets.targets.flatMap((target) => (target.kubeconfig && !target.unreadable ? [target.kubeconfig] : []));
  if (lists.length === 0) return result;
  const { parseKubeconfig } = await loadParsers();
  for (const paths of lists) {
    const key = kubeconfigKey(paths);
    if (result.has(key)) continue;
    const files: KubeconfigFile[] = [];
    let failure: string | undefined;
    for (const written of paths) {
      const expanded = expandSettingPath(resolveHomeVariable(written), { home: homedir(), env: process.env });
      if ('error' in expanded) {
        failure = expanded.error;
        break;
      }
      const path = cwd ? resolve(cwd, expanded.path) : expanded.path;
      try {
        files.push({ path, config: parseKubeconfig(await readFile(path, 'utf8'), path) });
      } catch (error) {
        failure = `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
        break;
      }
    }
    const merged = failure === undefined ? mergeKubeconfigs(files) : undefined;
    if (merged && merged.errors.length > 0) failure = `kubectl would refuse: ${merged.errors[0]!.message}`;
    result.set(key, failure !== undefined || !merged ? { error: failure ?? 'cannot be read' } : merged);
  }
  return result;
}
