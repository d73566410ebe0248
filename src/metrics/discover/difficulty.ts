import { checkAccuracies } from "./accuracy-vector.js";

/**
 * AutoBencher's difficulty of a dataset description: 1 - the best candidate model's accuracy
 * on its questions. 0 when some model gets everything right, 1 when every model gets nothing.
 * Throws RangeError on an empty list or a value outside [0, 1].
 */
export function difficulty(accuracies: readonly number[]): number {
  checkAccuracies(accuracies);
  return 1 - Math.max(...accuracies);
}
