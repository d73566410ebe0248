import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type LoopbackLlmServer, startLoopbackLlmServer } from "../../test/helpers/loopback-llm-server.js";
import { createRng } from "../core/rng.js";
import type { UsedCallRecord } from "../core/store-spec.js";
import { generateSamples, generateText } from "../llm/generate.js";
import { wrapForRun } from "../llm/middleware/wrap-for-run.js";
import { createProviderModel } from "../llm/providers/index.js";
import { CRITERIA } from "../metrics/index.js";
import type { RunAccounting } from "../metrics/types.js";
import { openSqliteStore, type SqliteRunStore } from "../store/sqlite-store.js";
import { accountUsedCalls, readRunAccounting } from "./run-accounting.js";

const t0 = Date.parse("2025-03-01T12:00:00Z");
const at = (seconds: number) => new Date(t0 + seconds * 1000).toISOString();
const efficiencyOf = (run: RunAccounting) => CRITERIA.efficiency.compute({ run, rng: createRng(1) });

function used(
  call: Pick<UsedCallRecord, "cacheKey" | "cached" | "latencyMs" | "costUsd" | "createdAt"> &
    Partial<UsedCallRecord>,
): UsedCallRecord {
  return {
    paidByRunId: call.cached ? "make-0" : "make-1",
    provider: "mock",
    modelId: "gen",
    requestId: call.cacheKey,
    inputTokens: 5,
    outputTokens: 1,
    ...call,
  };
}

const calls: UsedCallRecord[] = [
  used({ cacheKey: "a", cached: false, latencyMs: 60_000, costUsd: 0.01, createdAt: at(60) }), // 0-60 s
  used({ cacheKey: "b", cached: false, latencyMs: 30_000, costUsd: 0.02, createdAt: at(120) }), // 90-120 s
  // paid for by yesterday's run, served from the cache today: counted at its original cost and latency
  used({ cacheKey: "c", cached: true, latencyMs: 90_000, costUsd: 0.03, createdAt: at(-86_400) }),
  // the same response used twice is one call; the run's own call wins over the cache's copy
  used({ cacheKey: "a", cached: true, latencyMs: 60_000, costUsd: 0.01, createdAt: at(60) }),
];

describe("efficiency from the calls a run used", () => {
  it("counts cache hits at their original cost and latency and leaves out the idle day", async () => {
    const accounting = accountUsedCalls({ runId: "make-1", items: 2, calls });
    // spans: yesterday 90 s, today 0-120 s (the 30 s between the calls is work): 210 s active
    expect(accounting).toMatchObject({ calls: 3, cachedCalls: 1, unpricedCalls: 0, elapsedMs: 210_000 });
    expect(accounting.costUsd).toBeCloseTo(0.06, 12);
    expect(accounting.cachedCostUsd).toBeCloseTo(0.03, 12);
    expect(accounting.idleExcludedMs).toBe(86_400_000);
    const row = await efficiencyOf(accounting);
    // $0.06 / 2 items; 3.5 min / 2 items
    expect(row.value).toBeCloseTo(0.03, 12);
    expect(row.display).toBe("$0.0300/item, 1.75 min/item");
    expect(row.notes).toContain("3 LLM calls for 2 items");
    expect(row.notes).toContain(
      "1 served from the cache (paid for by another run: $0.0300), counted at their original cost and latency",
    );
    expect(row.notes).toContain("gaps over 5 min with no call in flight excluded");
  });

  it("counts the samples of one request as one call whose span is the request's latency", () => {
    const batch = [0, 1, 2].map((index) =>
      used({
        cacheKey: `s${index}`,
        requestId: "request-1",
        cached: true,
        latencyMs: 10_000, // a third of the request's 30 s each
        costUsd: 0.001,
        createdAt: at(30),
      }),
    );
    const accounting = accountUsedCalls({ runId: "make-1", items: 1, calls: batch });
    expect(accounting).toMatchObject({ calls: 1, cachedCalls: 1, elapsedMs: 30_000 });
    expect(accounting.costUsd).toBeCloseTo(0.003, 12);
  });

  it("an unpriced call makes the cost n/a, never a smaller number", async () => {
    const unpriced = calls.map((call) => (call.cacheKey === "b" ? { ...call, costUsd: undefined } : call));
    const row = await efficiencyOf(accountUsedCalls({ runId: "make-1", items: 2, calls: unpriced }));
    expect(row.value).toBeUndefined();
    expect(row.display).toBe("n/a — no price for 1 of 3 calls; 1.75 min/item");
  });

  it("a run without any call says n/a, not $0", async () => {
    const row = await efficiencyOf(accountUsedCalls({ runId: "make-2", items: 5, calls: [] }));
    expect(row.value).toBeUndefined();
    expect(row.display).toBe(
      "n/a — run make-2 recorded no LLM calls of its own and was served none from the cache",
    );
  });
});

describe("readRunAccounting: a run served from the cache, through a real provider and store", () => {
  let directory: string;
  let store: SqliteRunStore;
  let server: LoopbackLlmServer;
  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), "benchsmith-accounting-"));
    store = openSqliteStore(join(directory, "store.sqlite"));
    server = await startLoopbackLlmServer({
      latencyMs: 20,
      respond: (request) => ({
        text: `answer ${request.index}`,
        usage: { inputTokens: 1000, outputTokens: 100 },
      }),
    });
  });
  afterEach(async () => {
    await server.close();
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  async function createRunWithItems(id: string, items: number): Promise<void> {
    await store.createRun({ id, kind: "make", spec: {} });
    for (let slot = 0; slot < items; slot++)
      await store.putItem({ runId: id, slot, attempt: 0, status: "accepted", item: {}, reason: undefined });
  }

  /** A run's calls: three prompts and three samples of a fourth (one request with n = 3), plus `extra`. */
  async function work(runId: string, extra: string[] = []): Promise<void> {
    const model = wrapForRun({
      model: createProviderModel("openai:gpt-test", {
        baseURL: `${server.url}/v1`,
        env: { OPENAI_API_KEY: "test-key" },
      }),
      cache: store,
      runId,
      retry: false,
      prices: { "openai:gpt-test": { inputPerMillion: 1, outputPerMillion: 10 } },
    });
    await Promise.all([
      ...["p0", "p1", "p2", ...extra].map((prompt) => generateText({ model, prompt })),
      generateSamples({ model, prompt: "p3", n: 3, temperature: 1 }),
    ]);
  }

  it("reports the paying run's cost and latency for the calls a re-run was served, and a resume adds nothing", async () => {
    await createRunWithItems("make-a", 2);
    await createRunWithItems("make-b", 2);
    await work("make-a");
    expect(server.requests).toHaveLength(4);
    const paid = await readRunAccounting("make-a", store, []);
    // 3 x ($0.001 + $0.001) + one request of 3 samples (1000 input tokens once, 3 x 100 output): $0.004
    expect(paid).toMatchObject({ calls: 4, cachedCalls: 0, unpricedCalls: 0 });
    expect(paid?.costUsd).toBeCloseTo(0.01, 12);
    expect((await store.callStats("make-a")).costUsd).toBeCloseTo(0.01, 12);

    server.reset();
    await work("make-b");
    expect(server.requests).toHaveLength(0);
    expect(await store.callStats("make-b")).toMatchObject({ calls: 0 });
    const rerun = await readRunAccounting("make-b", store, []);
    expect(rerun).toMatchObject({
      calls: 4,
      cachedCalls: 4,
      elapsedMs: paid?.elapsedMs,
      idleExcludedMs: paid?.idleExcludedMs,
    });
    expect(rerun?.elapsedMs).toBeGreaterThan(15);
    expect(rerun?.costUsd).toBeCloseTo(0.01, 12);
    expect(rerun?.cachedCostUsd).toBeCloseTo(0.01, 12);
    const used = await store.callsUsedBy("make-b");
    expect(used).toHaveLength(6);
    expect(used.every((call) => call.cached && call.paidByRunId === "make-a")).toBe(true);
    const row = await efficiencyOf(rerun as RunAccounting);
    expect(row.display).toBe((await efficiencyOf(paid as RunAccounting)).display);
    expect(row.display).toMatch(/^\$0\.0050\/item, /);
    expect(row.notes).toContain("4 served from the cache (paid for by another run: $0.0100)");

    // make-b resumed: its earlier hits are not counted again; the one new prompt is its own call.
    server.reset();
    await work("make-b", ["p4"]);
    expect(server.requests).toHaveLength(1);
    const resumed = await readRunAccounting("make-b", store, []);
    expect(resumed).toMatchObject({ calls: 5, cachedCalls: 4 });
    expect(resumed?.costUsd).toBeCloseTo(0.012, 12);
    server.reset();
    await work("make-b", ["p4"]);
    expect(server.requests).toHaveLength(0);
    expect(await readRunAccounting("make-b", store, [])).toEqual(resumed);
    // The paying run's own accounting did not change.
    expect(await readRunAccounting("make-a", store, [])).toEqual(paid);
  });

  it("notes a run that is not in the store", async () => {
    const notes: string[] = [];
    expect(await readRunAccounting("make-nope", store, notes)).toBeUndefined();
    expect(notes).toEqual(["run make-nope is not in the store; efficiency needs it"]);
  });
});
