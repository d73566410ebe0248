/** USD per million tokens for one model. */
export interface ModelPrice {
  inputPerMillion: number;
  outputPerMillion: number;
}

/** Keyed "provider:modelId" (for openai-compatible the key is the full model ref). */
export type PriceTable = Readonly<Record<string, ModelPrice>>;

/**
 * Default list prices (USD per 1M tokens, standard tier, no batch/caching discounts), as published
 * by the providers in mid-2025. Prices change: config `prices` overrides or extends this table.
 * local, ollama and openai-compatible models have no default: their cost stays unknown unless the
 * config gives one (e.g. 0 for a model you host yourself).
 */
export const DEFAULT_PRICES: PriceTable = {
  "openai:gpt-4o": { inputPerMillion: 2.5, outputPerMillion: 10 },
  "openai:gpt-4o-mini": { inputPerMillion: 0.15, outputPerMillion: 0.6 },
  "openai:gpt-4.1": { inputPerMillion: 2, outputPerMillion: 8 },
  "openai:gpt-4.1-mini": { inputPerMillion: 0.4, outputPerMillion: 1.6 },
  "openai:gpt-4.1-nano": { inputPerMillion: 0.1, outputPerMillion: 0.4 },
  "openai:o4-mini": { inputPerMillion: 1.1, outputPerMillion: 4.4 },
  "anthropic:claude-3-5-haiku-latest": { inputPerMillion: 0.8, outputPerMillion: 4 },
  "anthropic:claude-sonnet-4-0": { inputPerMillion: 3, outputPerMillion: 15 },
  "anthropic:claude-sonnet-4-5": { inputPerMillion: 3, outputPerMillion: 15 },
  "anthropic:claude-opus-4-1": { inputPerMillion: 15, outputPerMillion: 75 },
  "google:gemini-2.0-flash": { inputPerMillion: 0.1, outputPerMillion: 0.4 },
  "google:gemini-2.5-flash": { inputPerMillion: 0.3, outputPerMillion: 2.5 },
  "google:gemini-2.5-pro": { inputPerMillion: 1.25, outputPerMillion: 10 },
  // Embedding models bill input tokens only.
  "openai:text-embedding-3-small": { inputPerMillion: 0.02, outputPerMillion: 0 },
  "openai:text-embedding-3-large": { inputPerMillion: 0.13, outputPerMillion: 0 },
  "openai:text-embedding-ada-002": { inputPerMillion: 0.1, outputPerMillion: 0 },
  "google:gemini-embedding-001": { inputPerMillion: 0.15, outputPerMillion: 0 },
};

/** The default table with config entries layered on top (config wins). */
export function mergePrices(overrides: PriceTable | undefined): PriceTable {
  return { ...DEFAULT_PRICES, ...overrides };
}

/** Cost of one call; undefined when the price or either token count is unknown. */
export function priceCall(options: {
  prices: PriceTable;
  provider: string;
  modelId: string;
  inputTokens: number | undefined;
  outputTokens: number | undefined;
}): number | undefined {
  const price = options.prices[`${options.provider}:${options.modelId}`];
  if (price === undefined || options.inputTokens === undefined || options.outputTokens === undefined)
    return undefined;
  return (
    (options.inputTokens * price.inputPerMillion + options.outputTokens * price.outputPerMillion) / 1_000_000
  );
}
