import { describe, expect, it } from "vitest";
import { autobencherObjective } from "./autobencher-objective.js";
import { compareObjectiveResults, type DescriptionScores } from "./objective.js";

const base: DescriptionScores = {
  difficulty: 0.4,
  novelty: 0.3,
  separability: 0.2,
  salience: 0.9,
  accuracies: [
    { model: "a", accuracy: 0.6, n: 30 },
    { model: "b", accuracy: 0.2, n: 30 },
  ],
};

/** base with the best model at `best` (difficulty 1 - best); other scores unchanged */
function withBest(best: number, extra: Partial<DescriptionScores> = {}): DescriptionScores {
  const accuracies = [
    { model: "a", accuracy: best, n: 30 },
    { model: "b", accuracy: best / 2, n: 30 },
  ];
  return { ...base, difficulty: 1 - best, accuracies, ...extra };
}

describe("autobencherObjective", () => {
  it("is the weighted sum with default weights 1, 1, 0.5", () => {
    const result = autobencherObjective.score(base, {});
    expect(result.value).toBeCloseTo(0.4 + 0.3 + 0.5 * 0.2, 15);
    expect(result.feasible).toBe(true);
    expect(result.terms).toEqual([
      { name: "difficulty", weight: 1, value: 0.4 },
      { name: "novelty", weight: 1, value: 0.3 },
      { name: "separability", weight: 0.5, value: 0.2 },
    ]);
    expect(result.missing).toEqual([]);
    expect(result.violated).toEqual([]);
  });

  it("takes weights from settings, keeping defaults for the rest", () => {
    const result = autobencherObjective.score(base, { weights: { novelty: 2, separability: 0 } });
    expect(result.value).toBeCloseTo(0.4 + 0.6, 15);
  });

  it("lists an undefined novelty as missing, with the reason, and adds nothing for it", () => {
    const result = autobencherObjective.score(
      { ...base, novelty: undefined, noveltyReason: "needs at least one prior benchmark's accuracies" },
      {},
    );
    expect(result.value).toBeCloseTo(0.4 + 0.1, 15);
    expect(result.missing).toEqual([{ name: "novelty", needs: "at least one prior benchmark's accuracies" }]);
    expect(result.terms.map((term) => term.name)).toEqual(["difficulty", "separability"]);
  });

  it("says salience is unchecked when unknown, and infeasible when below the minimum", () => {
    const unknown = autobencherObjective.score({ ...base, salience: undefined }, {});
    expect(unknown.feasible).toBe(true);
    expect(unknown.missing).toEqual([
      { name: "salience", needs: "a salience judgment to check salience >= 0.5" },
    ]);
    const low = autobencherObjective.score({ ...base, salience: 1200 }, { minSalience: 5000 });
    expect(low.feasible).toBe(false);
    expect(low.violated).toEqual([{ name: "salience", detail: "salience 1200 is below 5000" }]);
    expect(low.value).toBeCloseTo(0.8, 15);
  });

  it("is feasible inside the target band and penalised by distance outside it", () => {
    const band = { low: 0.1, high: 0.3 };
    const inside = autobencherObjective.score(
      { ...base, difficulty: 0.75, accuracies: [] },
      { targetBand: band },
    );
    expect(inside.feasible).toBe(true);
    expect(inside.terms).toHaveLength(3);
    // best accuracy read from the accuracies, so exactly 0.3 sits on the band's edge (1 - 0.7 would not)
    expect(autobencherObjective.score(withBest(0.3), { targetBand: band }).feasible).toBe(true);
    // best accuracy 0.6: 0.3 above the band -> 0.8 - 10·0.3
    const above = autobencherObjective.score(base, { targetBand: band });
    expect(above.feasible).toBe(false);
    expect(above.value).toBeCloseTo(0.8 - 3, 12);
    expect(above.terms.at(-1)).toEqual({
      name: "band distance",
      weight: -10,
      value: expect.closeTo(0.3, 12),
    });
    expect(above.violated[0]?.detail).toBe("best accuracy 0.6 is above the band 0.1-0.3");
    // best accuracy 0.05: 0.05 below -> 0.95 + 0.3 + 0.1 - 2·0.05 with bandPenalty 2
    const below = autobencherObjective.score(withBest(0.05), { targetBand: band, bandPenalty: 2 });
    expect(below.value).toBeCloseTo(0.95 + 0.3 + 0.1 - 0.1, 12);
    expect(below.violated[0]?.detail).toBe("best accuracy 0.05 is below the band 0.1-0.3");
    const closer = autobencherObjective.score(withBest(0.4), { targetBand: band });
    expect(closer.value).toBeGreaterThan(above.value);
  });

  it("ranks feasible candidates first, then by value", () => {
    const band = { targetBand: { low: 0.1, high: 0.3 } };
    const results = [
      autobencherObjective.score(base, band),
      autobencherObjective.score(withBest(0.2), band),
      autobencherObjective.score(withBest(0.25, { novelty: 0.9 }), band),
    ];
    const order = [...results].sort(compareObjectiveResults).map((result) => results.indexOf(result));
    expect(order).toEqual([2, 1, 0]);
  });

  it("rejects unknown terms and negative weights passed programmatically", () => {
    expect(() => autobencherObjective.score(base, { weights: { safety: 1 } })).toThrow(RangeError);
    expect(() => autobencherObjective.score(base, { weights: { novelty: -1 } })).toThrow(RangeError);
  });
});
