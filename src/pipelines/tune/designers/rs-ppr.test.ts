import { describe, expect, it } from "vitest";
import { createSolverContext } from "../../../../test/solvers/test-context.js";
import { canonicalJson } from "../../../core/json.js";
import { createRng } from "../../../core/rng.js";
import { linearTarget, linearTemplate } from "../__fixtures__/linear-template.js";
import { measure } from "../evaluate-items.js";
import type { HistoryEntry } from "../history.js";
import { describeParams } from "../param-space.js";
import { tuneBenchmark } from "../run-tune.js";
import { perturbParams, unseenNeighbour } from "./perturb-params.js";
import { replayPriorities, rsPprDesigner } from "./rs-ppr.js";

const { specs } = describeParams(linearTemplate.paramsSchema);

function entry(iteration: number, level: number, correct: number, total = 40): HistoryEntry {
  const measured = measure(correct, total);
  return {
    iteration,
    designer: "rs-ppr",
    params: { level, style: "plain" },
    rationale: "",
    measurement: measured,
    pooled: measured,
    confirmed: false,
  };
}

describe("prioritized parameter replay", () => {
  it("ranks by closeness to the target with weights (1/rank)^(1/0.3) (hand-computed)", () => {
    // Accuracies 0.6, 0.52, 0.8 at target 0.5: gaps 0.10, 0.02, 0.30.
    const history = [entry(0, 8, 24), entry(1, 9, 21 - 0.2), entry(2, 4, 32)];
    const ranked = replayPriorities(history, 0.5);
    expect(ranked.map((candidate) => candidate.entry.iteration)).toEqual([1, 0, 2]);
    // Weights 1, 0.5^(10/3) = 0.099213, (1/3)^(10/3) = 0.025646; sum 1.124859.
    expect(ranked.map((candidate) => candidate.probability)).toEqual([
      expect.closeTo(0.889, 4),
      expect.closeTo(0.0882, 4),
      expect.closeTo(0.0228, 4),
    ]);
    // Equal gaps: the larger sample first, then the earlier iteration.
    const tied = replayPriorities([entry(0, 10, 20, 40), entry(1, 10, 40, 80), entry(2, 10, 20, 40)], 0.5);
    expect(tied.map((candidate) => candidate.entry.iteration)).toEqual([1, 0, 2]);
  });

  it("perturbs to an in-range neighbour that was not measured", () => {
    const rng = createRng(3);
    const start = { level: 10, style: "terse" };
    for (let draw = 0; draw < 200; draw++) {
      const next = perturbParams(specs, start, rng, 0.15);
      expect(Number(next.level)).toBeGreaterThanOrEqual(0);
      expect(Number(next.level)).toBeLessThanOrEqual(20);
      expect(["plain", "terse", "verbose"]).toContain(next.style);
    }
    const measured = [start, { level: 11, style: "terse" }, { level: 9, style: "terse" }];
    const neighbour = unseenNeighbour({ specs, params: start, measured, rng: createRng(1), scale: 0.05 });
    expect(neighbour).toBeDefined();
    expect(measured.map((params) => canonicalJson(params))).not.toContain(canonicalJson(neighbour ?? {}));
    // A space with one point has no unmeasured neighbour.
    const single = describeParams(linearTemplate.paramsSchema).specs.map((spec) =>
      spec.kind === "integer" ? { ...spec, min: 5, max: 5 } : { ...spec, options: ["plain"] },
    );
    const only = { level: 5, style: "plain" };
    expect(
      unseenNeighbour({ specs: single, params: only, measured: [only], rng: createRng(1), scale: 0.1 }),
    ).toBe(undefined);
  });

  it("samples at random first, then replays about half the time, mostly from the closest setting", async () => {
    const history = [entry(0, 2, 36), entry(1, 10, 21), entry(2, 18, 4)];
    const input = (iteration: number, past: readonly HistoryEntry[]) => ({
      template: linearTemplate,
      specs,
      target: 0.5,
      tolerance: 0.05,
      history: past,
      iteration,
      maxIters: 10,
      rng: createRng(`7:designer:${iteration}`),
      context: createSolverContext(),
      temperature: 0.5,
    });
    const first = await rsPprDesigner.propose(input(0, []));
    expect(first.rationale).toBe("random sample (no measurements to replay yet)");
    let replays = 0;
    let fromClosest = 0;
    for (let iteration = 3; iteration < 403; iteration++) {
      const proposal = await rsPprDesigner.propose(input(iteration, history));
      const match = /^replay of iteration (\d+)/.exec(proposal.rationale);
      if (!match) continue;
      replays++;
      if (match[1] === "2") fromClosest++;
      // A replay stays near its parent (step 0.15 of the range, a few steps at most).
      const parent = history[Number(match[1]) - 1] as HistoryEntry;
      expect(Math.abs(Number(proposal.params.level) - Number(parent.params.level))).toBeLessThanOrEqual(12);
    }
    expect(replays / 400).toBeGreaterThan(0.42);
    expect(replays / 400).toBeLessThan(0.58);
    expect(fromClosest / replays).toBeGreaterThan(0.82);
  });
});

describe("RS+PPR in the tune loop", () => {
  it("reaches the target on a known accuracy function, replaying near the best setting", async () => {
    const result = await tuneBenchmark(
      {
        template: linearTemplate,
        targetModel: "mock:linear",
        targetAccuracy: 0.5,
        designer: "rs-ppr",
        tolerance: 0.05,
        maxIters: 10,
        itemsPerIter: 40,
        finalItems: 40,
        seed: 11,
      },
      createSolverContext({ models: { "mock:linear": linearTarget() } }),
    );
    expect(result.history.every((item) => item.designer === "rs-ppr")).toBe(true);
    expect(result.history.some((item) => item.rationale.startsWith("replay of iteration"))).toBe(true);
    // Accuracy is exactly 1 - level/20, so a confirmed hit has level 9, 10 or 11.
    expect(result.stopReason).toBe("converged");
    expect([9, 10, 11]).toContain(Number(result.best?.params.level));
    expect(result.final?.deviation).toBeCloseTo(
      Math.abs(1 - Number(result.best?.params.level) / 20 - 0.5),
      12,
    );
  });
});
