export * from "./generate.js";
export {
  type BudgetLimits,
  type BudgetSpent,
  type BudgetTracker,
  budgetMiddleware,
  createBudgetTracker,
  embeddingBudgetMiddleware,
} from "./middleware/budget.js";
export { type CacheMiddlewareOptions, cacheMiddleware } from "./middleware/cache.js";
export { costMiddleware, embeddingCostMiddleware } from "./middleware/cost.js";
export {
  DEFAULT_EMBEDDING_BATCH,
  type EmbeddingBatchLimits,
  embeddingBatchMiddleware,
} from "./middleware/embedding-batch.js";
export { type EmbeddingCacheOptions, embeddingCacheMiddleware } from "./middleware/embedding-cache.js";
export { embeddingRateLimitMiddleware } from "./middleware/embedding-rate-limit.js";
export { createMemoryCache, type MemoryCache } from "./middleware/memory-cache.js";
export {
  createRateLimiter,
  type RateLimiter,
  type RateLimiterOptions,
  rateLimitMiddleware,
} from "./middleware/rate-limit.js";
export { embeddingRetryMiddleware, type RetryOptions, retryMiddleware } from "./middleware/retry.js";
export {
  DEFAULT_MAX_SAMPLES_PER_REQUEST,
  type SampleBatchOptions,
  sampleBatchMiddleware,
} from "./middleware/sample-batch.js";
export {
  type WrapEmbeddingForRunOptions,
  type WrapForRunOptions,
  wrapEmbeddingForRun,
  wrapForRun,
} from "./middleware/wrap-for-run.js";
export { DEFAULT_PRICES, type ModelPrice, mergePrices, type PriceTable, priceCall } from "./prices.js";
export {
  createProviderEmbeddingModel,
  createProviderModel,
  EMBEDDING_PROVIDER_NAMES,
  PROVIDER_NAMES,
  PROVIDERS,
  type ProviderEntry,
  type ProviderSettings,
  parseModelRef,
  type RegisteredProviderName,
} from "./providers/index.js";
export type { DownloadProgress, DownloadReporter } from "./providers/local-model-files.js";
export { disposeLocalModels } from "./providers/local-runtime.js";
