import { describe, expect, it } from "vitest";
import { remainingAfterRestart } from "./queue-limits.js";

describe("the budget published again after Redis lost it", () => {
  it("is the session's limits minus the calls and cost the store recorded since the session started", () => {
    expect(
      remainingAfterRestart(
        { maxCalls: 40, maxCostUsd: 1 },
        { calls: 10, costUsd: 0.2 },
        { calls: 25, costUsd: 0.5 },
      ),
    ).toEqual({ costUnknown: false, limits: { maxCalls: 25, maxCostUsd: 0.7 } });
  });

  it("never goes below zero, and keeps an absent limit absent", () => {
    expect(
      remainingAfterRestart({ maxCalls: 5 }, { calls: 0, costUsd: 0 }, { calls: 9, costUsd: 3 }),
    ).toEqual({
      costUnknown: false,
      limits: { maxCalls: 0 },
    });
  });

  it("counts the cost limit as spent when a call has no price (never spends unchecked)", () => {
    expect(
      remainingAfterRestart({ maxCostUsd: 2 }, { calls: 0, costUsd: 0 }, { calls: 3, costUsd: undefined }),
    ).toEqual({ costUnknown: true, limits: { maxCostUsd: 0 } });
    // Without a cost limit an unknown cost does not matter.
    expect(
      remainingAfterRestart(
        { maxCalls: 9 },
        { calls: 0, costUsd: undefined },
        { calls: 3, costUsd: undefined },
      ),
    ).toEqual({ costUnknown: false, limits: { maxCalls: 6 } });
  });
});
