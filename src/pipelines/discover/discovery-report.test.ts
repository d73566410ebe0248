import { describe, expect, it } from "vitest";
import { createWorld } from "./__fixtures__/simulated-world.js";
import { discoverContext, memoryStore } from "./__fixtures__/test-context.js";
import { worldModels } from "./__fixtures__/world-models.js";
import { buildDiscoveryReport, trajectoryRows } from "./discovery-report.js";
import { rankResults } from "./rank-results.js";
import { discoverBenchmark } from "./run-discover.js";
import type { DescriptionResult } from "./state.js";

describe("buildDiscoveryReport", () => {
  it("holds the trajectory with its text cells, the proposals, the winner and the kept rows", async () => {
    const world = createWorld(5, { regions: 2 });
    const models = worldModels(world, { proposer: "adaptive", questions: 10 });
    const store = await memoryStore();
    const result = await discoverBenchmark(
      {
        domain: world.domain,
        candidates: [...world.candidates],
        writer: "mock:writer",
        proposer: "mock:proposer",
        privileged: false,
        iterations: 2,
        proposals: 3,
        questions: 10,
        targetAccuracy: { low: 0.3, high: 0.5 },
        priors: [world.prior],
        finalSize: 15,
        format: "mcq",
      },
      discoverContext({ store, resolve: models.resolveModel }),
    );
    await store.close();
    const report = buildDiscoveryReport(result);
    expect(report).toMatchObject({
      kind: "benchsmith-discovery-report",
      version: 1,
      domain: world.domain,
      status: "completed",
      stopReason: null,
      itemCount: 15,
      settings: { source: "none", priors: ["general knowledge"], noveltyPriors: 4, adaptive: true },
    });
    expect(report.trajectory.map((row) => row.id)).toEqual(["D1", "D2", "D3", "D4", "D5", "D6"]);
    expect(report.proposals.map((step) => step.proposed)).toEqual([
      ["D1", "D2", "D3"],
      ["D4", "D5", "D6"],
    ]);
    expect(report.winner?.id).toBe(result.ranked[0]?.id);
    expect(report.kept).toHaveLength(1);
    expect(report.kept[0]).toMatchObject({ target: 15, items: 15 });
    expect(report.noveltyRule).toMatch(/--prior results first, then the descriptions already explored/);
    // later rows also take earlier scored rows as priors, most recent first (up to candidates - 2 = 4)
    const last = report.trajectory[5];
    const earlier = report.trajectory.slice(0, 5).filter((row) => row.status === "scored");
    expect(last?.status).toBe("scored");
    expect(last?.scores?.noveltyPriors).toEqual(
      ["general knowledge", ...earlier.map((row) => row.id).reverse()].slice(0, 4),
    );

    const rows = trajectoryRows(result.trajectory, world.candidates);
    expect(Object.keys(rows[0] ?? {})).toEqual([
      "id",
      "description",
      ...world.candidates,
      "difficulty",
      "separability",
      "novelty",
      "salience",
      "n",
      "objective",
    ]);
  });
});

describe("rankResults", () => {
  const row = (id: string, value: number | undefined, feasible = true): DescriptionResult => ({
    id,
    iteration: 0,
    description: id,
    status: value === undefined ? "failed" : "scored",
    failures: [],
    items: 0,
    rejected: 0,
    accuracies: [],
    salience: { from: "judged" },
    ...(value === undefined ? {} : { objective: { value, feasible, terms: [], missing: [], violated: [] } }),
  });

  it("puts feasible rows first, then higher objective, ties in exploration order; unscored rows are out", () => {
    const ranked = rankResults([
      row("D1", 2, false),
      row("D2", 0.5),
      row("D3", undefined),
      row("D4", 0.9),
      row("D5", 0.5),
    ]);
    expect(ranked.map((entry) => entry.id)).toEqual(["D4", "D2", "D5", "D1"]);
  });
});
