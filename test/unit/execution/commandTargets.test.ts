import * as assert from 'node:assert/strict';
import { judgeStepTargets, kubeconfigKey } from '../../../src/core/execution/commandTargetJudgement';
import { findCommandTargets } from '../../../src/core/execution/commandTargets';
import { RETARGET_REASON } from '../../../src/core/execution/riskFinding';
import { planExecution } from '../../../src/core/execution/planExecution';
import { mergeKubeconfigs } from '../../../src/core/kube/kubeconfigMerger';
import type { MergedKubeconfig } from '../../../src/core/kube/kubeconfigModel';
import { parseKubeconfig } from '../../../src/core/kube/kubeconfigParser';
import { DEFAULT_PROTECTED_PATTERNS, protectionOf } from '../../../src/core/kube/protectedContextPolicy';
import { parseRunbook } from '../../../src/core/runbooks/parseRunbook';
import { COMMAND_TARGET_CASES, KUBECONFIG_FOR_CASES, NAMED_KUBECONFIGS, type CommandTargetCase } from './commandTargetCases';

function merged(path: string, text: string): MergedKubeconfig {
  return mergeKubeconfigs([{ path, config: parseKubeconfig(text, path) }]);
}

const USER = merged('/home/sre/.kube/config', KUBECONFIG_FOR_CASES);

/** What the executor does: read the kubeconfigs the commands name, here from the table. */
function namedKubeconfigs(command: string, language: 'shell' | 'python'): Map<string, MergedKubeconfig | { error: string }> {
  const result = new Map<string, MergedKubeconfig | { error: string }>();
  for (const target of findCommandTargets(command, language).targets) {
    if (!target.kubeconfig || target.unreadable) continue;
    const paths = target.kubeconfig.map((path) => path.replace(/^\$HOME/, '~'));
    const texts = paths.map((path) => NAMED_KUBECONFIGS[path]);
    result.set(
      kubeconfigKey(target.kubeconfig),
      texts.every((text) => text !== undefined) ? mergeKubeconfigs(paths.map((path, i) => ({ path, config: parseKubeconfig(texts[i]!, path) }))) : { error: 'cannot be read (ENOENT)' },
    );
  }
  return result;
}

function planFor(row: CommandTargetCase) {
  const language = row.language ?? 'shell';
  const fence = language === 'python' ? 'python' : 'bash';
  const step = parseRunbook(`\`\`\`${fence}\n${row.command}\n\`\`\`\n`).steps[0];
  assert.ok(step, 'a step');
  const active = row.active ?? 'dev';
  const activeEntry = USER.contexts.find((c) => c.name === active)!;
  const server = USER.clusters.find((c) => c.name === activeEntry.cluster)?.server;
  return planExecution({
    step,
    values: {},
    protectedContext: protectionOf({ context: active, cluster: activeEntry.cluster, server }, DEFAULT_PROTECTED_PATTERNS).protected,
    confirm: 'destructive',
    activeContext: active,
    kube: { merged: USER, activeContext: active, patterns: DEFAULT_PROTECTED_PATTERNS, namedKubeconfigs: namedKubeconfigs(row.command, language) },
  });
}

describe('steps that name their own target', () => {
  for (const row of COMMAND_TARGET_CASES) {
    it(`${JSON.stringify(row.command)}${row.active ? ` pinned to ${row.active}` : ''}: ${row.why}`, () => {
      const plan = planFor(row);
      const shown = [...plan.judgement.targets.map((t) => `${t.written} → ${t.where} [${t.verdict}${t.reason ? `: ${t.reason}` : ''}]`), ...plan.risk.reasons].join('\n');
      assert.equal(plan.confirmation, row.confirmation, shown);
      if (row.typedName !== undefined) assert.equal(plan.typedName, row.typedName, shown);
      if (row.confirmation === 'typed-name') assert.ok(plan.typedName, 'a typed-name confirmation names what to type');
      const retargets = plan.risk.reasons.some((reason) => reason.startsWith(RETARGET_REASON));
      assert.equal(retargets, row.retarget === true, shown);
      if (row.retarget) assert.equal(plan.risk.destructive, true);
      if (row.shows) assert.ok(shown.includes(row.shows), `the dialog should show "${row.shows}":\n${shown}`);
    });
  }
});

describe('findCommandTargets', () => {
  it('keeps only what names a target, never a token value', () => {
    const { targets } = findCommandTargets('kubectl --token s3cr3t --context prod-eu -n shop get pods', 'shell');
    assert.equal(targets.length, 1);
    assert.equal(targets[0]!.context, 'prod-eu');
    assert.equal(targets[0]!.token, true);
    assert.ok(!JSON.stringify(targets).includes('s3cr3t'));
  });

  it('finds nothing in SQL', () => {
    assert.deepEqual(findCommandTargets("select '--context prod-eu'", 'sql'), { targets: [], retargets: [] });
  });

  it('judges a named target the same as the pinned one when they are the same context', () => {
    const { targets } = judgeStepTargets(findCommandTargets('kubectl --context dev get pods', 'shell').targets, { merged: USER, activeContext: 'dev', patterns: DEFAULT_PROTECTED_PATTERNS });
    assert.deepEqual(targets.map((t) => t.verdict), ['unprotected']);
  });
});
