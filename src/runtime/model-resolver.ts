import type { EmbeddingModel } from "../core/embedding-model.js";
import type { LanguageModel } from "../core/language-model.js";
import type { ResponseCache } from "../core/store-spec.js";
import type { BudgetTracker } from "../llm/middleware/budget.js";
import { createRateLimiter, type RateLimiter } from "../llm/middleware/rate-limit.js";
import type { RetryOptions } from "../llm/middleware/retry.js";
import { wrapEmbeddingForRun, wrapForRun } from "../llm/middleware/wrap-for-run.js";
import { mergePrices } from "../llm/prices.js";
import { isApiKeySet } from "../llm/providers/api-key.js";
import {
  createProviderEmbeddingModel,
  createProviderModel,
  PROVIDERS,
  type ProviderSettings,
  parseModelRef,
} from "../llm/providers/index.js";
import type { DownloadReporter } from "../llm/providers/local-model-files.js";
import type { ProviderConfig, ResolvedConfig } from "./config-schema.js";

/** Concurrency of a provider that the config does not set. */
export const DEFAULT_CONCURRENCY = 4;

export interface ModelResolverOptions {
  config: ResolvedConfig;
  env: NodeJS.ProcessEnv;
  /** The run store; omit to make every call go out (e.g. `models test`). */
  cache?: ResponseCache | undefined;
  runId?: string | undefined;
  /** Shared by every model of the run. */
  budget?: BudgetTracker | undefined;
  /** Overrides the config's retry settings for every model (e.g. none for a quick check). */
  retry?: RetryOptions | false | undefined;
  /** Told about model-file downloads (local:<alias> on first use); the CLI passes its progress bar. */
  onDownloadProgress?: DownloadReporter | undefined;
  /**
   * Each provider's limiter from this process's own (`local`): `--queue` and `benchsmith worker` put a
   * limiter shared through Redis in front of it, so every process together keeps the provider's limits.
   */
  limiterFor?: LimiterFactory | undefined;
}

/** Builds a provider's limiter around the process-local one (concurrency in this process). */
export type LimiterFactory = (
  provider: string,
  providerConfig: ProviderConfig,
  local: RateLimiter,
) => RateLimiter;

/** `resolveModel(ref)`: memoised per ref; every provider has one rate limiter shared by its models. */
export type ModelResolver = (ref: string) => LanguageModel;

/** `resolveEmbedder(ref)`: an embedding model, memoised per ref, sharing its provider's rate limiter. */
export type EmbeddingResolver = (ref: string) => EmbeddingModel;

export interface ModelResolvers {
  resolveModel: ModelResolver;
  resolveEmbedder: EmbeddingResolver;
}

/**
 * Builds the run's model resolver: provider model from the config's settings and the key from the
 * environment, wrapped by wrapForRun (cache -> budget -> cost -> retry -> rate limit -> provider).
 */
export function createModelResolver(options: ModelResolverOptions): ModelResolver {
  return createModelResolvers(options).resolveModel;
}

/**
 * Both resolvers of a run. They share one rate limiter per provider (an OpenAI key's limits cover its
 * chat and embedding calls alike), the cache, the budget and the prices. Embedding models are wrapped
 * by wrapEmbeddingForRun (per-text cache -> batch -> budget -> cost -> retry -> rate limit -> provider).
 */
export function createModelResolvers(options: ModelResolverOptions): ModelResolvers {
  const models = new Map<string, LanguageModel>();
  const embedders = new Map<string, EmbeddingModel>();
  const limiters = new Map<string, RateLimiter>();
  const prices = mergePrices(options.config.prices);

  const limiterOf = (provider: string, providerConfig: ProviderConfig): RateLimiter => {
    let limiter = limiters.get(provider);
    if (limiter === undefined) {
      const local = createRateLimiter({
        concurrency: providerConfig.concurrency ?? DEFAULT_CONCURRENCY,
        requestsPerMinute: providerConfig.requestsPerMinute,
        tokensPerMinute: providerConfig.tokensPerMinute,
      });
      limiter = options.limiterFor?.(provider, providerConfig, local) ?? local;
      limiters.set(provider, limiter);
    }
    return limiter;
  };
  const wrapOptions = (provider: string) => {
    const providerConfig = providerConfigOf(options.config, provider);
    return {
      cache: options.cache,
      runId: options.runId,
      limiter: limiterOf(provider, providerConfig),
      prices,
      budget: options.budget,
      batchSamples: providerConfig.batchSamples ?? true,
      retry:
        options.retry ??
        (providerConfig.maxRetries === undefined ? {} : { maxRetries: providerConfig.maxRetries }),
    };
  };

  return {
    resolveModel(ref: string): LanguageModel {
      const key = ref.trim();
      const known = models.get(key);
      if (known !== undefined) return known;
      const parsed = parseModelRef(key);
      const settings = providerSettings(
        parsed.provider,
        providerConfigOf(options.config, parsed.provider),
        options,
      );
      const wrapped = wrapForRun({
        model: createProviderModel(parsed, settings),
        ...wrapOptions(parsed.provider),
      });
      models.set(key, wrapped);
      return wrapped;
    },
    resolveEmbedder(ref: string): EmbeddingModel {
      const key = ref.trim();
      const known = embedders.get(key);
      if (known !== undefined) return known;
      const parsed = parseModelRef(key);
      const settings = providerSettings(
        parsed.provider,
        providerConfigOf(options.config, parsed.provider),
        options,
      );
      const wrapped = wrapEmbeddingForRun({
        model: createProviderEmbeddingModel(parsed, settings),
        ...wrapOptions(parsed.provider),
      });
      embedders.set(key, wrapped);
      return wrapped;
    },
  };
}

function providerSettings(
  provider: string,
  providerConfig: ProviderConfig,
  options: ModelResolverOptions,
): ProviderSettings {
  const settings: ProviderSettings = { env: options.env };
  if (options.onDownloadProgress !== undefined) settings.onDownloadProgress = options.onDownloadProgress;
  if (providerConfig.baseURL !== undefined) settings.baseURL = providerConfig.baseURL;
  if (providerConfig.timeoutMs !== undefined) settings.timeoutMs = providerConfig.timeoutMs;
  // A top-level config section named after the provider carries its extras (today: `local`).
  const extras = (options.config as Record<string, unknown>)[provider];
  if (extras !== null && typeof extras === "object") settings.options = extras as Record<string, unknown>;
  // Keys come only from the environment, read by the provider factory; the config may only rename the variable.
  if (providerConfig.apiKeyEnv !== undefined) settings.apiKeyEnv = providerConfig.apiKeyEnv;
  return settings;
}

/** Each provider with the env var holding its key and whether it is set (never the value). */
export function describeProviderKeys(options: {
  config: ResolvedConfig;
  env: NodeJS.ProcessEnv;
}): { provider: string; description: string; keyEnv: string | undefined; keySet: boolean }[] {
  return Object.values(PROVIDERS).map((entry) => {
    const keyEnv = providerConfigOf(options.config, entry.id).apiKeyEnv ?? entry.keyEnv;
    return {
      provider: entry.id,
      description: entry.description,
      keyEnv,
      keySet: isApiKeySet({ keyEnv: entry.keyEnv, apiKeyEnv: keyEnv, env: options.env }),
    };
  });
}

/** The config's settings for one provider ({} when it has none). */
export function providerConfigOf(config: ResolvedConfig, provider: string): ProviderConfig {
  const providers: Partial<Record<string, ProviderConfig>> | undefined = config.providers;
  return providers?.[provider] ?? {};
}
