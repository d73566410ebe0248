import { z } from "zod";
import { StoredDataError } from "../core/errors.js";
import type { GenerateResult } from "../core/language-model.js";
import { readJson } from "./rows.js";

const ToolCallSchema = z.object({
  id: z.string(),
  name: z.string(),
  arguments: z.record(z.string(), z.unknown()),
});

/** A stored GenerateResult (llm_calls.response_json) as the cache middleware wrote it. */
const CachedResponseSchema: z.ZodType<GenerateResult> = z.object({
  text: z.string(),
  toolCalls: z.array(ToolCallSchema),
  finishReason: z.enum(["stop", "length", "tool-calls", "content-filter", "error", "other"]),
  usage: z
    .object({
      // JSON has no undefined: an unknown count was written as a missing key.
      inputTokens: z.number().optional(),
      outputTokens: z.number().optional(),
      cachedInputTokens: z.number().exactOptional(),
      cacheWriteInputTokens: z.number().exactOptional(),
    })
    .transform((usage) => ({ ...usage, inputTokens: usage.inputTokens, outputTokens: usage.outputTokens })),
  warnings: z.array(z.string()),
  cached: z.boolean().exactOptional(),
  costUsd: z.number().optional(),
  latencyMs: z.number().exactOptional(),
  batch: z.object({ id: z.string(), index: z.number(), size: z.number() }).exactOptional(),
});

/** The cached response stored as `text` under `cacheKey`, checked against the schema it was written with. */
export function readCachedResponse(text: string, cacheKey: string): GenerateResult {
  const what = `cached call ${cacheKey}`;
  const parsed = CachedResponseSchema.safeParse(readJson(text, what));
  if (parsed.success) return parsed.data;
  throw new StoredDataError(
    what,
    parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`),
    "the response cache row is damaged or from another benchsmith version; use another --store",
  );
}
