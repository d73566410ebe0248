import { describe, expect, it } from "vitest";
import { createRng } from "../core/rng.js";
import { estimateEntropy } from "../stats/entropy.js";
import { accuracyCorrelation } from "./accuracy-correlation.js";
import { CRITERIA } from "./index.js";
import { lexicalEntropy } from "./lexical-diversity.js";

describe("lexicalEntropy", () => {
  it("counts \\w+ tokens across texts", () => {
    expect(lexicalEntropy({ texts: ["a, a!", "b"], estimator: "plugin" })).toBeCloseTo(
      estimateEntropy([2, 1], "plugin"),
      12,
    );
  });
});

describe("effectiveness", () => {
  it("correlates accuracies over shared models only", () => {
    // model accuracies here: a 1, b .5, c 0, d 1 (d absent from the reference)
    const matrix = {
      models: ["a", "b", "c", "d"],
      itemIds: ["x", "y"],
      correct: Uint8Array.from([1, 1, 0, 1, 1, 0, 0, 1]),
    };
    const reference = {
      source: "ref.json",
      accuracies: new Map([
        ["a", 0.9],
        ["b", 0.6],
        ["c", 0.2],
      ]),
    };
    const result = accuracyCorrelation(matrix, reference);
    expect(result.shared).toEqual(["a", "b", "c"]);
    expect(result.spearman).toBeCloseTo(1, 12);
    // x = 1, .5, 0; y = .9, .6, .2: dx = .5,0,-.5, dy = .333..,.0333..,-.3666.. -> cov .35, var .5 and .2467
    expect(result.pearson).toBeCloseTo(0.35 / Math.sqrt(0.5 * (0.1111111 + 0.0011111 + 0.1344444)), 5);
  });
});

describe("efficiency", () => {
  it("says n/a when the price is unknown, and gives $/item when it is known", async () => {
    const run = { runId: "r1", calls: 10, costUsd: undefined, elapsedMs: 120_000, items: 4 };
    const value = await CRITERIA.efficiency.compute({ run, rng: createRng(1) });
    expect(value.value).toBeUndefined();
    expect(value.display).toBe("n/a — no price for some of 10 calls; 0.50 min/item");
    const priced = await CRITERIA.efficiency.compute({ run: { ...run, costUsd: 2 }, rng: createRng(1) });
    expect(priced.value).toBe(0.5);
    expect(priced.display).toBe("$0.5000/item, 0.50 min/item");
  });

  it("never shows $0 for a run that recorded nothing", async () => {
    const run = { runId: "r2", calls: 0, costUsd: 0, elapsedMs: 0, items: 4 };
    const value = await CRITERIA.efficiency.compute({ run, rng: createRng(1) });
    expect(value.value).toBeUndefined();
    expect(value.display).toBe("n/a — run r2 recorded no LLM calls");
  });
});
