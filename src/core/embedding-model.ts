/**
 * The embedding interface every embedding provider implements and every embedding middleware wraps
 * (spec v1), beside LanguageModel. Plain data in, plain data out: no SDK types cross this line.
 */
export interface EmbedOptions {
  /** Texts to embed; the result holds one vector per value, in the same order. */
  values: readonly string[];
  abortSignal?: AbortSignal;
}

export interface EmbedResult {
  embeddings: number[][];
  /** Embeddings have input tokens only; undefined when the provider does not report them. */
  usage: { inputTokens: number | undefined };
  /** Filled by the cost middleware; undefined when the price is unknown (never a made-up number). */
  costUsd?: number | undefined;
  /** Wall time of the provider call(s) in ms (0 when every value came from the cache). */
  latencyMs?: number;
  /** Filled by the cache middleware: how many values were served from the cache. */
  cachedValues?: number;
  warnings?: string[];
}

export interface EmbeddingModel {
  readonly specificationVersion: "benchsmith-v1";
  /** Provider name as in the model ref: "openai", "google", "local", ... */
  readonly provider: string;
  readonly modelId: string;
  /** Most values one provider request may carry (the batch middleware splits larger calls). */
  readonly maxValuesPerCall: number;
  doEmbed(options: EmbedOptions): Promise<EmbedResult>;
}

/** A middleware wraps an embedding model and returns one (cache, batch, budget, cost, retry, rate limit). */
export type EmbeddingMiddleware = (model: EmbeddingModel) => EmbeddingModel;

/** Applies middlewares; the first in the list is the outermost one. */
export function wrapEmbeddingModel(
  model: EmbeddingModel,
  middlewares: readonly EmbeddingMiddleware[],
): EmbeddingModel {
  return middlewares.reduceRight<EmbeddingModel>((inner, middleware) => middleware(inner), model);
}

/** The identity fields a middleware copies from the embedding model it wraps (spread into the wrapper). */
export function embeddingIdentityOf(
  model: EmbeddingModel,
): Pick<EmbeddingModel, "specificationVersion" | "provider" | "modelId" | "maxValuesPerCall"> {
  return {
    specificationVersion: model.specificationVersion,
    provider: model.provider,
    modelId: model.modelId,
    maxValuesPerCall: model.maxValuesPerCall,
  };
}
