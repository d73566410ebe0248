import { ProviderCallError } from "../../core/errors.js";
import type { GenerateOptions, GenerateResult, LanguageModel } from "../../core/language-model.js";
import { combineWithTimeout } from "./call-timeout.js";
import {
  formatWarning,
  fromSpecToolCall,
  toFinishReason,
  toSpecPrompt,
  toSpecTools,
} from "./message-mapping.js";
import { toProviderCallError } from "./provider-error.js";
import type {
  SpecCallOptions,
  SpecGenerateResult,
  SpecJsonSchema,
  SpecLanguageModel,
  SpecProviderOptions,
} from "./spec-types.js";

/** Default per-request timeout: long generations (reasoning models) can take minutes. */
export const DEFAULT_TIMEOUT_MS = 300_000;

export interface AiSdkAdapterOptions {
  /** Our provider name ("openai", ...), used in errors, cache keys and price lookup. */
  provider: string;
  modelId: string;
  /** Builds the AI SDK model on the first call, so SDK imports stay off the CLI's start path. */
  loadModel: () => Promise<SpecLanguageModel>;
  timeoutMs?: number | undefined;
  /** API keys to scrub from error messages. */
  secrets: readonly string[];
  /**
   * Passed on calls that request a JSON schema, e.g. `{ openai: { strictJsonSchema: false } }`. Only
   * those calls: parsing provider options costs the SDK ~40 us per call, for a setting nothing else reads.
   */
  jsonSchemaProviderOptions?: SpecProviderOptions;
}

/**
 * Turns an AI SDK provider model into our LanguageModel. It calls the provider's spec-level
 * `doGenerate` (one HTTP request, no SDK retries: our retry middleware owns them) rather than
 * `generateText`: the bench measured generateText's prompt validation and step machinery at
 * ~0.7 ms CPU per call, as much as the HTTP request itself, and we need none of it (no tool
 * execution, no steps, no output parsing: generate.ts validates and repairs JSON).
 */
export function createAiSdkLanguageModel(options: AiSdkAdapterOptions): LanguageModel {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let model: Promise<SpecLanguageModel> | undefined;
  return {
    specificationVersion: "benchsmith-v1",
    provider: options.provider,
    modelId: options.modelId,
    async doGenerate(call: GenerateOptions): Promise<GenerateResult> {
      model ??= options.loadModel();
      const specModel = await model;
      const abort = combineWithTimeout(call.abortSignal, timeoutMs);
      const started = performance.now();
      try {
        const result = await specModel.doGenerate({
          ...toSpecCallOptions(call),
          abortSignal: abort.signal,
          ...(options.jsonSchemaProviderOptions === undefined || call.responseFormat?.schema === undefined
            ? {}
            : { providerOptions: options.jsonSchemaProviderOptions }),
        });
        return fromSpecResult(result, performance.now() - started);
      } catch (error) {
        if (abort.timedOut()) {
          throw new ProviderCallError({
            provider: options.provider,
            message: `${options.provider} call timed out after ${timeoutMs} ms`,
            isRetryable: true,
            hint: "raise the provider's timeoutMs in config if the model is just slow",
          });
        }
        // The caller cancelled: hand back its reason, not a provider failure.
        if (call.abortSignal?.aborted) throw call.abortSignal.reason ?? error;
        throw toProviderCallError({ error, provider: options.provider, secrets: options.secrets });
      } finally {
        abort.dispose();
      }
    },
  };
}

function toSpecCallOptions(call: GenerateOptions): SpecCallOptions {
  const format = call.responseFormat;
  return {
    prompt: toSpecPrompt(call.messages),
    ...(call.temperature === undefined ? {} : { temperature: call.temperature }),
    ...(call.seed === undefined ? {} : { seed: call.seed }),
    ...(call.maxTokens === undefined ? {} : { maxOutputTokens: call.maxTokens }),
    ...(call.stop === undefined || call.stop.length === 0 ? {} : { stopSequences: call.stop }),
    ...(call.tools === undefined || call.tools.length === 0 ? {} : { tools: toSpecTools(call.tools) }),
    // JSON is requested (schema-constrained where the provider can); the text comes back untouched.
    ...(format === undefined
      ? {}
      : {
          responseFormat: {
            type: "json" as const,
            ...(format.schema === undefined ? {} : { schema: format.schema as SpecJsonSchema }),
            ...(format.name === undefined ? {} : { name: format.name }),
          },
        }),
  };
}

function fromSpecResult(result: SpecGenerateResult, latencyMs: number): GenerateResult {
  let text = "";
  const toolCalls: GenerateResult["toolCalls"] = [];
  for (const part of result.content) {
    if (part.type === "text") text += part.text;
    else if (part.type === "tool-call" && part.providerExecuted !== true)
      toolCalls.push(fromSpecToolCall(part));
  }
  return {
    text,
    toolCalls,
    finishReason: toFinishReason(result.finishReason.unified),
    usage: { inputTokens: result.usage.inputTokens.total, outputTokens: result.usage.outputTokens.total },
    warnings: result.warnings.map(formatWarning),
    latencyMs,
  };
}
