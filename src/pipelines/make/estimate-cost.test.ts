import { describe, expect, it } from "vitest";
import { estimateMakeCost } from "./estimate-cost.js";

const base = { demand: "organic chemistry", count: 10, generator: "openai:gpt-4o-mini" };

describe("dry-run estimate", () => {
  it("full pipeline: 3 setup calls, then L + T per item and discrimination in both orders when needed", () => {
    const estimate = estimateMakeCost(base);
    expect(estimate.configuration).toBe("full");
    expect(estimate.perItemCalls).toEqual({ withoutDiscrimination: 10, withDiscrimination: 12 });
    expect(estimate.total).toMatchObject({ minCalls: 3 + 10 * 10, maxCalls: 3 + 10 * 12 });
    expect(estimate.total.inputTokens).toBeGreaterThan(0);
  });

  it("direct baseline is the demand expansion, then one call per item; switches and the open format change the counts", () => {
    expect(estimateMakeCost({ ...base, direct: true })).toMatchObject({
      configuration: "direct",
      total: { minCalls: 1 + 10, maxCalls: 1 + 10 },
    });
    // --no-test-taker --no-discriminate: no test-taker call at all
    expect(estimateMakeCost({ ...base, testTaker: false, discriminate: false })).toMatchObject({
      configuration: "full without discriminate, testTaker",
      perItemCalls: { withoutDiscrimination: 5, withDiscrimination: 5 },
    });
    const ablated = estimateMakeCost({
      ...base,
      boost: false,
      discriminate: false,
      attributes: false,
      format: "open",
      testTakers: 3,
    });
    expect(ablated.configuration).toBe("full without attributes, boost, discriminate");
    // setup: expand + strategies; per item: 1 generation + 3 test-takers + 1 conversion + 3 on the open form
    expect(ablated.total).toMatchObject({ minCalls: 2 + 10 * 8, maxCalls: 2 + 10 * 8 });
  });
});
