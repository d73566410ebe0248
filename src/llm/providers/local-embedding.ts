import type { LlamaEmbeddingContext } from "node-llama-cpp";
import type { EmbeddingModel, EmbedOptions, EmbedResult } from "../../core/embedding-model.js";
import { BenchsmithError, ProviderCallError } from "../../core/errors.js";
import type { ModelRef } from "../../core/model-ref.js";
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
import type { ProviderSettings } from "./provider-entry.js";

/** One embedding context per file path, and a queue so its single sequence serves one text at a time. */
interface SharedEmbedder {
  context: LlamaEmbeddingContext;
  queue: Promise<unknown>;
}

const embedders = new Map<string, Promise<SharedEmbedder>>();

onDisposeLocalModels(async () => {
  const loaded = [...embedders.values()];
  embedders.clear();
  for (const entry of await Promise.allSettled(loaded)) {
    if (entry.status === "fulfilled") await entry.value.context.dispose();
  }
});

function sharedEmbedder(path: string, options: LocalOptions): Promise<SharedEmbedder> {
  let loaded = embedders.get(path);
  if (loaded === undefined) {
    loaded = (async () => {
      const llama = await getLlamaRuntime();
      const model = await sharedLlamaModel(path);
      try {
        const context = await model.createEmbeddingContext({
          contextSize: { max: options.contextSize ?? DEFAULT_CONTEXT_SIZE },
          threads: localThreads(llama, options),
        });
        return { context, queue: Promise.resolve() };
      } catch (error) {
        throw new ProviderCallError({
          provider: "local",
          message: `could not create a llama.cpp embedding context for ${path}: ${messageOf(error)}`,
          isRetryable: false,
          hint: "lower the local provider's contextSize option",
          cause: error,
        });
      }
    })();
    loaded.catch(() => embedders.delete(path));
    embedders.set(path, loaded);
  }
  return loaded;
}

/**
 * `local:<alias or path.gguf>` as an embedding model: llama.cpp's embedding context (the model's own
 * pooling), one text at a time, deterministic. Usage counts the tokens each text was evaluated as.
 * Batches only bound how often the cache commits; the CPU does the same work either way.
 */
export function createLocalEmbeddingModel(ref: ModelRef, settings: ProviderSettings): EmbeddingModel {
  const options = parseLocalOptions(settings);
  return {
    specificationVersion: "benchsmith-v1",
    provider: "local",
    modelId: ref.modelId,
    maxValuesPerCall: 64,
    async doEmbed(call: EmbedOptions): Promise<EmbedResult> {
      const started = performance.now();
      const file = await resolveLocalModelFile({
        modelId: ref.modelId,
        aliases: options.aliases,
        cacheDir: options.cacheDir,
        env: settings.env,
        fetch: settings.fetch,
        onProgress: options.onDownloadProgress ?? settings.onDownloadProgress,
      });
      const embedder = await sharedEmbedder(file.path, options);
      const run = embedder.queue.then(() => embedAll(embedder.context, call, ref.modelId));
      embedder.queue = run.catch(() => undefined);
      const { embeddings, inputTokens } = await run;
      return { embeddings, usage: { inputTokens }, latencyMs: performance.now() - started };
    },
  };
}

async function embedAll(
  context: LlamaEmbeddingContext,
  call: EmbedOptions,
  modelId: string,
): Promise<{ embeddings: number[][]; inputTokens: number }> {
  const embeddings: number[][] = [];
  let inputTokens = 0;
  for (const value of call.values) {
    call.abortSignal?.throwIfAborted();
    try {
      inputTokens += context.calculateInputLength(value);
      embeddings.push([...(await context.getEmbeddingFor(value)).vector]);
    } catch (error) {
      if (call.abortSignal?.aborted || BenchsmithError.isInstance(error)) throw error;
      throw new ProviderCallError({
        provider: "local",
        message: `llama.cpp could not embed a ${value.length}-character text with ${modelId}: ${messageOf(error)}`,
        isRetryable: false,
        hint: "if the text is long, raise the local provider's contextSize option",
        cause: error,
      });
    }
  }
  return { embeddings, inputTokens };
}
