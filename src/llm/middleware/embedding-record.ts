import type { GenerateResult } from "../../core/language-model.js";
import { hashCacheKeyInput } from "../cache-key.js";

// Bump when the key's inputs or the vector encoding change meaning, so old records stop matching.
const EMBEDDING_KEY_VERSION = 1;
const VECTOR_PREFIX = "f32le:";

/** What identifies one text's embedding: the model and the text, marked apart from generation keys. */
export function embeddingKeyInput(options: {
  provider: string;
  modelId: string;
  text: string;
}): Record<string, unknown> {
  return {
    version: EMBEDDING_KEY_VERSION,
    kind: "embedding",
    provider: options.provider,
    modelId: options.modelId,
    text: options.text,
  };
}

/** sha256 of the canonical key input (see embeddingKeyInput). */
export function embeddingCacheKey(options: { provider: string; modelId: string; text: string }): string {
  return hashCacheKeyInput(embeddingKeyInput(options));
}

/** Rounds to float32, the precision providers compute and the store keeps, so fresh and cached agree. */
export function toFloat32(vector: readonly number[]): number[] {
  return vector.map((value) => Math.fround(value));
}

/** "f32le:" + base64 of little-endian float32s: a quarter of the size of JSON numbers, exact for float32. */
export function encodeVector(vector: readonly number[]): string {
  const view = new DataView(new ArrayBuffer(vector.length * 4));
  for (let index = 0; index < vector.length; index++)
    view.setFloat32(index * 4, vector[index] as number, true);
  return VECTOR_PREFIX + Buffer.from(view.buffer).toString("base64");
}

/** The vector of an encoded record; undefined for text that is not one (treated as a cache miss). */
export function decodeVector(text: string): number[] | undefined {
  if (!text.startsWith(VECTOR_PREFIX)) return undefined;
  const bytes = Buffer.from(text.slice(VECTOR_PREFIX.length), "base64");
  if (bytes.length === 0 || bytes.length % 4 !== 0) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: bytes.length / 4 }, (_, index) => view.getFloat32(index * 4, true));
}

/** One text's share of a batch, stored as a GenerateResult so it goes through the same ResponseCache. */
export function embeddingRecordResponse(options: {
  vector: readonly number[];
  inputTokens: number | undefined;
  costUsd: number | undefined;
  latencyMs: number;
}): GenerateResult {
  return {
    text: encodeVector(options.vector),
    toolCalls: [],
    finishReason: "stop",
    usage: { inputTokens: options.inputTokens, outputTokens: 0 },
    warnings: [],
    costUsd: options.costUsd,
    latencyMs: options.latencyMs,
  };
}
