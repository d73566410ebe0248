import { fail, ok, type Result } from "../../core/result.js";
import type { StepRejection } from "./attempt-outcome.js";
import type { Candidate } from "./candidate.js";
import type { Verdicts } from "./discriminate.js";
import { summariseAnswers, type TestTakeOutcome } from "./test-take.js";

/** What discrimination did to an item that is kept (recorded in its metadata and provenance). */
export interface DiscriminationRecord {
  decision: "keep" | "fix";
  comparison: string;
  /** The label before a "fix" switched it to the majority answer. */
  originalAnswer?: string;
}

/** A candidate with its difficulty label, after discrimination when there was a conflict. */
export interface LabelledCandidate {
  candidate: Candidate;
  testing: TestTakeOutcome;
  discrimination: DiscriminationRecord | undefined;
}

/**
 * The share of the readable test-taker answers that must name the majority answer before both
 * verdicts may fix the label to it. Replayed real runs fixed labels wrongly every time the bar was
 * a keep's bar; a key is only overturned when the test-takers nearly all agree as well.
 */
export const FIX_MIN_AGREEMENT = 0.8;

/** The conflict discrimination settles: the majority answer and the rationale of the first test-taker who gave it. */
export function conflictOf(
  testing: TestTakeOutcome,
): { majority: string; majorityRationale: string } | undefined {
  const { majority } = testing;
  if (!testing.conflict || majority === undefined) return undefined;
  const rationale = testing.answers.find((answer) => answer.answer === majority)?.rationale ?? "";
  return { majority, majorityRationale: rationale };
}

/**
 * Step 7b's rule. Acts only when both orders agree: both for the label keeps the item; both for the
 * majority fixes the label to it (beta measured again, the winning solution stored as the
 * explanation) if FIX_MIN_AGREEMENT of the test-takers gave it, else rejects. Anything else rejects:
 * disagreement, "flawed", another letter, or a verdict that could not be read (its own reason). Pure.
 */
export function applyVerdict(input: {
  candidate: Candidate;
  testing: TestTakeOutcome;
  conflict: { majority: string; majorityRationale: string };
  verdicts: Verdicts;
}): Result<LabelledCandidate, StepRejection> {
  const { candidate, testing, verdicts } = input;
  const { majority } = input.conflict;
  const { labelFirst, majorityFirst } = verdicts;
  const details = { verdicts: [labelFirst.reading ?? null, majorityFirst.reading ?? null], majority };
  const reject = (reason: string) => fail({ reason, details });
  for (const [order, verdict] of [
    ["label-first", labelFirst],
    ["majority-first", majorityFirst],
  ] as const) {
    if (verdict.reading === undefined)
      return reject(
        `discrimination-unparseable: the ${order} verdict could not be read ("${verdict.raw.slice(0, 80)}")`,
      );
  }
  const reading = labelFirst.reading;
  if (reading !== majorityFirst.reading)
    return reject(
      `discrimination-disagreed: the label-first order says ${labelFirst.reading}, the majority-first order ${majorityFirst.reading}`,
    );
  const comparison = [labelFirst.comparison, majorityFirst.comparison].filter(Boolean).join("\n");
  if (reading === candidate.answer)
    return ok({ candidate, testing, discrimination: { decision: "keep", comparison } });
  if (reading === "flawed") return reject("discrimination-rejected: both orders found the item flawed");
  if (reading !== majority)
    return reject(`discrimination-rejected: both orders name ${reading}, neither the label nor the majority`);
  const agreeing = testing.answers.filter((answer) => answer.answer === majority).length;
  if (agreeing < FIX_MIN_AGREEMENT * testing.parseable)
    return reject(
      `discrimination-uncertain: both orders favour ${majority} over the label, but only ${agreeing} of ${testing.parseable} test-takers answered it (a fix needs ${FIX_MIN_AGREEMENT * 100}%)`,
    );
  const fixed: Candidate = {
    ...candidate,
    answer: majority,
    // The old reasoning path argued for the old label: the winning solution is the rationale now.
    explanation: input.conflict.majorityRationale,
    reasoning: undefined,
  };
  return ok({
    candidate: fixed,
    testing: { ...testing, ...summariseAnswers(testing.answers, fixed.answer) },
    discrimination: { decision: "fix", comparison, originalAnswer: candidate.answer },
  });
}
