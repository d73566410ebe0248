import { describe, expect, it } from "vitest";
import { accuracyIntervals } from "./accuracy-interval.js";

describe("accuracyIntervals", () => {
  it("adds the Wilson 95% interval to each model's accuracy", () => {
    // 8 of 10: the textbook Wilson interval is [0.4902, 0.9433]
    const [row] = accuracyIntervals([{ model: "m", accuracy: 0.8, n: 10 }]);
    expect(row?.model).toBe("m");
    expect(row?.accuracy).toBe(0.8);
    expect(row?.n).toBe(10);
    expect(row?.low).toBeCloseTo(0.4902, 4);
    expect(row?.high).toBeCloseTo(0.9433, 4);
  });

  it("narrows with more questions and is [0, 1] with none", () => {
    const [small, large, none] = accuracyIntervals([
      { model: "a", accuracy: 0.5, n: 20 },
      { model: "b", accuracy: 0.5, n: 2000 },
      { model: "c", accuracy: 0, n: 0 },
    ]);
    expect(large!.high - large!.low).toBeLessThan((small!.high - small!.low) / 5);
    expect([none?.low, none?.high]).toEqual([0, 1]);
  });
});
