import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import {
  type PostgresTestServer,
  postgresTestSetup,
  startPostgresServer,
} from "../../../test/helpers/postgres-server.js";
import { UserInputError } from "../../core/errors.js";
import type { GenerateResult } from "../../core/language-model.js";
import type { RunStore } from "../../core/store-spec.js";
import { openStore } from "../../store/open-store.js";
import { openSqliteStore } from "../../store/sqlite-store.js";
import { runStoreMigrate } from "./store.js";

let output: string[] = [];
beforeEach(() => {
  output = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    output.push(String(chunk));
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

/** A SQLite store with a bit of everything: two runs, items, state, evaluations and cached calls. */
async function fillSqlite(path: string): Promise<{ make: string; evalRun: string }> {
  const store = openSqliteStore(path);
  const make = await store.createRun({ id: "make-1", kind: "make", spec: { seed: 7 } });
  await store.putItem({
    runId: make.id,
    slot: 0,
    attempt: 0,
    status: "rejected",
    item: { q: "a" },
    reason: "easy",
  });
  await store.putItem({
    runId: make.id,
    slot: 0,
    attempt: 1,
    status: "accepted",
    item: { q: "b" },
    reason: undefined,
  });
  await store.putState(make.id, "phase", { name: "generate", round: 2 });
  await store.updateRun(make.id, { status: "completed", summary: { accepted: 1 } });
  const evalRun = await store.createRun({ kind: "eval", spec: { models: ["m:a", "m:b"] } });
  await store.putEvaluations(
    ["q2", "q1", "q3"].map((itemId, index) => ({
      runId: evalRun.id,
      modelRef: "m:a",
      itemId,
      response: `answer ${index}\u0001`,
      extracted: index === 2 ? undefined : "B",
      correct: index === 0,
      score: index === 0 ? 1 : 0.25,
      details: index === 1 ? { judge: "yes" } : undefined,
    })),
  );
  const response: GenerateResult = {
    text: "B",
    toolCalls: [],
    finishReason: "stop",
    usage: { inputTokens: 12, outputTokens: 3 },
    warnings: [],
  };
  await store.set({
    cacheKey: "k1",
    runId: evalRun.id,
    provider: "openai",
    modelId: "gpt",
    request: { n: 1 },
    response,
    latencyMs: 5.5,
    costUsd: 0.002,
    createdAt: "2026-01-01T00:00:00.000Z",
  });
  await store.set({
    cacheKey: "k2",
    runId: undefined,
    provider: "openai",
    modelId: "gpt",
    request: { n: 2 },
    response,
    latencyMs: 7,
    costUsd: undefined,
    createdAt: "2026-01-01T00:00:01.000Z",
  });
  // A re-run served k1 from the cache: its accounting must survive the copy.
  await store.recordCacheHits("eval-rerun", ["k1"]);
  await store.close();
  return { make: make.id, evalRun: evalRun.id };
}

/** Everything a reader sees through the contract, for comparing two stores. */
async function snapshot(store: RunStore, runIds: string[]) {
  const runs = await store.listRuns();
  const perRun = await Promise.all(
    runIds.map(async (runId) => ({
      items: await store.listItems(runId),
      phase: await store.getState(runId, "phase", z.unknown()),
      evaluations: await store.listEvaluations(runId),
      calls: await store.callStats(runId),
      used: await store.callsUsedBy(runId),
    })),
  );
  const rerunUsed = await store.callsUsedBy("eval-rerun");
  return { runs, perRun, rerunUsed, cached: [await store.get("k1"), await store.get("k2")] };
}

describe("benchsmith store migrate: flags", () => {
  it("needs --to, an existing --from and a postgres:// target", async () => {
    const directory = mkdtempSync(join(tmpdir(), "benchsmith-migrate-"));
    try {
      const source = join(directory, "store.sqlite");
      await fillSqlite(source);
      for (const [flags, message] of [
        [{ from: source }, /--to is required/],
        [{ from: join(directory, "missing.sqlite"), to: "postgres://h/d" }, /no SQLite store at/],
        [{ from: source, to: "mysql://u:pw123@h/d" }, /is not a postgres:\/\/ URL/],
      ] as const) {
        const error = await runStoreMigrate(flags).catch((caught: unknown) => caught);
        expect(UserInputError.isInstance(error)).toBe(true);
        expect((error as Error).message).toMatch(message);
        expect((error as Error).message).not.toContain("pw123");
      }
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

const setup = postgresTestSetup();
if (setup.kind === "skip") {
  console.warn(`store migrate (SQLite -> PostgreSQL) SKIPPED: ${setup.reason}`);
  describe("benchsmith store migrate", () => {
    it.skip(`skipped: ${setup.reason}`, () => {});
  });
} else {
  describe("benchsmith store migrate", () => {
    let server: PostgresTestServer;
    let directory: string;
    beforeAll(async () => {
      server = await startPostgresServer(setup);
      directory = mkdtempSync(join(tmpdir(), "benchsmith-migrate-"));
    });
    afterAll(async () => {
      await server?.stop();
      rmSync(directory, { recursive: true, force: true });
    });

    it("copies every run, item, state, evaluation and cached call exactly, and nothing twice", async () => {
      const source = join(directory, "full.sqlite");
      const { make, evalRun } = await fillSqlite(source);
      const target = await server.createDatabase();

      const first = await runStoreMigrate({ from: source, to: target });
      expect(first.map(({ table, read, copied }) => [table, read, copied])).toEqual([
        ["runs", 2, 2],
        ["run_state", 1, 1],
        ["items", 2, 2],
        ["evaluations", 3, 3],
        ["llm_calls", 2, 2],
        ["llm_cache_hits", 1, 1],
      ]);
      const printed = output.join("");
      expect(printed).toMatch(/cached calls\s+2\s+0\s+2/);
      expect(printed).toMatch(/cache hits\s+1\s+0\s+1/);
      expect(printed).toContain("copied 11 rows from");
      expect(printed).not.toContain(new URL(target).password);

      const sqlite = openSqliteStore(source);
      const postgres = await openStore(target);
      try {
        const expected = await snapshot(sqlite, [make, evalRun]);
        expect(expected.perRun[1]?.evaluations.map((record) => record.itemId)).toEqual(["q2", "q1", "q3"]);
        expect(expected.rerunUsed.map((call) => [call.cacheKey, call.cached])).toEqual([["k1", true]]);
        expect(await snapshot(postgres, [make, evalRun])).toEqual(expected);
      } finally {
        await sqlite.close();
        await postgres.close();
      }

      const second = await runStoreMigrate({ from: source, to: target });
      expect(second.map((count) => count.copied)).toEqual([0, 0, 0, 0, 0, 0]);
      expect(output.join("")).toContain("copied 0 rows from");
    });

    it("catches up on work done in SQLite since, and never rolls back newer PostgreSQL rows", async () => {
      const source = join(directory, "later.sqlite");
      const { make, evalRun } = await fillSqlite(source);
      const target = await server.createDatabase();
      await runStoreMigrate({ from: source, to: target });

      const sqlite = openSqliteStore(source);
      await sqlite.putItem({
        runId: make,
        slot: 1,
        attempt: 0,
        status: "accepted",
        item: { q: "c" },
        reason: undefined,
      });
      await sqlite.updateRun(make, { summary: { accepted: 2 } });
      await sqlite.close();
      const postgres = await openStore(target);
      await postgres.updateRun(evalRun, { status: "failed" });
      await postgres.close();

      const again = await runStoreMigrate({ from: source, to: target });
      expect(again.map(({ table, copied }) => [table, copied])).toEqual([
        ["runs", 1],
        ["run_state", 0],
        ["items", 1],
        ["evaluations", 0],
        ["llm_calls", 0],
        ["llm_cache_hits", 0],
      ]);
      const reader = await openStore(target);
      try {
        expect((await reader.getRun(make))?.summary).toEqual({ accepted: 2 });
        expect((await reader.listItems(make)).map((item) => item.item.q)).toEqual(["a", "b", "c"]);
        expect((await reader.getRun(evalRun))?.status).toBe("failed");
      } finally {
        await reader.close();
      }
    });
  });
}
