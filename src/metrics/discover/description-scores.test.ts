import { describe, expect, it } from "vitest";
import { describeScores } from "./description-scores.js";

const accuracies = [
  { model: "a", accuracy: 0.1, n: 20 },
  { model: "b", accuracy: 0.4, n: 20 },
  { model: "c", accuracy: 0.3, n: 20 },
  { model: "d", accuracy: 0.8, n: 20 },
  { model: "late", accuracy: 0.9, n: 20 },
];

describe("describeScores", () => {
  it("scores all models, and novelty only over models every prior measured", () => {
    // prior lists models in another order and lacks "late"; over a-d novelty is 0.2 (see novelty.test.ts)
    const prior = {
      name: "earlier topic",
      accuracies: [
        { model: "d", accuracy: 0.6, n: 15 },
        { model: "b", accuracy: 0.3, n: 15 },
        { model: "a", accuracy: 0.2, n: 15 },
        { model: "c", accuracy: 0.5, n: 15 },
      ],
    };
    const detail = describeScores({ accuracies, priors: [prior], salience: 0.8 });
    expect(detail.noveltyModels).toEqual(["a", "b", "c", "d"]);
    expect(detail.scores.novelty).toBeCloseTo(0.2, 12);
    // best is "late" at 0.9; mean 0.5, |dev| .4 .1 .2 .3 .4 -> 1.4 / 5
    expect(detail.scores.difficulty).toBeCloseTo(0.1, 12);
    expect(detail.scores.separability).toBeCloseTo(0.28, 12);
    expect(detail.scores.salience).toBe(0.8);
    expect(detail.scores.noveltyReason).toBeUndefined();
  });

  it("carries the reason when novelty cannot be computed", () => {
    const detail = describeScores({ accuracies, priors: [] });
    expect(detail.scores.novelty).toBeUndefined();
    expect(detail.scores.noveltyReason).toBe("needs at least one prior benchmark's accuracies");
    expect(detail.scores.salience).toBeUndefined();
    const disjoint = describeScores({
      accuracies,
      priors: [{ name: "other models", accuracies: [{ model: "z", accuracy: 0.5, n: 10 }] }],
    });
    expect(disjoint.scores.noveltyReason).toMatch(/^needs models measured on both/);
  });

  it("rejects a model listed twice", () => {
    const twice = [...accuracies, { model: "a", accuracy: 0.2, n: 20 }];
    expect(() => describeScores({ accuracies: twice, priors: [] })).toThrow(/"a" listed twice/);
  });
});
