import { describe, expect, it } from "vitest";
import { applyVerdict, conflictOf, FIX_MIN_AGREEMENT } from "./apply-verdict.js";
import type { Candidate } from "./candidate.js";
import type { Verdict, Verdicts } from "./discriminate.js";
import { summariseAnswers, type TestTakerAnswer } from "./test-take.js";

const candidate: Candidate = {
  question: "q",
  options: ["w", "x", "y", "z"],
  answer: "A",
  explanation: "the generator's argument for w",
  reasoning: "solution: w",
  rating: undefined,
};
const testingOf = (letters: string[]) => {
  const answers: TestTakerAnswer[] = letters.map((answer, index) => ({ answer, rationale: `why ${index}` }));
  return { answers, ...summariseAnswers(answers, "A") };
};
// 3 of 5 pick B against the label A: beta 0.6, a conflict; 4 of 5 in the strong one
const testing = testingOf(["B", "B", "A", "B", "A"]);
const strong = testingOf(["B", "B", "B", "A", "B"]);
const conflict = { majority: "B", majorityRationale: "why 0" };
const verdict = (reading: string | undefined, comparison = ""): Verdict => ({
  reading,
  comparison,
  raw: reading ?? "I cannot decide",
});
const both = (labelFirst: string | undefined, majorityFirst: string | undefined): Verdicts => ({
  labelFirst: verdict(labelFirst, "1st"),
  majorityFirst: verdict(majorityFirst, "2nd"),
});

describe("conflictOf", () => {
  it("names the majority and the first rationale that gave it, only when the majority disagrees", () => {
    expect(conflictOf(testing)).toEqual({ majority: "B", majorityRationale: "why 0" });
    const agreeing = { ...testing, ...summariseAnswers(testing.answers, "B") };
    expect(conflictOf(agreeing)).toBeUndefined();
  });
});

describe("applyVerdict: act only when both orders agree", () => {
  it("both orders for the label keep the item and its label", () => {
    const kept = applyVerdict({ candidate, testing, conflict, verdicts: both("A", "A") });
    expect(kept).toEqual({
      success: true,
      value: { candidate, testing, discrimination: { decision: "keep", comparison: "1st\n2nd" } },
    });
  });

  it("both for the majority fix the label only past the higher bar; the winning solution becomes the rationale", () => {
    expect(FIX_MIN_AGREEMENT).toBe(0.8);
    const fixed = applyVerdict({ candidate, testing: strong, conflict, verdicts: both("B", "B") });
    if (!fixed.success) throw new Error("expected a fix");
    expect(fixed.value.candidate).toEqual({
      ...candidate,
      answer: "B",
      explanation: "why 0",
      reasoning: undefined,
    });
    expect(strong.difficulty).toBe(0.8);
    // relabelled: 1 of 5 answers misses B
    expect(fixed.value.testing).toMatchObject({ difficulty: 0.2, majority: "B", conflict: false });
    expect(fixed.value.discrimination).toEqual({
      decision: "fix",
      comparison: "1st\n2nd",
      originalAnswer: "A",
    });

    // the same two verdicts with 3 of 5 test-takers behind the majority: a keep's bar, not a fix's
    const weak = applyVerdict({ candidate, testing, conflict, verdicts: both("B", "B") });
    expect(weak).toMatchObject({
      success: false,
      error: {
        reason:
          "discrimination-uncertain: both orders favour B over the label, but only 3 of 5 test-takers answered it (a fix needs 80%)",
      },
    });
  });

  it.each([
    [both("A", "B"), "discrimination-disagreed: the label-first order says A, the majority-first order B"],
    [both("B", "A"), "discrimination-disagreed: the label-first order says B, the majority-first order A"],
    [both("flawed", "flawed"), "discrimination-rejected: both orders found the item flawed"],
    [both("C", "C"), "discrimination-rejected: both orders name C, neither the label nor the majority"],
    [
      both(undefined, "A"),
      'discrimination-unparseable: the label-first verdict could not be read ("I cannot decide")',
    ],
    [
      both("A", undefined),
      'discrimination-unparseable: the majority-first verdict could not be read ("I cannot decide")',
    ],
  ])("anything else rejects, with its own reason (%#)", (verdicts, reason) => {
    const rejected = applyVerdict({ candidate, testing: strong, conflict, verdicts });
    expect(rejected).toEqual({
      success: false,
      error: {
        reason,
        details: {
          verdicts: [verdicts.labelFirst.reading ?? null, verdicts.majorityFirst.reading ?? null],
          majority: "B",
        },
      },
    });
  });
});
