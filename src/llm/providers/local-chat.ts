import type {
  ChatHistoryItem,
  ChatModelFunctionCall,
  ChatModelFunctions,
  ChatWrapper,
  LlamaContextSequence,
  LlamaGrammar,
} from "node-llama-cpp";
import { BenchsmithError, ProviderCallError } from "../../core/errors.js";
import type { ChatMessage, FinishReason, GenerateResult, ToolCall } from "../../core/language-model.js";
import { hashString } from "../../core/rng.js";
import { messageOf } from "./local-runtime.js";

const DEFAULT_MAX_TOKENS = 256;

/** What every sample of one request shares: the chat history, the grammar or functions, the settings. */
export interface PreparedChat {
  LlamaChat: typeof import("node-llama-cpp").LlamaChat;
  chatWrapper: ChatWrapper;
  history: ChatHistoryItem[];
  grammar: LlamaGrammar | undefined;
  functions: ChatModelFunctions | undefined;
  maxTokens: number | undefined;
  temperature: number | undefined;
  seed: number | undefined;
  stop: string[] | undefined;
  abortSignal: AbortSignal | undefined;
  warnings: string[];
  modelId: string;
}

/**
 * One response on `sequence`, which keeps what it evaluated before: a sample after the first of the
 * same request re-evaluates only what differs from the prompt (llama.cpp reuses the matching prefix),
 * so its usage counts just those tokens.
 */
export async function respondOnSequence(options: {
  chat: PreparedChat;
  sequence: LlamaContextSequence;
  sampleIndex: number | undefined;
}): Promise<GenerateResult> {
  const { chat: prepared, sequence } = options;
  const started = performance.now();
  const chat = new prepared.LlamaChat({ contextSequence: sequence, chatWrapper: prepared.chatWrapper });
  const before = sequence.tokenMeter.getState();
  try {
    const response = await chat.generateResponse(prepared.history, {
      maxTokens: prepared.maxTokens ?? DEFAULT_MAX_TOKENS,
      ...(prepared.temperature !== undefined ? { temperature: prepared.temperature } : {}),
      ...(prepared.seed !== undefined ? { seed: sampleSeed(prepared.seed, options.sampleIndex) } : {}),
      ...(prepared.stop?.length ? { customStopTriggers: prepared.stop } : {}),
      ...(prepared.abortSignal ? { signal: prepared.abortSignal } : {}),
      ...(prepared.grammar
        ? { grammar: prepared.grammar }
        : prepared.functions
          ? { functions: prepared.functions }
          : {}),
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
      warnings: [...prepared.warnings],
      latencyMs: performance.now() - started,
    };
  } catch (error) {
    if (prepared.abortSignal?.aborted || BenchsmithError.isInstance(error)) throw error;
    throw new ProviderCallError({
      provider: "local",
      message: `llama.cpp generation failed for ${prepared.modelId}: ${messageOf(error)}`,
      isRetryable: false,
      hint: "if the prompt is long, raise the local provider's contextSize option",
      cause: error,
    });
  } finally {
    chat.dispose({ disposeSequence: false });
  }
}

/** node-llama-cpp resolves only `#/$defs/` refs; draft-7 schemas (zod's target) use `#/definitions/`. */
export function normalizeSchema(schema: Record<string, unknown>): Record<string, unknown> {
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
export function toChatHistory(messages: readonly ChatMessage[]): ChatHistoryItem[] {
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
