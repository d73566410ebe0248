import * as crypto from "node:crypto";
import { canonicalJson } from "../core/json.js";
import type { GenerateOptions } from "../core/language-model.js";

// Bump when the key's inputs change meaning, so old cache entries stop matching.
const CACHE_KEY_VERSION = 1;

/** What identifies a response: everything that can change it, nothing that cannot (abortSignal). */
export function cacheKeyInput(options: {
  provider: string;
  modelId: string;
  request: GenerateOptions;
}): Record<string, unknown> {
  const { request } = options;
  return {
    version: CACHE_KEY_VERSION,
    provider: options.provider,
    modelId: options.modelId,
    messages: request.messages,
    temperature: request.temperature,
    seed: request.seed,
    maxTokens: request.maxTokens,
    stop: request.stop,
    responseFormat: request.responseFormat,
    tools: request.tools,
    sampleIndex: request.sampleIndex,
  };
}

/** sha256 (hex) of the canonical JSON of the key input; key order and undefined fields do not matter. */
export function computeCacheKey(options: {
  provider: string;
  modelId: string;
  request: GenerateOptions;
}): string {
  return hashCacheKeyInput(cacheKeyInput(options));
}

/**
 * What identifies the request a sample belongs to: the cache key input without the sample index, so
 * the samples of one request (and only they) share it.
 */
export function sampleGroupKey(options: {
  provider: string;
  modelId: string;
  request: GenerateOptions;
}): string {
  return hashCacheKeyInput({ ...cacheKeyInput(options), sampleIndex: undefined });
}

/** The key of an input already built with `cacheKeyInput` (the cache middleware stores that input too). */
export function hashCacheKeyInput(input: Record<string, unknown>): string {
  return sha256Hex(canonicalJson(input));
}

// One-shot crypto.hash (Node >= 20.12) skips the Hash object: half the cost of createHash for a short input.
const sha256Hex: (text: string) => string =
  typeof crypto.hash === "function"
    ? (text) => crypto.hash("sha256", text, "hex")
    : (text) => crypto.createHash("sha256").update(text).digest("hex");
