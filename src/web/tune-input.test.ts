import { describe, expect, it } from "vitest";
import { TuneInputSchema, tuneSection } from "./tune-input.js";

const measurement = (accuracy: number, total: number) => ({
  correct: Math.round(accuracy * total),
  total,
  accuracy,
  interval: { estimate: accuracy, low: accuracy - 0.1, high: accuracy + 0.1 },
});
// A history entry as tune stores it (TuneStateSchema).
const entry = (iteration: number, accuracy: number, total: number) => ({
  iteration,
  designer: "optimizer",
  params: { n: iteration },
  rationale: "",
  measurement: measurement(accuracy, total),
  pooled: measurement(accuracy, total),
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

  it("reads only what tune stores: a history entry without its measurement is not a tune history", () => {
    const { measurement: _measurement, ...partial } = entry(0, 0.5, 10);
    expect(TuneInputSchema.safeParse({ history: [partial] }).success).toBe(false);
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
