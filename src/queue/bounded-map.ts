/** Runs a long-lived worker keeps per-run state for at once (resolvers, statuses, accepted items). */
export const RUNS_REMEMBERED = 16;

/**
 * Sets `key` as the newest entry of `map` and drops the oldest beyond `limit`: a long-lived worker
 * serves run after run, and what it keeps per run must not grow with them.
 */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, limit = RUNS_REMEMBERED): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > limit) {
    const oldest = map.keys().next();
    if (oldest.done) break;
    map.delete(oldest.value);
  }
}

/**
 * `load(key)` remembered per key: for `ttlMs` (default: for good), at most `limit` keys (the newest),
 * and never a failure (the store or file may be back at the next call).
 */
export function rememberAsync<V>(
  load: (key: string) => Promise<V>,
  options: { ttlMs?: number; limit?: number } = {},
): (key: string) => Promise<V> {
  const known = new Map<string, { at: number; value: Promise<V> }>();
  const ttlMs = options.ttlMs ?? Number.POSITIVE_INFINITY;
  return (key) => {
    const entry = known.get(key);
    if (entry !== undefined && Date.now() - entry.at < ttlMs) return entry.value;
    const value = Promise.resolve().then(() => load(key));
    value.catch(() => {
      if (known.get(key)?.value === value) known.delete(key);
    });
    setBounded(known, key, { at: Date.now(), value }, options.limit);
    return value;
  };
}
