import { describe, expect, it } from "vitest";
import { TuneInputSchema, tuneSection } from "./tune-input.js";

const entry = (iteration: number, accuracy: number, total: number) => ({
  iteration,
  designer: "optimizer",
  params: { n: iteration },
  pooled: { accuracy, total, interval: { low: accuracy - 0.1, high: accuracy + 0.1 } },
  confirmed: false,
});

describe("tuneSection", () => {
  it("picks the iteration closest to the target, the larger sample on ties", () => {
    const input = TuneInputSchema.parse({
      history: [entry(0, 0.3, 40), entry(1, 0.7, 40), entry(2, 0.7, 80), entry(3, 0.45, 40)],
    });
    // |0.45 - 0.6| = 0.15 loses to |0.7 - 0.6| = 0.1; iterations 1 and 2 tie, 2 has 80 items.
    const section = tuneSection(input, { template: "t", targetAccuracy: 0.6, tolerance: 0.05 });
    expect(section.bestIteration).toBe(2);
    expect(section.iterations.map((row) => [row.accuracy, row.low, row.total])).toEqual([
      [0.3, 0.3 - 0.1, 40],
      [0.7, 0.7 - 0.1, 40],
      [0.7, 0.7 - 0.1, 80],
      [0.45, 0.45 - 0.1, 40],
    ]);
    expect(section.iterations[0]?.rationale).toBe("");
  });

  it("prefers the target a TuneResult carries over the given settings", () => {
    const input = TuneInputSchema.parse({
      targetAccuracy: 0.3,
      template: "arith",
      history: [entry(0, 0.3, 10), entry(1, 0.6, 10)],
    });
    const section = tuneSection(input, { template: "x", targetAccuracy: 0.6, tolerance: 0.1 });
    expect(section).toMatchObject({
      template: "arith",
      targetAccuracy: 0.3,
      bestIteration: 0,
      tolerance: 0.1,
    });
  });
});
