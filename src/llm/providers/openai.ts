import type { ModelRef } from "../../core/model-ref.js";
import { createAiSdkLanguageModel } from "./ai-sdk-adapter.js";
import { createAiSdkEmbeddingModel } from "./ai-sdk-embedding-adapter.js";
import { readApiKey, secretsOf } from "./api-key.js";
import { OPENAI_BASE_URL_ENV, resolveBaseURL } from "./base-url.js";
import type { ProviderEntry, ProviderSettings } from "./provider-entry.js";
import { providerFetch } from "./provider-transport.js";
import { withSampleCount } from "./sample-count-fetch.js";

const KEY_ENV = "OPENAI_API_KEY";
const DEFAULT_BASE_URL = "https://api.openai.com/v1";

/** The @ai-sdk/openai provider for these settings; base URL: config, else OPENAI_BASE_URL / OPENAI_API_BASE. */
async function loadOpenAI(settings: ProviderSettings, apiKey: string | undefined) {
  const { createOpenAI } = await import("@ai-sdk/openai");
  return createOpenAI({
    ...(apiKey === undefined ? {} : { apiKey }),
    baseURL: resolveBaseURL({ settings, envVars: OPENAI_BASE_URL_ENV, defaultBaseURL: DEFAULT_BASE_URL }),
    // Writes `n` into requests for several samples (the SDK's chat model has no such setting); a
    // fetch from settings (tests, proxies) wins over ours.
    fetch: withSampleCount(settings.fetch ?? providerFetch),
  });
}

/**
 * OpenAI through @ai-sdk/openai: chat-completions API (the wire format every compatible server speaks
 * too) and /v1/embeddings.
 */
export const openaiProvider: ProviderEntry = {
  id: "openai",
  description:
    "OpenAI chat completions (gpt-4o, gpt-4.1, o-series) and embeddings; key from OPENAI_API_KEY, base URL from config or OPENAI_BASE_URL",
  keyEnv: KEY_ENV,
  defaultBaseURL: DEFAULT_BASE_URL,
  samples: "one-request",
  create(ref: ModelRef, settings: ProviderSettings) {
    const apiKey = readApiKey({ provider: "openai", keyEnv: KEY_ENV, settings, required: true });
    return createAiSdkLanguageModel({
      provider: "openai",
      modelId: ref.modelId,
      timeoutMs: settings.timeoutMs,
      secrets: secretsOf(apiKey),
      // Strict mode rejects schemas with optional fields; generate.ts validates and repairs instead.
      jsonSchemaProviderOptions: { openai: { strictJsonSchema: false } },
      samplesPerRequest: true,
      loadModel: async () => (await loadOpenAI(settings, apiKey)).chat(ref.modelId),
    });
  },
  createEmbedding(ref: ModelRef, settings: ProviderSettings) {
    const apiKey = readApiKey({ provider: "openai", keyEnv: KEY_ENV, settings, required: true });
    return createAiSdkEmbeddingModel({
      provider: "openai",
      modelId: ref.modelId,
      // OpenAI's documented limit: 2048 inputs per request.
      maxValuesPerCall: 2048,
      timeoutMs: settings.timeoutMs,
      secrets: secretsOf(apiKey),
      loadModel: async () => (await loadOpenAI(settings, apiKey)).embedding(ref.modelId),
    });
  },
};
