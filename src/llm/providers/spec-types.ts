import type { EmbeddingModel as AiSdkEmbeddingModel, LanguageModel as AiSdkLanguageModel } from "ai";

// The AI SDK's provider spec (LanguageModelV3), reached through the "ai" package's exported types
// so no undeclared dependency (@ai-sdk/provider) is imported.

/** A provider model as @ai-sdk/openai, /anthropic, /google and /openai-compatible return it. */
export type SpecLanguageModel = Extract<AiSdkLanguageModel, { specificationVersion: "v3" }>;
export type SpecCallOptions = Parameters<SpecLanguageModel["doGenerate"]>[0];
export type SpecGenerateResult = Awaited<ReturnType<SpecLanguageModel["doGenerate"]>>;
export type SpecPrompt = SpecCallOptions["prompt"];
export type SpecMessage = SpecPrompt[number];
export type SpecTool = NonNullable<SpecCallOptions["tools"]>[number];
export type SpecJsonSchema = Extract<SpecTool, { type: "function" }>["inputSchema"];
export type SpecProviderOptions = NonNullable<SpecCallOptions["providerOptions"]>;

/** An embedding model as @ai-sdk/openai, /google and /openai-compatible return it (EmbeddingModelV3). */
export type SpecEmbeddingModel = Extract<AiSdkEmbeddingModel, { specificationVersion: "v3" }>;
