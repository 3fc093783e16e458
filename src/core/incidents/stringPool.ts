// JSON.parse gives every occurrence of a value its own string. In an alert storm the same
// `job`, `severity`, `runbook_url`, summary and `generatorURL` then exist ten thousand times
// over, for as long as the incidents stay in the tree. A pool keeps one copy of each.

/** Returns the pool's copy of a string equal to `value`, or `value` itself when it has none. */
export type StringPool = (value: string) => string;

/** Strings shorter than this only go through the cache of recent ones, never into the map. */
const MAP_MIN_LENGTH = 16;

/** Slots of the cache of recent values: 2 to the power of SLOT_BITS. */
const SLOT_BITS = 13;
const SLOTS = 1 << SLOT_BITS;

/**
 * The slot of a value: from its length and its characters (every one of a short value, eight
 * spread over a long one), mixed so that values differing in one digit spread over the slots.
 */
function slotOf(value: string): number {
  const length = value.length;
  const step = length <= 24 ? 1 : length >> 3;
  let hash = Math.imul(length, 0x9e3779b1);
  for (let i = length - 1; i >= 0; i -= step) hash = Math.imul(hash ^ value.charCodeAt(i), 0x85ebca6b);
  return (hash ^ (hash >>> 15)) >>> (32 - SLOT_BITS);
}

/** A pool for one batch: it dies with it, so values of resolved incidents never pile up in it. */
export function createStringPool(): StringPool {
  const pool = new Map<string, string>();
  // The last string handed out for each slot, the slot chosen from the length and some
  // characters (slotOf). A repeated value usually meets its last copy here, and comparing two strings
  // is much cheaper than hashing a fresh one for the map. Only a value met a second time goes
  // into the map (which keeps it once the slot has moved on): values that never repeat (pod
  // names, descriptions, event titles) never make it grow, and its growth was most of the
  // cost of pooling.
  const recent: string[] = new Array<string>(SLOTS).fill('');
  const pooled: boolean[] = new Array<boolean>(SLOTS).fill(false);
  return (value) => {
    const length = value.length;
    if (length === 0) return value;
    const slot = slotOf(value);
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
