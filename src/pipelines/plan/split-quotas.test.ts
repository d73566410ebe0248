import { describe, expect, it } from "vitest";
import { splitQuotas } from "./split-quotas.js";

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

describe("splitQuotas", () => {
  it("gives proportional integer quotas by largest remainder (hand-computed)", () => {
    // 120 * [3, 2, 1] / 6 = 60, 40, 20 exactly
    expect(splitQuotas([3, 2, 1], 120)).toEqual([60, 40, 20]);
    // 10 * [1, 1, 1] / 3 = 3.33 each: floors 3, 3, 3 and the one left goes to the first (ties by order)
    expect(splitQuotas([1, 1, 1], 10)).toEqual([4, 3, 3]);
    // 7 * [5, 3, 2] / 10 = 3.5, 2.1, 1.4: floors 3, 2, 1; the one left goes to the largest fraction (0.5)
    expect(splitQuotas([5, 3, 2], 7)).toEqual([4, 2, 1]);
  });

  it("sums exactly to the size for many sizes and weights", () => {
    for (const size of [1, 2, 3, 7, 59, 60, 61, 120, 1199, 1200]) {
      for (const weights of [[1], [1, 1], [3, 1, 1], [0.2, 0.7, 0.1], [5, 4, 3, 2, 1]]) {
        const quotas = splitQuotas(weights, size);
        expect(sum(quotas), `${size} over ${weights}`).toBe(size);
        expect(quotas.every((quota) => Number.isInteger(quota) && quota >= 0)).toBe(true);
      }
    }
  });

  it("gives every subtask at least one item when the size allows", () => {
    // 4 * [100, 1, 1] / 102: floors 3, 0, 0 -> the remainder goes to 1; the last 0 takes one from the first
    expect(splitQuotas([100, 1, 1], 4)).toEqual([2, 1, 1]);
    expect(splitQuotas([100, 1, 1], 2)).toEqual([2, 0, 0]);
  });

  it("rejects non-positive importances", () => {
    expect(() => splitQuotas([1, 0], 10)).toThrow(RangeError);
  });
});
