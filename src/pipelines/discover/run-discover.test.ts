import { afterEach, describe, expect, it } from "vitest";
import { ProviderCallError } from "../../core/errors.js";
import type { LanguageModel } from "../../core/language-model.js";
import type { RunStore } from "../../core/store-spec.js";
import { createBudgetTracker } from "../../llm/middleware/budget.js";
import { MockLanguageModel } from "../../testing/index.js";
import { oracleOptimum, trueObjective } from "./__fixtures__/oracle.js";
import { createWorld, type SimulatedWorld } from "./__fixtures__/simulated-world.js";
import { discoverContext, memoryStore } from "./__fixtures__/test-context.js";
import { worldModels } from "./__fixtures__/world-models.js";
import type { DiscoverOptions } from "./options.js";
import { discoverBenchmark } from "./run-discover.js";

const stores: RunStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});
async function store(): Promise<RunStore> {
  const opened = await memoryStore();
  stores.push(opened);
  return opened;
}

const BAND = { low: 0.3, high: 0.5 };
const SETTINGS = {
  weights: { difficulty: 1, novelty: 1, separability: 0.5 },
  minSalience: 0.5,
  targetBand: BAND,
};

function optionsFor(world: SimulatedWorld, overrides: Partial<DiscoverOptions> = {}): DiscoverOptions {
  return {
    domain: world.domain,
    candidates: [...world.candidates],
    writer: "mock:writer",
    proposer: "mock:proposer",
    privileged: false,
    iterations: 8,
    proposals: 5,
    questions: 20,
    targetAccuracy: BAND,
    priors: [world.prior],
    // novelty against the fixed prior only, so the oracle's objective is the pipeline's
    noveltyPriors: 1,
    finalSize: 20,
    format: "mcq",
    ...overrides,
  };
}

/** Counts the calls that reach the scripted models (below the cache). */
function counted(resolve: (ref: string) => LanguageModel, tally: { calls: number }, failAt?: number) {
  return (ref: string): LanguageModel => {
    const model = resolve(ref);
    return {
      ...model,
      specificationVersion: model.specificationVersion,
      provider: model.provider,
      modelId: model.modelId,
      async doGenerate(request) {
        if (tally.calls === failAt) throw new Error("simulated crash");
        tally.calls++;
        return model.doGenerate(request);
      },
    };
  };
}

describe("discoverBenchmark: the loop in a simulated world", () => {
  it("adaptive search reaches the optimum more often than --no-adaptive (5 seeds)", async () => {
    const world = createWorld(1, { regions: 3 });
    const oracle = oracleOptimum(world, 20, SETTINGS);
    const reached = { adaptive: 0, blind: 0 };
    const fractions = { adaptive: 0, blind: 0 };
    for (const seed of [1, 2, 3, 4, 5]) {
      for (const mode of ["adaptive", "blind"] as const) {
        const models = worldModels(world, { proposer: "adaptive", questions: 20 });
        const result = await discoverBenchmark(
          optionsFor(world, { seed, adaptive: mode === "adaptive" }),
          discoverContext({ store: await store(), resolve: models.resolveModel }),
        );
        expect(result.trajectory).toHaveLength(40);
        // blind: one proposer call for all 40 descriptions; adaptive: one per iteration
        expect(models.calls.proposer).toBe(mode === "adaptive" ? 8 : 1);
        const winner = result.ranked[0]?.description as string;
        const value = trueObjective(world, winner, 20, SETTINGS).value;
        fractions[mode] += value / oracle.value / 5;
        // within 3% of the optimum: measured novelty on 20 questions blurs exact ties
        if (value >= 0.97 * oracle.value) reached[mode]++;
      }
    }
    expect(reached.adaptive).toBeGreaterThan(reached.blind);
    expect(reached.adaptive).toBeGreaterThanOrEqual(4);
    expect(fractions.adaptive).toBeGreaterThan(fractions.blind);
  });

  it("keeps every row's inputs: accuracies with intervals, scores against the prior, the objective's terms", async () => {
    const world = createWorld(2, { regions: 2 });
    const models = worldModels(world, { proposer: "adaptive", questions: 20 });
    const result = await discoverBenchmark(
      optionsFor(world, { iterations: 2, proposals: 3, seed: 3 }),
      discoverContext({ store: await store(), resolve: models.resolveModel }),
    );
    const scored = result.trajectory.filter((row) => row.status === "scored");
    expect(scored.length).toBeGreaterThan(0);
    for (const row of scored) {
      const expected = trueObjective(world, row.description, 20, SETTINGS);
      expect(row.objective?.value).toBeCloseTo(expected.value, 10);
      expect(row.scores?.noveltyPriors).toEqual(["general knowledge"]);
      expect(row.accuracies).toHaveLength(6);
      for (const accuracy of row.accuracies) {
        expect(accuracy.n).toBe(20);
        expect(accuracy.low).toBeLessThanOrEqual(accuracy.accuracy);
        expect(accuracy.high).toBeGreaterThanOrEqual(accuracy.accuracy);
      }
    }
    // gossip topics are judged not salient: skipped before any question is written
    const skipped = result.trajectory.filter((row) => row.status === "not-salient");
    for (const row of skipped) expect(row.items).toBe(0);
    expect(models.calls.writer).toBe(result.trajectory.length - skipped.length);
  });

  it("resumes after a crash without repeating a call", async () => {
    const world = createWorld(3, { regions: 2 });
    const options = optionsFor(world, { iterations: 3, proposals: 3, seed: 2, finalSize: 50 });
    const clean = { calls: 0 };
    const reference = await discoverBenchmark(
      options,
      discoverContext({
        store: await store(),
        resolve: counted(worldModels(world, { proposer: "adaptive", questions: 20 }).resolveModel, clean),
        cache: true,
      }),
    );
    expect(reference.status).toBe("completed");

    const shared = await store();
    const tally = { calls: 0 };
    const crashing = counted(
      worldModels(world, { proposer: "adaptive", questions: 20 }).resolveModel,
      tally,
      Math.floor(clean.calls * 0.6),
    );
    await expect(
      discoverBenchmark(options, discoverContext({ store: shared, resolve: crashing, cache: true })),
    ).rejects.toThrow("simulated crash");
    const before = tally.calls;
    const resumed = await discoverBenchmark(
      options,
      discoverContext({
        store: shared,
        resolve: counted(worldModels(world, { proposer: "adaptive", questions: 20 }).resolveModel, tally),
        cache: true,
      }),
    );
    expect(before).toBe(Math.floor(clean.calls * 0.6));
    expect(tally.calls).toBe(clean.calls);
    expect(resumed.trajectory).toEqual(reference.trajectory);
    expect(resumed.items).toEqual(reference.items);
  });

  it("a spent budget stops cleanly, keeps the trajectory, and --resume finishes the same run", async () => {
    const world = createWorld(3, { regions: 2 });
    const options = optionsFor(world, { iterations: 3, proposals: 3, seed: 2 });
    const reference = await discoverBenchmark(
      options,
      discoverContext({
        store: await store(),
        resolve: worldModels(world, { proposer: "adaptive", questions: 20 }).resolveModel,
      }),
    );
    const shared = await store();
    const stopped = await discoverBenchmark(
      options,
      discoverContext({
        store: shared,
        resolve: worldModels(world, { proposer: "adaptive", questions: 20 }).resolveModel,
        budget: createBudgetTracker({ maxCalls: 300 }),
      }),
    );
    expect(stopped.status).toBe("stopped");
    expect(stopped.stopReason).toMatch(/^budget: /);
    expect(stopped.failure).toBeUndefined();
    expect(stopped.trajectory.length).toBeGreaterThan(0);
    expect(stopped.trajectory.length).toBeLessThan(reference.trajectory.length);
    expect(stopped.trajectory).toEqual(reference.trajectory.slice(0, stopped.trajectory.length));
    const resumed = await discoverBenchmark(
      options,
      discoverContext({
        store: shared,
        resolve: worldModels(world, { proposer: "adaptive", questions: 20 }).resolveModel,
      }),
    );
    expect(resumed.status).toBe("completed");
    expect(resumed.trajectory).toEqual(reference.trajectory);
  });

  it("scales the best descriptions up to --final-size, split over --keep, and re-measures them on those items", async () => {
    const world = createWorld(4, { regions: 2 });
    const models = worldModels(world, { proposer: "adaptive", questions: 20 });
    const result = await discoverBenchmark(
      optionsFor(world, { iterations: 2, proposals: 3, seed: 1, finalSize: 45, keep: 2 }),
      discoverContext({ store: await store(), resolve: models.resolveModel }),
    );
    expect(result.status).toBe("completed");
    expect(result.finals.map((final) => [final.result.id, final.target, final.items.length])).toEqual([
      [result.ranked[0]?.id, 23, 23],
      [result.ranked[1]?.id, 22, 22],
    ]);
    expect(result.items).toHaveLength(45);
    expect(new Set(result.items.map((item) => item.id)).size).toBe(45);
    for (const final of result.finals)
      for (const accuracy of final.result.accuracies) expect(accuracy.n).toBe(final.target);
    for (const item of result.items)
      expect(item.metadata).toMatchObject({
        source: "none (--no-privileged)",
        checks: ["schema", "format", "leakage", "duplicate"],
      });
  });
});

describe("discoverBenchmark: bad input and failure", () => {
  it("a writer that never returns JSON leaves nothing usable: failed, with the reasons, and no throw", async () => {
    const world = createWorld(1, { regions: 1 });
    const models = worldModels(world, { proposer: "adaptive", questions: 20 });
    const broken = new MockLanguageModel({
      respond: (request) => {
        const text = request.messages.at(-1)?.content ?? "";
        return text.startsWith("### salience") ? '{"salience": 0.9}' : "I would rather not.";
      },
    });
    const result = await discoverBenchmark(
      optionsFor(world, { iterations: 2, proposals: 2 }),
      discoverContext({
        store: await store(),
        resolve: (ref) => (ref === "mock:writer" ? broken : models.resolveModel(ref)),
      }),
    );
    expect(result.status).toBe("failed");
    expect(result.items).toEqual([]);
    expect(result.failure?.reasons[0]).toMatch(/^writer: model output did not match the schema .* \(x\d\)$/);
    expect(result.trajectory.every((row) => row.status === "failed" || row.status === "not-salient")).toBe(
      true,
    );
  });

  it("a candidate that errors is recorded with its reason and the others are still scored", async () => {
    const world = createWorld(1, { regions: 1 });
    const models = worldModels(world, { proposer: "adaptive", questions: 20 });
    const failing = new MockLanguageModel({
      respond: () => {
        throw new ProviderCallError({
          provider: "mock",
          message: "HTTP 500 from mock",
          statusCode: 500,
          isRetryable: false,
        });
      },
    });
    const result = await discoverBenchmark(
      optionsFor(world, { iterations: 1, proposals: 3 }),
      discoverContext({
        store: await store(),
        resolve: (ref) => (ref === "mock:c2" ? failing : models.resolveModel(ref)),
      }),
    );
    const scored = result.trajectory.filter((row) => row.status === "scored");
    expect(scored.length).toBeGreaterThan(0);
    for (const row of scored) {
      expect(row.accuracies.map((accuracy) => accuracy.model)).not.toContain("mock:c2");
      expect(row.failures).toContain("mock:c2 failed on 20 of 20 questions: HTTP 500 from mock");
    }
  });
});
