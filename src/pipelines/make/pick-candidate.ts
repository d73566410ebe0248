import { fail, ok, type Result } from "../../core/result.js";
import type { Rng } from "../../core/rng.js";
import type { StepRejection } from "./attempt-outcome.js";
import { type Candidate, shuffleOptions } from "./candidate.js";
import { chooseMostDiverse } from "./diversity-boost.js";
import type { GeneratedCandidates } from "./generate-candidates.js";
import { itemText } from "./item-text.js";

/** The candidate an attempt goes on with. */
export interface PickedCandidate {
  candidate: Candidate;
  /** Entropy gain of each candidate (only when there was a choice to make). */
  gains: number[] | undefined;
}

/**
 * Step 5's choice, then the seeded option shuffle: of the usable samples, the one that adds most
 * lexical diversity to `context` (the first one when there is only one). No usable sample rejects
 * the attempt with the first sample's problem.
 */
export function pickCandidate(input: {
  generated: GeneratedCandidates;
  context: readonly { question: string; options?: readonly string[] | undefined }[];
  /** The shuffle's stream; undefined keeps the generated order. */
  shuffle: Rng | undefined;
}): Result<PickedCandidate, StepRejection> {
  const { candidates, failures } = input.generated;
  const first = candidates[0];
  if (first === undefined) {
    const suffix = failures.length > 1 ? ` (all ${failures.length} samples unusable)` : "";
    return fail({ reason: (failures[0] ?? "invalid-output: no candidate") + suffix, details: { failures } });
  }
  const boost =
    candidates.length > 1
      ? chooseMostDiverse({ references: input.context.map(itemText), candidates: candidates.map(itemText) })
      : undefined;
  const chosen = candidates[boost?.index ?? 0] ?? first;
  return ok({
    candidate: input.shuffle ? shuffleOptions(chosen, input.shuffle) : chosen,
    gains: boost?.gains,
  });
}
