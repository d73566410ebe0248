/**
 * `local:<alias or path.gguf>`: llama.cpp embedded through node-llama-cpp, CPU only.
 * Tools map to node-llama-cpp functions (each model's native tool-call format via its chat
 * wrapper); JSON output is constrained by a grammar built from the schema.
 */
import type {
  ChatModelFunctions,
  ChatWrapper,
  GbnfJsonSchema,
  LlamaContext,
  LlamaContextSequence,
  LlamaGrammar,
  LlamaModel,
} from "node-llama-cpp";
import { ProviderCallError } from "../../core/errors.js";
import type { GenerateOptions, GenerateResult, LanguageModel } from "../../core/language-model.js";
import type { ModelRef } from "../../core/model-ref.js";
import { normalizeSchema, type PreparedChat, respondOnSequence, toChatHistory } from "./local-chat.js";
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
 * - each request starts from an empty sequence (no prompt-prefix reuse), for determinism; the
 *   samples of one request (doGenerateSamples) share one evaluated prompt when there is one sequence.
 */
export const localProvider = {
  id: "local",
  description:
    "Embedded llama.cpp on the CPU (node-llama-cpp), chat and embeddings: local:<alias> or local:<path to .gguf>",
  keyEnv: undefined,
  defaultBaseURL: undefined,
  samples: "one-evaluated-prompt",
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
    const { loaded, chat } = await this.prepare(options);
    return withSequence(loaded, async (sequence) => {
      // A fresh sequence per request: results do not depend on what ran before (determinism).
      await sequence.clearHistory();
      return respondOnSequence({ chat, sequence, sampleIndex: options.sampleIndex });
    });
  }

  /**
   * The samples one after another on one sequence, which evaluates the prompt once (the first sample
   * starts from an empty sequence, so the group is reproducible). With several sequences, parallel
   * separate requests are faster and run instead.
   */
  async doGenerateSamples(
    options: GenerateOptions,
    sampleIndices: readonly (number | undefined)[],
  ): Promise<GenerateResult[]> {
    const { loaded, chat } = await this.prepare(options);
    if (loaded.context.totalSequences > 1)
      // Each sample on a fresh sequence of its own, as doGenerate does, sharing the prepared chat.
      return Promise.all(
        sampleIndices.map((sampleIndex) =>
          withSequence(loaded, async (sequence) => {
            await sequence.clearHistory();
            return respondOnSequence({ chat, sequence, sampleIndex: sampleIndex ?? options.sampleIndex });
          }),
        ),
      );
    return withSequence(loaded, async (sequence) => {
      await sequence.clearHistory();
      const results: GenerateResult[] = [];
      for (const sampleIndex of sampleIndices)
        results.push(await respondOnSequence({ chat, sequence, sampleIndex }));
      return results;
    });
  }

  /** The model file loaded and everything the samples of this request share. */
  private async prepare(options: GenerateOptions): Promise<{ loaded: LoadedModel; chat: PreparedChat }> {
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
    const chat: PreparedChat = {
      LlamaChat: loaded.LlamaChat,
      chatWrapper: loaded.chatWrapper,
      history: toChatHistory(options.messages),
      grammar,
      functions,
      maxTokens: options.maxTokens,
      temperature: options.temperature,
      seed: options.seed,
      stop: options.stop,
      abortSignal: options.abortSignal,
      warnings,
      modelId: this.modelId,
    };
    return { loaded, chat };
  }
}

/** Schema -> grammar (cached); schemas the builder rejects fall back to any JSON value. */
async function jsonGrammar(
  schema: Record<string, unknown> | undefined,
  warnings: string[],
): Promise<LlamaGrammar> {
  const llama = await getLlamaRuntime();
  if (schema === undefined) return llama.getGrammarFor("json");
  // Property order is decoding order: schemas differing only in order are different grammars.
  const key = JSON.stringify(schema);
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
