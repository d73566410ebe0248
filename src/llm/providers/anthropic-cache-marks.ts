import type { SpecPrompt } from "./spec-types.js";

// A 5-minute breakpoint (Anthropic's default TTL): reads cost 0.1x the input rate, the write 1.25x.
const BREAKPOINT = { anthropic: { cacheControl: { type: "ephemeral" } } } as const;

/**
 * Anthropic prompt caching: a `cache_control` breakpoint on the last system message and on the first
 * user message, the prefix that calls of one step share (a later user message carries what changes
 * per call; a repair call, the same prompt plus a reply and a correction, reads it back too). A sample
 * of several (`sampleIndex` set) also marks its last message: the whole prompt is what its siblings
 * repeat, and the sample batcher sends them after the first has written it. Prefixes shorter than the
 * model's minimum are not cached and cost nothing extra.
 */
export function markAnthropicCachePrefix(prompt: SpecPrompt, call: { sampleIndex?: number }): SpecPrompt {
  const marked = new Set([
    prompt.findLastIndex((message) => message.role === "system"),
    prompt.findIndex((message) => message.role === "user"),
    ...(call.sampleIndex === undefined ? [] : [prompt.length - 1]),
  ]);
  return prompt.map((message, index) =>
    marked.has(index)
      ? { ...message, providerOptions: { ...message.providerOptions, ...BREAKPOINT } }
      : message,
  );
}

/** Anthropic's smallest cacheable prefix: 2048 tokens for the Haiku models, 1024 for the others. */
export function anthropicMinCacheTokens(modelId: string): number {
  return /haiku/i.test(modelId) ? 2048 : 1024;
}
