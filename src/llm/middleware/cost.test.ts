import { describe, expect, it } from "vitest";
import { MockLanguageModel } from "../../testing/mock-language-model.js";
import { costMiddleware } from "./cost.js";

const request = { messages: [{ role: "user" as const, content: "hi" }] };
const model = (modelId: string, usage = { inputTokens: 2_000_000, outputTokens: 100_000 }) =>
  new MockLanguageModel({ provider: "openai", modelId, respond: { text: "x", usage } });

describe("costMiddleware", () => {
  it("fills costUsd from the price table", async () => {
    const prices = { "openai:priced": { inputPerMillion: 0.5, outputPerMillion: 4 } };
    const result = await costMiddleware({ prices })(model("priced")).doGenerate(request);
    // 2M * $0.5/M + 0.1M * $4/M = 1 + 0.4
    expect(result.costUsd).toBeCloseTo(1.4, 10);
  });

  it("leaves cost undefined when the price is unknown", async () => {
    const result = await costMiddleware({ prices: {} })(model("unpriced")).doGenerate(request);
    expect(result.costUsd).toBeUndefined();
    expect("costUsd" in result).toBe(true);
  });

  it("leaves cost undefined when usage is unknown", async () => {
    const prices = { "openai:priced": { inputPerMillion: 1, outputPerMillion: 1 } };
    const noUsage = { inputTokens: undefined, outputTokens: 5 };
    const result = await costMiddleware({ prices })(
      new MockLanguageModel({
        provider: "openai",
        modelId: "priced",
        respond: { text: "x", usage: noUsage },
      }),
    ).doGenerate(request);
    expect(result.costUsd).toBeUndefined();
  });

  it("uses the default list prices when no table is given", async () => {
    // gpt-4o: $2.50 in, $10 out per 1M.
    const result = await costMiddleware()(
      model("gpt-4o", { inputTokens: 1000, outputTokens: 1000 }),
    ).doGenerate(request);
    expect(result.costUsd).toBeCloseTo(0.0125, 12);
  });

  it("prices cached input tokens at the cached rate", async () => {
    const prices = { "openai:priced": { inputPerMillion: 2, outputPerMillion: 0, cachedInputPerMillion: 1 } };
    const usage = { inputTokens: 3_000_000, outputTokens: 0, cachedInputTokens: 2_000_000 };
    const result = await costMiddleware({ prices })(
      new MockLanguageModel({ provider: "openai", modelId: "priced", respond: { text: "x", usage } }),
    ).doGenerate(request);
    // 1M uncached at $2 + 2M cached at $1.
    expect(result.costUsd).toBeCloseTo(4, 10);
  });
});
