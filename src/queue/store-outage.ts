import { UnavailableError } from "../core/errors.js";
import type { ResponseCache } from "../core/store-spec.js";

/**
 * The worker's store was unreachable (a lost PostgreSQL connection): worth the queue's retries with
 * backoff, unlike a missing local runtime or a failed model download. Still code "unavailable", so the
 * coordinator reports it as the same kind of error if the retries run out.
 */
export class StoreOutageError extends UnavailableError {
  constructor(cause: UnavailableError) {
    super(cause.message, cause.hint);
    this.name = "StoreOutageError";
  }
}

/** Runs one store call, marking an outage as the store's (so the unit is retried, not failed). */
export async function throughStore<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw UnavailableError.isInstance(error) && !(error instanceof StoreOutageError)
      ? new StoreOutageError(error)
      : error;
  }
}

/** The response cache (the worker's store) with its outages marked as the store's. */
export function cacheMarkingOutages(cache: ResponseCache): ResponseCache {
  const { recordCacheHits } = cache;
  return {
    get: (cacheKey) => throughStore(() => cache.get(cacheKey)),
    set: (record) => throughStore(() => cache.set(record)),
    ...(recordCacheHits === undefined
      ? {}
      : {
          recordCacheHits: (runId, cacheKeys) =>
            throughStore(() => recordCacheHits.call(cache, runId, cacheKeys)),
        }),
  };
}
