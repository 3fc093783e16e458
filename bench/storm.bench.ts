// The figures of the alert storm measured in the extension host (test/integration/bench/
// incidentStorm.test.ts): 100,000 alerts, one of them changing between any two polls.
import type { MemorySample } from '../test/integration/bench/benchHost';
import { Figure, single, summarise } from './measure';

/** What incidentStorm.test.ts reports. */
export interface StormResults {
  readonly stormPollMs: number[];
  readonly stormParseMs: number[];
  readonly stormBaseline: MemorySample;
  readonly stormAfterFirst: MemorySample;
  readonly stormAfterPolls: MemorySample;
  /** Per changed poll: the view's onDidChangeTreeData fires and VS Code's calls to the provider. */
  readonly stormTree: { fires: number; getTreeItem: number; getChildren: number }[];
  readonly stormBodyMb: number;
}

export function stormFigures(results: Partial<StormResults>): Figure[] {
  const need = <K extends keyof StormResults>(key: K): StormResults[K] => {
    const value = results[key];
    if (value === undefined) throw new Error(`the alert storm benchmark did not report ${key}`);
    return value;
  };
  const tree = need('stormTree');
  const polls = tree.length;
  return [
    {
      name: `Alertmanager poll of 100,000 alerts, one changed, in the extension host (source.refresh(): fetch + parse + convert + diff + hub and tree update; ${polls} polls)`,
      value: summarise(need('stormPollMs')),
      unit: 'ms',
      reference: { name: `bare JSON.parse of the same ${need('stormBodyMb').toFixed(0)} MB body, same host`, value: summarise(need('stormParseMs')) },
      maxRatio: 3,
    },
    {
      name: '  heap the storm adds to the extension host, 100,000 alerts held after the changed polls (after full GC)',
      value: single(need('stormAfterPolls').heapUsedMb),
      unit: 'MB',
      reference: { name: 'before the Alertmanager was configured', value: single(need('stormBaseline').heapUsedMb) },
      maxIncrease: 60,
    },
    {
      name: '    of which after the first poll',
      value: single(need('stormAfterFirst').heapUsedMb),
      unit: 'MB',
      reference: { name: 'before', value: single(need('stormBaseline').heapUsedMb) },
      byIncrease: true,
    },
    {
      name: '  Incidents view per changed poll: onDidChangeTreeData fires',
      value: summarise(tree.map((poll) => poll.fires)),
      unit: 'fires',
      maxValue: 1,
    },
    {
      name: '  Incidents view per changed poll: nodes re-resolved by VS Code (getTreeItem + getChildren calls)',
      value: summarise(tree.map((poll) => poll.getTreeItem + poll.getChildren)),
      unit: 'calls',
      maxValue: 2,
      note: `getTreeItem ${tree.map((poll) => poll.getTreeItem).join(', ')}; getChildren ${tree.map((poll) => poll.getChildren).join(', ')}`,
    },
  ];
}
