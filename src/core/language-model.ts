/**
 * The model interface every provider implements and every middleware wraps (spec v1).
 * Plain data in, plain data out: no SDK types cross this line.
 */
export type ChatRole = "system" | "user" | "assistant" | "tool";

export interface ToolCall {
  id: string;
  name: string;
  /** Parsed arguments object (providers parse the wire JSON; unparsable args become `{ _raw: text }`). */
  arguments: Record<string, unknown>;
}

export type ChatMessage =
  | { role: "system"; content: string }
  | { role: "user"; content: string }
  | { role: "assistant"; content: string; toolCalls?: ToolCall[] }
  | { role: "tool"; toolCallId: string; toolName: string; content: string };

export interface ToolDefinition {
  name: string;
  description: string;
  /** JSON Schema of the arguments object. */
  parameters: Record<string, unknown>;
}

export interface GenerateOptions {
  messages: ChatMessage[];
  temperature?: number;
  seed?: number;
  maxTokens?: number;
  stop?: string[];
  /** Ask for JSON; with a schema, providers that support it constrain decoding (OpenAI json_schema, llama.cpp grammar). */
  responseFormat?: { type: "json"; schema?: Record<string, unknown>; name?: string };
  tools?: ToolDefinition[];
  /** Distinguishes the i-th of n samples of the same request, so each is cached on its own. */
  sampleIndex?: number;
  abortSignal?: AbortSignal;
}

export type FinishReason = "stop" | "length" | "tool-calls" | "content-filter" | "error" | "other";

export interface TokenUsage {
  /** Every prompt token, cached or not. */
  inputTokens: number | undefined;
  outputTokens: number | undefined;
  /** Of `inputTokens`, those read from the provider's prompt cache (billed at its cached rate); absent = none reported. */
  cachedInputTokens?: number;
  /** Of `inputTokens`, those written to the provider's prompt cache (Anthropic bills them above the input rate). */
  cacheWriteInputTokens?: number;
}

/** Marks a sample that came back with others from one provider request (`size` samples, this is `index`). */
export interface SampleBatch {
  id: string;
  index: number;
  size: number;
}

export interface GenerateResult {
  text: string;
  toolCalls: ToolCall[];
  finishReason: FinishReason;
  usage: TokenUsage;
  warnings: string[];
  /** Filled by middleware: true when served from the response cache (no provider call made). */
  cached?: boolean;
  /** Filled by the cost middleware; undefined when the price is unknown (never a made-up number). */
  costUsd?: number | undefined;
  /** Wall time of the provider call in ms (0 when cached; a batch's samples share it out). */
  latencyMs?: number;
  /** Set when this sample shared one provider request with others (the cache stores it with the record). */
  batch?: SampleBatch;
}

export interface LanguageModel {
  readonly specificationVersion: "benchsmith-v1";
  /** Provider name as in the model ref: "openai", "anthropic", "local", ... */
  readonly provider: string;
  readonly modelId: string;
  doGenerate(options: GenerateOptions): Promise<GenerateResult>;
  /**
   * Optional: samples of one request from one provider call (OpenAI `n`; the embedded model decodes
   * them from one evaluated prompt). `sampleIndices[i]` is the i-th result's sample index
   * (`options.sampleIndex` is ignored). Usage is shared out so the results add up to the call; a
   * provider that returns fewer results than asked did not honour the count.
   */
  doGenerateSamples?(
    options: GenerateOptions,
    sampleIndices: readonly (number | undefined)[],
  ): Promise<GenerateResult[]>;
  /**
   * Optional: the provider caches prompt prefixes only once a first request has written them
   * (Anthropic), so identical requests sent at once all pay the write. Prompts shorter than
   * `minPrefixTokens` are never cached.
   */
  readonly promptCache?: { readonly minPrefixTokens: number };
}

/** A middleware wraps a model and returns a model (cache, retry, rate limit, cost, budget). */
export type ModelMiddleware = (model: LanguageModel) => LanguageModel;

export function wrapModel(model: LanguageModel, middlewares: readonly ModelMiddleware[]): LanguageModel {
  // The first middleware in the list is the outermost one.
  return middlewares.reduceRight<LanguageModel>((inner, middleware) => middleware(inner), model);
}

/**
 * The identity fields (and declared `promptCache`) a middleware copies from the model it wraps (spread
 * into the wrapper). `doGenerateSamples` is not copied: a wrapper forwards it only through its own logic.
 */
export function identityOf(
  model: LanguageModel,
): Pick<LanguageModel, "specificationVersion" | "provider" | "modelId" | "promptCache"> {
  return {
    specificationVersion: model.specificationVersion,
    provider: model.provider,
    modelId: model.modelId,
    ...(model.promptCache === undefined ? {} : { promptCache: model.promptCache }),
  };
}
