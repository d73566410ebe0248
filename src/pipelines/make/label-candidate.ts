import type { LanguageModel } from "../../core/language-model.js";
import { ok, type Result } from "../../core/result.js";
import { applyVerdict, conflictOf, type DiscriminationRecord } from "./apply-verdict.js";
import type { StepRejection } from "./attempt-outcome.js";
import { type Candidate, ratingLabel } from "./candidate.js";
import { discriminate } from "./discriminate.js";
import { checkAnswerable } from "./label-rule.js";
import type { ResolvedMakeOptions } from "./options.js";
import { MAKE_PROMPTS } from "./prompts.js";
import { type TestTakeOutcome, testTake } from "./test-take.js";

/** A candidate with its difficulty label and how it got it. */
export interface LabelledAttempt {
  candidate: Candidate;
  /** beta in [0, 1]: the test-takers' misses, or the generator's own 1-10 rating rescaled. */
  difficulty: number | undefined;
  labelSource: "test-takers" | "rating" | undefined;
  /** The test-takers' answers when they ran (they also run for discrimination with `--no-test-taker`). */
  testing: TestTakeOutcome | undefined;
  discrimination: DiscriminationRecord | undefined;
}

/**
 * Steps 7 and 7b: the test-takers answer T times (when they label the item, or discrimination needs
 * their majority), and a majority that disagrees with the label goes to discrimination. The label is
 * the test-takers' beta, or with `testTaker: false` the generator's rating (the Direct baseline too).
 */
export async function labelCandidate(input: {
  candidate: Candidate;
  options: ResolvedMakeOptions;
  model: (step: string) => LanguageModel;
}): Promise<Result<LabelledAttempt, StepRejection>> {
  const { options, model } = input;
  const rated = (candidate: Candidate) =>
    candidate.rating === undefined ? undefined : ratingLabel(candidate.rating);
  if (!options.testTaker && !options.discriminate) {
    const difficulty = rated(input.candidate);
    return ok({
      candidate: input.candidate,
      difficulty,
      labelSource: difficulty === undefined ? undefined : "rating",
      testing: undefined,
      discrimination: undefined,
    });
  }
  const answered = checkAnswerable(
    await testTake({
      model: model(MAKE_PROMPTS.testTaker.step),
      candidate: input.candidate,
      testTakers: options.testTakers,
    }),
  );
  if (!answered.success) return answered;
  let candidate = input.candidate;
  let testing = answered.value;
  let discrimination: DiscriminationRecord | undefined;
  const conflict = options.discriminate ? conflictOf(testing) : undefined;
  if (conflict !== undefined) {
    const verdicts = await discriminate({
      model: model(MAKE_PROMPTS.discriminate.step),
      candidate,
      ...conflict,
    });
    const applied = applyVerdict({ candidate, testing, conflict, verdicts });
    if (!applied.success) return applied;
    ({ candidate, testing, discrimination } = applied.value);
  }
  const difficulty = options.testTaker ? testing.difficulty : rated(candidate);
  const labelSource = options.testTaker ? "test-takers" : difficulty === undefined ? undefined : "rating";
  return ok({ candidate, difficulty, labelSource, testing, discrimination });
}
