import { fail, ok, type Result } from "../../core/result.js";
import type { StepRejection } from "./attempt-outcome.js";
import type { Candidate } from "./candidate.js";
import type { DiscriminationOutcome } from "./discriminate.js";
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
 * The conflict discrimination settles: the majority answer (which disagrees with the label) and the
 * rationale of the first test-taker who gave it; undefined when the majority agrees with the label.
 */
export function conflictOf(
  testing: TestTakeOutcome,
): { majority: string; majorityRationale: string } | undefined {
  const { majority } = testing;
  if (!testing.conflict || majority === undefined) return undefined;
  const rationale = testing.answers.find((answer) => answer.answer === majority)?.rationale ?? "";
  return { majority, majorityRationale: rationale };
}

/**
 * Step 7b's fix-up: "keep" leaves the item as it is, "fix" switches the label to the majority
 * answer and measures beta again against the new label, "reject" turns the item down. Pure.
 */
export function applyVerdict(input: {
  candidate: Candidate;
  testing: TestTakeOutcome;
  verdict: DiscriminationOutcome;
}): Result<LabelledCandidate, StepRejection> {
  const { candidate, testing, verdict } = input;
  if (verdict.decision === "reject") {
    return fail({ reason: `discrimination-rejected: ${verdict.reason}`, details: {} });
  }
  if (verdict.decision === "keep") {
    return ok({ candidate, testing, discrimination: { decision: "keep", comparison: verdict.comparison } });
  }
  const fixed = { ...candidate, answer: verdict.answer };
  return ok({
    candidate: fixed,
    testing: { ...testing, ...summariseAnswers(testing.answers, fixed.answer) },
    discrimination: { decision: "fix", comparison: verdict.comparison, originalAnswer: candidate.answer },
  });
}
