/**
 * Checks that `values` is a non-empty list of accuracies in [0, 1] and returns it unchanged.
 * A NaN or out-of-range accuracy is a caller bug, not data to score, so it throws.
 */
export function checkAccuracies(values: readonly number[], label = "accuracies"): readonly number[] {
  if (values.length === 0) throw new RangeError(`${label}: need at least one accuracy`);
  for (const [index, value] of values.entries()) {
    if (!Number.isFinite(value) || value < 0 || value > 1) {
      throw new RangeError(`${label}[${index}] = ${value} is not an accuracy in [0, 1]`);
    }
  }
  return values;
}

/** Arithmetic mean of a non-empty list. */
export function mean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}
