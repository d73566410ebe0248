import type { ModelRef } from "../../core/model-ref.js";
import { createAiSdkLanguageModel } from "./ai-sdk-adapter.js";
import { createAiSdkEmbeddingModel } from "./ai-sdk-embedding-adapter.js";
import { readApiKey, secretsOf } from "./api-key.js";
import type { ProviderEntry, ProviderSettings } from "./provider-entry.js";

const KEY_ENV = "GOOGLE_GENERATIVE_AI_API_KEY";
const DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com/v1beta";

/** The @ai-sdk/google provider for these settings. */
async function loadGoogle(settings: ProviderSettings, apiKey: string | undefined) {
  const { createGoogleGenerativeAI } = await import("@ai-sdk/google");
  return createGoogleGenerativeAI({
    ...(apiKey === undefined ? {} : { apiKey }),
    baseURL: settings.baseURL ?? DEFAULT_BASE_URL,
    ...(settings.fetch === undefined ? {} : { fetch: settings.fetch }),
  });
}

/** Google Gemini (Generative Language API: generateContent, batchEmbedContents) through @ai-sdk/google. */
export const googleProvider: ProviderEntry = {
  id: "google",
  description: "Google Gemini models (generateContent) and embeddings; key from GOOGLE_GENERATIVE_AI_API_KEY",
  keyEnv: KEY_ENV,
  defaultBaseURL: DEFAULT_BASE_URL,
  // The SDK's Gemini model reads one candidate (no candidateCount), so samples are separate requests.
  samples: "separate-requests",
  create(ref: ModelRef, settings: ProviderSettings) {
    const apiKey = readApiKey({ provider: "google", keyEnv: KEY_ENV, settings, required: true });
    return createAiSdkLanguageModel({
      provider: "google",
      modelId: ref.modelId,
      timeoutMs: settings.timeoutMs,
      secrets: secretsOf(apiKey),
      loadModel: async () => (await loadGoogle(settings, apiKey))(ref.modelId),
    });
  },
  createEmbedding(ref: ModelRef, settings: ProviderSettings) {
    const apiKey = readApiKey({ provider: "google", keyEnv: KEY_ENV, settings, required: true });
    return createAiSdkEmbeddingModel({
      provider: "google",
      modelId: ref.modelId,
      // batchEmbedContents takes at most 100 requests.
      maxValuesPerCall: 100,
      timeoutMs: settings.timeoutMs,
      secrets: secretsOf(apiKey),
      loadModel: async () => (await loadGoogle(settings, apiKey)).embedding(ref.modelId),
    });
  },
};
