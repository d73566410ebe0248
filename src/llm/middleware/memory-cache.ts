import type { GenerateResult } from "../../core/language-model.js";
import type { LlmCallRecord, ResponseCache } from "../../core/store-spec.js";

/** An in-memory ResponseCache for tests and library users without a store. */
export interface MemoryCache extends ResponseCache {
  /** Every stored record by cache key (what a store's llm_calls table would hold). */
  readonly records: ReadonlyMap<string, LlmCallRecord>;
}

export function createMemoryCache(): MemoryCache {
  const records = new Map<string, LlmCallRecord>();
  return {
    records,
    async get(cacheKey: string): Promise<GenerateResult | undefined> {
      const record = records.get(cacheKey);
      // Copies both ways, like a real store: callers mutating a result cannot corrupt the cache.
      return record === undefined ? undefined : copyData(record.response);
    },
    async set(record: LlmCallRecord): Promise<void> {
      records.set(record.cacheKey, copyData(record));
    },
  };
}

/**
 * Deep copy of plain JSON-like data (arrays, plain objects, primitives, undefined kept), several times
 * cheaper than structuredClone on a record; anything else (Date, Map, class instances) still goes
 * through structuredClone, so the copy is the same.
 */
function copyData<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(copyData) as T;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return structuredClone(value);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = copyData((value as Record<string, unknown>)[key]);
  return copy as T;
}
