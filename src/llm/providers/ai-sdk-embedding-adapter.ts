import type { EmbeddingModel, EmbedOptions, EmbedResult } from "../../core/embedding-model.js";
import { ProviderCallError } from "../../core/errors.js";
import { DEFAULT_TIMEOUT_MS } from "./ai-sdk-adapter.js";
import { combineWithTimeout } from "./call-timeout.js";
import { formatWarning } from "./message-mapping.js";
import { toProviderCallError } from "./provider-error.js";
import type { SpecEmbeddingModel } from "./spec-types.js";

export interface AiSdkEmbeddingAdapterOptions {
  /** Our provider name ("openai", ...), used in errors, cache keys and price lookup. */
  provider: string;
  modelId: string;
  /** The provider's documented limit of texts per request (the SDK's maxEmbeddingsPerCall). */
  maxValuesPerCall: number;
  /** Builds the AI SDK embedding model on the first call, so SDK imports stay off the CLI's start path. */
  loadModel: () => Promise<SpecEmbeddingModel>;
  timeoutMs?: number | undefined;
  /** API keys to scrub from error messages. */
  secrets: readonly string[];
}

/**
 * Turns an AI SDK embedding model into our EmbeddingModel: one `doEmbed` is one HTTP request (no SDK
 * retries or splitting: our middleware owns them), with our timeout and provider errors mapped to
 * ProviderCallError, as the generation adapter does (decision 0007).
 */
export function createAiSdkEmbeddingModel(options: AiSdkEmbeddingAdapterOptions): EmbeddingModel {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let model: Promise<SpecEmbeddingModel> | undefined;
  return {
    specificationVersion: "benchsmith-v1",
    provider: options.provider,
    modelId: options.modelId,
    maxValuesPerCall: options.maxValuesPerCall,
    async doEmbed(call: EmbedOptions): Promise<EmbedResult> {
      model ??= options.loadModel();
      const specModel = await model;
      const abort = combineWithTimeout(call.abortSignal, timeoutMs);
      const started = performance.now();
      try {
        const result = await specModel.doEmbed({ values: [...call.values], abortSignal: abort.signal });
        return {
          embeddings: result.embeddings.map((vector) => [...vector]),
          usage: { inputTokens: result.usage?.tokens },
          latencyMs: performance.now() - started,
          ...(result.warnings.length === 0 ? {} : { warnings: result.warnings.map(formatWarning) }),
        };
      } catch (error) {
        if (abort.timedOut()) {
          throw new ProviderCallError({
            provider: options.provider,
            message: `${options.provider} embedding call timed out after ${timeoutMs} ms`,
            isRetryable: true,
            hint: "raise the provider's timeoutMs in config if the server is just slow",
          });
        }
        if (call.abortSignal?.aborted) throw call.abortSignal.reason ?? error;
        throw toProviderCallError({ error, provider: options.provider, secrets: options.secrets });
      } finally {
        abort.dispose();
      }
    },
  };
}
