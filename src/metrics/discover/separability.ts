import { checkAccuracies, mean } from "./accuracy-vector.js";

/**
 * AutoBencher's separability: the mean absolute deviation of the models' accuracies around
 * their mean, (1/M)·Σ|a_m - ā|. 0 when all models tie; at most 0.5 (half at 0, half at 1).
 * Throws RangeError on an empty list or a value outside [0, 1].
 */
export function separability(accuracies: readonly number[]): number {
  checkAccuracies(accuracies);
  const center = mean(accuracies);
  let deviation = 0;
  for (const accuracy of accuracies) deviation += Math.abs(accuracy - center);
  return deviation / accuracies.length;
}
