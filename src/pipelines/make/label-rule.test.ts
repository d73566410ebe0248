import { describe, expect, it } from "vitest";
import { checkAnswerable } from "./label-rule.js";
import { summariseAnswers, type TestTakerAnswer } from "./test-take.js";

const outcome = (letters: (string | undefined)[]) => {
  const answers: TestTakerAnswer[] = letters.map((answer) => ({ answer, rationale: "" }));
  return { answers, ...summariseAnswers(answers, "A") };
};

describe("checkAnswerable (the test-taker step's rule)", () => {
  it("passes an outcome with at least half of its answers parseable, unchanged", () => {
    const half = outcome(["A", "B", undefined, undefined]);
    expect(checkAnswerable(half)).toEqual({ success: true, value: half });
    expect(checkAnswerable(outcome(["A", "A", "B", undefined, undefined])).success).toBe(true);
  });

  it("turns down an outcome with fewer than half parseable as unanswerable, with the counts", () => {
    const checked = checkAnswerable(outcome(["A", "B", undefined, undefined, undefined]));
    expect(checked).toEqual({
      success: false,
      error: {
        reason: "unanswerable: only 2 of 5 test-taker answers name an option",
        details: { parseableAnswers: 2, testTakers: 5, testTakerAnswers: ["A", "B", null, null, null] },
      },
    });
    expect(checkAnswerable(outcome([undefined])).success).toBe(false);
  });
});
