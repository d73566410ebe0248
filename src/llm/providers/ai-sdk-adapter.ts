import { ProviderCallError } from "../../core/errors.js";
import type { GenerateOptions, GenerateResult, LanguageModel } from "../../core/language-model.js";
import { combineWithTimeout } from "./call-timeout.js";
import { toSpecPrompt, toSpecTools } from "./message-mapping.js";
import { toProviderCallError } from "./provider-error.js";
import { SAMPLE_COUNT_HEADER } from "./sample-count-fetch.js";
import { fromSpecResult, samplesFromSpecResult } from "./spec-result.js";
import type {
  SpecCallOptions,
  SpecGenerateResult,
  SpecJsonSchema,
  SpecLanguageModel,
  SpecPrompt,
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
  /**
   * The provider answers `n` samples in one chat-completions request: the model gets doGenerateSamples.
   * Its fetch must be wrapped with `withSampleCount` (sample-count-fetch.ts), which writes the `n`.
   */
  samplesPerRequest?: boolean;
  /** Rewrites the spec prompt before each call (Anthropic: cache breakpoints on the shared prefix). */
  preparePrompt?: (prompt: SpecPrompt, call: GenerateOptions) => SpecPrompt;
  /** Declared on the model (see LanguageModel.promptCache). */
  promptCache?: { minPrefixTokens: number };
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

  const callSpec = async <T>(
    call: GenerateOptions,
    extra: Pick<SpecCallOptions, "headers">,
    read: (result: SpecGenerateResult, latencyMs: number) => T,
  ): Promise<T> => {
    model ??= options.loadModel();
    const specModel = await model;
    const abort = combineWithTimeout(call.abortSignal, timeoutMs);
    const started = performance.now();
    try {
      const result = await specModel.doGenerate({
        ...toSpecCallOptions(call, options.preparePrompt),
        ...extra,
        abortSignal: abort.signal,
        ...(options.jsonSchemaProviderOptions === undefined || call.responseFormat?.schema === undefined
          ? {}
          : { providerOptions: options.jsonSchemaProviderOptions }),
      });
      return read(result, performance.now() - started);
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
  };

  return {
    specificationVersion: "benchsmith-v1",
    provider: options.provider,
    modelId: options.modelId,
    ...(options.promptCache === undefined ? {} : { promptCache: options.promptCache }),
    doGenerate: (call: GenerateOptions): Promise<GenerateResult> => callSpec(call, {}, fromSpecResult),
    ...(options.samplesPerRequest === true
      ? {
          doGenerateSamples: (call: GenerateOptions, sampleIndices: readonly (number | undefined)[]) =>
            callSpec(
              call,
              { headers: { [SAMPLE_COUNT_HEADER]: String(sampleIndices.length) } },
              samplesFromSpecResult,
            ),
        }
      : {}),
  };
}

function toSpecCallOptions(
  call: GenerateOptions,
  preparePrompt: AiSdkAdapterOptions["preparePrompt"],
): SpecCallOptions {
  const format = call.responseFormat;
  const prompt = toSpecPrompt(call.messages);
  return {
    prompt: preparePrompt === undefined ? prompt : preparePrompt(prompt, call),
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
