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
 * Fills `costUsd` from the price table ("provider:modelId"), cached input tokens at the cached rate.
 * With no price the model's own figure is kept (undefined for HTTP providers): an unknown cost is
 * reported as unknown, never guessed. Samples of one request are priced one by one (their usage is
 * already shared out, so they add up to the request).
 */
export function costMiddleware(options: { prices?: PriceTable } = {}): ModelMiddleware {
  const prices = options.prices ?? DEFAULT_PRICES;
  return (model: LanguageModel): LanguageModel => {
    const hasPrice = prices[`${model.provider}:${model.modelId}`] !== undefined;
    const withCost = (result: GenerateResult): GenerateResult => {
      if (!hasPrice) return { ...result, costUsd: result.costUsd };
      const { usage } = result;
      const costUsd = priceCall({ prices, provider: model.provider, modelId: model.modelId, ...usage });
      return { ...result, costUsd };
    };
    const samples = model.doGenerateSamples?.bind(model);
    return {
      ...identityOf(model),
      doGenerate: async (request: GenerateOptions) => withCost(await model.doGenerate(request)),
      ...(samples === undefined
        ? {}
        : {
            doGenerateSamples: async (
              request: GenerateOptions,
              sampleIndices: readonly (number | undefined)[],
            ) => (await samples(request, sampleIndices)).map(withCost),
          }),
    };
  };
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
