import { accuracyIntervals } from "../../metrics/discover/accuracy-interval.js";
import { describeScores, type PriorBenchmark } from "../../metrics/discover/description-scores.js";
import type { NoveltyPrediction } from "../../metrics/discover/novelty.js";
import type {
  DiscoverObjective,
  ModelAccuracy,
  ObjectiveSettings,
} from "../../metrics/discover/objective.js";
import type { CandidateBatch, DescriptionResult } from "./state.js";

/** Each candidate's accuracy over every batch it answered; candidates with no graded answer are left out. */
export function pooledAccuracies(
  batches: readonly CandidateBatch[][],
  candidates: readonly string[],
): ModelAccuracy[] {
  return candidates.flatMap((model) => {
    const outcomes = batches
      .flatMap((batch) => batch.filter((entry) => entry.model === model))
      .flatMap((entry) => entry.outcomes);
    if (outcomes.length === 0) return [];
    const correct = outcomes.filter((outcome) => outcome.correct).length;
    return [{ model, accuracy: correct / outcomes.length, n: outcomes.length }];
  });
}

/**
 * The score step: difficulty, separability and novelty (against `priors`) from the candidates'
 * accuracies, the salience passed through, and the objective with its terms, missing inputs and
 * violated constraints. Without a single accuracy the description is "failed" with no scores.
 */
export function scoreDescription(options: {
  base: Omit<DescriptionResult, "status" | "accuracies" | "scores" | "objective">;
  accuracies: readonly ModelAccuracy[];
  priors: readonly PriorBenchmark[];
  prediction: NoveltyPrediction;
  objective: DiscoverObjective;
  settings: ObjectiveSettings;
}): DescriptionResult {
  const withIntervals = accuracyIntervals(options.accuracies);
  if (options.accuracies.length === 0)
    return { ...options.base, status: "failed", accuracies: withIntervals };
  const detail = describeScores({
    accuracies: options.accuracies,
    priors: options.priors,
    salience: options.base.salience.value,
    prediction: options.prediction,
  });
  const { scores } = detail;
  return {
    ...options.base,
    status: "scored",
    accuracies: withIntervals,
    scores: {
      difficulty: scores.difficulty,
      separability: scores.separability,
      ...(scores.novelty === undefined ? {} : { novelty: scores.novelty }),
      ...(scores.noveltyReason === undefined ? {} : { noveltyReason: scores.noveltyReason }),
      noveltyPriors: options.priors.map((prior) => prior.name),
      noveltyModels: detail.noveltyModels,
    },
    objective: options.objective.score(scores, options.settings),
  };
}
