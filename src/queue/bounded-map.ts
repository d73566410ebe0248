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
