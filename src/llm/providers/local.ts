/**
 * `local:<alias or path.gguf>`: llama.cpp embedded through node-llama-cpp, CPU only.
 * Tools map to node-llama-cpp functions (each model's native tool-call format via its chat
 * wrapper); JSON output is constrained by a grammar built from the schema.
 */
import type {
  ChatHistoryItem,
  ChatModelFunctionCall,
  ChatModelFunctions,
  ChatWrapper,
  GbnfJsonSchema,
  LlamaContext,
  LlamaContextSequence,
  LlamaGrammar,
  LlamaModel,
} from "node-llama-cpp";
import { BenchsmithError, ProviderCallError } from "../../core/errors.js";
import { canonicalJson } from "../../core/json.js";
import type {
  ChatMessage,
  FinishReason,
  GenerateOptions,
  GenerateResult,
  LanguageModel,
  ToolCall,
} from "../../core/language-model.js";
import type { ModelRef } from "../../core/model-ref.js";
import { hashString } from "../../core/rng.js";
import { createLocalEmbeddingModel } from "./local-embedding.js";
import { resolveLocalModelFile } from "./local-model-files.js";
import {
  DEFAULT_CONTEXT_SIZE,
  getLlamaRuntime,
  type LocalOptions,
  localThreads,
  messageOf,
  onDisposeLocalModels,
  parseLocalOptions,
  sharedLlamaModel,
} from "./local-runtime.js";
import type { ProviderEntry, ProviderSettings } from "./provider-entry.js";

const DEFAULT_MAX_TOKENS = 256;

interface LoadedModel {
  model: LlamaModel;
  context: LlamaContext;
  /** Resolved once: "auto" resolution test-renders the Jinja template and takes seconds. */
  chatWrapper: ChatWrapper;
  LlamaChat: typeof import("node-llama-cpp").LlamaChat;
  freeSequences: LlamaContextSequence[];
  waiting: Array<(sequence: LlamaContextSequence) => void>;
}

// One chat context per file path, beside the shared model.
const loadedModels = new Map<string, Promise<LoadedModel>>();
const grammars = new Map<string, Promise<LlamaGrammar>>();

onDisposeLocalModels(async () => {
  const chats = [...loadedModels.values()];
  loadedModels.clear();
  grammars.clear();
  for (const loaded of await Promise.allSettled(chats)) {
    if (loaded.status === "fulfilled") await loaded.value.context.dispose();
  }
});

async function loadModel(path: string, options: LocalOptions): Promise<LoadedModel> {
  const llama = await getLlamaRuntime();
  const model = await sharedLlamaModel(path);
  const sequences = options.sequences ?? 1;
  try {
    const context = await model.createContext({
      contextSize: { max: options.contextSize ?? DEFAULT_CONTEXT_SIZE },
      sequences,
      threads: localThreads(llama, options),
    });
    const { LlamaChat, resolveChatWrapper } = await import("node-llama-cpp");
    const freeSequences = Array.from({ length: sequences }, () => context.getSequence());
    // warningLogs off: the library would print to stderr behind the CLI's back.
    const chatWrapper = resolveChatWrapper(model, { warningLogs: false });
    return { model, context, chatWrapper, LlamaChat, freeSequences, waiting: [] };
  } catch (error) {
    throw new ProviderCallError({
      provider: "local",
      message: `could not create a llama.cpp context for ${path}: ${messageOf(error)}`,
      isRetryable: false,
      hint: "lower the local provider's contextSize or sequences option",
      cause: error,
    });
  }
}

function sharedModel(path: string, options: LocalOptions): Promise<LoadedModel> {
  let loaded = loadedModels.get(path);
  if (loaded === undefined) {
    loaded = loadModel(path, options);
    // A failed load is not cached, so fixing the file and retrying works.
    loaded.catch(() => loadedModels.delete(path));
    loadedModels.set(path, loaded);
  }
  return loaded;
}

async function withSequence<T>(
  loaded: LoadedModel,
  use: (sequence: LlamaContextSequence) => Promise<T>,
): Promise<T> {
  const sequence =
    loaded.freeSequences.pop() ??
    (await new Promise<LlamaContextSequence>((grant) => loaded.waiting.push(grant)));
  try {
    return await use(sequence);
  } finally {
    const next = loaded.waiting.shift();
    if (next) next(sequence);
    else loaded.freeSequences.push(sequence);
  }
}

/**
 * The `local` provider entry. Behaviour worth knowing:
 * - no temperature means greedy decoding (llama.cpp's default), so output is reproducible;
 * - with a seed, sample i > 0 of a request (sampleIndex) gets a seed derived from (seed, i);
 * - options (contextSize, threads, sequences) of the first model created for a file win:
 *   the file is loaded once per process and shared;
 * - each request starts from an empty sequence (no prompt-prefix reuse), for determinism.
 */
export const localProvider = {
  id: "local",
  description:
    "Embedded llama.cpp on the CPU (node-llama-cpp), chat and embeddings: local:<alias> or local:<path to .gguf>",
  keyEnv: undefined,
  defaultBaseURL: undefined,
  create: (ref: ModelRef, settings: ProviderSettings): LanguageModel => new LocalLanguageModel(ref, settings),
  createEmbedding: createLocalEmbeddingModel,
} as const satisfies ProviderEntry;

class LocalLanguageModel implements LanguageModel {
  readonly specificationVersion = "benchsmith-v1" as const;
  readonly provider = "local";
  readonly modelId: string;
  private readonly settings: ProviderSettings;
  private readonly options: LocalOptions;

  constructor(ref: ModelRef, settings: ProviderSettings) {
    this.options = parseLocalOptions(settings);
    this.modelId = ref.modelId;
    this.settings = settings;
  }

  async doGenerate(options: GenerateOptions): Promise<GenerateResult> {
    const started = performance.now();
    const file = await resolveLocalModelFile({
      modelId: this.modelId,
      aliases: this.options.aliases,
      cacheDir: this.options.cacheDir,
      env: this.settings.env,
      fetch: this.settings.fetch,
      onProgress: this.options.onDownloadProgress ?? this.settings.onDownloadProgress,
    });
    const loaded = await sharedModel(file.path, this.options);
    const warnings: string[] = [];
    const grammar = options.responseFormat
      ? await jsonGrammar(options.responseFormat.schema, warnings)
      : undefined;
    const tools = options.tools ?? [];
    if (grammar && tools.length > 0)
      warnings.push("tools are ignored when a JSON response format is requested");
    const functions: ChatModelFunctions | undefined =
      grammar || tools.length === 0
        ? undefined
        : Object.fromEntries(
            tools.map((tool) => [
              tool.name,
              { description: tool.description, params: normalizeSchema(tool.parameters) as GbnfJsonSchema },
            ]),
          );
    return withSequence(loaded, async (sequence) => {
      // A fresh sequence per request: results do not depend on what ran before (determinism).
      await sequence.clearHistory();
      const chat = new loaded.LlamaChat({ contextSequence: sequence, chatWrapper: loaded.chatWrapper });
      const before = sequence.tokenMeter.getState();
      try {
        const response = await chat.generateResponse(toChatHistory(options.messages), {
          maxTokens: options.maxTokens ?? DEFAULT_MAX_TOKENS,
          ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
          ...(options.seed !== undefined ? { seed: sampleSeed(options.seed, options.sampleIndex) } : {}),
          ...(options.stop?.length ? { customStopTriggers: options.stop } : {}),
          ...(options.abortSignal ? { signal: options.abortSignal } : {}),
          ...(grammar ? { grammar } : functions ? { functions } : {}),
        });
        const used = sequence.tokenMeter.diff(before);
        const toolCalls: ToolCall[] = (response.functionCalls ?? []).map((call, index) => ({
          id: `call_${index}`,
          name: call.functionName,
          arguments: isRecord(call.params) ? call.params : {},
        }));
        return {
          text: response.response,
          toolCalls,
          finishReason: finishReasonOf(response.metadata.stopReason),
          usage: { inputTokens: used.usedInputTokens, outputTokens: used.usedOutputTokens },
          warnings,
          latencyMs: performance.now() - started,
        };
      } catch (error) {
        if (options.abortSignal?.aborted || BenchsmithError.isInstance(error)) throw error;
        throw new ProviderCallError({
          provider: "local",
          message: `llama.cpp generation failed for ${this.modelId}: ${messageOf(error)}`,
          isRetryable: false,
          hint: "if the prompt is long, raise the local provider's contextSize option",
          cause: error,
        });
      } finally {
        chat.dispose({ disposeSequence: false });
      }
    });
  }
}

/** Schema -> grammar (cached); schemas the builder rejects fall back to any JSON value. */
async function jsonGrammar(
  schema: Record<string, unknown> | undefined,
  warnings: string[],
): Promise<LlamaGrammar> {
  const llama = await getLlamaRuntime();
  if (schema === undefined) return llama.getGrammarFor("json");
  const key = canonicalJson(schema);
  let grammar = grammars.get(key);
  if (grammar === undefined) {
    // The builder's generic infers a literal schema type; ours is only known at run time.
    grammar = llama.createGrammarForJsonSchema(normalizeSchema(schema) as never) as Promise<LlamaGrammar>;
    grammars.set(key, grammar);
  }
  try {
    return await grammar;
  } catch (error) {
    warnings.push(
      `the JSON schema could not become a grammar (${messageOf(error)}); any JSON was allowed instead`,
    );
    return llama.getGrammarFor("json");
  }
}

/** node-llama-cpp resolves only `#/$defs/` refs; draft-7 schemas (zod's target) use `#/definitions/`. */
function normalizeSchema(schema: Record<string, unknown>): Record<string, unknown> {
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (!isRecord(value)) return value;
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== "$schema")
        .map(([key, entry]) => [
          key === "definitions" ? "$defs" : key,
          key === "$ref" && typeof entry === "string"
            ? entry.replace("#/definitions/", "#/$defs/")
            : rewrite(entry),
        ]),
    );
  };
  return rewrite(schema) as Record<string, unknown>;
}

/** Our messages -> node-llama-cpp chat history; tool results attach to the call they answer. */
function toChatHistory(messages: readonly ChatMessage[]): ChatHistoryItem[] {
  const toolResults = new Map<string, string>();
  for (const message of messages)
    if (message.role === "tool") toolResults.set(message.toolCallId, message.content);
  const history: ChatHistoryItem[] = [];
  for (const message of messages) {
    if (message.role === "system") history.push({ type: "system", text: message.content });
    else if (message.role === "user") history.push({ type: "user", text: message.content });
    else if (message.role === "assistant") {
      const calls: ChatModelFunctionCall[] = (message.toolCalls ?? []).map((call) => ({
        type: "functionCall",
        name: call.name,
        params: call.arguments,
        result: toolResults.get(call.id) ?? "",
      }));
      history.push({ type: "model", response: [...(message.content ? [message.content] : []), ...calls] });
    } else if (!answersAKnownCall(messages, message.toolCallId)) {
      history.push({ type: "user", text: `Result of ${message.toolName}: ${message.content}` });
    }
  }
  // The model continues the last model turn: an assistant prefill, or a new empty one.
  if (history.at(-1)?.type !== "model") history.push({ type: "model", response: [] });
  return history;
}

function answersAKnownCall(messages: readonly ChatMessage[], toolCallId: string): boolean {
  return messages.some(
    (message) => message.role === "assistant" && message.toolCalls?.some((call) => call.id === toolCallId),
  );
}

/** Samples of one request get distinct seeds; sample 0 keeps the caller's seed. */
function sampleSeed(seed: number, sampleIndex: number | undefined): number {
  return sampleIndex ? hashString(`${seed}:${sampleIndex}`) : seed;
}

function finishReasonOf(stopReason: string): FinishReason {
  if (stopReason === "maxTokens") return "length";
  if (stopReason === "functionCalls") return "tool-calls";
  if (stopReason === "abort") return "other";
  return "stop";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
