import { ProviderCallError } from "../../core/errors.js";
import {
  type GenerateOptions,
  type GenerateResult,
  identityOf,
  type LanguageModel,
  type ModelMiddleware,
} from "../../core/language-model.js";
import type { ResponseCache } from "../../core/store-spec.js";
import { cacheKeyInput, hashCacheKeyInput } from "../cache-key.js";

export interface CacheMiddlewareOptions {
  cache: ResponseCache;
  /** Stored with each record, and with each hit, so the store can account the calls each run used. */
  runId?: string;
  now?: () => Date;
}

// In-flight calls per cache, shared by every model wrapped around the same cache (keys include the model).
const inFlightByCache = new WeakMap<ResponseCache, Map<string, Promise<SharedCall>>>();

interface SharedCall {
  result: GenerateResult;
  /** Found in the store rather than paid for now. */
  fromStore: boolean;
}

/**
 * Response cache: a hit returns the stored result (cached: true, latencyMs: 0) without calling the
 * model; a miss calls it and stores an LlmCallRecord. Identical concurrent requests share one call.
 * A hit keeps the stored costUsd (what the answer cost), so re-runs report identical numbers;
 * `cached: true` says nothing was paid this time. A hit is recorded for the run (committed before the
 * result is returned), so its accounting includes the original call.
 */
export function cacheMiddleware(options: CacheMiddlewareOptions): ModelMiddleware {
  const now = options.now ?? (() => new Date());
  let inFlight = inFlightByCache.get(options.cache);
  if (inFlight === undefined) {
    inFlight = new Map();
    inFlightByCache.set(options.cache, inFlight);
  }
  const pendingCalls = inFlight;
  const { runId, cache } = options;
  const served = async (cacheKey: string, result: GenerateResult): Promise<GenerateResult> => {
    if (runId !== undefined) await cache.recordCacheHits?.(runId, [cacheKey]);
    return asHit(result);
  };

  return (model: LanguageModel): LanguageModel => {
    const callAndStore = async (
      cacheKey: string,
      keyInput: Record<string, unknown>,
      request: GenerateOptions,
    ): Promise<GenerateResult> => {
      const started = performance.now();
      const result = await model.doGenerate(request);
      const latencyMs = result.latencyMs ?? performance.now() - started;
      // A sample that shared its request with others: the record says so, so a store counts one request.
      const { batch, ...response } = result;
      await options.cache.set({
        cacheKey,
        runId: options.runId,
        provider: model.provider,
        modelId: model.modelId,
        request: batch === undefined ? keyInput : { ...keyInput, batch },
        response,
        latencyMs,
        costUsd: result.costUsd,
        createdAt: now().toISOString(),
      });
      return result;
    };

    return {
      ...identityOf(model),
      async doGenerate(request: GenerateOptions): Promise<GenerateResult> {
        // built once: hashed into the key now, stored as the record's request after the call
        const keyInput = cacheKeyInput({ provider: model.provider, modelId: model.modelId, request });
        const cacheKey = hashCacheKeyInput(keyInput);
        const pending = pendingCalls.get(cacheKey);
        if (pending !== undefined) {
          let shared: SharedCall | undefined;
          try {
            shared = await pending;
          } catch (error) {
            // The owner of the shared call may have been cancelled; only real provider failures are shared.
            if (ProviderCallError.isInstance(error) || request.abortSignal?.aborted) throw error;
          }
          if (shared !== undefined) return served(cacheKey, shared.result);
        }
        // The lookup is part of the shared call: a twin arriving while the store answers waits for it
        // instead of missing both the stored record and the call in flight (a networked store is slow).
        const call = (async () => {
          const stored = await options.cache.get(cacheKey);
          if (stored !== undefined) return { result: stored, fromStore: true };
          return { result: await callAndStore(cacheKey, keyInput, request), fromStore: false };
        })();
        pendingCalls.set(cacheKey, call);
        try {
          const { result, fromStore } = await call;
          return fromStore ? await served(cacheKey, result) : result;
        } finally {
          if (pendingCalls.get(cacheKey) === call) pendingCalls.delete(cacheKey);
        }
      },
    };
  };
}

function asHit(result: GenerateResult): GenerateResult {
  return { ...result, cached: true, latencyMs: 0 };
}
