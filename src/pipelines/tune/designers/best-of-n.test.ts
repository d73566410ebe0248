import { describe, expect, it } from "vitest";
import { createSolverContext } from "../../../../test/solvers/test-context.js";
import { MockLanguageModel } from "../../../testing/mock-language-model.js";
import { linearTarget, linearTemplate } from "../__fixtures__/linear-template.js";
import { ONE_SHOT_HISTORY } from "../prompts.js";
import { type TuneOptions, tuneBenchmark } from "../run-tune.js";

const base = {
  template: linearTemplate,
  targetModel: "mock:linear",
  targetAccuracy: 0.5,
  itemsPerIter: 20,
  finalItems: 20,
  maxIters: 5,
  seed: 4,
} satisfies Partial<TuneOptions>;

const run = (options: Partial<TuneOptions>, designer?: MockLanguageModel) =>
  tuneBenchmark(
    { ...base, ...options },
    createSolverContext({
      models: { "mock:linear": linearTarget(), ...(designer ? { "mock:designer": designer } : {}) },
    }),
  );

describe("best-of-N designer", () => {
  it("measures all N proposals even after a confirmed hit (random search stops there)", async () => {
    // Tolerance 0.5 confirms every setting, so random search stops after its first.
    const random = await run({ designer: "random", tolerance: 0.5 });
    expect(random.iterations).toBe(1);
    expect(random.stopReason).toBe("converged");
    const best = await run({ designer: "best-of-n", tolerance: 0.5 });
    expect(best.iterations).toBe(5);
    expect(best.stopReason).toBe("max-iters");
    expect(best.history.every((entry) => entry.confirmed)).toBe(true);
    // The closest of the five is kept: accuracy is 1 - level/20 exactly.
    const gaps = best.history.map((entry) => Math.abs(1 - Number(entry.params.level) / 20 - 0.5));
    expect(Math.abs((best.best?.pooled.accuracy ?? 0) - 0.5)).toBeCloseTo(Math.min(...gaps), 12);
    expect(new Set(best.history.map((entry) => entry.params.level)).size).toBeGreaterThan(1);
  });

  it("with a model: N independent samples that never see a measurement, at the designer temperature", async () => {
    const levels = [3, 14, 9, 18];
    const designer = new MockLanguageModel({
      respond: (_options, index) =>
        JSON.stringify({ params: { level: levels[index], style: "plain" }, rationale: `guess ${index}` }),
    });
    const result = await run(
      {
        designer: "best-of-n",
        designerModel: "mock:designer",
        tolerance: 0,
        maxIters: 4,
        designerTemperature: 0.7,
      },
      designer,
    );
    expect(result.history.map((entry) => entry.params.level)).toEqual(levels);
    expect(result.history.every((entry) => entry.designer === "best-of-n")).toBe(true);
    expect(designer.calls.map((call) => call.temperature)).toEqual([0.7, 0.7, 0.7, 0.7]);
    expect(new Set(designer.calls.map((call) => call.seed)).size).toBe(4);
    for (const index of [0, 1, 2, 3]) {
      expect(designer.lastUserMessage(index)).toContain(ONE_SHOT_HISTORY);
      expect(designer.lastUserMessage(index)).not.toContain("-> accuracy");
    }
    // |1 - level/20 - 0.5|: 0.35, 0.2, 0.05, 0.4 -> level 9.
    expect(result.best?.params.level).toBe(9);
  });

  it("a reply that stays invalid is replaced by a random draw, recorded", async () => {
    const designer = new MockLanguageModel({ respond: "no idea" });
    const result = await run(
      { designer: "best-of-n", designerModel: "mock:designer", tolerance: 0, maxIters: 1 },
      designer,
    );
    expect(result.history[0]?.designer).toBe("best-of-n");
    expect(result.history[0]?.fallback).toMatch(/best-of-n designer output unusable/);
    expect(result.history[0]?.rationale).toMatch(/uniform random draw/);
  });
});
