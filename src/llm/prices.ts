/** USD per million tokens for one model. */
export interface ModelPrice {
  inputPerMillion: number;
  outputPerMillion: number;
  /** Input tokens read from the provider's prompt cache; unset = unknown (a call with cache reads is then unpriced). */
  cachedInputPerMillion?: number | undefined;
  /** Input tokens written to the prompt cache (Anthropic: 1.25x input); unset = unknown, like the cached rate. */
  cacheWriteInputPerMillion?: number | undefined;
}

/** Keyed "provider:modelId" (for openai-compatible the key is the full model ref). */
export type PriceTable = Readonly<Record<string, ModelPrice>>;

/**
 * Default list prices (USD per 1M tokens, standard tier, no batch discount), as published by the
 * providers in mid-2025, with their prompt-cache rates: OpenAI's cached input (cache writes cost
 * nothing extra and are not reported), Anthropic's cache reads (0.1x) and 5-minute cache writes
 * (1.25x). Google's cached rates are left unset (unknown) rather than guessed. Prices change: config
 * `prices` overrides or extends this table. local, ollama and openai-compatible models have no
 * default: their cost stays unknown unless the config gives one (e.g. 0 for a model you host yourself).
 */
export const DEFAULT_PRICES: PriceTable = {
  "openai:gpt-4o": { inputPerMillion: 2.5, outputPerMillion: 10, cachedInputPerMillion: 1.25 },
  "openai:gpt-4o-mini": { inputPerMillion: 0.15, outputPerMillion: 0.6, cachedInputPerMillion: 0.075 },
  "openai:gpt-4.1": { inputPerMillion: 2, outputPerMillion: 8, cachedInputPerMillion: 0.5 },
  "openai:gpt-4.1-mini": { inputPerMillion: 0.4, outputPerMillion: 1.6, cachedInputPerMillion: 0.1 },
  "openai:gpt-4.1-nano": { inputPerMillion: 0.1, outputPerMillion: 0.4, cachedInputPerMillion: 0.025 },
  "openai:o4-mini": { inputPerMillion: 1.1, outputPerMillion: 4.4, cachedInputPerMillion: 0.275 },
  "anthropic:claude-3-5-haiku-latest": anthropicPrice(0.8, 4),
  "anthropic:claude-sonnet-4-0": anthropicPrice(3, 15),
  "anthropic:claude-sonnet-4-5": anthropicPrice(3, 15),
  "anthropic:claude-opus-4-1": anthropicPrice(15, 75),
  "google:gemini-2.0-flash": { inputPerMillion: 0.1, outputPerMillion: 0.4 },
  "google:gemini-2.5-flash": { inputPerMillion: 0.3, outputPerMillion: 2.5 },
  "google:gemini-2.5-pro": { inputPerMillion: 1.25, outputPerMillion: 10 },
  // Embedding models bill input tokens only.
  "openai:text-embedding-3-small": { inputPerMillion: 0.02, outputPerMillion: 0 },
  "openai:text-embedding-3-large": { inputPerMillion: 0.13, outputPerMillion: 0 },
  "openai:text-embedding-ada-002": { inputPerMillion: 0.1, outputPerMillion: 0 },
  "google:gemini-embedding-001": { inputPerMillion: 0.15, outputPerMillion: 0 },
};

// Anthropic's published multipliers: cache reads 0.1x the input rate, 5-minute cache writes 1.25x.
function anthropicPrice(inputPerMillion: number, outputPerMillion: number): ModelPrice {
  return {
    inputPerMillion,
    outputPerMillion,
    cachedInputPerMillion: inputPerMillion * 0.1,
    cacheWriteInputPerMillion: inputPerMillion * 1.25,
  };
}

/** The default table with config entries layered on top (config wins). */
export function mergePrices(overrides: PriceTable | undefined): PriceTable {
  return { ...DEFAULT_PRICES, ...overrides };
}

/**
 * Cost of one call; undefined when the price or either token count is unknown, or when the call read
 * from (or wrote to) the prompt cache and the table has no rate for that. `inputTokens` counts every
 * prompt token; the cached and cache-written ones among them are priced at their own rates.
 */
export function priceCall(options: {
  prices: PriceTable;
  provider: string;
  modelId: string;
  inputTokens: number | undefined;
  outputTokens: number | undefined;
  cachedInputTokens?: number | undefined;
  cacheWriteInputTokens?: number | undefined;
}): number | undefined {
  const price = options.prices[`${options.provider}:${options.modelId}`];
  if (price === undefined || options.inputTokens === undefined || options.outputTokens === undefined)
    return undefined;
  const cached = options.cachedInputTokens ?? 0;
  const written = options.cacheWriteInputTokens ?? 0;
  const cachedRate = cached > 0 ? price.cachedInputPerMillion : 0;
  const writeRate = written > 0 ? price.cacheWriteInputPerMillion : 0;
  if (cachedRate === undefined || writeRate === undefined) return undefined;
  const uncached = Math.max(0, options.inputTokens - cached - written);
  return (
    (uncached * price.inputPerMillion +
      cached * cachedRate +
      written * writeRate +
      options.outputTokens * price.outputPerMillion) /
    1_000_000
  );
}
