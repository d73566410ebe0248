import {
  type EmbeddingMiddleware,
  type EmbeddingModel,
  type EmbedOptions,
  type EmbedResult,
  embeddingIdentityOf,
} from "../../core/embedding-model.js";
import {
  type GenerateOptions,
  type GenerateResult,
  identityOf,
  type LanguageModel,
  type ModelMiddleware,
} from "../../core/language-model.js";
import { DEFAULT_PRICES, type PriceTable, priceCall } from "../prices.js";

/**
 * Fills `costUsd` from the price table ("provider:modelId"). With no price the model's own figure
 * is kept (undefined for HTTP providers): an unknown cost is reported as unknown, never guessed.
 */
export function costMiddleware(options: { prices?: PriceTable } = {}): ModelMiddleware {
  const prices = options.prices ?? DEFAULT_PRICES;
  return (model: LanguageModel): LanguageModel => ({
    ...identityOf(model),
    async doGenerate(request: GenerateOptions): Promise<GenerateResult> {
      const result = await model.doGenerate(request);
      const hasPrice = prices[`${model.provider}:${model.modelId}`] !== undefined;
      if (!hasPrice) return { ...result, costUsd: result.costUsd };
      const costUsd = priceCall({
        prices,
        provider: model.provider,
        modelId: model.modelId,
        inputTokens: result.usage.inputTokens,
        outputTokens: result.usage.outputTokens,
      });
      return { ...result, costUsd };
    },
  });
}

/** Fills an embedding call's `costUsd` from the price table's input price; unknown stays unknown. */
export function embeddingCostMiddleware(options: { prices?: PriceTable } = {}): EmbeddingMiddleware {
  const prices = options.prices ?? DEFAULT_PRICES;
  return (model: EmbeddingModel): EmbeddingModel => ({
    ...embeddingIdentityOf(model),
    async doEmbed(request: EmbedOptions): Promise<EmbedResult> {
      const result = await model.doEmbed(request);
      if (prices[`${model.provider}:${model.modelId}`] === undefined)
        return { ...result, costUsd: result.costUsd };
      const costUsd = priceCall({
        prices,
        provider: model.provider,
        modelId: model.modelId,
        inputTokens: result.usage.inputTokens,
        outputTokens: 0,
      });
      return { ...result, costUsd };
    },
  });
}
