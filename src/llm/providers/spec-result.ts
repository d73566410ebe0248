import { z } from "zod";
import type { GenerateResult, TokenUsage } from "../../core/language-model.js";
import { apportion } from "../apportion.js";
import { formatWarning, fromSpecToolCall, toFinishReason } from "./message-mapping.js";
import type { SpecGenerateResult } from "./spec-types.js";

/** A spec result (content parts, unified finish reason, usage, warnings) -> our plain GenerateResult. */
export function fromSpecResult(result: SpecGenerateResult, latencyMs: number): GenerateResult {
  let text = "";
  const toolCalls: GenerateResult["toolCalls"] = [];
  for (const part of result.content) {
    if (part.type === "text") text += part.text;
    else if (part.type === "tool-call" && part.providerExecuted !== true)
      toolCalls.push(fromSpecToolCall(part));
  }
  return {
    text,
    toolCalls,
    finishReason: toFinishReason(result.finishReason.unified),
    usage: fromSpecUsage(result.usage),
    warnings: result.warnings.map(formatWarning),
    latencyMs,
  };
}

/** Spec usage -> ours; cache reads and writes only when the provider reported some. */
function fromSpecUsage(usage: SpecGenerateResult["usage"]): TokenUsage {
  const { cacheRead, cacheWrite } = usage.inputTokens;
  return {
    inputTokens: usage.inputTokens.total,
    outputTokens: usage.outputTokens.total,
    ...(cacheRead !== undefined && cacheRead > 0 ? { cachedInputTokens: cacheRead } : {}),
    ...(cacheWrite !== undefined && cacheWrite > 0 ? { cacheWriteInputTokens: cacheWrite } : {}),
  };
}

// Only what a sample needs from an OpenAI chat-completions body; anything else may differ per server.
const ChoicesSchema = z.object({
  choices: z.array(
    z.object({
      index: z.number().optional(),
      message: z.object({
        content: z.string().nullish(),
        refusal: z.string().nullish(),
        tool_calls: z
          .array(
            z.object({
              id: z.string().nullish(),
              function: z.object({ name: z.string(), arguments: z.string() }),
            }),
          )
          .nullish(),
      }),
      finish_reason: z.string().nullish(),
    }),
  ),
});

const OPENAI_FINISH: Record<string, GenerateResult["finishReason"]> = {
  stop: "stop",
  length: "length",
  content_filter: "content-filter",
  tool_calls: "tool-calls",
  function_call: "tool-calls",
};

/**
 * The samples of one chat-completions response with `n` choices (the SDK reads only the first; the
 * raw body has them all), in choice order. Usage covers the whole request: the prompt (and its
 * cached part) is shared out evenly, the output by each sample's length, so the samples add up to
 * the request. A body without readable choices gives the SDK's one result.
 */
export function samplesFromSpecResult(result: SpecGenerateResult, latencyMs: number): GenerateResult[] {
  const whole = fromSpecResult(result, latencyMs);
  const parsed = ChoicesSchema.safeParse(result.response?.body);
  if (!parsed.success || parsed.data.choices.length <= 1) return [whole];
  const choices = [...parsed.data.choices].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  const samples = choices.map((choice, position) => {
    const toolCalls = (choice.message.tool_calls ?? []).map((call, callIndex) =>
      fromSpecToolCall({
        toolCallId: call.id ?? `call_${position}_${callIndex}`,
        toolName: call.function.name,
        input: call.function.arguments,
      }),
    );
    const text = (choice.message.content ?? "") + (choice.message.refusal ?? "");
    const finishReason = OPENAI_FINISH[choice.finish_reason ?? ""] ?? "other";
    const size =
      text.length + toolCalls.reduce((sum, call) => sum + JSON.stringify(call.arguments).length, 0);
    return { text, toolCalls, finishReason, size: Math.max(1, size) };
  });
  const evenly = samples.map(() => 1);
  const shares = {
    inputTokens: apportion(whole.usage.inputTokens, evenly, true),
    outputTokens: apportion(
      whole.usage.outputTokens,
      samples.map((sample) => sample.size),
      true,
    ),
    cachedInputTokens: apportion(whole.usage.cachedInputTokens, evenly, true),
    cacheWriteInputTokens: apportion(whole.usage.cacheWriteInputTokens, evenly, true),
    latencyMs: apportion(latencyMs, evenly),
  };
  return samples.map(({ size: _size, ...sample }, index) => {
    const cached = shares.cachedInputTokens[index];
    const written = shares.cacheWriteInputTokens[index];
    return {
      ...sample,
      usage: {
        inputTokens: shares.inputTokens[index],
        outputTokens: shares.outputTokens[index],
        ...(cached === undefined || cached === 0 ? {} : { cachedInputTokens: cached }),
        ...(written === undefined || written === 0 ? {} : { cacheWriteInputTokens: written }),
      },
      warnings: whole.warnings,
      latencyMs: shares.latencyMs[index] ?? latencyMs,
    };
  });
}
