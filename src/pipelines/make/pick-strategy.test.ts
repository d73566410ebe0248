import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { assignAttributes } from "./assign-attributes.js";
import { combinationAt, combinationSpace } from "./difficulty-combinations.js";
import { pickStrategy } from "./pick-strategy.js";
import type { DifficultyDimension } from "./spec.js";

// Sums: (1,none) 2, (2-3,none) 4, (1,subtle) 5, (2-3,subtle) 7, (4+,none) 7, (4+,subtle) 10.
const dimensions: DifficultyDimension[] = [
  {
    name: "steps",
    values: [
      { value: "1", difficulty: 1 },
      { value: "2-3", difficulty: 3 },
      { value: "4+", difficulty: 6 },
    ],
  },
  {
    name: "trap",
    values: [
      { value: "none", difficulty: 1 },
      { value: "subtle", difficulty: 4 },
    ],
  },
];

describe("ranked difficulty combinations (paper App. J)", () => {
  it("ranks one value per dimension by coefficient sum, ties by value order (hand-computed)", () => {
    const space = combinationSpace(dimensions);
    expect(space.size).toBe(6);
    const ranked = Array.from({ length: 6 }, (_, rank) => combinationAt(space, rank));
    expect(ranked.map((entry) => `${entry.values.steps}+${entry.values.trap}=${entry.score}`)).toEqual([
      "1+none=2",
      "2-3+none=4",
      "1+subtle=5",
      "2-3+subtle=7",
      "4++none=7",
      "4++subtle=10",
    ]);
    expect(() => combinationAt(space, 6)).toThrow(RangeError);
    expect(combinationSpace([]).size).toBe(0);
  });

  it("agrees with brute-force enumeration on a space with decimal coefficients", () => {
    const rng = createRng(5);
    const random: DifficultyDimension[] = Array.from({ length: 4 }, (_, index) => ({
      name: `d${index}`,
      values: Array.from({ length: rng.int(1, 4) }, (_, position) => ({
        value: `v${position}`,
        difficulty: rng.int(10, 100) / 10,
      })),
    }));
    const all: { key: string; sum: number; order: number[] }[] = [];
    const walk = (index: number, order: number[], sum: number) => {
      const dimension = random[index];
      if (dimension === undefined) {
        all.push({ key: order.map((value, at) => `d${at}=v${value}`).join(","), sum, order });
        return;
      }
      dimension.values.forEach((entry, position) => {
        walk(index + 1, [...order, position], sum + Math.round(entry.difficulty * 10));
      });
    };
    walk(0, [], 0);
    all.sort((a, b) => a.sum - b.sum || a.key.localeCompare(b.key));
    const space = combinationSpace(random);
    expect(space.size).toBe(all.length);
    const keyOf = (values: Record<string, string>) =>
      Object.entries(values)
        .map(([name, value]) => `${name}=${value}`)
        .join(",");
    expect(all.map((_, rank) => keyOf(combinationAt(space, rank).values))).toEqual(
      all.map((entry) => entry.key),
    );
  });

  it("ranks a space far too large to list (5^12 = 244 million combinations) at once", () => {
    const big = Array.from({ length: 12 }, (_, index) => ({
      name: `d${index}`,
      values: [1, 2, 4, 7, 10].map((difficulty) => ({ value: `x${difficulty}`, difficulty })),
    }));
    const started = performance.now();
    const space = combinationSpace(big);
    expect(space.size).toBe(5 ** 12);
    expect(Object.values(combinationAt(space, 0).values).every((value) => value === "x1")).toBe(true);
    expect(combinationAt(space, space.size - 1).score).toBe(120);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe("difficulty strategies by bin, and attributes", () => {
  const space = combinationSpace(dimensions);

  it("keeps the harder half and moves through its bins with the run: part k of the slots draws from bin k", () => {
    const pick = (slot: number, count: number, bins: number, seed = 1) =>
      pickStrategy({ space, slot, count, bins, rng: createRng(seed) });
    // harder half = ranks 3, 4, 5; three bins of one each
    expect([0, 1, 2].map((slot) => pick(slot, 3, 3)?.rank)).toEqual([3, 4, 5]);
    expect(pick(0, 3, 3)).toEqual({
      bin: 0,
      bins: 3,
      rank: 3,
      score: 7,
      combination: { steps: "2-3", trap: "subtle" },
    });
    // ten bins over three combinations: early bins share the easiest, the last holds the hardest
    expect([0, 9].map((slot) => pick(slot, 10, 10)?.rank)).toEqual([3, 5]);
    // one bin: any of the harder half, drawn by the stream
    const drawn = new Set(Array.from({ length: 40 }, (_, seed) => pick(0, 1, 1, seed)?.rank));
    expect([...drawn].sort()).toEqual([3, 4, 5]);
    expect(
      pickStrategy({ space: combinationSpace([]), slot: 0, count: 1, bins: 10, rng: createRng(1) }),
    ).toBeUndefined();
  });

  it("assigns one value per attribute, reproducibly from the seed", () => {
    const attributes = [
      { name: "region", values: ["europe", "asia"] },
      { name: "kind", values: ["river"] },
    ];
    const first = assignAttributes(attributes, createRng(3));
    expect(first.kind).toBe("river");
    expect(["europe", "asia"]).toContain(first.region);
    expect(assignAttributes(attributes, createRng(3))).toEqual(first);
    const regions = new Set(
      Array.from({ length: 30 }, (_, seed) => assignAttributes(attributes, createRng(seed)).region),
    );
    expect(regions.size).toBe(2);
  });
});
