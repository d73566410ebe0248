import {
  type EmbeddingMiddleware,
  type EmbeddingModel,
  type EmbedOptions,
  type EmbedResult,
  embeddingIdentityOf,
} from "../../core/embedding-model.js";
import type { ResponseCache } from "../../core/store-spec.js";
import { apportion } from "../apportion.js";
import { hashCacheKeyInput } from "../cache-key.js";
import { type EmbeddingBatch, type EmbeddingBatchLimits, embedInBatches } from "./embedding-batch.js";
import { decodeVector, embeddingKeyInput, embeddingRecordResponse, toFloat32 } from "./embedding-record.js";

export interface EmbeddingCacheOptions {
  cache: ResponseCache;
  /** Stored with each record, and with each hit, so the store can account the calls each run used. */
  runId?: string | undefined;
  /** Batch sizes for the texts not found (default: the wrapped model's maxValuesPerCall). */
  limits?: EmbeddingBatchLimits | undefined;
  now?: () => Date;
}

/** What one text cost when it was embedded (a hit keeps it, as generation hits keep their cost). */
interface KnownEmbedding {
  vector: number[];
  inputTokens: number | undefined;
  costUsd: number | undefined;
}

/**
 * Per-text embedding cache in the run's ResponseCache: one record per (provider, model, text), so a
 * re-run and an overlapping audit send only texts never embedded before. Texts are deduplicated within
 * a call; the misses go out in batches and each batch is stored as soon as it returns. Vectors are
 * float32 (fresh ones rounded the same way), so a re-run reports identical numbers.
 */
export function embeddingCacheMiddleware(options: EmbeddingCacheOptions): EmbeddingMiddleware {
  const now = options.now ?? (() => new Date());
  return (model: EmbeddingModel): EmbeddingModel => {
    const keyOf = (text: string) =>
      embeddingKeyInput({ provider: model.provider, modelId: model.modelId, text });

    const storeBatch = async (
      batch: EmbeddingBatch,
      result: EmbedResult,
      known: Map<string, KnownEmbedding>,
    ): Promise<void> => {
      const characters = batch.values.map((text) => Math.max(1, text.length));
      const tokens = apportion(result.usage.inputTokens, characters, true);
      const costs = apportion(
        result.costUsd,
        tokens.every((count) => count !== undefined) ? (tokens as number[]) : characters,
      );
      const latencies = apportion(result.latencyMs ?? 0, characters);
      const keyInputs = batch.values.map(keyOf);
      const keys = keyInputs.map(hashCacheKeyInput);
      // Lets a store count provider requests (batches) rather than texts.
      const batchId = hashCacheKeyInput({ batchOf: keys });
      const createdAt = now().toISOString();
      await Promise.all(
        batch.values.map((text, index) => {
          const vector = toFloat32(result.embeddings[index] ?? []);
          const entry = { vector, inputTokens: tokens[index], costUsd: costs[index] };
          known.set(text, entry);
          const latencyMs = latencies[index] ?? 0;
          return options.cache.set({
            cacheKey: keys[index] as string,
            runId: options.runId,
            provider: model.provider,
            modelId: model.modelId,
            request: { ...keyInputs[index], batch: { id: batchId, index, size: batch.values.length } },
            response: embeddingRecordResponse({ ...entry, latencyMs }),
            latencyMs,
            costUsd: entry.costUsd,
            createdAt,
          });
        }),
      );
    };

    return {
      ...embeddingIdentityOf(model),
      async doEmbed(request: EmbedOptions): Promise<EmbedResult> {
        const started = performance.now();
        const unique = [...new Set(request.values)];
        const known = new Map<string, KnownEmbedding>();
        // Concurrent calls with overlapping texts are not merged: each embeds its own misses.
        const keyed = unique.map((text) => ({ text, key: hashCacheKeyInput(keyOf(text)) }));
        const stored = await Promise.all(
          keyed.map(async (entry) => ({ ...entry, record: await options.cache.get(entry.key) })),
        );
        const hitKeys: string[] = [];
        for (const { text, key, record } of stored) {
          const vector = record === undefined ? undefined : decodeVector(record.text);
          if (record === undefined || vector === undefined) continue;
          known.set(text, { vector, inputTokens: record.usage.inputTokens, costUsd: record.costUsd });
          hitKeys.push(key);
        }
        // The run used these texts' original embeddings: its accounting includes them.
        if (options.runId !== undefined && hitKeys.length > 0)
          await options.cache.recordCacheHits?.(options.runId, hitKeys);
        const hits = new Set(known.keys());
        const misses = unique.filter((text) => !hits.has(text));
        let warnings: string[] | undefined;
        if (misses.length > 0) {
          ({ warnings } = await embedInBatches({
            model,
            values: misses,
            abortSignal: request.abortSignal,
            limits: options.limits,
            onBatch: (batch, result) => storeBatch(batch, result, known),
          }));
        }
        let inputTokens: number | undefined = 0;
        let costUsd: number | undefined = 0;
        for (const text of unique) {
          const entry = known.get(text) as KnownEmbedding;
          inputTokens =
            inputTokens === undefined || entry.inputTokens === undefined
              ? undefined
              : inputTokens + entry.inputTokens;
          costUsd =
            costUsd === undefined || entry.costUsd === undefined ? undefined : costUsd + entry.costUsd;
        }
        return {
          embeddings: request.values.map((text) => [...(known.get(text) as KnownEmbedding).vector]),
          usage: { inputTokens },
          costUsd,
          latencyMs: misses.length === 0 ? 0 : performance.now() - started,
          cachedValues: request.values.filter((text) => hits.has(text)).length,
          ...(warnings === undefined ? {} : { warnings }),
        };
      },
    };
  };
}
