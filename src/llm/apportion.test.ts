import { describe, expect, it } from "vitest";
import { apportion } from "./apportion.js";

describe("apportion", () => {
  it("apportions a batch total over its texts so the parts add up", () => {
    // 10 tokens over weights 1:2:2 -> 2, 4, 4 exactly.
    expect(apportion(10, [1, 2, 2], true)).toEqual([2, 4, 4]);
    // 10 over 1:1:1 -> 3.33 each; largest remainder gives the spare token to the first.
    expect(apportion(10, [1, 1, 1], true)).toEqual([4, 3, 3]);
    const costs = apportion(0.003, [3, 1]) as number[];
    expect(costs[0]).toBeCloseTo(0.00225, 12);
    expect(costs[1]).toBeCloseTo(0.00075, 12);
    expect(apportion(undefined, [1, 2])).toEqual([undefined, undefined]);
  });
});
