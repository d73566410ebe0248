import { afterEach, describe, expect, it } from "vitest";
import { type LoopbackLlmServer, startLoopbackLlmServer } from "../../../test/helpers/loopback-llm-server.js";
import { generateText } from "../generate.js";
import { createProviderModel } from "./index.js";
import { joinUserTurns } from "./join-user-turns.js";
import type { SpecPrompt } from "./spec-types.js";

const user = (text: string) => ({ role: "user" as const, content: [{ type: "text" as const, text }] });

describe("joinUserTurns", () => {
  it("merges a shared prefix and its tail into one user turn that starts with the prefix", () => {
    const prompt: SpecPrompt = [
      { role: "system", content: "sys" },
      user("shared prefix"),
      user("per-item tail"),
    ];
    expect(joinUserTurns(prompt)).toEqual([
      { role: "system", content: "sys" },
      user("shared prefix\n\nper-item tail"),
    ]);
  });

  it("keeps alternating turns as they are", () => {
    const prompt: SpecPrompt = [
      user("q"),
      { role: "assistant", content: [{ type: "text", text: "a" }] },
      user("fix it"),
    ];
    expect(joinUserTurns(prompt)).toEqual(prompt);
  });
});

describe("OpenAI-compatible servers get alternating roles", () => {
  let server: LoopbackLlmServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it.each(["openai-compatible", "ollama"])(
    "%s receives a prefix and a tail as one user message",
    async (name) => {
      server = await startLoopbackLlmServer();
      const ref = name === "ollama" ? "ollama:m" : `openai-compatible:${server.url}/v1#m`;
      const model = createProviderModel(ref, { env: {}, baseURL: `${server.url}/v1` });
      await generateText({
        model,
        messages: [
          { role: "system", content: "sys" },
          { role: "user", content: "shared prefix" },
          { role: "user", content: "per-item tail" },
        ],
      });
      const body = server.requests[0]?.body as { messages: Array<{ role: string; content: unknown }> };
      expect(body.messages.map((message) => message.role)).toEqual(["system", "user"]);
      expect(JSON.stringify(body.messages[1]?.content)).toContain("shared prefix\\n\\nper-item tail");
    },
  );
});
