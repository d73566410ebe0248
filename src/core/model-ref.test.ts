import { describe, expect, it } from "vitest";
import { UserInputError } from "./errors.js";
import { parseModelRefWith } from "./model-ref.js";

const KNOWN = ["openai", "anthropic", "google", "openai-compatible", "ollama", "local"];
const parseModelRef = (ref: string, extra: string[] = []) => parseModelRefWith(ref, [...KNOWN, ...extra]);

describe("parseModelRef", () => {
  it("parses provider and model", () => {
    expect(parseModelRef("openai:gpt-4o-mini")).toMatchObject({ provider: "openai", modelId: "gpt-4o-mini" });
    expect(parseModelRef("ollama:qwen2.5:7b")).toMatchObject({ provider: "ollama", modelId: "qwen2.5:7b" });
    expect(parseModelRef("local:/tmp/x.gguf")).toMatchObject({ provider: "local", modelId: "/tmp/x.gguf" });
  });

  it("parses openai-compatible base URL and model", () => {
    expect(parseModelRef("openai-compatible:http://127.0.0.1:8000/v1#Qwen/Qwen2.5-7B")).toMatchObject({
      provider: "openai-compatible",
      baseURL: "http://127.0.0.1:8000/v1",
      modelId: "Qwen/Qwen2.5-7B",
    });
  });

  it.each([
    "gpt-4o",
    "nope:model",
    "openai:",
    "openai-compatible:localhost#m",
    "openai-compatible:http://x/v1",
  ])("rejects %s with a user error and a hint", (ref) => {
    try {
      parseModelRef(ref);
      expect.unreachable();
    } catch (error) {
      expect(UserInputError.isInstance(error)).toBe(true);
      expect((error as UserInputError).hint).toBeTruthy();
    }
  });

  it("accepts extra providers only when named", () => {
    expect(parseModelRef("solver:seq", ["solver"]).provider).toBe("solver");
  });
});
