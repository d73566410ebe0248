import type { SourceCache } from "./source.js";

/** A `SourceCache` held in a Map, for tests and library users without a store. */
export interface MemorySourceCache extends SourceCache {
  /** Every stored value by key (what a store's table would hold). */
  readonly entries: ReadonlyMap<string, unknown>;
}

/** Values are copied in and out, like a real store: a caller mutating a result cannot corrupt the cache. */
export function createMemorySourceCache(): MemorySourceCache {
  const entries = new Map<string, unknown>();
  return {
    entries,
    async get(key: string): Promise<unknown | undefined> {
      const value = entries.get(key);
      return value === undefined ? undefined : structuredClone(value);
    },
    async set(key: string, value: unknown): Promise<void> {
      entries.set(key, structuredClone(value));
    },
  };
}
