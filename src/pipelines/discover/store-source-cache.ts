import { z } from "zod";
import type { RunStore } from "../../core/store-spec.js";
import type { SourceCache } from "../../sources/source.js";

const AnyValue = z.unknown();

/**
 * A source's HTTP cache kept in the run's state (key "source-cache:<url>"), so a resumed run asks
 * Wikipedia nothing it already asked. A value that was stored parses as anything (`z.unknown()`).
 */
export function createStoreSourceCache(store: RunStore, runId: string): SourceCache {
  return {
    get: (key) => store.getState(runId, `source-cache:${key}`, AnyValue),
    set: (key, value) => store.putState(runId, `source-cache:${key}`, value),
  };
}
