import { describe, expect, it } from "vitest";
import { DEFAULT_PRICES, mergePrices, priceCall } from "./prices.js";

describe("prices", () => {
  it("prices a call from the per-million rates", () => {
    // gpt-4o-mini list price: $0.15 in, $0.60 out per 1M -> 1000 in + 500 out = 0.00015 + 0.0003.
    const cost = priceCall({
      prices: DEFAULT_PRICES,
      provider: "openai",
      modelId: "gpt-4o-mini",
      inputTokens: 1000,
      outputTokens: 500,
    });
    expect(cost).toBeCloseTo(0.00045, 12);
  });

  it("returns undefined for unknown models and unknown token counts", () => {
    const call = { prices: DEFAULT_PRICES, provider: "openai", inputTokens: 1, outputTokens: 1 };
    expect(priceCall({ ...call, modelId: "no-such-model" })).toBeUndefined();
    expect(priceCall({ ...call, modelId: "gpt-4o-mini", outputTokens: undefined })).toBeUndefined();
  });

  it("has no default price for self-hosted providers", () => {
    const selfHosted = Object.keys(DEFAULT_PRICES).filter((key) =>
      /^(local|ollama|openai-compatible):/.test(key),
    );
    expect(selfHosted).toEqual([]);
  });

  it("lets config override and extend the defaults", () => {
    const prices = mergePrices({
      "openai:gpt-4o-mini": { inputPerMillion: 1, outputPerMillion: 1 },
      "ollama:qwen2.5": { inputPerMillion: 0, outputPerMillion: 0 },
    });
    expect(prices["openai:gpt-4o-mini"]).toEqual({ inputPerMillion: 1, outputPerMillion: 1 });
    expect(
      priceCall({ prices, provider: "ollama", modelId: "qwen2.5", inputTokens: 50, outputTokens: 5 }),
    ).toBe(0);
    expect(prices["openai:gpt-4o"]).toEqual(DEFAULT_PRICES["openai:gpt-4o"]);
  });

  it("prices cached input tokens at the cached rate and cache writes at the write rate", () => {
    const call = { prices: DEFAULT_PRICES, outputTokens: 100 };
    // gpt-4o-mini: 1000 input of which 800 cached -> 200 * 0.15 + 800 * 0.075 + 100 * 0.6 (per 1M).
    expect(
      priceCall({
        ...call,
        provider: "openai",
        modelId: "gpt-4o-mini",
        inputTokens: 1000,
        cachedInputTokens: 800,
      }),
    ).toBeCloseTo((200 * 0.15 + 800 * 0.075 + 100 * 0.6) / 1e6, 15);
    // claude-sonnet-4-5 ($3 in): 2000 input = 300 plain + 1500 read ($0.30) + 200 written ($3.75), 100 out ($15).
    expect(
      priceCall({
        ...call,
        provider: "anthropic",
        modelId: "claude-sonnet-4-5",
        inputTokens: 2000,
        cachedInputTokens: 1500,
        cacheWriteInputTokens: 200,
      }),
    ).toBeCloseTo((300 * 3 + 1500 * 0.3 + 200 * 3.75 + 100 * 15) / 1e6, 15);
  });

  it("leaves a call with cache reads unpriced when the table has no cached rate", () => {
    const prices = { "openai-compatible:http://h/v1#m": { inputPerMillion: 1, outputPerMillion: 2 } };
    const call = {
      prices,
      provider: "openai-compatible",
      modelId: "http://h/v1#m",
      inputTokens: 100,
      outputTokens: 10,
    };
    expect(priceCall({ ...call, cachedInputTokens: 40 })).toBeUndefined();
    expect(priceCall({ ...call, cacheWriteInputTokens: 40 })).toBeUndefined();
    // No cache activity: the plain rates are all that is needed.
    expect(priceCall({ ...call, cachedInputTokens: 0 })).toBeCloseTo(120 / 1e6, 15);
    expect(DEFAULT_PRICES["google:gemini-2.5-flash"]?.cachedInputPerMillion).toBeUndefined();
  });
});
