import { describe, expect, it } from "vitest";
import { ProviderCallError } from "../../core/errors.js";
import type { GenerateOptions } from "../../core/language-model.js";
import type { LlmCallRecord, ResponseCache } from "../../core/store-spec.js";
import { openSqliteStore } from "../../store/sqlite-store.js";
import { MockLanguageModel } from "../../testing/mock-language-model.js";
import { computeCacheKey } from "../cache-key.js";
import { cacheMiddleware } from "./cache.js";
import { createMemoryCache } from "./memory-cache.js";

const ask = (content: string, extra: Partial<GenerateOptions> = {}): GenerateOptions => ({
  messages: [{ role: "user", content }],
  ...extra,
});

function echoModel(delayMs = 0): MockLanguageModel {
  return new MockLanguageModel({
    provider: "openai",
    modelId: "gpt-test",
    respond: async (options) => {
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      const last = options.messages.at(-1);
      return { text: `echo ${last?.content} #${options.sampleIndex ?? 0}`, costUsd: 0.01 };
    },
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A memory cache whose reads and writes take time, like a networked store; `onSet` may hold or fail a write. */
function slowCache(options: { getMs?: number; onSet?: (record: LlmCallRecord) => Promise<void> }) {
  const inner = createMemoryCache();
  const cache: ResponseCache = {
    async get(cacheKey) {
      await sleep(options.getMs ?? 0);
      return inner.get(cacheKey);
    },
    async set(record) {
      await options.onSet?.(record);
      await inner.set(record);
    },
  };
  return { cache, records: inner.records };
}

describe("cacheMiddleware", () => {
  it("serves a repeated request from the cache without calling the model", async () => {
    const inner = echoModel();
    const model = cacheMiddleware({ cache: createMemoryCache() })(inner);
    const first = await model.doGenerate(ask("hi"));
    const second = await model.doGenerate(ask("hi"));
    expect(inner.calls).toHaveLength(1);
    expect(first.cached).toBeUndefined();
    expect(second).toMatchObject({ text: first.text, cached: true, latencyMs: 0, costUsd: 0.01 });
  });

  it("makes zero calls when a second run repeats the first against the same cache", async () => {
    const cache = createMemoryCache();
    const requests = [ask("a"), ask("b"), ask("a", { sampleIndex: 1 }), ask("c", { temperature: 0.7 })];
    const firstRun = echoModel();
    const firstTexts = [];
    for (const request of requests)
      firstTexts.push((await cacheMiddleware({ cache })(firstRun).doGenerate(request)).text);
    expect(firstRun.calls).toHaveLength(4);

    const secondRun = echoModel();
    const model = cacheMiddleware({ cache })(secondRun);
    const secondTexts = await Promise.all(
      requests.map(async (request) => (await model.doGenerate(request)).text),
    );
    expect(secondRun.calls).toHaveLength(0);
    expect(secondTexts).toEqual(firstTexts);
  });

  it("shares one in-flight call between identical concurrent requests", async () => {
    const inner = echoModel(30);
    const cache = createMemoryCache();
    // Two wrappers around the same cache, as when a context resolves the same ref twice.
    const [left, right] = [cacheMiddleware({ cache })(inner), cacheMiddleware({ cache })(inner)];
    const results = await Promise.all([
      left.doGenerate(ask("same")),
      right.doGenerate(ask("same")),
      left.doGenerate(ask("same")),
      left.doGenerate(ask("other")),
    ]);
    expect(inner.calls).toHaveLength(2);
    expect(results.map((result) => result.text)).toEqual([
      "echo same #0",
      "echo same #0",
      "echo same #0",
      "echo other #0",
    ]);
    expect(results.filter((result) => result.cached === true)).toHaveLength(2);
  });

  it("stores a complete record: key, run, request without the signal, latency, cost", async () => {
    const cache = createMemoryCache();
    const model = cacheMiddleware({ cache, runId: "run-1", now: () => new Date("2025-01-02T03:04:05Z") })(
      echoModel(),
    );
    const request = ask("hi", { temperature: 0, abortSignal: new AbortController().signal });
    await model.doGenerate(request);
    const cacheKey = computeCacheKey({ provider: "openai", modelId: "gpt-test", request });
    const record = cache.records.get(cacheKey);
    expect(record).toMatchObject({
      cacheKey,
      runId: "run-1",
      provider: "openai",
      modelId: "gpt-test",
      costUsd: 0.01,
      createdAt: "2025-01-02T03:04:05.000Z",
    });
    expect(record?.request).toMatchObject({ messages: request.messages, temperature: 0 });
    expect(record?.request).not.toHaveProperty("abortSignal");
    expect(record?.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("keeps the memory cache's copies apart from what callers hold and later mutate", async () => {
    const cache = createMemoryCache();
    const model = cacheMiddleware({ cache })(echoModel());
    const request = ask("hi");
    const first = await model.doGenerate(request);
    first.toolCalls.push({ id: "x", name: "injected", arguments: {} });
    first.usage.inputTokens = -1;
    (request.messages[0] as { content: string }).content = "changed";
    const [record] = [...cache.records.values()];
    expect(record?.request).toMatchObject({ messages: [{ role: "user", content: "hi" }] });
    const hit = await model.doGenerate(ask("hi"));
    expect(hit).toMatchObject({ cached: true, toolCalls: [] });
    expect(hit.usage.inputTokens).not.toBe(-1);
    hit.toolCalls.push({ id: "y", name: "again", arguments: {} });
    expect((await model.doGenerate(ask("hi"))).toolCalls).toEqual([]);
  });

  it("does not cache failures", async () => {
    let calls = 0;
    const inner = new MockLanguageModel({
      respond: () => {
        calls++;
        if (calls === 1)
          throw new ProviderCallError({ provider: "mock", message: "boom", isRetryable: false });
        return "fine";
      },
    });
    const model = cacheMiddleware({ cache: createMemoryCache() })(inner);
    await expect(model.doGenerate(ask("x"))).rejects.toThrow("boom");
    expect((await model.doGenerate(ask("x"))).text).toBe("fine");
    expect(calls).toBe(2);
  });

  it("resolves a call only once its record is committed", async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { cache, records } = slowCache({ onSet: () => held });
    const model = cacheMiddleware({ cache })(echoModel());
    let settled = false;
    const call = model.doGenerate(ask("hi")).then((result) => {
      settled = true;
      return result;
    });
    await sleep(20);
    expect(settled).toBe(false);
    expect(records.size).toBe(0);
    release();
    expect((await call).text).toBe("echo hi #0");
    expect(records.size).toBe(1);
  });

  it("fails the call when its record cannot be committed, and calls again next time", async () => {
    let writes = 0;
    const { cache, records } = slowCache({
      onSet: async () => {
        writes++;
        if (writes === 1) throw new Error("disk full");
      },
    });
    const inner = echoModel();
    const model = cacheMiddleware({ cache })(inner);
    await expect(model.doGenerate(ask("hi"))).rejects.toThrow("disk full");
    expect(records.size).toBe(0);
    expect((await model.doGenerate(ask("hi"))).cached).toBeUndefined();
    expect(inner.calls).toHaveLength(2);
    expect((await model.doGenerate(ask("hi"))).cached).toBe(true);
    expect(inner.calls).toHaveLength(2);
  });

  it("shares one call between identical concurrent requests when lookups are slow", async () => {
    const inner = echoModel(30);
    const { cache } = slowCache({ getMs: 10 });
    const model = cacheMiddleware({ cache })(inner);
    const results = await Promise.all([model.doGenerate(ask("same")), model.doGenerate(ask("same"))]);
    expect(inner.calls).toHaveLength(1);
    expect(results.map((result) => result.cached)).toEqual([undefined, true]);
    expect(results[1]?.text).toBe(results[0]?.text);
  });

  it("a twin whose slow lookup outlives the first call still pays nothing (the lookup is shared)", async () => {
    const inner = echoModel(5);
    const records = createMemoryCache();
    let lookups = 0;
    // The second lookup reads a snapshot taken before the first call's record exists, and answers late.
    const cache: ResponseCache = {
      async get(cacheKey) {
        const snapshot = await records.get(cacheKey);
        await sleep(lookups++ === 0 ? 0 : 40);
        return snapshot;
      },
      set: (record) => records.set(record),
    };
    const model = cacheMiddleware({ cache })(inner);
    const first = model.doGenerate(ask("same"));
    await sleep(2);
    const second = model.doGenerate(ask("same"));
    const results = await Promise.all([first, second]);
    expect(inner.calls).toHaveLength(1);
    expect(results[1]).toMatchObject({ cached: true, text: results[0]?.text });
  });

  it("records a hit for its run when served from the store or from another run's call in flight, none for its own", async () => {
    const store = openSqliteStore(":memory:");
    try {
      const payer = echoModel(20);
      const runA = cacheMiddleware({ cache: store, runId: "run-a" })(payer);
      const runB = cacheMiddleware({ cache: store, runId: "run-b" })(echoModel());
      await runA.doGenerate(ask("stored"));
      // run-b asks while run-a's call is in flight, and shares it.
      const [paid, shared] = await Promise.all([
        runA.doGenerate(ask("flying")),
        runB.doGenerate(ask("flying")),
      ]);
      expect(shared).toMatchObject({ cached: true, text: paid.text });
      expect((await runB.doGenerate(ask("stored"))).cached).toBe(true);
      // run-a's repeat of its own call (a resume) is no new use.
      expect((await runA.doGenerate(ask("stored"))).cached).toBe(true);
      expect(payer.calls).toHaveLength(2);
      const usedByB = await store.callsUsedBy("run-b");
      expect(usedByB.map((call) => [call.cached, call.paidByRunId])).toEqual([
        [true, "run-a"],
        [true, "run-a"],
      ]);
      const keyOf = (content: string) =>
        computeCacheKey({ provider: "openai", modelId: "gpt-test", request: ask(content) });
      expect(usedByB.map((call) => call.cacheKey).sort()).toEqual([keyOf("flying"), keyOf("stored")].sort());
      expect((await store.callsUsedBy("run-a")).map((call) => call.cached)).toEqual([false, false]);
    } finally {
      await store.close();
    }
  });

  it("fails a hit whose use cannot be recorded (the run's accounting would silently miss it)", async () => {
    const inner = createMemoryCache();
    const cache: ResponseCache = {
      get: (cacheKey) => inner.get(cacheKey),
      set: (record) => inner.set(record),
      recordCacheHits: async () => {
        throw new Error("disk full");
      },
    };
    await cacheMiddleware({ cache, runId: "first" })(echoModel()).doGenerate(ask("hi"));
    const rerun = echoModel();
    await expect(cacheMiddleware({ cache, runId: "second" })(rerun).doGenerate(ask("hi"))).rejects.toThrow(
      "disk full",
    );
    expect(rerun.calls).toHaveLength(0);
  });
});
