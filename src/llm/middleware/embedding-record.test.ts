import { describe, expect, it } from "vitest";
import { computeCacheKey } from "../cache-key.js";
import { decodeVector, embeddingCacheKey, encodeVector, toFloat32 } from "./embedding-record.js";

describe("embedding records", () => {
  it("round-trips float32 vectors exactly through the text encoding", () => {
    const vector = toFloat32([0.1, -2.5, Math.PI, 1e-8, 0]);
    const text = encodeVector(vector);
    expect(text.startsWith("f32le:")).toBe(true);
    expect(decodeVector(text)).toEqual(vector);
    // 5 floats = 20 bytes = 28 base64 characters after the prefix.
    expect(text.length).toBe("f32le:".length + 28);
    expect(decodeVector("not a vector")).toBeUndefined();
  });

  it("keys by provider, model and text, apart from generation keys", () => {
    const key = embeddingCacheKey({ provider: "openai", modelId: "m", text: "hi" });
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(key).toBe(embeddingCacheKey({ provider: "openai", modelId: "m", text: "hi" }));
    expect(key).not.toBe(embeddingCacheKey({ provider: "openai", modelId: "m2", text: "hi" }));
    expect(key).not.toBe(embeddingCacheKey({ provider: "ollama", modelId: "m", text: "hi" }));
    expect(key).not.toBe(
      computeCacheKey({
        provider: "openai",
        modelId: "m",
        request: { messages: [{ role: "user", content: "hi" }] },
      }),
    );
  });
});
