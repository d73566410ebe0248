import { describe, expect, it } from "vitest";
import { separability } from "./separability.js";

describe("separability", () => {
  it("is the mean absolute deviation around the mean", () => {
    // mean 0.5; |dev| = 0.3, 0.1, 0.4 -> 0.8 / 3
    expect(separability([0.2, 0.4, 0.9])).toBeCloseTo(0.8 / 3, 15);
    // mean 0.25; |dev| = 0.25, 0.25, 0.25, 0.75 -> 1.5 / 4
    expect(separability([0, 0, 0, 1])).toBeCloseTo(0.375, 15);
    expect(separability([0, 1])).toBe(0.5);
  });

  it("is 0 when every model ties, including a single model", () => {
    expect(separability([0.6, 0.6, 0.6])).toBe(0);
    expect(separability([0.6])).toBe(0);
  });

  it("rejects an empty list and values that are not accuracies", () => {
    expect(() => separability([])).toThrow(RangeError);
    expect(() => separability([0.1, Number.POSITIVE_INFINITY])).toThrow(RangeError);
  });
});
