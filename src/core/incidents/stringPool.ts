// JSON.parse gives every occurrence of a value its own string. In an alert storm the same
// `job`, `severity`, `runbook_url`, summary and `generatorURL` then exist ten thousand times
// over, for as long as the incidents stay in the tree. A pool keeps one copy of each.

/** Returns the pool's copy of a string equal to `value`, adding `value` when there is none. */
export type StringPool = (value: string) => string;

/** A pool for one batch: it dies with it, so values of resolved incidents never pile up in it. */
export function createStringPool(): StringPool {
  const pool = new Map<string, string>();
  return (value) => {
    const known = pool.get(value);
    if (known !== undefined) return known;
    pool.set(value, value);
    return value;
  };
}
