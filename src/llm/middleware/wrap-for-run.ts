import {
  type EmbeddingMiddleware,
  type EmbeddingModel,
  wrapEmbeddingModel,
} from "../../core/embedding-model.js";
import { type LanguageModel, type ModelMiddleware, wrapModel } from "../../core/language-model.js";
import type { ResponseCache } from "../../core/store-spec.js";
import type { PriceTable } from "../prices.js";
import { type BudgetTracker, budgetMiddleware, embeddingBudgetMiddleware } from "./budget.js";
import { cacheMiddleware } from "./cache.js";
import { costMiddleware, embeddingCostMiddleware } from "./cost.js";
import { type EmbeddingBatchLimits, embeddingBatchMiddleware } from "./embedding-batch.js";
import { embeddingCacheMiddleware } from "./embedding-cache.js";
import { embeddingRateLimitMiddleware } from "./embedding-rate-limit.js";
import { type RateLimiter, rateLimitMiddleware } from "./rate-limit.js";
import { embeddingRetryMiddleware, type RetryOptions, retryMiddleware } from "./retry.js";
import { type SampleBatchOptions, sampleBatchMiddleware } from "./sample-batch.js";

export interface WrapForRunOptions {
  model: LanguageModel;
  /** Response cache (the run store, or createMemoryCache()); none = every call goes out. */
  cache?: ResponseCache | undefined;
  runId?: string | undefined;
  /** The provider's shared limiter (one per provider, not per model). */
  limiter?: RateLimiter | undefined;
  /** Full price table (default: DEFAULT_PRICES; see mergePrices for config overrides). */
  prices?: PriceTable | undefined;
  budget?: BudgetTracker | undefined;
  /** Retry settings, or false to make one attempt only. */
  retry?: RetryOptions | false | undefined;
  /**
   * Samples of one request in one provider call where the provider can (default on); false sends one
   * request per sample (the paper's design, for comparison: make's `--no-batch-samples`).
   */
  batchSamples?: SampleBatchOptions | boolean | undefined;
}

/** The model a run uses: the provider's model with every middleware in the one correct order. */
export function wrapForRun(options: WrapForRunOptions): LanguageModel {
  // Outermost first: cache -> sample batch -> budget -> cost -> retry -> rate limit -> provider (cache hits
  // are free and uncounted; each sample of a batch is still cached on its own; every attempt takes a rate-limit slot).
  const batch = options.batchSamples ?? true;
  const middlewares: ModelMiddleware[] = [
    ...(options.cache === undefined
      ? []
      : [
          cacheMiddleware({
            cache: options.cache,
            ...(options.runId === undefined ? {} : { runId: options.runId }),
          }),
        ]),
    ...(batch === false ? [] : [sampleBatchMiddleware(batch === true ? {} : batch)]),
    ...(options.budget === undefined ? [] : [budgetMiddleware(options.budget)]),
    costMiddleware(options.prices === undefined ? {} : { prices: options.prices }),
    ...(options.retry === false ? [] : [retryMiddleware(options.retry ?? {})]),
    ...(options.limiter === undefined ? [] : [rateLimitMiddleware(options.limiter)]),
  ];
  return wrapModel(options.model, middlewares);
}

export interface WrapEmbeddingForRunOptions extends Omit<WrapForRunOptions, "model"> {
  model: EmbeddingModel;
  /** Request sizes (default 128 texts, within the provider's own limit). */
  batch?: EmbeddingBatchLimits | undefined;
}

/** The embedding model a run uses: the same middleware order, with batching right below the cache. */
export function wrapEmbeddingForRun(options: WrapEmbeddingForRunOptions): EmbeddingModel {
  // Outermost first: cache (per text) -> batch -> budget -> cost -> retry -> rate limit -> provider (each batch is one call).
  const middlewares: EmbeddingMiddleware[] = [
    ...(options.cache === undefined
      ? []
      : [embeddingCacheMiddleware({ cache: options.cache, runId: options.runId, limits: options.batch })]),
    embeddingBatchMiddleware(options.batch ?? {}),
    ...(options.budget === undefined ? [] : [embeddingBudgetMiddleware(options.budget)]),
    embeddingCostMiddleware(options.prices === undefined ? {} : { prices: options.prices }),
    ...(options.retry === false ? [] : [embeddingRetryMiddleware(options.retry ?? {})]),
    ...(options.limiter === undefined ? [] : [embeddingRateLimitMiddleware(options.limiter)]),
  ];
  return wrapEmbeddingModel(options.model, middlewares);
}
