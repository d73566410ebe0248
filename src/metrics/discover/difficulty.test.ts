import { describe, expect, it } from "vitest";
import { difficulty } from "./difficulty.js";

describe("difficulty", () => {
  it("is 1 minus the best model's accuracy", () => {
    expect(difficulty([0.2, 0.75, 0.5])).toBeCloseTo(0.25, 15);
    expect(difficulty([1, 0])).toBe(0);
    expect(difficulty([0, 0, 0])).toBe(1);
    expect(difficulty([0.3])).toBeCloseTo(0.7, 15);
  });

  it("rejects an empty list and values that are not accuracies", () => {
    expect(() => difficulty([])).toThrow(RangeError);
    expect(() => difficulty([0.5, 1.2])).toThrow(/accuracies\[1\] = 1.2/);
    expect(() => difficulty([Number.NaN])).toThrow(RangeError);
    expect(() => difficulty([-0.1])).toThrow(RangeError);
  });
});
