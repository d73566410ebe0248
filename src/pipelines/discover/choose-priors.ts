import type { PriorBenchmark } from "../../metrics/discover/description-scores.js";
import type { DescriptionResult } from "./state.js";

/**
 * The prior benchmarks a description's novelty is predicted from: the `--prior` results first, then
 * the descriptions already explored (scored ones, most recent first), at most `cap` in all. The cap
 * is the smaller of `--novelty-priors` and models - 2, since novelty needs priors + 2 models: with
 * more priors the least-squares fit interpolates and the value means nothing.
 */
export function choosePriors(options: {
  given: readonly PriorBenchmark[];
  explored: readonly DescriptionResult[];
  models: number;
  noveltyPriors: number;
}): PriorBenchmark[] {
  const cap = Math.max(0, Math.min(options.noveltyPriors, options.models - 2));
  const explored = options.explored
    .filter((result) => result.status === "scored" && result.accuracies.length > 0)
    .slice()
    .reverse()
    .map((result) => ({
      name: result.id,
      accuracies: result.accuracies.map(({ model, accuracy, n }) => ({ model, accuracy, n })),
    }));
  return [...options.given, ...explored].slice(0, cap);
}
