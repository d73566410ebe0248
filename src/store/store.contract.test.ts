import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  type PostgresTestServer,
  postgresTestSetup,
  startPostgresServer,
} from "../../test/helpers/postgres-server.js";
import { StoredDataError, UserInputError } from "../core/errors.js";
import type { GenerateResult } from "../core/language-model.js";
import type { EvaluationRecord, LlmCallRecord, RunStore } from "../core/store-spec.js";
import { openStore } from "./open-store.js";
import { openSqliteStore } from "./sqlite-store.js";

/** A store backend under test: where a fresh store lives, and how to open (or reopen) it. */
interface StoreBackend {
  name: string;
  /** Why the backend cannot run on this machine; its suite is then skipped, naming the reason. */
  skipReason?: string | undefined;
  /** Before the first test (start a server), and after the last. */
  setup?(): Promise<void>;
  teardown?(): Promise<void>;
  /** A location no other test uses (a temp file, a fresh schema). */
  newLocation(directory: string): Promise<string>;
  /** Async so a networked backend (PostgreSQL) can connect before it is used. */
  open(location: string): Promise<RunStore>;
}

/** The real PostgreSQL backend on a throwaway cluster (or BENCHSMITH_TEST_POSTGRES_URL), one schema per test. */
function postgresBackend(): StoreBackend {
  const setup = postgresTestSetup();
  let server: PostgresTestServer | undefined;
  return {
    name:
      setup.kind === "external" ? "postgres (BENCHSMITH_TEST_POSTGRES_URL)" : "postgres (throwaway cluster)",
    skipReason: setup.kind === "skip" ? setup.reason : undefined,
    async setup() {
      server = await startPostgresServer(setup);
    },
    teardown: async () => server?.stop(),
    newLocation: async () => {
      if (server === undefined) throw new Error("the PostgreSQL test server did not start");
      return server.createSchema();
    },
    // Through openStore, so the URL dispatch is covered too.
    open: (location) => openStore(location),
  };
}

const BACKENDS: readonly StoreBackend[] = [
  {
    name: "sqlite (temp file)",
    newLocation: async (directory) => join(directory, "nested", "store.sqlite"),
    open: async (location) => openSqliteStore(location),
  },
  postgresBackend(),
];

const sampleResult: GenerateResult = {
  text: 'The answer is "B".\nSecond line — ünïcode',
  toolCalls: [{ id: "call_1", name: "lookup", arguments: { query: "x", limit: 3, nested: { ok: true } } }],
  finishReason: "tool-calls",
  usage: { inputTokens: 123, outputTokens: 45 },
  warnings: ["seed ignored"],
  costUsd: 0.00042,
  latencyMs: 812,
};

function callRecord(overrides: Partial<LlmCallRecord> & { cacheKey: string }): LlmCallRecord {
  return {
    runId: undefined,
    provider: "openai",
    modelId: "gpt-4o-mini",
    request: { messages: [{ role: "user", content: "hi" }], temperature: 0 },
    response: { ...sampleResult },
    latencyMs: 100,
    costUsd: undefined,
    createdAt: "2026-01-01T00:00:00.000Z",
    ...overrides,
  };
}

function evaluation(
  runId: string,
  itemId: string,
  overrides: Partial<EvaluationRecord> = {},
): EvaluationRecord {
  return {
    runId,
    modelRef: "m:a",
    itemId,
    response: `answer to ${itemId}`,
    extracted: "A",
    correct: true,
    score: 1,
    details: undefined,
    ...overrides,
  };
}

/** The error a promise rejects with (fails the test if it resolves). */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => expect.fail(`expected a rejection, got ${JSON.stringify(value)}`),
    (error: unknown) => error,
  );
}

function describeStoreContract(backend: StoreBackend): void {
  if (backend.skipReason !== undefined) {
    const reason = backend.skipReason;
    console.warn(`RunStore contract: ${backend.name} SKIPPED: ${reason}`);
    describe(`RunStore contract: ${backend.name}`, () => {
      it.skip(`skipped: ${reason}`, () => {});
    });
    return;
  }
  describe(`RunStore contract: ${backend.name}`, () => {
    let directory: string;
    let location: string;
    let store: RunStore;
    if (backend.setup !== undefined) beforeAll(() => backend.setup?.());
    if (backend.teardown !== undefined) afterAll(() => backend.teardown?.());
    beforeEach(async () => {
      directory = mkdtempSync(join(tmpdir(), "benchsmith-store-"));
      location = await backend.newLocation(directory);
      store = await backend.open(location);
    });
    afterEach(async () => {
      await store.close();
      rmSync(directory, { recursive: true, force: true });
    });

    it("creates, reads, lists and updates runs", async () => {
      const first = await store.createRun({
        kind: "make",
        spec: { seed: 7, models: ["openai:gpt-4o-mini"] },
      });
      expect(first.id).toMatch(/^make-\d{8}-\d{6}-[0-9a-f]{4}$/);
      expect(first.status).toBe("running");
      expect(first.summary).toBeUndefined();
      const second = await store.createRun({ id: "my-eval.1", kind: "eval", spec: {} });
      expect(second.id).toBe("my-eval.1");
      const third = await store.createRun({ kind: "make", spec: { seed: 8 } });

      expect((await store.getRun(first.id))?.spec).toEqual({ seed: 7, models: ["openai:gpt-4o-mini"] });
      expect(await store.getRun("no-such-run")).toBeUndefined();
      expect((await store.listRuns()).map((run) => run.id)).toEqual([third.id, second.id, first.id]);
      expect((await store.listRuns({ kind: "make" })).map((run) => run.id)).toEqual([third.id, first.id]);
      expect((await store.listRuns({ limit: 1 })).map((run) => run.id)).toEqual([third.id]);

      const updated = await store.updateRun(first.id, { status: "completed", summary: { accepted: 3 } });
      expect(updated.status).toBe("completed");
      expect(updated.summary).toEqual({ accepted: 3 });
      // A status-only patch keeps the summary.
      expect((await store.updateRun(first.id, { status: "stopped" })).summary).toEqual({ accepted: 3 });
      await expect(store.updateRun("no-such-run", { status: "failed" })).rejects.toThrow(UserInputError);
    });

    it("lets exactly one of two handles create a run id both ask for at once", async () => {
      const other = await backend.open(location);
      try {
        const results = await Promise.allSettled([
          store.createRun({ id: "contended", kind: "make", spec: { by: "first" } }),
          other.createRun({ id: "contended", kind: "make", spec: { by: "second" } }),
        ]);
        const created = results.filter((result) => result.status === "fulfilled");
        const refused = results.filter((result) => result.status === "rejected");
        expect(created).toHaveLength(1);
        expect(refused).toHaveLength(1);
        expect(UserInputError.isInstance((refused[0] as PromiseRejectedResult).reason)).toBe(true);
        const winner = (created[0] as PromiseFulfilledResult<{ spec: Record<string, unknown> }>).value;
        expect((await other.getRun("contended"))?.spec).toEqual(winner.spec);
      } finally {
        await other.close();
      }
    });

    it("keeps every one of many concurrent writes", async () => {
      const run = await store.createRun({ kind: "eval", spec: {} });
      await Promise.all([
        ...Array.from({ length: 40 }, (_, slot) =>
          store.putItem({
            runId: run.id,
            slot,
            attempt: 0,
            status: "accepted",
            item: { slot },
            reason: undefined,
          }),
        ),
        ...Array.from({ length: 40 }, (_, index) =>
          store.set(callRecord({ cacheKey: `concurrent-${index}`, runId: run.id, costUsd: 0.5 })),
        ),
        ...Array.from({ length: 10 }, (_, batch) =>
          store.putEvaluations([evaluation(run.id, `b${batch}-0`), evaluation(run.id, `b${batch}-1`)]),
        ),
      ]);
      const items = await store.listItems(run.id);
      expect(items.map((item) => item.item.slot)).toEqual(Array.from({ length: 40 }, (_, slot) => slot));
      expect(await store.callStats(run.id)).toMatchObject({ calls: 40, costUsd: 20 });
      expect(await store.listEvaluations(run.id)).toHaveLength(20);
    });

    it("keeps the last of two evaluations for one (model, item), listed where the last was put", async () => {
      const run = await store.createRun({ kind: "eval", spec: {} });
      await store.putEvaluations([
        evaluation(run.id, "q1"),
        evaluation(run.id, "q2"),
        evaluation(run.id, "q1", { response: "second try", correct: false, score: 0 }),
      ]);
      const stored = await store.listEvaluations(run.id);
      expect(stored.map((record) => [record.itemId, record.response, record.correct])).toEqual([
        ["q2", "answer to q2", true],
        ["q1", "second try", false],
      ]);
    });

    it("refuses a duplicate or unsafe caller-given run id", async () => {
      await store.createRun({ id: "fixed", kind: "make", spec: {} });
      await expect(store.createRun({ id: "fixed", kind: "make", spec: {} })).rejects.toThrow(UserInputError);
      await expect(store.createRun({ id: "../escape", kind: "make", spec: {} })).rejects.toThrow(
        UserInputError,
      );
      expect((await store.listRuns()).map((run) => run.id)).toEqual(["fixed"]);
    });

    it("counts a run's accepted and rejected items and its evaluations, and nothing of another run", async () => {
      const run = await store.createRun({ kind: "make", spec: {} });
      const other = await store.createRun({ kind: "make", spec: {} });
      expect(await store.countRunRows(run.id)).toEqual({ accepted: 0, rejected: 0, evaluations: 0 });
      for (const [slot, attempt, status] of [
        [0, 0, "rejected"],
        [0, 1, "accepted"],
        [1, 0, "accepted"],
        [2, 0, "rejected"],
        [2, 1, "rejected"],
      ] as const)
        await store.putItem({ runId: run.id, slot, attempt, status, item: { slot }, reason: undefined });
      await store.putItem({
        runId: other.id,
        slot: 0,
        attempt: 0,
        status: "accepted",
        item: {},
        reason: undefined,
      });
      await store.putEvaluations(
        ["q1", "q2", "q3"].map((itemId) => ({
          runId: run.id,
          modelRef: "m:a",
          itemId,
          response: "A",
          extracted: "A",
          correct: true,
          score: 1,
          details: undefined,
        })),
      );
      expect(await store.countRunRows(run.id)).toEqual({ accepted: 2, rejected: 3, evaluations: 3 });
      expect(await store.countRunRows("no-such-run")).toEqual({ accepted: 0, rejected: 0, evaluations: 0 });
    });

    it("overwrites an item re-put at the same slot and attempt, and keeps other attempts", async () => {
      const run = await store.createRun({ kind: "make", spec: {} });
      await store.putItem({
        runId: run.id,
        slot: 1,
        attempt: 0,
        status: "rejected",
        item: { q: "a" },
        reason: "too easy",
      });
      await store.putItem({
        runId: run.id,
        slot: 0,
        attempt: 0,
        status: "accepted",
        item: { q: "first" },
        reason: undefined,
      });
      await store.putItem({
        runId: run.id,
        slot: 0,
        attempt: 0,
        status: "accepted",
        item: { q: "again" },
        reason: undefined,
      });
      await store.putItem({
        runId: run.id,
        slot: 1,
        attempt: 1,
        status: "accepted",
        item: { q: "b" },
        reason: undefined,
      });

      const items = await store.listItems(run.id);
      expect(items.map((item) => [item.slot, item.attempt, item.status, item.item.q])).toEqual([
        [0, 0, "accepted", "again"],
        [1, 0, "rejected", "a"],
        [1, 1, "accepted", "b"],
      ]);
      expect(items[1]?.reason).toBe("too easy");
      expect(items[0]?.reason).toBeUndefined();
      expect(await store.listItems(run.id, { status: "rejected" })).toHaveLength(1);
      expect(await store.listItems(run.id, { status: "accepted" })).toHaveLength(2);
    });

    it("keeps JSON state per run and key, read through a schema", async () => {
      const History = z.array(z.object({ params: z.record(z.string(), z.number()), accuracy: z.number() }));
      const one = await store.createRun({ kind: "tune", spec: {} });
      const two = await store.createRun({ kind: "tune", spec: {} });
      await store.putState(one.id, "history", [{ params: { n: 1 }, accuracy: 0.5 }]);
      await store.putState(one.id, "count", 3);
      await store.putState(one.id, "count", 4);
      expect(await store.getState(one.id, "history", History)).toEqual([{ params: { n: 1 }, accuracy: 0.5 }]);
      expect(await store.getState(one.id, "count", z.number())).toBe(4);
      expect(await store.getState(two.id, "count", z.number())).toBeUndefined();
      // A missing key is undefined even for a schema that would reject undefined.
      expect(await store.getState(one.id, "missing", z.number())).toBeUndefined();
    });

    it("returns the value as the schema parsed it, not the raw stored JSON", async () => {
      const run = await store.createRun({ kind: "tune", spec: {} });
      await store.putState(run.id, "phase", { name: "generate", legacy: true });
      const Phase = z.object({ name: z.string(), round: z.number().default(0) });
      expect(await store.getState(run.id, "phase", Phase)).toEqual({ name: "generate", round: 0 });
      expect(await store.getState(run.id, "phase", z.unknown())).toEqual({ name: "generate", legacy: true });
    });

    it("rejects a stored value the schema does not match with a StoredDataError naming the key", async () => {
      const run = await store.createRun({ kind: "tune", spec: {} });
      await store.putState(run.id, "history", [{ params: { n: 1 }, accuracy: "high" }]);
      const History = z.array(z.object({ accuracy: z.number() }));
      const error = await rejectionOf(store.getState(run.id, "history", History));
      expect(StoredDataError.isInstance(error)).toBe(true);
      const stored = error as StoredDataError;
      expect(stored.what).toContain('"history"');
      expect(stored.what).toContain(run.id);
      expect(stored.message).toContain('"history"');
      expect(stored.issues).toHaveLength(1);
      expect(stored.issues[0]).toContain("0.accuracy");
      // The failed read changed nothing: the raw value is still there.
      expect(await store.getState(run.id, "history", z.unknown())).toEqual([
        { params: { n: 1 }, accuracy: "high" },
      ]);
    });

    it("round-trips a cached GenerateResult exactly", async () => {
      expect(await store.get("key-1")).toBeUndefined();
      await store.set(callRecord({ cacheKey: "key-1" }));
      expect(await store.get("key-1")).toEqual(sampleResult);
      await store.set(callRecord({ cacheKey: "key-1", response: { ...sampleResult, text: "newer" } }));
      expect((await store.get("key-1"))?.text).toBe("newer");
    });

    it("stores evaluations", async () => {
      const run = await store.createRun({ kind: "eval", spec: {} });
      const evaluations = [
        {
          runId: run.id,
          modelRef: "m:a",
          itemId: "q1",
          response: "B",
          extracted: "B",
          correct: true,
          score: 1,
          details: { t: 1 },
        },
        {
          runId: run.id,
          modelRef: "m:a",
          itemId: "q2",
          response: "??",
          extracted: undefined,
          correct: false,
          score: 0,
          details: undefined,
        },
      ];
      await store.putEvaluations(evaluations);
      expect(await store.listEvaluations(run.id)).toEqual(evaluations);
    });

    it("commits a batch of evaluations in one transaction: all or nothing", async () => {
      const run = await store.createRun({ kind: "eval", spec: {} });
      const many = Array.from({ length: 200 }, (_, index) => evaluation(run.id, `q${index}`));
      // The last record violates NOT NULL (evaluations.response), after 199 valid ones in the same call.
      const broken = [...many, evaluation(run.id, "q-broken", { response: null as unknown as string })];
      await rejectionOf(store.putEvaluations(broken));
      expect(await store.listEvaluations(run.id)).toEqual([]);
      const reader = await backend.open(location);
      try {
        expect(await reader.listEvaluations(run.id)).toEqual([]);
      } finally {
        await reader.close();
      }
      // The failed batch left no open transaction behind: the next batch commits whole.
      await store.putEvaluations(many);
      const stored = await store.listEvaluations(run.id);
      expect(stored).toHaveLength(200);
      expect(stored.map((record) => record.itemId)).toEqual(many.map((record) => record.itemId));
    });

    it("reads evaluations by key: found, missing and mixed keys, each once, never another run's", async () => {
      const run = await store.createRun({ kind: "eval", spec: {} });
      const other = await store.createRun({ kind: "eval", spec: {} });
      const stored = [
        evaluation(run.id, "q1", { details: { t: 1 } }),
        evaluation(run.id, "q2", { extracted: undefined, correct: false, score: 0 }),
        evaluation(run.id, "q1", { modelRef: "m:b", response: "b's answer" }),
      ];
      await store.putEvaluations([...stored, evaluation(other.id, "q3"), evaluation(other.id, "q1")]);
      const byKey = (records: readonly EvaluationRecord[]) =>
        [...records].sort((a, b) => `${a.modelRef}/${a.itemId}`.localeCompare(`${b.modelRef}/${b.itemId}`));

      expect(await store.getEvaluations(run.id, [])).toEqual([]);
      expect(
        byKey(
          await store.getEvaluations(run.id, [
            { modelRef: "m:b", itemId: "q1" },
            { modelRef: "m:a", itemId: "q2" },
            { modelRef: "m:a", itemId: "q1" },
          ]),
        ),
      ).toEqual(byKey(stored));
      // A model ref and an item id each exist, but not together; another run's key; no such run.
      expect(
        await store.getEvaluations(run.id, [
          { modelRef: "m:b", itemId: "q2" },
          { modelRef: "m:a", itemId: "q3" },
          { modelRef: "m:c", itemId: "q1" },
        ]),
      ).toEqual([]);
      expect(await store.getEvaluations("no-such-run", [{ modelRef: "m:a", itemId: "q1" }])).toEqual([]);
      const mixed = await store.getEvaluations(run.id, [
        { modelRef: "m:a", itemId: "missing" },
        { modelRef: "m:a", itemId: "q2" },
        { modelRef: "m:a", itemId: "q3" },
        { modelRef: "m:a", itemId: "q2" },
      ]);
      expect(mixed).toEqual([stored[1]]);
      // The other run's record under the same key is its own, not this run's.
      expect(await store.getEvaluations(other.id, [{ modelRef: "m:a", itemId: "q1" }])).toEqual([
        evaluation(other.id, "q1"),
      ]);
    });

    it("reads the record last put under a key, by a key with ':' and unicode in both parts", async () => {
      const run = await store.createRun({ kind: "eval", spec: {} });
      const modelRef = "openai-compatible:http://localhost:8080/v1:modèle/日本語-🙂";
      const itemId = "tune:scope:ünïcode/項目:1";
      await store.putEvaluations([
        evaluation(run.id, itemId, { modelRef }),
        evaluation(run.id, `${itemId}:`, { modelRef }),
        evaluation(run.id, itemId, { modelRef: `${modelRef}:` }),
      ]);
      await store.putEvaluations([evaluation(run.id, itemId, { modelRef, response: "re-put", score: 0.5 })]);
      expect(await store.getEvaluations(run.id, [{ modelRef, itemId }])).toEqual([
        evaluation(run.id, itemId, { modelRef, response: "re-put", score: 0.5 }),
      ]);
      // Keys whose parts concatenate to the same text are still different keys.
      const shifted = await store.getEvaluations(run.id, [
        { modelRef: `${modelRef}:tune`, itemId: itemId.slice("tune:".length) },
        { modelRef: modelRef.normalize("NFD"), itemId },
      ]);
      expect(shifted).toEqual([]);
    });

    it("reads 1,200 keys in one call, half of them stored, and sees them from a second handle", async () => {
      const run = await store.createRun({ kind: "eval", spec: {} });
      const keys = Array.from({ length: 1200 }, (_, index) => ({
        modelRef: index % 3 === 0 ? "m:a" : "m:b",
        itemId: `q${index}`,
      }));
      const stored = keys
        .filter((_, index) => index % 2 === 1)
        .map((key) =>
          evaluation(run.id, key.itemId, { modelRef: key.modelRef, score: Number(key.itemId.slice(1)) }),
        );
      await store.putEvaluations(stored);
      const reader = await backend.open(location);
      try {
        for (const handle of [store, reader]) {
          const found = await handle.getEvaluations(run.id, keys);
          expect(found).toHaveLength(600);
          const sortByScore = (records: readonly EvaluationRecord[]) =>
            [...records].sort((a, b) => a.score - b.score);
          expect(sortByScore(found)).toEqual(stored);
        }
      } finally {
        await reader.close();
      }
    });

    it("sums the calls recorded for a run, and reports an unknown cost as unknown", async () => {
      const run = await store.createRun({ kind: "make", spec: {} });
      const other = await store.createRun({ kind: "make", spec: {} });
      expect(await store.callStats(run.id)).toEqual({
        calls: 0,
        inputTokens: 0,
        outputTokens: 0,
        costUsd: 0,
      });
      const usage = (inputTokens: number, outputTokens: number) => ({
        ...sampleResult,
        usage: { inputTokens, outputTokens },
      });
      await store.set(callRecord({ cacheKey: "a", runId: run.id, response: usage(100, 10), costUsd: 0.001 }));
      await store.set(callRecord({ cacheKey: "b", runId: run.id, response: usage(50, 5), costUsd: 0.0025 }));
      await store.set(callRecord({ cacheKey: "c", runId: other.id, response: usage(7, 7), costUsd: 1 }));
      await store.set(callRecord({ cacheKey: "d", runId: undefined, response: usage(9, 9), costUsd: 1 }));
      const stats = await store.callStats(run.id);
      expect(stats).toMatchObject({ calls: 2, inputTokens: 150, outputTokens: 15 });
      expect(stats.costUsd).toBeCloseTo(0.0035, 10);

      await store.set(
        callRecord({ cacheKey: "e", runId: run.id, response: usage(1, 1), costUsd: undefined }),
      );
      expect(await store.callStats(run.id)).toEqual({
        calls: 3,
        inputTokens: 151,
        outputTokens: 16,
        costUsd: undefined,
      });
    });

    it("counts one request for the records of one embedding batch (one record per text)", async () => {
      const run = await store.createRun({ kind: "audit", spec: {} });
      for (const [index, cacheKey] of ["x", "y", "z"].entries()) {
        await store.set(
          callRecord({
            cacheKey,
            runId: run.id,
            request: { kind: "embedding", batch: { id: "b1", index, size: 3 } },
          }),
        );
      }
      await store.set(
        callRecord({
          cacheKey: "w",
          runId: run.id,
          request: { kind: "embedding", batch: { id: "b2", index: 0, size: 1 } },
        }),
      );
      expect((await store.callStats(run.id)).calls).toBe(2);
    });

    it("lists the calls a run used: its own, and those it was served from the cache at their original numbers", async () => {
      const paying = await store.createRun({ id: "paying", kind: "make", spec: {} });
      const rerun = await store.createRun({ id: "rerun", kind: "make", spec: {} });
      const usage = (inputTokens: number, outputTokens: number) => ({
        ...sampleResult,
        usage: { inputTokens, outputTokens },
      });
      await store.set(
        callRecord({
          cacheKey: "k1",
          runId: paying.id,
          response: usage(100, 10),
          latencyMs: 250,
          costUsd: 0.001,
          createdAt: "2026-01-01T00:00:01.000Z",
        }),
      );
      // Two samples of one provider request: one request id.
      for (const [index, cacheKey] of ["s0", "s1"].entries())
        await store.set(
          callRecord({
            cacheKey,
            runId: paying.id,
            request: { sampleIndex: index, batch: { id: "request-1", index, size: 2 } },
            latencyMs: 50,
            createdAt: "2026-01-01T00:00:02.000Z",
          }),
        );
      await store.set(
        callRecord({ cacheKey: "own", runId: rerun.id, costUsd: 0.5, createdAt: "2026-01-01T00:00:09.000Z" }),
      );
      await store.set(callRecord({ cacheKey: "orphan", createdAt: "2026-01-01T00:00:00.000Z" }));

      // "own" is the run's own call (a resume) and "absent" no call at all: neither is recorded as a hit.
      await store.recordCacheHits(rerun.id, ["k1", "s1", "own", "absent", "orphan"]);
      await store.recordCacheHits(rerun.id, ["k1", "s1"]);
      await store.recordCacheHits(rerun.id, []);
      const common = { provider: "openai", modelId: "gpt-4o-mini" };
      expect(await store.callsUsedBy(rerun.id)).toEqual([
        {
          ...common,
          cacheKey: "orphan",
          paidByRunId: undefined,
          cached: true,
          requestId: "orphan",
          inputTokens: 123,
          outputTokens: 45,
          latencyMs: 100,
          costUsd: undefined,
          createdAt: "2026-01-01T00:00:00.000Z",
        },
        {
          ...common,
          cacheKey: "k1",
          paidByRunId: paying.id,
          cached: true,
          requestId: "k1",
          inputTokens: 100,
          outputTokens: 10,
          latencyMs: 250,
          costUsd: 0.001,
          createdAt: "2026-01-01T00:00:01.000Z",
        },
        {
          ...common,
          cacheKey: "s1",
          paidByRunId: paying.id,
          cached: true,
          requestId: "request-1",
          inputTokens: 123,
          outputTokens: 45,
          latencyMs: 50,
          costUsd: undefined,
          createdAt: "2026-01-01T00:00:02.000Z",
        },
        {
          ...common,
          cacheKey: "own",
          paidByRunId: rerun.id,
          cached: false,
          requestId: "own",
          inputTokens: 123,
          outputTokens: 45,
          latencyMs: 100,
          costUsd: 0.5,
          createdAt: "2026-01-01T00:00:09.000Z",
        },
      ]);
      // Hits are not calls the run paid for.
      expect(await store.callStats(rerun.id)).toMatchObject({ calls: 1, costUsd: 0.5 });
      const paidFor = await store.callsUsedBy(paying.id);
      expect(paidFor.map((call) => [call.cacheKey, call.cached, call.requestId])).toEqual([
        ["k1", false, "k1"],
        ["s0", false, "request-1"],
        ["s1", false, "request-1"],
      ]);
      expect(await store.callsUsedBy("no-such-run")).toEqual([]);

      // A later call under the same key replaces the cached row, not what the re-run was served.
      await store.set(
        callRecord({ cacheKey: "k1", runId: "third", costUsd: 9, createdAt: "2026-02-01T00:00:00.000Z" }),
      );
      const k1 = (await store.callsUsedBy(rerun.id)).find((call) => call.cacheKey === "k1");
      expect(k1).toMatchObject({
        paidByRunId: paying.id,
        costUsd: 0.001,
        createdAt: "2026-01-01T00:00:01.000Z",
      });
    });

    it("records hits for a run id it never created (a library caller's), and for many keys at once", async () => {
      const keys = Array.from({ length: 300 }, (_, index) => `key-${String(index).padStart(3, "0")}`);
      for (const cacheKey of keys) await store.set(callRecord({ cacheKey, runId: "first", costUsd: 0.01 }));
      await Promise.all([
        store.recordCacheHits("library-run", keys),
        store.recordCacheHits("library-run", keys),
      ]);
      const used = await store.callsUsedBy("library-run");
      expect(used.map((call) => call.cacheKey)).toEqual(keys);
      expect(used.every((call) => call.cached && call.paidByRunId === "first")).toBe(true);
    });

    it("makes every write visible to a second handle as soon as its promise resolves", async () => {
      // The reader is opened before any write, so it cannot have read them at open time.
      const reader = await backend.open(location);
      try {
        const run = await store.createRun({ kind: "make", spec: { seed: 1 } });
        expect((await reader.getRun(run.id))?.spec).toEqual({ seed: 1 });

        await store.updateRun(run.id, { status: "stopped", summary: { accepted: 0 } });
        expect(await reader.getRun(run.id)).toMatchObject({ status: "stopped", summary: { accepted: 0 } });

        await store.putItem({
          runId: run.id,
          slot: 0,
          attempt: 0,
          status: "accepted",
          item: { q: 1 },
          reason: undefined,
        });
        expect((await reader.listItems(run.id)).map((item) => item.item)).toEqual([{ q: 1 }]);

        await store.putState(run.id, "phase", "generate");
        expect(await reader.getState(run.id, "phase", z.string())).toBe("generate");
        await store.putState(run.id, "phase", "audit");
        expect(await reader.getState(run.id, "phase", z.string())).toBe("audit");

        await store.set(callRecord({ cacheKey: "live", runId: run.id, costUsd: 0.25 }));
        expect(await reader.get("live")).toEqual(sampleResult);
        expect(await reader.callStats(run.id)).toMatchObject({ calls: 1, costUsd: 0.25 });
        await store.recordCacheHits("other-run", ["live"]);
        expect((await reader.callsUsedBy("other-run")).map((call) => call.paidByRunId)).toEqual([run.id]);

        await store.putEvaluations([evaluation(run.id, "q1"), evaluation(run.id, "q2")]);
        expect((await reader.listEvaluations(run.id)).map((record) => record.itemId)).toEqual(["q1", "q2"]);
      } finally {
        await reader.close();
      }
    });

    it("close() resolves, and closing again is harmless", async () => {
      await store.createRun({ id: "kept", kind: "make", spec: {} });
      await expect(store.close()).resolves.toBeUndefined();
      await expect(store.close()).resolves.toBeUndefined();
      store = await backend.open(location);
      expect((await store.getRun("kept"))?.kind).toBe("make");
    });

    it("finds everything again after closing and reopening", async () => {
      const run = await store.createRun({ kind: "make", spec: { seed: 3 } });
      await store.putItem({
        runId: run.id,
        slot: 0,
        attempt: 0,
        status: "accepted",
        item: { q: "x" },
        reason: undefined,
      });
      await store.putState(run.id, "phase", "generate");
      await store.set(callRecord({ cacheKey: "k", runId: run.id, costUsd: 0.5 }));
      await store.recordCacheHits("rerun", ["k"]);
      await store.putEvaluations([
        {
          runId: run.id,
          modelRef: "m:a",
          itemId: "q1",
          response: "A",
          extracted: "A",
          correct: false,
          score: 0,
          details: undefined,
        },
      ]);
      await store.updateRun(run.id, { status: "stopped", summary: { accepted: 1 } });
      await store.close();

      store = await backend.open(location);
      expect(await store.getRun(run.id)).toMatchObject({
        status: "stopped",
        summary: { accepted: 1 },
        spec: { seed: 3 },
      });
      expect((await store.listItems(run.id)).map((item) => item.item)).toEqual([{ q: "x" }]);
      expect(await store.getState(run.id, "phase", z.string())).toBe("generate");
      expect(await store.get("k")).toEqual(sampleResult);
      expect(await store.listEvaluations(run.id)).toHaveLength(1);
      expect(await store.callStats(run.id)).toMatchObject({ calls: 1, costUsd: 0.5 });
      expect(await store.callsUsedBy("rerun")).toMatchObject([{ cacheKey: "k", cached: true, costUsd: 0.5 }]);
    });
  });
}

for (const backend of BACKENDS) describeStoreContract(backend);
