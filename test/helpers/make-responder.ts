/**
 * A scripted generator for `benchsmith make` over the wire (the loopback OpenAI-compatible server):
 * recognises each make prompt by its `### <step>` heading. Randomness is keyed by arrival order,
 * so every sample differs (identical request bodies, e.g. the T test-taker samples, get different
 * answers). Test-takers are right 75% of the time, so some items go through discrimination.
 * Shared by bench/make.bench.ts and the make CLI tests.
 */
import { createRng } from "../../src/core/rng.js";
import { defaultItem, rightLetter } from "../../src/pipelines/make/__fixtures__/scripted-generator.js";
import type { LoopbackRequest, ScriptedReply } from "./loopback-llm-server.js";

type WireMessage = { role: string; content: string };
const messagesOf = (request: LoopbackRequest): WireMessage[] =>
  (request.body as { messages?: WireMessage[] }).messages ?? [];

/** The first user message of a chat request (where every make prompt's `### <step>` heading is). */
export function userPrompt(request: LoopbackRequest): string {
  return messagesOf(request).find((message) => message.role === "user")?.content ?? "";
}

/** Every user message of a chat request, joined: a generation prompt's shared prefix and its tail. */
export function fullUserPrompt(request: LoopbackRequest): string {
  return messagesOf(request)
    .flatMap((message) => (message.role === "user" ? [message.content] : []))
    .join("\n\n");
}

/** Prompt tokens as this server counts them: ~4 characters a token, per message (system included). */
export function messageTokens(message: WireMessage): number {
  return Math.ceil(message.content.length / 4);
}

/** Prompt tokens of a whole chat request. */
export function promptTokens(request: LoopbackRequest): number {
  return messagesOf(request).reduce((sum, message) => sum + messageTokens(message), 0);
}

/** Scripted generator over the wire; randomness keyed by arrival so every sample differs. */
export function respondAsMakeGenerator(request: LoopbackRequest): ScriptedReply {
  const prompt = fullUserPrompt(request);
  const step = /^### ([a-z-]+)/.exec(userPrompt(request))?.[1];
  const rng = createRng(request.index);
  const text = (() => {
    switch (step) {
      case "expand-demand":
        return JSON.stringify({
          task: "geography reasoning",
          query: "a short question",
          options: "four short options",
        });
      case "generate-attributes":
        return JSON.stringify({
          attributes: [{ name: "region", values: ["europe", "asia", "africa", "americas"] }],
        });
      case "generate-strategies":
        return JSON.stringify({
          dimensions: [1, 2, 3].map((dimension) => ({
            name: `dimension ${dimension}`,
            values: [1, 4, 8].map((difficulty) => ({ value: `level ${difficulty}`, difficulty })),
          })),
        });
      case "generate-item":
      case "direct-item":
        return defaultItem({
          prompt,
          sampleIndex: request.index,
          options: { messages: [] },
          callIndex: request.index,
        });
      case "test-taker": {
        // 75% right: the majority misses the label on ~10% of items, which then get discriminated
        const right = rightLetter(prompt);
        const answer = rng.next() < 0.75 ? right : right === "A" ? "B" : "A";
        return JSON.stringify({ reasoning: "step by step", answer });
      }
      case "discriminate":
        // Order-free: the option whose text starts with RIGHT, whichever solution is shown first.
        return JSON.stringify({ comparison: "the RIGHT option holds", verdict: rightLetter(prompt) });
      default:
        return "{}";
    }
  })();
  return {
    text,
    usage: { inputTokens: promptTokens(request), outputTokens: Math.ceil(text.length / 4) },
  };
}
