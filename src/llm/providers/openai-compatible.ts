import { UserInputError } from "../../core/errors.js";
import type { ModelRef } from "../../core/model-ref.js";
import { readApiKey } from "./api-key.js";
import {
  createOpenAiCompatibleEmbeddingModel,
  createOpenAiCompatibleModel,
  structuredOutputsOption,
} from "./openai-compatible-client.js";
import type { ProviderEntry, ProviderSettings } from "./provider-entry.js";

const KEY_ENV = "OPENAI_COMPATIBLE_API_KEY";

/**
 * Any server speaking OpenAI chat completions (and /embeddings): `openai-compatible:<baseURL>#<model>`.
 * The model id is `<baseURL>#<model>`, so two servers serving the same model name never share
 * cache entries or prices. The key is optional (many local servers need none).
 */
export const openaiCompatibleProvider: ProviderEntry = {
  id: "openai-compatible",
  description:
    "any OpenAI-compatible chat/embeddings server (vLLM, llama.cpp server, LM Studio); optional key OPENAI_COMPATIBLE_API_KEY",
  keyEnv: KEY_ENV,
  defaultBaseURL: undefined,
  samples: "one-request",
  create(ref: ModelRef, settings: ProviderSettings) {
    const baseURL = baseURLOf(ref, settings);
    return createOpenAiCompatibleModel({
      provider: "openai-compatible",
      modelId: `${baseURL}#${ref.modelId}`,
      wireModel: ref.modelId,
      baseURL,
      apiKey: readApiKey({ provider: "openai-compatible", keyEnv: KEY_ENV, settings, required: false }),
      fetch: settings.fetch,
      timeoutMs: settings.timeoutMs,
      structuredOutputs: structuredOutputsOption(settings.options),
      // A server that ignores or refuses `n` (llama.cpp server) is detected on the first batch and gets single requests.
      samplesPerRequest: true,
    });
  },
  createEmbedding(ref: ModelRef, settings: ProviderSettings) {
    const baseURL = baseURLOf(ref, settings);
    return createOpenAiCompatibleEmbeddingModel({
      provider: "openai-compatible",
      modelId: `${baseURL}#${ref.modelId}`,
      wireModel: ref.modelId,
      baseURL,
      apiKey: readApiKey({ provider: "openai-compatible", keyEnv: KEY_ENV, settings, required: false }),
      fetch: settings.fetch,
      timeoutMs: settings.timeoutMs,
    });
  },
};

function baseURLOf(ref: ModelRef, settings: ProviderSettings): string {
  const baseURL = ref.baseURL ?? settings.baseURL;
  if (baseURL === undefined) {
    throw new UserInputError(
      `"${ref.ref}" names no base URL`,
      "write it as openai-compatible:http://127.0.0.1:8000/v1#<model>",
    );
  }
  return baseURL;
}
