import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { calibratedDifficulties, referencePool, selectReferences } from "./select-references.js";

// Five accepted items in acceptance order, R = 2; t_i = times each was shown as a reference.
const uses = { a: 2, b: 3, c: 1, d: 1 };
const accepted = [
  { id: "a", difficulty: 0.9 },
  { id: "b", difficulty: 0.5 },
  { id: "c", difficulty: 1.0 },
  { id: "d", difficulty: 0.2 },
  { id: "e", difficulty: 0.8 },
];

describe("difficulty diffusion reference selection", () => {
  it("calibrates beta_i * 0.9^(4 t_i / R), t_i the uses (hand-computed)", () => {
    // exponents 4t/R = 4, 6, 2, 2, 0
    const expected = [0.9 * 0.9 ** 4, 0.5 * 0.9 ** 6, 1.0 * 0.81, 0.2 * 0.81, 0.8];
    // 0.59049, 0.26572, 0.81, 0.162, 0.8
    const scores = calibratedDifficulties(accepted, uses, 2);
    for (const [index, score] of scores.entries())
      expect(score).toBeCloseTo(expected[index] ?? Number.NaN, 10);
    expect(scores[1]).toBeCloseTo(0.26572, 5);
  });

  it("pools the top 2R by calibrated difficulty: c (0.81), e (0.8), a (0.590), b (0.266); d is out", () => {
    expect(referencePool(accepted, uses, 2).map((item) => item.id)).toEqual(["c", "e", "a", "b"]);
  });

  it("decays by use, not by age: an old item never shown outranks a recent one shown often", () => {
    const items = [
      { id: "old", difficulty: 0.6 },
      ...Array.from({ length: 9 }, (_, index) => ({ id: `z${index}`, difficulty: 0 })),
      { id: "new", difficulty: 1 },
    ];
    // unused, age does not matter: new (1) before old (0.6)
    expect(referencePool(items, {}, 1).map((item) => item.id)).toEqual(["new", "old"]);
    // new shown twice: 1 * 0.9^8 = 0.430 < 0.6
    expect(referencePool(items, { new: 2 }, 1).map((item) => item.id)).toEqual(["old", "new"]);
  });

  it("samples R from the pool, in shuffled order, never from outside it", () => {
    const seen = new Map<string, number>();
    const orders = new Set<string>();
    for (let seed = 0; seed < 200; seed++) {
      const chosen = selectReferences({ accepted, uses, references: 2, rng: createRng(seed) });
      expect(chosen).toHaveLength(2);
      expect(new Set(chosen.map((item) => item.id)).size).toBe(2);
      for (const item of chosen) seen.set(item.id, (seen.get(item.id) ?? 0) + 1);
      orders.add(chosen.map((item) => item.id).join(""));
    }
    expect(seen.has("d")).toBe(false);
    // each pool member is drawn about half the time (2 of 4)
    for (const id of ["a", "b", "c", "e"]) expect(seen.get(id)).toBeGreaterThan(60);
    expect(orders.has("ce") && orders.has("ec")).toBe(true);
  });

  it("takes everything when fewer than R items are accepted", () => {
    expect(
      selectReferences({ accepted: accepted.slice(0, 1), uses, references: 8, rng: createRng(1) }),
    ).toHaveLength(1);
    expect(selectReferences({ accepted: [], uses: {}, references: 8, rng: createRng(1) })).toEqual([]);
  });
});
