import { describe, expect, it } from "vitest";
import { novelty } from "./novelty.js";

function noveltyValue(result: ReturnType<typeof novelty>): number {
  if (result.value === undefined) throw new Error(`expected a value, got: ${result.reason}`);
  return result.value;
}

describe("novelty", () => {
  it("with one prior is 1 - Spearman(new, prior) when they move together", () => {
    // ranks new 1,3,2,4 vs prior 1,2,3,4: Σd² = 2 -> rho = 1 - 6·2/(4·15) = 0.8
    const result = novelty([0.1, 0.4, 0.3, 0.8], [[0.2, 0.3, 0.5, 0.6]]);
    expect(noveltyValue(result)).toBeCloseTo(0.2, 12);
    expect(result.from).toEqual({ priors: 1, models: 4 });
  });

  it("averages tied ranks", () => {
    // new ranks 2.5,2.5,1,5,4 vs prior ranks 2,3,1,4,5 (both mean 3): cov 8.5, var 9.5 and 10
    const result = novelty([0.5, 0.5, 0.2, 0.9, 0.7], [[0.4, 0.6, 0.1, 0.8, 0.9]]);
    expect(noveltyValue(result)).toBeCloseTo(1 - 8.5 / Math.sqrt(95), 12);
  });

  it("is 0 for a benchmark that reverses a prior: the fit just takes a negative slope", () => {
    expect(noveltyValue(novelty([0.9, 0.7, 0.2, 0.1], [[0.1, 0.2, 0.3, 0.4]]))).toBe(0);
  });

  it("uses an intercept, so a uniformly shifted prior mixed with another is predicted exactly", () => {
    const first = [0.3, 0.4, 0.5, 0.6, 0.7];
    const second = [0.9, 0.1, 0.8, 0.2, 0.5];
    const shifted = first.map((value) => value - 0.2);
    const result = novelty(shifted, [first, second]);
    expect(noveltyValue(result)).toBe(0);
    if (result.value === undefined) return;
    result.predicted.forEach((value, index) => {
      expect(value).toBeCloseTo(shifted[index]!, 13);
    });
    expect(result.rank).toBe(3);
  });

  it("scores 0 when the new vector, ties and all, is one of the priors", () => {
    const current = [0.5, 0.5, 0.2, 0.9, 0.7];
    expect(noveltyValue(novelty(current, [[0.3, 0.1, 0.6, 0.2, 0.4], current]))).toBe(0);
  });

  it("drops a duplicated prior instead of failing", () => {
    const prior = [0.2, 0.3, 0.5, 0.6];
    const result = novelty([0.1, 0.4, 0.3, 0.8], [prior, prior]);
    expect(noveltyValue(result)).toBeCloseTo(0.2, 12);
    if (result.value !== undefined) expect(result.droppedPriors).toEqual([1]);
  });

  it("leave-one-out predicts each model from a fit without it", () => {
    // fit without model 0 on (0.1, 0.3), (0.2, 0.2), (0.3, 0.5): slope 1, intercept 2/15 -> 2/15 at x = 0;
    // all four by e_i / (1 - h_ii): 0.1333, 0.1857, 0.3857, 0.3 -> ranks 1,2,4,3 vs 1,3,2,4: rho 0.4
    const current = [0.1, 0.3, 0.2, 0.5];
    const prior = [0, 0.1, 0.2, 0.3];
    const result = novelty(current, [prior], { prediction: "leave-one-out" });
    expect(noveltyValue(result)).toBeCloseTo(0.6, 12);
    if (result.value === undefined) return;
    expect(result.prediction).toBe("leave-one-out");
    [2 / 15, 0.3 - 0.08 / 0.7, 0.2 + 0.13 / 0.7, 0.3].forEach((expected, index) => {
      expect(result.predicted[index]).toBeCloseTo(expected, 13);
    });
    // in-sample: fitted 0.11, 0.22, 0.33, 0.44 -> ranks 1,2,3,4: rho 0.8
    expect(noveltyValue(novelty(current, [prior]))).toBeCloseTo(0.2, 12);
    // a prior that only moves one model gives it leverage 1: no prediction without itself
    const spike = novelty(current, [[0, 0, 0, 0.5]], { prediction: "leave-one-out" });
    expect(spike.value).toBeUndefined();
    if (spike.value === undefined) expect(spike.reason).toMatch(/leverage 1/);
  });

  it("returns a reason, not a number, when it cannot be computed", () => {
    expect(novelty([0.1, 0.2, 0.3], [])).toEqual({
      value: undefined,
      reason: "needs at least one prior benchmark's accuracies",
      from: { priors: 0, models: 3 },
    });
    const few = novelty(
      [0.1, 0.2, 0.3],
      [
        [0.1, 0.5, 0.2],
        [0.3, 0.3, 0.9],
      ],
    );
    expect(few.value).toBeUndefined();
    if (few.value === undefined) expect(few.reason).toBe("needs at least 4 models (priors + 2), got 3");
    expect(novelty([0.4, 0.4, 0.4], [[0.1, 0.2, 0.3]]).value).toBeUndefined();
    // cov(new, prior) = 0 exactly: the prediction is the mean for every model
    const flat = novelty([0.2, 0.6, 0.6, 0.2], [[0.1, 0.2, 0.3, 0.4]]);
    expect(flat.value).toBeUndefined();
    if (flat.value === undefined) expect(flat.reason).toMatch(/^needs priors that tell the models apart/);
  });

  it("rejects vectors of different lengths and values outside [0, 1]", () => {
    expect(() => novelty([0.1, 0.2, 0.3], [[0.1, 0.2]])).toThrow(/prior 0 covers 2 models/);
    expect(() => novelty([0.1, 0.2, 1.3], [[0.1, 0.2, 0.3]])).toThrow(RangeError);
    expect(() => novelty([0.1, 0.2, 0.3], [[0.1, Number.NaN, 0.3]])).toThrow(RangeError);
  });
});
