import { describe, expect, it } from "vitest";
import { applyVerdict, conflictOf } from "./apply-verdict.js";
import type { Candidate } from "./candidate.js";
import { summariseAnswers, type TestTakerAnswer } from "./test-take.js";

const candidate: Candidate = {
  question: "q",
  options: ["w", "x", "y", "z"],
  answer: "A",
  explanation: undefined,
  reasoning: undefined,
};
// 3 of 5 pick B against the label A: beta 0.6, a conflict
const answers: TestTakerAnswer[] = ["B", "B", "A", "B", "A"].map((answer, index) => ({
  answer,
  rationale: `why ${index}`,
}));
const testing = { answers, ...summariseAnswers(answers, "A") };

describe("conflictOf", () => {
  it("names the majority and the first rationale that gave it, only when the majority disagrees", () => {
    expect(conflictOf(testing)).toEqual({ majority: "B", majorityRationale: "why 0" });
    const agreeing = { answers, ...summariseAnswers(answers, "B") };
    expect(conflictOf(agreeing)).toBeUndefined();
  });
});

describe("applyVerdict", () => {
  it("keep leaves the item and its label as they are", () => {
    const kept = applyVerdict({ candidate, testing, verdict: { decision: "keep", comparison: "2 slips" } });
    expect(kept).toEqual({
      success: true,
      value: { candidate, testing, discrimination: { decision: "keep", comparison: "2 slips" } },
    });
  });

  it("fix switches the label to the majority and measures beta again against it", () => {
    const fixed = applyVerdict({
      candidate,
      testing,
      verdict: { decision: "fix", answer: "B", comparison: "1 slips" },
    });
    if (!fixed.success) throw new Error("expected a fix");
    expect(fixed.value.candidate).toEqual({ ...candidate, answer: "B" });
    expect(testing.difficulty).toBe(0.6);
    expect(fixed.value.testing).toMatchObject({ difficulty: 0.4, majority: "B", conflict: false, answers });
    expect(fixed.value.discrimination).toEqual({
      decision: "fix",
      comparison: "1 slips",
      originalAnswer: "A",
    });
  });

  it("reject turns the item down with the discriminator's reason", () => {
    const rejected = applyVerdict({
      candidate,
      testing,
      verdict: { decision: "reject", reason: "both wrong", comparison: "" },
    });
    expect(rejected).toEqual({
      success: false,
      error: { reason: "discrimination-rejected: both wrong", details: {} },
    });
  });
});
