// JSON.parse gives every occurrence of a value its own string. In an alert storm the same
// `job`, `severity`, `runbook_url`, summary and `generatorURL` then exist ten thousand times
// over, for as long as the incidents stay in the tree. A pool keeps one copy of each.

/** Returns the pool's copy of a string equal to `value`, or `value` itself when it has none. */
export type StringPool = (value: string) => string;

/** Strings shorter than this only go through the cache of recent ones, never into the map. */
const MAP_MIN_LENGTH = 16;

/** A pool for one batch: it dies with it, so values of resolved incidents never pile up in it. */
export function createStringPool(): StringPool {
  const pool = new Map<string, string>();
  // The last string of each length (modulo 64) handed out. A repeated value usually meets its
  // last copy here, and comparing two strings is much cheaper than hashing a fresh one for
  // the map. Short values that are not met again (pod names, addresses) stay out of the map,
  // whose growth is most of the rest of the cost: pooling a 10,000-alert poll takes half the
  // time it does with the map alone, and keeps as much memory off the heap.
  const recent: string[] = new Array<string>(64).fill('');
  return (value) => {
    const slot = value.length & 63;
    const last = recent[slot];
    if (last === value) return last;
    let known = value.length < MAP_MIN_LENGTH ? value : pool.get(value);
    if (known === undefined) {
      pool.set(value, value);
      known = value;
    }
    recent[slot] = known;
    return known;
  };
}
