import { describe, expect, it } from "vitest";
import { FakeEmbeddingModel, tokensOf } from "../../../test/helpers/fake-embedding-model.js";
import { loopbackEmbedding } from "../../../test/helpers/loopback-llm-server.js";
import { BudgetExceededError, ProviderCallError } from "../../core/errors.js";
import { openSqliteStore } from "../../store/sqlite-store.js";
import { createBudgetTracker } from "./budget.js";
import { embeddingCacheKey } from "./embedding-record.js";
import { createMemoryCache } from "./memory-cache.js";
import { wrapEmbeddingForRun } from "./wrap-for-run.js";

const PRICES = { "fake:fake-embed": { inputPerMillion: 1_000_000, outputPerMillion: 0 } };
const texts = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, index) => `item ${from + index}`);

describe("embedding cache (through wrapEmbeddingForRun)", () => {
  it("stores one record per text; a repeat sends nothing and an overlapping call sends only new texts", async () => {
    const inner = new FakeEmbeddingModel();
    const cache = createMemoryCache();
    const model = wrapEmbeddingForRun({ model: inner, cache, runId: "r1", prices: PRICES, retry: false });

    const first = await model.doEmbed({ values: texts(0, 10) });
    expect(inner.calls).toEqual([texts(0, 10)]);
    expect(cache.records.size).toBe(10);
    expect(first.cachedValues).toBe(0);
    expect(first.embeddings).toEqual(texts(0, 10).map((text) => loopbackEmbedding(text)));
    // $1 per token at this price: each text's record holds exactly its own tokens and cost.
    const record = cache.records.get(
      embeddingCacheKey({ provider: "fake", modelId: "fake-embed", text: "item 3" }),
    );
    expect(record).toMatchObject({ runId: "r1", provider: "fake", costUsd: tokensOf("item 3") });
    expect(record?.request).toMatchObject({
      kind: "embedding",
      text: "item 3",
      batch: { index: 3, size: 10 },
    });
    expect(first.costUsd).toBe(texts(0, 10).reduce((sum, text) => sum + tokensOf(text), 0));

    const again = await model.doEmbed({ values: texts(0, 10) });
    expect(inner.calls).toHaveLength(1);
    expect(again).toMatchObject({ cachedValues: 10, latencyMs: 0, costUsd: first.costUsd });
    expect(again.embeddings).toEqual(first.embeddings);

    const overlap = await model.doEmbed({ values: texts(5, 15) });
    expect(inner.calls[1]).toEqual(texts(10, 15));
    expect(overlap.cachedValues).toBe(5);
    expect(overlap.embeddings).toEqual(texts(5, 15).map((text) => loopbackEmbedding(text)));
  });

  it("embeds a text repeated within one call once", async () => {
    const inner = new FakeEmbeddingModel();
    const model = wrapEmbeddingForRun({ model: inner, cache: createMemoryCache(), retry: false });
    const result = await model.doEmbed({ values: ["a", "b", "a", "a"] });
    expect(inner.calls).toEqual([["a", "b"]]);
    expect(result.embeddings[2]).toEqual(result.embeddings[0]);
    expect(result.embeddings).toHaveLength(4);
  });

  it("rounds fresh vectors to float32 as stored, so a cache hit returns the same numbers", async () => {
    const inner = new FakeEmbeddingModel();
    const precise = {
      ...inner,
      doEmbed: async () => ({ embeddings: [[0.1, 1 / 3]], usage: { inputTokens: 1 } }),
    };
    const model = wrapEmbeddingForRun({ model: precise, cache: createMemoryCache(), retry: false });
    const fresh = await model.doEmbed({ values: ["x"] });
    const hit = await model.doEmbed({ values: ["x"] });
    expect(fresh.embeddings).toEqual([[Math.fround(0.1), Math.fround(1 / 3)]]);
    expect(hit.embeddings).toEqual(fresh.embeddings);
  });

  it("keeps the batches already paid for when a later one fails", async () => {
    const failure = new ProviderCallError({ provider: "fake", message: "boom", isRetryable: false });
    const inner = new FakeEmbeddingModel({ fail: (_values, index) => (index === 1 ? failure : undefined) });
    const cache = createMemoryCache();
    const model = wrapEmbeddingForRun({
      model: inner,
      cache,
      retry: false,
      batch: { maxValues: 4, parallel: 1 },
    });
    await expect(model.doEmbed({ values: texts(0, 12) })).rejects.toBe(failure);
    expect(cache.records.size).toBe(4);
    // The retry sends only the 8 texts not stored.
    const healthy = wrapEmbeddingForRun({ model: new FakeEmbeddingModel(), cache, retry: false });
    const result = await healthy.doEmbed({ values: texts(0, 12) });
    expect(result.cachedValues).toBe(4);
  });

  it("charges the budget one call per batch, and stops when it is spent", async () => {
    const budget = createBudgetTracker({ maxCalls: 2 });
    const inner = new FakeEmbeddingModel();
    const model = wrapEmbeddingForRun({
      model: inner,
      cache: createMemoryCache(),
      budget,
      retry: false,
      batch: { maxValues: 5, parallel: 1 },
    });
    await model.doEmbed({ values: texts(0, 10) });
    expect(budget.spent.calls).toBe(2);
    const error = await model.doEmbed({ values: texts(10, 11) }).catch((caught: unknown) => caught);
    expect(BudgetExceededError.isInstance(error)).toBe(true);
    // Cache hits never reach the budget.
    await expect(model.doEmbed({ values: texts(0, 10) })).resolves.toMatchObject({ cachedValues: 10 });
  });

  it("records the texts a run was served from the cache, so its accounting includes their original batch", async () => {
    const store = openSqliteStore(":memory:");
    try {
      const inner = new FakeEmbeddingModel();
      const embedFor = (runId: string) =>
        wrapEmbeddingForRun({ model: inner, cache: store, runId, prices: PRICES, retry: false });
      await embedFor("first").doEmbed({ values: texts(0, 10) });
      await embedFor("second").doEmbed({ values: texts(5, 15) });
      const used = await store.callsUsedBy("second");
      expect(used.filter((call) => call.cached)).toHaveLength(5);
      expect(used.filter((call) => call.cached).every((call) => call.paidByRunId === "first")).toBe(true);
      // Two provider requests: first's batch (five of its texts) and second's own batch of five.
      expect(new Set(used.map((call) => call.requestId)).size).toBe(2);
      const cost = used.reduce((sum, call) => sum + (call.costUsd ?? 0), 0);
      expect(cost).toBe(texts(5, 15).reduce((sum, text) => sum + tokensOf(text), 0));
    } finally {
      await store.close();
    }
  });
});
