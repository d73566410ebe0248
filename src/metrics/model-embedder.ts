import type { EmbeddingModel } from "../core/embedding-model.js";
import { ProviderCallError } from "../core/errors.js";
import type { Embedder } from "./types.js";

/**
 * The Embedder that semantic diversity uses, on an embedding model from the provider layer (already
 * wrapped: cache, batching, budget, cost, retry, rate limit). Its note says how many texts the cache
 * served and what the embeddings cost, so the audit table shows the accounting behind the number.
 */
export function createModelEmbedder(options: {
  model: EmbeddingModel;
  /** Default "provider:modelId". */
  label?: string;
  signal?: AbortSignal | undefined;
}): Embedder {
  const { model } = options;
  return {
    label: options.label ?? `${model.provider}:${model.modelId}`,
    semantic: true,
    async embed(texts) {
      const result = await model.doEmbed({
        values: texts,
        ...(options.signal === undefined ? {} : { abortSignal: options.signal }),
      });
      const dimension = result.embeddings[0]?.length ?? 0;
      if (result.embeddings.some((vector) => vector.length !== dimension || dimension === 0)) {
        throw new ProviderCallError({
          provider: model.provider,
          message: `${model.provider}:${model.modelId} returned vectors of different or zero dimensions`,
          isRetryable: false,
        });
      }
      const parts = [`${dimension} dims`];
      if (result.cachedValues !== undefined)
        parts.push(`${result.cachedValues} of ${texts.length} texts from the cache`);
      parts.push(result.costUsd === undefined ? "cost unknown (no price)" : `$${result.costUsd.toFixed(6)}`);
      return { vectors: result.embeddings, note: parts.join("; ") };
    },
  };
}
