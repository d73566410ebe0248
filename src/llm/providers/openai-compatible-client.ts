import type { EmbeddingModel } from "../../core/embedding-model.js";
import type { LanguageModel } from "../../core/language-model.js";
import { createAiSdkLanguageModel } from "./ai-sdk-adapter.js";
import { createAiSdkEmbeddingModel } from "./ai-sdk-embedding-adapter.js";
import { joinUserTurns } from "./join-user-turns.js";
import { providerFetch } from "./provider-transport.js";
import { withSampleCount } from "./sample-count-fetch.js";

/**
 * A chat-completions client for any OpenAI-compatible server (vLLM, llama.cpp server, LM Studio,
 * Ollama). Shared by the openai-compatible and ollama entries.
 */
export function createOpenAiCompatibleModel(options: {
  provider: string;
  /** Identity used for cache keys and prices. */
  modelId: string;
  /** Model name sent on the wire. */
  wireModel: string;
  baseURL: string;
  apiKey: string | undefined;
  fetch: typeof globalThis.fetch | undefined;
  timeoutMs: number | undefined;
  /** Send JSON schemas as `response_format: json_schema` (else `json_object`). */
  structuredOutputs: boolean;
  /** The server answers `n` choices per request (vLLM, LM Studio; not Ollama). */
  samplesPerRequest: boolean;
}): LanguageModel {
  return createAiSdkLanguageModel({
    provider: options.provider,
    modelId: options.modelId,
    timeoutMs: options.timeoutMs,
    secrets: options.apiKey === undefined ? [] : [options.apiKey],
    // Strict mode rejects schemas with optional fields; generate.ts validates and repairs instead.
    jsonSchemaProviderOptions: { openaiCompatible: { strictJsonSchema: false } },
    samplesPerRequest: options.samplesPerRequest,
    // Chat templates that require alternating roles refuse a prefix and a tail sent as two user turns.
    preparePrompt: joinUserTurns,
    loadModel: async () => {
      const { createOpenAICompatible } = await import("@ai-sdk/openai-compatible");
      // A fetch from settings (tests, proxies) wins over ours.
      const send = options.fetch ?? providerFetch;
      const provider = createOpenAICompatible({
        name: options.provider,
        baseURL: options.baseURL,
        includeUsage: true,
        supportsStructuredOutputs: options.structuredOutputs,
        ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
        fetch: options.samplesPerRequest ? withSampleCount(send) : send,
      });
      return provider.chatModel(options.wireModel);
    },
  });
}

/**
 * An embeddings client for any OpenAI-compatible `/v1/embeddings` (vLLM, llama.cpp server, LM Studio,
 * Ollama). Their limits vary; 2048 inputs (OpenAI's) is the ceiling, the batch middleware sends fewer.
 */
export function createOpenAiCompatibleEmbeddingModel(options: {
  provider: string;
  modelId: string;
  wireModel: string;
  baseURL: string;
  apiKey: string | undefined;
  fetch: typeof globalThis.fetch | undefined;
  timeoutMs: number | undefined;
}): EmbeddingModel {
  return createAiSdkEmbeddingModel({
    provider: options.provider,
    modelId: options.modelId,
    maxValuesPerCall: 2048,
    timeoutMs: options.timeoutMs,
    secrets: options.apiKey === undefined ? [] : [options.apiKey],
    loadModel: async () => {
      const { createOpenAICompatible } = await import("@ai-sdk/openai-compatible");
      const provider = createOpenAICompatible({
        name: options.provider,
        baseURL: options.baseURL,
        ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
        fetch: options.fetch ?? providerFetch,
      });
      return provider.embeddingModel(options.wireModel);
    },
  });
}

/** `options.structuredOutputs` from config; on unless explicitly false. */
export function structuredOutputsOption(options: Record<string, unknown> | undefined): boolean {
  return options?.structuredOutputs !== false;
}
