import { describe, expect, it } from "vitest";
import { ProviderCallError } from "../../core/errors.js";
import { identityOf, type LanguageModel } from "../../core/language-model.js";
import { MockLanguageModel } from "../../testing/mock-language-model.js";
import { generateSamples } from "../generate.js";
import { createBudgetTracker } from "./budget.js";
import { createMemoryCache } from "./memory-cache.js";
import { createRateLimiter, type RateLimiter } from "./rate-limit.js";
import { wrapForRun } from "./wrap-for-run.js";

const request = { messages: [{ role: "user" as const, content: "hi" }] };
const prices = { "openai:m": { inputPerMillion: 1_000_000, outputPerMillion: 0 } };

function countingLimiter(limiter: RateLimiter): RateLimiter & { acquisitions: number } {
  const counting = {
    acquisitions: 0,
    get inFlight() {
      return limiter.inFlight;
    },
    get queued() {
      return limiter.queued;
    },
    acquire: (options: Parameters<RateLimiter["acquire"]>[0]) => {
      counting.acquisitions++;
      return limiter.acquire(options);
    },
  };
  return counting;
}

describe("wrapForRun", () => {
  it("serves cache hits without touching budget, cost or the limiter", async () => {
    const inner = new MockLanguageModel({
      provider: "openai",
      modelId: "m",
      respond: { text: "a", usage: { inputTokens: 2, outputTokens: 0 } },
    });
    const budget = createBudgetTracker({ maxCalls: 1 });
    const limiter = countingLimiter(createRateLimiter({ concurrency: 1 }));
    const model = wrapForRun({ model: inner, cache: createMemoryCache(), budget, limiter, prices });
    const first = await model.doGenerate(request);
    const second = await model.doGenerate(request);
    expect(first.costUsd).toBe(2); // 2 tokens at $1/token
    expect(second).toMatchObject({ cached: true, costUsd: 2 });
    expect(inner.calls).toHaveLength(1);
    expect(limiter.acquisitions).toBe(1);
    expect(budget.spent).toEqual({ calls: 1, costUsd: 2, unknownCostCalls: 0 });
  });

  it("charges the budget once per logical call while every retry takes a limiter slot", async () => {
    const inner = new MockLanguageModel({
      provider: "openai",
      modelId: "m",
      respond: (_options, index) => {
        if (index < 2)
          throw new ProviderCallError({ provider: "openai", message: "busy", isRetryable: true });
        return { text: "ok", usage: { inputTokens: 1, outputTokens: 0 } };
      },
    });
    const budget = createBudgetTracker({});
    const limiter = countingLimiter(createRateLimiter({ concurrency: 1 }));
    const model = wrapForRun({
      model: inner,
      budget,
      limiter,
      prices,
      retry: { sleep: async () => {}, random: () => 0 },
    });
    await model.doGenerate(request);
    expect(limiter.acquisitions).toBe(3);
    expect(budget.spent).toEqual({ calls: 1, costUsd: 1, unknownCostCalls: 0 });
  });

  it("makes one attempt when retry is false", async () => {
    const inner = new MockLanguageModel({
      respond: () => {
        throw new ProviderCallError({ provider: "mock", message: "busy", isRetryable: true });
      },
    });
    await expect(wrapForRun({ model: inner, retry: false }).doGenerate(request)).rejects.toThrow("busy");
    expect(inner.calls).toHaveLength(1);
  });

  it("keeps the wrapped model's identity", () => {
    const model = wrapForRun({
      model: new MockLanguageModel({ provider: "openai", modelId: "m", respond: "x" }),
    });
    expect([model.provider, model.modelId, model.specificationVersion]).toEqual([
      "openai",
      "m",
      "benchsmith-v1",
    ]);
  });

  describe("samples of one request", () => {
    // A provider with `n`: one call answers every sample; usage already shared out (2 input tokens each).
    const samplingModel = () => {
      const calls: number[] = [];
      const inner = new MockLanguageModel({ provider: "openai", modelId: "m", respond: "single" });
      const model: LanguageModel = {
        ...identityOf(inner),
        doGenerate: (options) => inner.doGenerate(options),
        async doGenerateSamples(_options, sampleIndices) {
          calls.push(sampleIndices.length);
          return sampleIndices.map((index) => ({
            text: `sample ${index}`,
            toolCalls: [],
            finishReason: "stop" as const,
            usage: { inputTokens: 2, outputTokens: 0 },
            warnings: [],
          }));
        },
      };
      return { model, calls, inner };
    };

    it("are one budget call and one limiter slot, and one cache record each, marked as one request", async () => {
      const { model: provider, calls } = samplingModel();
      const budget = createBudgetTracker({});
      const limiter = countingLimiter(createRateLimiter({ concurrency: 1 }));
      const cache = createMemoryCache();
      const model = wrapForRun({ model: provider, cache, budget, limiter, prices });
      const results = await generateSamples({ model, n: 5, prompt: "hi" });
      expect(calls).toEqual([5]);
      expect(limiter.acquisitions).toBe(1);
      // 5 samples x 2 tokens at $1/token, charged as one call.
      expect(budget.spent).toEqual({ calls: 1, costUsd: 10, unknownCostCalls: 0 });
      expect(results.map((result) => result.costUsd)).toEqual([2, 2, 2, 2, 2]);
      const records = [...cache.records.values()];
      expect(records.map((record) => record.request.sampleIndex).sort()).toEqual([0, 1, 2, 3, 4]);
      const batchIds = new Set(records.map((record) => (record.request.batch as { id: string }).id));
      expect(batchIds.size).toBe(1);
      expect(records.every((record) => record.response.batch === undefined)).toBe(true);
      const again = await generateSamples({ model, n: 5, prompt: "hi" });
      expect(again.every((result) => result.cached)).toBe(true);
      expect(calls).toEqual([5]);
    });

    it("go out one request each with batchSamples: false (the paper's design)", async () => {
      const { model: provider, calls, inner } = samplingModel();
      const model = wrapForRun({ model: provider, batchSamples: false, prices });
      await generateSamples({ model, n: 5, prompt: "hi" });
      expect(calls).toEqual([]);
      expect(inner.calls).toHaveLength(5);
    });
  });
});
