// JSON.parse gives every occurrence of a value its own string. In an alert storm the same
// `job`, `severity`, `runbook_url`, summary and `generatorURL` then exist ten thousand times
// over, for as long as the incidents stay in the tree. A pool keeps one copy of each.

/** Returns the pool's copy of a string equal to `value`, or `value` itself when it has none. */
export type StringPool = (value: string) => string;

/** Strings shorter than this only go through the cache of recent ones, never into the map. */
const MAP_MIN_LENGTH = 16;

/** Slots of the cache of recent values (a power of two). */
const SLOTS = 4096;

/** A pool for one batch: it dies with it, so values of resolved incidents never pile up in it. */
export function createStringPool(): StringPool {
  const pool = new Map<string, string>();
  // The last string handed out for each slot, the slot chosen from the length and three
  // characters. A repeated value usually meets its last copy here, and comparing two strings
  // is much cheaper than hashing a fresh one for the map. Only a value met a second time goes
  // into the map (which keeps it once the slot has moved on): values that never repeat (pod
  // names, descriptions, event titles) never make it grow, and its growth was most of the
  // cost of pooling.
  const recent: string[] = new Array<string>(SLOTS).fill('');
  const pooled: boolean[] = new Array<boolean>(SLOTS).fill(false);
  return (value) => {
    const length = value.length;
    if (length === 0) return value;
    const slot = (length * 31 + value.charCodeAt(0) * 7 + value.charCodeAt(length >> 1) * 13 + value.charCodeAt(length - 1)) & (SLOTS - 1);
    const last = recent[slot];
    if (last === value) {
      if (!pooled[slot] && length >= MAP_MIN_LENGTH) {
        pool.set(last, last);
        pooled[slot] = true;
      }
      return last;
    }
    const known = length < MAP_MIN_LENGTH ? undefined : pool.get(value);
    recent[slot] = known ?? value;
    pooled[slot] = known !== undefined;
    return known ?? value;
  };
}
