import type { ModelRef } from "../../core/model-ref.js";
import {
  createOpenAiCompatibleEmbeddingModel,
  createOpenAiCompatibleModel,
  structuredOutputsOption,
} from "./openai-compatible-client.js";
import type { ProviderEntry, ProviderSettings } from "./provider-entry.js";

const DEFAULT_BASE_URL = "http://127.0.0.1:11434/v1";

/** Ollama through its OpenAI-compatible endpoints (chat and embeddings); base URL from config, else OLLAMA_HOST, else localhost. */
export const ollamaProvider: ProviderEntry = {
  id: "ollama",
  description: "a local Ollama server (OpenAI-compatible /v1); host from config baseURL or OLLAMA_HOST",
  keyEnv: undefined,
  defaultBaseURL: DEFAULT_BASE_URL,
  // Ollama's /v1 answers one choice whatever `n` says.
  samples: "separate-requests",
  create(ref: ModelRef, settings: ProviderSettings) {
    return createOpenAiCompatibleModel({
      provider: "ollama",
      modelId: ref.modelId,
      wireModel: ref.modelId,
      baseURL: ollamaBaseURL(settings),
      apiKey: undefined,
      fetch: settings.fetch,
      timeoutMs: settings.timeoutMs,
      structuredOutputs: structuredOutputsOption(settings.options),
      samplesPerRequest: false,
    });
  },
  // Ollama's OpenAI-compatible /v1/embeddings (e.g. nomic-embed-text, mxbai-embed-large).
  createEmbedding(ref: ModelRef, settings: ProviderSettings) {
    return createOpenAiCompatibleEmbeddingModel({
      provider: "ollama",
      modelId: ref.modelId,
      wireModel: ref.modelId,
      baseURL: ollamaBaseURL(settings),
      apiKey: undefined,
      fetch: settings.fetch,
      timeoutMs: settings.timeoutMs,
    });
  },
};

/** OLLAMA_HOST is usually "host:port" or "http://host:port" without the /v1 suffix. */
export function ollamaBaseURL(settings: Pick<ProviderSettings, "baseURL" | "env">): string {
  const configured = settings.baseURL ?? settings.env.OLLAMA_HOST;
  if (configured === undefined || configured.trim() === "") return DEFAULT_BASE_URL;
  const withScheme = /^https?:\/\//.test(configured) ? configured.trim() : `http://${configured.trim()}`;
  const trimmed = withScheme.replace(/\/+$/, "");
  return trimmed.endsWith("/v1") ? trimmed : `${trimmed}/v1`;
}
