import { describe, expect, it } from "vitest";
import {
  defaultFinalSize,
  describeFinalSize,
  deviationInterval,
  neededFinalSize,
  standardErrorAt,
} from "./final-size.js";

describe("final benchmark size", () => {
  it("is the smallest n with sqrt(t(1-t)/n) <= tolerance/2 (hand-computed)", () => {
    // t(1-t)/(tol/2)^2: 0.25/0.000625 = 400; 0.1875/0.000625 = 300; 0.09/0.000625 = 144; 0.24/0.0025 = 96.
    expect(neededFinalSize(0.5, 0.05)).toBe(400);
    expect(neededFinalSize(0.25, 0.05)).toBe(300);
    expect(neededFinalSize(0.75, 0.05)).toBe(300);
    expect(neededFinalSize(0.9, 0.05)).toBe(144);
    expect(neededFinalSize(0.6, 0.1)).toBe(96);
    // 0.21/0.000625 = 336 exactly; float noise must not push it to 337.
    expect(neededFinalSize(0.3, 0.05)).toBe(336);
    expect(standardErrorAt(0.5, 400)).toBeCloseTo(0.025, 12);
    expect(standardErrorAt(0.5, 399)).toBeGreaterThan(0.025);
  });

  it("never goes below one iteration's sample, and falls back to it at tolerance 0", () => {
    expect(defaultFinalSize({ target: 0.5, tolerance: 0.05, itemsPerIter: 40 })).toBe(400);
    expect(defaultFinalSize({ target: 0.9, tolerance: 0.2, itemsPerIter: 40 })).toBe(40);
    expect(defaultFinalSize({ target: 0.5, tolerance: 0, itemsPerIter: 25 })).toBe(25);
    expect(neededFinalSize(0.5, 0)).toBeUndefined();
  });

  it("explains the size: met, missed, and tolerance 0", () => {
    const met = describeFinalSize({ target: 0.5, tolerance: 0.05, size: 400 });
    expect(met).toMatchObject({ meetsBound: true, needed: 400, bound: 0.025 });
    expect(met.text).toBe(
      "final benchmark size 400: standard error at target 0.5 is sqrt(t(1-t)/n) = 0.025 <= tolerance/2 = 0.025 (n >= t(1-t)/(tol/2)^2 = 400), so the measured deviation is mostly signal",
    );
    const missed = describeFinalSize({ target: 0.5, tolerance: 0.05, size: 100 });
    expect(missed.meetsBound).toBe(false);
    expect(missed.standardError).toBeCloseTo(0.05, 12);
    expect(missed.text).toContain(
      "= 0.050 > tolerance/2 = 0.025; n >= t(1-t)/(tol/2)^2 = 400 would bound it",
    );
    expect(describeFinalSize({ target: 0.5, tolerance: 0, size: 10 }).text).toContain(
      "tolerance 0 admits no size",
    );
  });
});

describe("deviation interval", () => {
  it("starts at 0 when the target is inside the accuracy's interval", () => {
    expect(deviationInterval({ low: 0.45, high: 0.58 }, 0.5)).toEqual({
      low: 0,
      high: expect.closeTo(0.08, 12),
    });
  });

  it("spans the distances to both ends when the target is outside", () => {
    const interval = deviationInterval({ low: 0.62, high: 0.71 }, 0.5);
    expect(interval.low).toBeCloseTo(0.12, 12);
    expect(interval.high).toBeCloseTo(0.21, 12);
    const below = deviationInterval({ low: 0.1, high: 0.2 }, 0.25);
    expect(below.low).toBeCloseTo(0.05, 12);
    expect(below.high).toBeCloseTo(0.15, 12);
  });
});
