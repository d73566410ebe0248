import { describe, expect, it } from "vitest";
import { FakeEmbeddingModel } from "../../../test/helpers/fake-embedding-model.js";
import { loopbackEmbedding } from "../../../test/helpers/loopback-llm-server.js";
import { ProviderCallError } from "../../core/errors.js";
import { embeddingBatchMiddleware, embedInBatches, splitIntoBatches } from "./embedding-batch.js";

const texts = (count: number) => Array.from({ length: count }, (_, index) => `text number ${index}`);

describe("splitIntoBatches", () => {
  it("cuts at maxValues and at maxCharacters, keeping order; an over-long text goes alone", () => {
    const batches = splitIntoBatches(["aaaa", "bb", "cccccccccc", "d", "e", "f"], {
      maxValues: 2,
      maxCharacters: 6,
    });
    expect(batches).toEqual([
      { start: 0, values: ["aaaa", "bb"] },
      { start: 2, values: ["cccccccccc"] },
      { start: 3, values: ["d", "e"] },
      { start: 5, values: ["f"] },
    ]);
  });
});

describe("embedInBatches", () => {
  it("sends provider-sized requests and returns the vectors in input order with summed usage", async () => {
    const model = new FakeEmbeddingModel({ maxValuesPerCall: 100 });
    const values = texts(300);
    const result = await embedInBatches({ model, values, limits: { maxValues: 128 } });
    // The provider's 100 caps the requested 128.
    expect(model.calls.map((call) => call.length)).toEqual([100, 100, 100]);
    expect(result.embeddings).toEqual(values.map((text) => loopbackEmbedding(text)));
    const tokens = values.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0);
    expect(result.usage.inputTokens).toBe(tokens);
  });

  it("starts no new batch after a failure, lets the started ones finish, then throws the first error", async () => {
    const failure = new ProviderCallError({ provider: "fake", message: "no", isRetryable: false });
    const model = new FakeEmbeddingModel({
      maxValuesPerCall: 10,
      fail: (_values, index) => (index === 1 ? failure : undefined),
    });
    const stored: number[] = [];
    const error = await embedInBatches({
      model,
      values: texts(100),
      limits: { parallel: 2 },
      onBatch: async (batch) => void stored.push(batch.start),
    }).catch((caught: unknown) => caught);
    expect(error).toBe(failure);
    // Batches 0 and 1 start together; 0 succeeds and is stored, 1 fails; nothing after starts.
    expect(model.calls).toHaveLength(2);
    expect(stored).toEqual([0]);
  });

  it("rejects a reply with the wrong number of vectors", async () => {
    const model = new FakeEmbeddingModel();
    const short = { ...model, doEmbed: async () => ({ embeddings: [[1]], usage: { inputTokens: 1 } }) };
    const error = await embedInBatches({ model: short, values: ["a", "b"] }).catch(
      (caught: unknown) => caught,
    );
    expect(ProviderCallError.isInstance(error) && error.message).toContain(
      "returned 1 embeddings for 2 texts",
    );
  });
});

describe("embeddingBatchMiddleware", () => {
  it("splits any call and reports the batch size in force as maxValuesPerCall", async () => {
    const inner = new FakeEmbeddingModel();
    const model = embeddingBatchMiddleware({ maxValues: 64 })(inner);
    expect(model.maxValuesPerCall).toBe(64);
    const result = await model.doEmbed({ values: texts(130) });
    expect(inner.calls.map((call) => call.length)).toEqual([64, 64, 2]);
    expect(result.embeddings).toHaveLength(130);
  });
});

describe("embedInBatches and cancellation", () => {
  it("starts no batch once the caller's signal has aborted, and rethrows its reason", async () => {
    const model = new FakeEmbeddingModel({ maxValuesPerCall: 2 });
    const controller = new AbortController();
    const reason = new Error("stopped by the user");
    controller.abort(reason);
    const error = await embedInBatches({ model, values: texts(6), abortSignal: controller.signal }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBe(reason);
    expect(model.calls).toHaveLength(0);
  });
});
