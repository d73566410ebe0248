import type { SpecMessage, SpecPrompt } from "./spec-types.js";

type UserMessage = Extract<SpecMessage, { role: "user" }>;

/**
 * Merges consecutive user messages into one, their text joined by a blank line. Pipelines send a
 * shared prefix and a per-call tail as two user messages (so Anthropic can mark the prefix for caching);
 * chat templates that insist on alternating roles (Gemma, Mistral v0.x on vLLM or llama.cpp server)
 * reject two user turns in a row. The joined text starts with the same bytes, so token-prefix caches
 * still hit.
 */
export function joinUserTurns(prompt: SpecPrompt): SpecPrompt {
  const joined: SpecMessage[] = [];
  for (const message of prompt) {
    const previous = joined.at(-1);
    if (message.role === "user" && previous?.role === "user")
      joined[joined.length - 1] = mergeUser(previous, message);
    else joined.push(message);
  }
  return joined;
}

function mergeUser(first: UserMessage, second: UserMessage): UserMessage {
  const content: UserMessage["content"] = [...first.content];
  const last = content.at(-1);
  const [head, ...rest] = second.content;
  if (last?.type === "text" && head?.type === "text") {
    content[content.length - 1] = { ...last, text: `${last.text}\n\n${head.text}` };
    content.push(...rest);
  } else content.push(...second.content);
  return { ...first, content };
}
