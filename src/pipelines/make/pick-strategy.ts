import type { Rng } from "../../core/rng.js";
import { type CombinationSpace, combinationAt } from "./difficulty-combinations.js";

/** The difficulty strategy of one attempt: a combination of one value per dimension (recorded with the item). */
export interface PickedStrategy {
  /** The bin of the ranked combinations it was drawn from (0 = easiest), of `bins`. */
  bin: number;
  bins: number;
  /** Its rank among all combinations (0 = easiest) and its coefficient sum. */
  rank: number;
  score: number;
  combination: Record<string, string>;
}

/**
 * Step 3b (difficulty control): the combinations ranked easy to hard, the easier half dropped (as
 * the authors' code does), the rest split into `bins` equal bins; the run is split into as many
 * equal parts, and part k draws one combination uniformly from bin k, so difficulty rises through
 * the run. Pure given the stream.
 */
export function pickStrategy(options: {
  space: CombinationSpace;
  slot: number;
  count: number;
  bins: number;
  rng: Rng;
}): PickedStrategy | undefined {
  const { space, bins } = options;
  if (space.size === 0) return undefined;
  const low = Math.floor(space.size / 2);
  const span = space.size - low;
  const bin = Math.min(bins - 1, Math.floor((options.slot * bins) / Math.max(1, options.count)));
  const start = low + Math.floor((bin * span) / bins);
  // More bins than combinations: a bin may be empty; it then takes the combination at its start.
  const end = Math.max(start + 1, low + Math.floor(((bin + 1) * span) / bins));
  const rank = Math.min(space.size - 1, options.rng.int(start, end - 1));
  const { values, score } = combinationAt(space, rank);
  return { bin, bins, rank, score, combination: values };
}
