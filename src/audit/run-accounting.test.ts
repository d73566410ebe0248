import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRng } from "../core/rng.js";
import type { LlmCallRecord } from "../core/store-spec.js";
import { CRITERIA } from "../metrics/index.js";
import type { RunAccounting } from "../metrics/types.js";
import { openSqliteStore, type SqliteRunStore } from "../store/sqlite-store.js";
import { accountUsedCalls, readRunAccounting, type UsedCall } from "./run-accounting.js";

/** A row of the proposed query as SQLite returns it (0/1 flag, NULL cost). */
type StoredUse = Omit<UsedCall, "cached" | "costUsd"> & { cached: number; costUsd: number | null };

const t0 = Date.parse("2025-03-01T12:00:00Z");
const at = (seconds: number) => new Date(t0 + seconds * 1000).toISOString();
const efficiencyOf = (run: RunAccounting) => CRITERIA.efficiency.compute({ run, rng: createRng(1) });

const used: UsedCall[] = [
  { cacheKey: "a", cached: false, latencyMs: 60_000, costUsd: 0.01, createdAt: at(60) }, // 0-60 s
  { cacheKey: "b", cached: false, latencyMs: 30_000, costUsd: 0.02, createdAt: at(120) }, // 90-120 s
  // paid for by yesterday's run, served from the cache today: counted at its original cost and latency
  { cacheKey: "c", cached: true, latencyMs: 90_000, costUsd: 0.03, createdAt: at(-86_400) },
  // the same response used twice is one call
  { cacheKey: "a", cached: false, latencyMs: 60_000, costUsd: 0.01, createdAt: at(60) },
];

describe("efficiency from the calls a run used", () => {
  it("counts cache hits at their original cost and latency and leaves out the idle day", async () => {
    const accounting = accountUsedCalls({ runId: "make-1", items: 2, calls: used });
    // spans: yesterday 90 s, today 0-120 s (the 30 s between the calls is work): 210 s active
    expect(accounting).toMatchObject({ calls: 3, cachedCalls: 1, unpricedCalls: 0, elapsedMs: 210_000 });
    expect(accounting.costUsd).toBeCloseTo(0.06, 12);
    expect(accounting.idleExcludedMs).toBe(86_400_000);
    const row = await efficiencyOf(accounting);
    // $0.06 / 2 items; 3.5 min / 2 items
    expect(row.value).toBeCloseTo(0.03, 12);
    expect(row.display).toBe("$0.0300/item, 1.75 min/item");
    expect(row.notes).toContain(
      "3 LLM calls (1 served from the cache, at their original cost and latency) for 2 items",
    );
    expect(row.notes).toContain("gaps over 5 min with no call in flight excluded");
  });

  it("an unpriced call makes the cost n/a, never a smaller number", async () => {
    const calls = used.map((call) => (call.cacheKey === "b" ? { ...call, costUsd: undefined } : call));
    const row = await efficiencyOf(accountUsedCalls({ runId: "make-1", items: 2, calls }));
    expect(row.value).toBeUndefined();
    expect(row.display).toBe("n/a — no price for 1 of 3 calls; 1.75 min/item");
  });

  it("a run without any call says n/a, not $0", async () => {
    const row = await efficiencyOf(accountUsedCalls({ runId: "make-2", items: 5, calls: [] }));
    expect(row.value).toBeUndefined();
    expect(row.display).toBe("n/a — run make-2 recorded no LLM calls");
  });
});

describe("readRunAccounting against the SQLite store", () => {
  let directory: string;
  let store: SqliteRunStore;
  const path = () => join(directory, "store.sqlite");
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), "benchsmith-accounting-"));
    store = openSqliteStore(path());
  });
  afterEach(async () => {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const call = (cacheKey: string, runId: string, seconds: number, costUsd: number): LlmCallRecord => ({
    cacheKey,
    runId,
    provider: "mock",
    modelId: "gen",
    request: {},
    response: {
      text: "x",
      toolCalls: [],
      finishReason: "stop",
      usage: { inputTokens: 5, outputTokens: 1 },
      warnings: [],
    },
    latencyMs: 10_000,
    costUsd,
    createdAt: at(seconds),
  });

  async function runWithItems(id: string, items: number): Promise<void> {
    await store.createRun({ id, kind: "make", spec: {} });
    for (let slot = 0; slot < items; slot++)
      await store.putItem({
        runId: id,
        slot,
        attempt: 0,
        status: "accepted",
        item: { id: `${id}-${slot}` },
        reason: undefined,
      });
  }

  it("without a call-usage query: the run's own calls, and n/a for a run served wholly from the cache", async () => {
    await runWithItems("make-a", 2);
    await runWithItems("make-b", 2);
    await store.set(call("k1", "make-a", 10, 0.004));
    await store.set(call("k2", "make-a", 20, 0.006));
    const notes: string[] = [];
    const paid = await readRunAccounting("make-a", store, notes);
    expect(paid).toMatchObject({ calls: 2, items: 2, source: "own-calls" });
    expect(paid?.costUsd).toBeCloseTo(0.01, 12);
    const rerun = await efficiencyOf((await readRunAccounting("make-b", store, notes)) as RunAccounting);
    expect(rerun.display).toBe(
      "n/a — run make-b recorded no LLM calls of its own (cache hits cannot be attributed by this store)",
    );
    expect(await readRunAccounting("make-nope", store, notes)).toBeUndefined();
    expect(notes).toEqual(["run make-nope is not in the store; efficiency needs it"]);
  });

  it("with the proposed cache-hit log: a re-run is accounted with the calls it reused", async () => {
    await runWithItems("make-a", 2);
    await runWithItems("make-b", 2);
    await store.set(call("k1", "make-a", 10, 0.004));
    await store.set(call("k2", "make-a", 20, 0.006));
    await store.set(call("k3", "make-b", 4000, 0.002));
    // The contract addition this query stands in for (see the audit helper's report to the lead).
    const database = new Database(path());
    database.exec(
      "CREATE TABLE llm_cache_hits (run_id TEXT NOT NULL, cache_key TEXT NOT NULL, hit_at TEXT NOT NULL, PRIMARY KEY (run_id, cache_key))",
    );
    const hit = database.prepare("INSERT OR IGNORE INTO llm_cache_hits VALUES (?, ?, ?)");
    hit.run("make-b", "k1", at(3990));
    hit.run("make-b", "k2", at(3991));
    hit.run("make-b", "k3", at(4500)); // its own call, reused: already counted once
    const usedBy = database.prepare(`
      SELECT cache_key AS cacheKey, 0 AS cached, latency_ms AS latencyMs, cost_usd AS costUsd, created_at AS createdAt
        FROM llm_calls WHERE run_id = @runId
      UNION ALL
      SELECT c.cache_key, 1, c.latency_ms, c.cost_usd, c.created_at
        FROM llm_cache_hits h JOIN llm_calls c ON c.cache_key = h.cache_key
        WHERE h.run_id = @runId AND c.run_id IS NOT @runId`);
    const withUsage = Object.assign(store, {
      callsUsedBy: async (runId: string): Promise<UsedCall[]> =>
        (usedBy.all({ runId }) as StoredUse[]).map((row) => ({
          ...row,
          cached: row.cached === 1,
          costUsd: row.costUsd ?? undefined,
        })),
    });
    const accounting = await readRunAccounting("make-b", withUsage, []);
    database.close();
    // k1, k2 from make-a's session (0-20 s) and k3 from make-b's (3990-4000 s): 20 + 10 s active
    expect(accounting).toMatchObject({ calls: 3, cachedCalls: 2, elapsedMs: 30_000, source: "calls-used" });
    expect(accounting?.costUsd).toBeCloseTo(0.012, 12);
    const row = await efficiencyOf(accounting as RunAccounting);
    expect(row.display).toBe("$0.0060/item, 0.25 min/item");
  });
});
