import type { ModelRef } from "../../core/model-ref.js";
import { createAiSdkLanguageModel } from "./ai-sdk-adapter.js";
import { anthropicMinCacheTokens, markAnthropicCachePrefix } from "./anthropic-cache-marks.js";
import { readApiKey, secretsOf } from "./api-key.js";
import { ANTHROPIC_BASE_URL_ENV, anthropicURLFromEnv, resolveBaseURL } from "./base-url.js";
import type { ProviderEntry, ProviderSettings } from "./provider-entry.js";

const KEY_ENV = "ANTHROPIC_API_KEY";
const DEFAULT_BASE_URL = "https://api.anthropic.com/v1";

/** Anthropic messages API through @ai-sdk/anthropic (Anthropic has no embeddings API). */
export const anthropicProvider: ProviderEntry = {
  id: "anthropic",
  description:
    "Anthropic messages API (Claude models); key from ANTHROPIC_API_KEY, base URL from config or ANTHROPIC_BASE_URL",
  keyEnv: KEY_ENV,
  defaultBaseURL: DEFAULT_BASE_URL,
  samples: "separate-requests",
  create(ref: ModelRef, settings: ProviderSettings) {
    const apiKey = readApiKey({ provider: "anthropic", keyEnv: KEY_ENV, settings, required: true });
    return createAiSdkLanguageModel({
      provider: "anthropic",
      modelId: ref.modelId,
      timeoutMs: settings.timeoutMs,
      secrets: secretsOf(apiKey),
      // No `n` on the Messages API: samples are separate requests that read the prefix the first one cached.
      preparePrompt: markAnthropicCachePrefix,
      promptCache: { minPrefixTokens: anthropicMinCacheTokens(ref.modelId) },
      loadModel: async () => {
        const { createAnthropic } = await import("@ai-sdk/anthropic");
        const anthropic = createAnthropic({
          ...(apiKey === undefined ? {} : { apiKey }),
          baseURL: resolveBaseURL({
            settings,
            envVars: ANTHROPIC_BASE_URL_ENV,
            defaultBaseURL: DEFAULT_BASE_URL,
            fromEnv: anthropicURLFromEnv,
          }),
          ...(settings.fetch === undefined ? {} : { fetch: settings.fetch }),
        });
        return anthropic(ref.modelId);
      },
    });
  },
};
