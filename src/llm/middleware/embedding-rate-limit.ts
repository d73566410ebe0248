import {
  type EmbeddingMiddleware,
  type EmbeddingModel,
  type EmbedOptions,
  type EmbedResult,
  embeddingIdentityOf,
} from "../../core/embedding-model.js";
import type { RateLimiter } from "./rate-limit.js";

/** Each embedding request (one batch) takes a slot; tokens estimated at ~4 characters each. */
export function embeddingRateLimitMiddleware(limiter: RateLimiter): EmbeddingMiddleware {
  return (model: EmbeddingModel): EmbeddingModel => ({
    ...embeddingIdentityOf(model),
    async doEmbed(request: EmbedOptions): Promise<EmbedResult> {
      const characters = request.values.reduce((sum, value) => sum + value.length, 0);
      const permit = await limiter.acquire({
        estimatedTokens: Math.ceil(characters / 4),
        signal: request.abortSignal,
      });
      try {
        const result = await model.doEmbed(request);
        permit.release(result.usage.inputTokens);
        return result;
      } catch (error) {
        permit.release();
        throw error;
      }
    },
  });
}
