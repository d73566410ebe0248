import {
  type EmbeddingMiddleware,
  type EmbeddingModel,
  type EmbedOptions,
  type EmbedResult,
  embeddingIdentityOf,
} from "../../core/embedding-model.js";
import { ProviderCallError } from "../../core/errors.js";

export interface EmbeddingBatchLimits {
  /** Texts per request (capped by the provider's own maxValuesPerCall). Default 128. */
  maxValues?: number;
  /** Characters per request (~4 per token; OpenAI allows 300k tokens a request). Default 400 000. */
  maxCharacters?: number;
  /** Requests started at once (the provider's rate limiter may allow fewer). Default 4. */
  parallel?: number;
}

export const DEFAULT_EMBEDDING_BATCH = { maxValues: 128, maxCharacters: 400_000, parallel: 4 } as const;

export interface EmbeddingBatch {
  /** Position of the batch's first value in the whole input. */
  start: number;
  values: string[];
}

/** Consecutive groups within both limits; a single value longer than maxCharacters goes alone. */
export function splitIntoBatches(
  values: readonly string[],
  limits: { maxValues: number; maxCharacters: number },
): EmbeddingBatch[] {
  const batches: EmbeddingBatch[] = [];
  let current: EmbeddingBatch | undefined;
  let characters = 0;
  values.forEach((value, index) => {
    const full =
      current !== undefined &&
      (current.values.length >= limits.maxValues || characters + value.length > limits.maxCharacters);
    if (current === undefined || full) {
      current = { start: index, values: [] };
      batches.push(current);
      characters = 0;
    }
    current.values.push(value);
    characters += value.length;
  });
  return batches;
}

/**
 * Embeds `values` in provider-sized batches, a few at a time, in input order. `onBatch` sees each
 * batch as it returns (the cache stores it there, so a later failure loses nothing already paid for).
 * After a failure no new batch starts; the ones in flight finish, then the first error is thrown.
 */
export async function embedInBatches(options: {
  model: EmbeddingModel;
  values: readonly string[];
  abortSignal?: AbortSignal | undefined;
  limits?: EmbeddingBatchLimits | undefined;
  onBatch?: (batch: EmbeddingBatch, result: EmbedResult) => Promise<void>;
}): Promise<EmbedResult> {
  const { model } = options;
  const maxValues = Math.max(1, Math.min(model.maxValuesPerCall, options.limits?.maxValues ?? Infinity));
  const maxCharacters = options.limits?.maxCharacters ?? DEFAULT_EMBEDDING_BATCH.maxCharacters;
  const batches = splitIntoBatches(options.values, { maxValues, maxCharacters });
  const results: EmbedResult[] = new Array(batches.length);
  const started = performance.now();
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < batches.length) {
      if (options.abortSignal?.aborted) {
        failure = { error: options.abortSignal.reason };
        return;
      }
      const position = next++;
      const batch = batches[position] as EmbeddingBatch;
      try {
        const request: EmbedOptions = { values: batch.values };
        if (options.abortSignal !== undefined) request.abortSignal = options.abortSignal;
        const result = await model.doEmbed(request);
        if (result.embeddings.length !== batch.values.length) {
          throw new ProviderCallError({
            provider: model.provider,
            message: `${model.provider}:${model.modelId} returned ${result.embeddings.length} embeddings for ${batch.values.length} texts`,
            isRetryable: false,
          });
        }
        await options.onBatch?.(batch, result);
        results[position] = result;
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const parallel = Math.max(1, options.limits?.parallel ?? DEFAULT_EMBEDDING_BATCH.parallel);
  await Promise.all(Array.from({ length: Math.min(parallel, batches.length) }, worker));
  if (failure !== undefined) throw failure.error;
  return mergeResults(results, performance.now() - started);
}

/** Vectors in order; token and cost totals stay unknown if any batch's is unknown. */
function mergeResults(results: readonly EmbedResult[], latencyMs: number): EmbedResult {
  let inputTokens: number | undefined = 0;
  let costUsd: number | undefined = 0;
  const warnings = new Set<string>();
  for (const result of results) {
    inputTokens =
      inputTokens === undefined || result.usage.inputTokens === undefined
        ? undefined
        : inputTokens + result.usage.inputTokens;
    costUsd = costUsd === undefined || result.costUsd === undefined ? undefined : costUsd + result.costUsd;
    for (const warning of result.warnings ?? []) warnings.add(warning);
  }
  return {
    embeddings: results.flatMap((result) => result.embeddings),
    usage: { inputTokens },
    costUsd,
    latencyMs,
    ...(warnings.size === 0 ? {} : { warnings: [...warnings] }),
  };
}

/** Splits every call into provider-sized requests; `maxValuesPerCall` becomes the batch size in force. */
export function embeddingBatchMiddleware(limits: EmbeddingBatchLimits = {}): EmbeddingMiddleware {
  return (model: EmbeddingModel): EmbeddingModel => ({
    ...embeddingIdentityOf(model),
    maxValuesPerCall: Math.min(model.maxValuesPerCall, limits.maxValues ?? DEFAULT_EMBEDDING_BATCH.maxValues),
    doEmbed: (request: EmbedOptions): Promise<EmbedResult> =>
      embedInBatches({
        model,
        values: request.values,
        abortSignal: request.abortSignal,
        limits: { ...limits, maxValues: limits.maxValues ?? DEFAULT_EMBEDDING_BATCH.maxValues },
      }),
  });
}
