import { describe, expect, it } from "vitest";
import { useRedisClients } from "../../test/helpers/redis-clients.js";
import { redisTestSetup } from "../../test/helpers/redis-server.js";
import { BudgetExceededError, ProviderCallError, UnavailableError } from "../core/errors.js";
import { type BudgetTracker, budgetMiddleware } from "../llm/middleware/budget.js";
import { MockLanguageModel } from "../testing/mock-language-model.js";
import {
  createSharedBudgetTracker,
  publishRunBudget,
  readSharedSpent,
  sharedBudgetKey,
} from "./shared-budget.js";

const setup = redisTestSetup();
const request = { messages: [{ role: "user" as const, content: "hi" }] };
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** The error a begin() that must be refused rejects with. */
async function refusalOf(tracker: BudgetTracker | undefined): Promise<unknown> {
  if (tracker === undefined) throw new Error("no tracker");
  try {
    await tracker.begin();
  } catch (error) {
    return error;
  }
  throw new Error("begin() was not refused");
}

if (setup.kind === "skip") {
  describe("the shared run budget", () => {
    it.skip(`skipped: ${setup.reason}`, () => {});
  });
} else {
  describe("the shared run budget in Redis", () => {
    const redis = useRedisClients(setup);
    const { client } = redis;
    let runCounter = 0;
    /** A fresh run id per test: the tests share one server. */
    const newRun = () => `run-${++runCounter}`;

    it("lets exactly maxCalls of 200 racing calls through, across three connections", async () => {
      const runId = newRun();
      await publishRunBudget(client(), runId, { maxCalls: 50 });
      const trackers = redis.clients.map((each) => createSharedBudgetTracker(each, runId));
      const outcomes = await Promise.allSettled(
        Array.from({ length: 200 }, async (_, index) => {
          const tracker = trackers[index % trackers.length];
          if (tracker === undefined) throw new Error("no tracker");
          const claim = await tracker.begin();
          await claim.finish({ costUsd: 0.001 });
        }),
      );
      const refused = outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [outcome.reason] : []));
      expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(50);
      expect(refused).toHaveLength(150);
      expect(refused.every((error) => BudgetExceededError.isInstance(error) && error.limit === "calls")).toBe(
        true,
      );
      expect(String(refused[0])).toContain("the call budget is spent (50 calls)");
      // 50 x 1000 micro-dollars: an exact integer sum, no float drift.
      expect(await readSharedSpent(client(), runId)).toEqual({
        calls: 50,
        costUsd: 0.05,
        unknownCostCalls: 0,
      });
      expect(trackers[0]?.limits).toEqual({ maxCalls: 50 });
    });

    it("stops once the known cost reaches maxCostUsd, whichever process spent it", async () => {
      const runId = newRun();
      await publishRunBudget(client(), runId, { maxCostUsd: 1 });
      const trackers = redis.clients.map((each) => createSharedBudgetTracker(each, runId));
      // Spent before each call: 0, 0.4, 0.8 (< 1, allowed); 1.2 after the third, so the fourth is refused.
      for (const tracker of trackers) await (await tracker.begin()).finish({ costUsd: 0.4 });
      const error = await refusalOf(trackers[0]);
      expect(BudgetExceededError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ limit: "cost", message: "the cost budget is spent ($1.2000 of $1)" });
      expect(await readSharedSpent(client(), runId)).toEqual({ calls: 3, costUsd: 1.2, unknownCostCalls: 0 });
      expect(trackers[0]?.spent).toEqual({ calls: 3, costUsd: 1.2, unknownCostCalls: 0 });
    });

    it("counts calls of unknown cost apart; cached results and cancelled claims are free and free their call", async () => {
      const runId = newRun();
      await publishRunBudget(client(), runId, { maxCalls: 2, maxCostUsd: 5 });
      const tracker = createSharedBudgetTracker(client(), runId);
      const cached = await tracker.begin();
      const cancelled = await tracker.begin();
      // Both claims are live: the call budget is held.
      await expect(tracker.begin()).rejects.toMatchObject({ limit: "calls" });
      await cached.finish({ cached: true, costUsd: 3 });
      await cancelled.cancel();
      expect(await readSharedSpent(client(), runId)).toEqual({ calls: 0, costUsd: 0, unknownCostCalls: 0 });
      const unknown = await tracker.begin();
      await unknown.finish({});
      // A claim settles once: a second finish charges nothing more.
      await unknown.finish({ costUsd: 1 });
      await (await tracker.begin()).finish({ costUsd: 0.25 });
      await expect(tracker.begin()).rejects.toMatchObject({ limit: "calls" });
      expect(await readSharedSpent(client(), runId)).toEqual({
        calls: 2,
        costUsd: 0.25,
        unknownCostCalls: 1,
      });
      expect(tracker.limits).toEqual({ maxCalls: 2, maxCostUsd: 5 });
    });

    it("drops a claim whose lease ended (its process was killed) before counting", async () => {
      const runId = newRun();
      await publishRunBudget(client(), runId, { maxCalls: 1 });
      let clock = 1_000_000;
      const now = () => clock;
      const killed = createSharedBudgetTracker(client(0), runId, { claimLeaseMs: 1000, now });
      const survivor = createSharedBudgetTracker(client(1), runId, { claimLeaseMs: 1000, now });
      const abandoned = await killed.begin(); // never settled: its worker died
      clock += 999;
      await expect(survivor.begin()).rejects.toMatchObject({ limit: "calls" });
      clock += 1;
      const claim = await survivor.begin();
      await claim.finish({ costUsd: 0.1 });
      expect(await client().zcard(`${sharedBudgetKey(runId)}:claims`)).toBe(0);
      // A call that outlived its lease was still billed: its late charge counts.
      await abandoned.finish({ costUsd: 0.1 });
      expect(await readSharedSpent(client(), runId)).toEqual({ calls: 2, costUsd: 0.2, unknownCostCalls: 0 });
    });

    it("without a published budget every call is allowed and nothing is kept", async () => {
      const runId = newRun();
      const tracker = createSharedBudgetTracker(client(), runId);
      for (let call = 0; call < 20; call++) await (await tracker.begin()).finish({ costUsd: 1 });
      expect(tracker.limits).toEqual({});
      expect(await readSharedSpent(client(), runId)).toBeUndefined();
      expect(await client().exists(sharedBudgetKey(runId), `${sharedBudgetKey(runId)}:claims`)).toBe(0);
    });

    it("a run with limits whose budget Redis lost waits for it to be published again, or fails clearly", async () => {
      const runId = newRun();
      const expected = { budgetExpected: async () => true, missingWaitMs: 5000 };
      const tracker = createSharedBudgetTracker(client(1), runId, expected);
      const started = performance.now();
      const waiting = tracker.begin();
      setTimeout(() => void publishRunBudget(client(), runId, { maxCalls: 1 }), 400);
      const claim = await waiting;
      // Not granted unchecked: only once the budget was back, and counted against it.
      expect(performance.now() - started).toBeGreaterThanOrEqual(350);
      await claim.finish({ cached: false, costUsd: 0 });
      expect(await refusalOf(tracker)).toBeInstanceOf(BudgetExceededError);

      const lost = createSharedBudgetTracker(client(2), newRun(), {
        budgetExpected: async () => true,
        missingWaitMs: 300,
      });
      const error = await refusalOf(lost);
      expect(UnavailableError.isInstance(error)).toBe(true);
      expect((error as Error).message).toMatch(
        /budget of run run-\d+ is missing from the work queue's Redis/,
      );
      // A run without limits: a missing key is no budget, granted at once.
      const free = createSharedBudgetTracker(client(2), newRun(), { budgetExpected: async () => false });
      await (await free.begin()).finish({ cached: false, costUsd: 1 });
    });

    it("publishing again resets the counters and the claims; publishing no limit removes the budget", async () => {
      const runId = newRun();
      await publishRunBudget(client(), runId, { maxCalls: 2 });
      const tracker = createSharedBudgetTracker(client(1), runId);
      await (await tracker.begin()).finish({ costUsd: 0.5 });
      const fromFirstSession = await tracker.begin();
      await expect(tracker.begin()).rejects.toMatchObject({ limit: "calls" });
      const ttl = await client().pttl(sharedBudgetKey(runId));
      expect(ttl).toBeGreaterThan(WEEK_MS - 60_000);
      expect(ttl).toBeLessThanOrEqual(WEEK_MS);

      await publishRunBudget(client(), runId, { maxCalls: 3, maxCostUsd: 2 });
      expect(await readSharedSpent(client(), runId)).toEqual({ calls: 0, costUsd: 0, unknownCostCalls: 0 });
      // The earlier session's claim neither holds a call nor charges the new session.
      await fromFirstSession.finish({ costUsd: 0.5 });
      for (let call = 0; call < 3; call++) await (await tracker.begin()).finish({ costUsd: 0.1 });
      await expect(tracker.begin()).rejects.toMatchObject({ limit: "calls" });
      expect(tracker.limits).toEqual({ maxCalls: 3, maxCostUsd: 2 });
      expect(await readSharedSpent(client(), runId)).toEqual({ calls: 3, costUsd: 0.3, unknownCostCalls: 0 });

      await publishRunBudget(client(), runId, {});
      expect(await readSharedSpent(client(), runId)).toBeUndefined();
      await (await tracker.begin()).finish({});
      expect(tracker.limits).toEqual({});
    });

    it("refuses a negative limit or lease", async () => {
      await expect(publishRunBudget(client(), newRun(), { maxCalls: -1 })).rejects.toThrow(
        "maxCalls must be a number >= 0",
      );
      expect(() => createSharedBudgetTracker(client(), newRun(), { claimLeaseMs: 0 })).toThrow(
        "claimLeaseMs must be a number > 0",
      );
    });

    it("budgetMiddleware over shared trackers stops two processes' models at the cap; failures free their call", async () => {
      const runId = newRun();
      await publishRunBudget(client(), runId, { maxCalls: 3 });
      const inner = [0, 1].map(
        (index) =>
          new MockLanguageModel({
            respond: (_options, call) => {
              if (index === 0 && call === 0)
                throw new ProviderCallError({ provider: "mock", message: "down", isRetryable: false });
              return { text: "ok", costUsd: 0.01 };
            },
          }),
      );
      const models = inner.map((model, index) =>
        budgetMiddleware(createSharedBudgetTracker(client(index), runId))(model),
      );
      const [first, second] = models;
      if (first === undefined || second === undefined) throw new Error("no models");
      await expect(first.doGenerate(request)).rejects.toThrow("down");
      const outcomes = await Promise.allSettled(
        Array.from({ length: 8 }, (_, call) => (call % 2 === 0 ? first : second).doGenerate(request)),
      );
      const fulfilled = outcomes.filter((outcome) => outcome.status === "fulfilled");
      expect(fulfilled).toHaveLength(3);
      expect(
        outcomes.every(
          (outcome) => outcome.status === "fulfilled" || BudgetExceededError.isInstance(outcome.reason),
        ),
      ).toBe(true);
      // The failed call went out but was not charged; the refused ones never reached a model.
      expect(inner.reduce((sum, model) => sum + model.calls.length, 0)).toBe(1 + 3);
      expect(await readSharedSpent(client(), runId)).toEqual({
        calls: 3,
        costUsd: 0.03,
        unknownCostCalls: 0,
      });
      await expect(second.doGenerate(request)).rejects.toMatchObject({ limit: "calls" });
    });
  });
}
