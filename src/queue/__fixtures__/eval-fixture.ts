import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { LoopbackRequest, ScriptedReply } from "../../../test/helpers/loopback-llm-server.js";
import type { Item } from "../../core/item.js";

/**
 * `count` MCQ items whose questions say which letter the loopback model picks (so outcomes vary);
 * `tag` keeps one benchmark's prompts apart from another's (they share a response cache).
 */
export function writeBenchmark(directory: string, tag: string, count: number): string {
  const items: Item[] = Array.from({ length: count }, (_, index) => ({
    id: `q${index}`,
    format: "mcq",
    question: `Question ${tag} number ${index}: which option?`,
    options: ["alpha", "beta", "gamma", "delta"],
    answer: "ABCD"[index % 4] ?? "A",
  }));
  const path = join(directory, `${tag}.jsonl`);
  writeFileSync(path, `${items.map((item) => JSON.stringify(item)).join("\n")}\n`);
  return path;
}

const ChatBodySchema = z.object({ messages: z.array(z.object({ content: z.unknown() })) });

/** The last message of a chat request: the prompt, which names the item. */
export function promptOf(request: LoopbackRequest): string {
  const body = ChatBodySchema.safeParse(request.body);
  const content = body.success ? body.data.messages.at(-1)?.content : undefined;
  return typeof content === "string" ? content : JSON.stringify(content ?? "");
}

/** Answers item n with letter (n * 7) % 4: a deterministic mix of right and wrong answers. */
export function answerByItem(request: LoopbackRequest): ScriptedReply {
  const match = /Question \S+ number (\d+)/.exec(promptOf(request));
  const index = Number(match?.[1] ?? 0);
  return { text: `Answer: ${"ABCD"[(index * 7) % 4]}`, usage: { inputTokens: 20, outputTokens: 3 } };
}

/** How many requests the server got per prompt. */
export function countByPrompt(requests: readonly LoopbackRequest[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const request of requests) {
    const prompt = promptOf(request);
    counts.set(prompt, (counts.get(prompt) ?? 0) + 1);
  }
  return counts;
}

/** The most requests that arrived within any `windowMs` (sliding). */
export function maxInWindow(requests: readonly LoopbackRequest[], windowMs: number): number {
  const times = requests.map((request) => request.receivedAt).sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while ((times[end] ?? 0) - (times[start] ?? 0) >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}
