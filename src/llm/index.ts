export * from "./generate.js";
export {
  type BudgetLimits,
  type BudgetSpent,
  type BudgetTracker,
  budgetMiddleware,
  createBudgetTracker,
} from "./middleware/budget.js";
export { type CacheMiddlewareOptions, cacheMiddleware } from "./middleware/cache.js";
export { costMiddleware } from "./middleware/cost.js";
export { createMemoryCache, type MemoryCache } from "./middleware/memory-cache.js";
export {
  createRateLimiter,
  type RateLimiter,
  type RateLimiterOptions,
  rateLimitMiddleware,
} from "./middleware/rate-limit.js";
export { type RetryOptions, retryMiddleware } from "./middleware/retry.js";
export { type WrapForRunOptions, wrapForRun } from "./middleware/wrap-for-run.js";
export { DEFAULT_PRICES, type ModelPrice, mergePrices, type PriceTable, priceCall } from "./prices.js";
export {
  createProviderModel,
  PROVIDER_NAMES,
  PROVIDERS,
  type ProviderEntry,
  type ProviderSettings,
  parseModelRef,
  type RegisteredProviderName,
} from "./providers/index.js";
export { disposeLocalModels } from "./providers/local.js";
export type { DownloadProgress, DownloadReporter } from "./providers/local-model-files.js";
