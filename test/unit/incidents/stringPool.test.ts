// The string pool the snapshot diff shares equal values through: every value comes back
// equal, and a value repeated among many that never repeat is kept once.
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createStringPool } from '../../../src/core/incidents/stringPool';

describe('createStringPool', () => {
  it('hands back an equal string for every value, empty and one-character ones included', () => {
    const intern = createStringPool();
    const values = ['', 'a', 'kube-state-metrics', 'https://runbooks.example/kubepodcrashlooping', 'app-1', 'app-1', ''];
    assert.deepEqual(
      values.map((value) => intern(value)),
      values,
    );
  });

  it('keeps one copy of a long value that recurs among many values that never do', () => {
    setFlagsFromString('--expose-gc');
    const collect = runInNewContext('gc') as () => void;
    // As in a storm: each alert has a unique pod name and title, and shares a 10 KB description
    // with the others; every string is a fresh copy, as JSON.parse makes them.
    const description = 'The service answers slowly. '.repeat(360);
    const parsed = JSON.parse(JSON.stringify(Array.from({ length: 3_000 }, (_, i) => [`app-${i}`, `Pod shop/app-${i} is crash looping since the deploy`, description]))) as string[][];
    collect();
    const before = process.memoryUsage().heapUsed;
    const intern = createStringPool();
    const kept = parsed.map((values) => values.map((value) => intern(value)));
    parsed.length = 0;
    collect();
    const retainedMb = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
    assert.equal(kept[2_999][2], description);
    assert.equal(kept[1_234][1], 'Pod shop/app-1234 is crash looping since the deploy');
    // 3,000 copies of the description would be 30 MB.
    assert.ok(retainedMb < 3, `3,000 values retain ${retainedMb.toFixed(1)} MB`);
  });
});
