import type { DifficultyDimension } from "./spec.js";

// Coefficients are summed at 0.1 resolution, so sums are exact integers and ties are exact.
const SCALE = 10;

/**
 * Every combination of one value per difficulty dimension, ranked from easy to hard by the sum of
 * the values' coefficients (paper App. J), without listing them: `ways[d][s]` counts the
 * combinations of dimensions d.. whose scaled sum is s, which is enough to find the combination of
 * any rank. Six dimensions of five values are 15 625 combinations; twelve would be 244 million.
 */
export interface CombinationSpace {
  dimensions: readonly DifficultyDimension[];
  /** Scaled coefficient of each value, per dimension. */
  weights: readonly (readonly number[])[];
  ways: readonly (readonly number[])[];
  /** Number of combinations. */
  size: number;
}

/** One value per dimension: the combination an item's generation prompt asks for. */
export interface DifficultyCombination {
  values: Record<string, string>;
  /** Sum of the chosen values' coefficients. */
  score: number;
}

/** The ranked space of `dimensions` (dimensions without values are left out). */
export function combinationSpace(dimensions: readonly DifficultyDimension[]): CombinationSpace {
  const usable = dimensions.filter((dimension) => dimension.values.length > 0);
  const weights = usable.map((dimension) =>
    dimension.values.map((entry) => Math.round(entry.difficulty * SCALE)),
  );
  const maxSum = weights.reduce((sum, row) => sum + Math.max(...row), 0);
  const ways = Array.from({ length: usable.length + 1 }, () => new Array<number>(maxSum + 1).fill(0));
  (ways[usable.length] as number[])[0] = 1;
  for (let dimension = usable.length - 1; dimension >= 0; dimension--) {
    const row = ways[dimension] as number[];
    const next = ways[dimension + 1] as number[];
    for (let sum = 0; sum <= maxSum; sum++)
      for (const weight of weights[dimension] ?? [])
        if (weight <= sum) row[sum] = (row[sum] ?? 0) + (next[sum - weight] ?? 0);
  }
  const size = usable.length === 0 ? 0 : (ways[0] ?? []).reduce((total, count) => total + count, 0);
  return { dimensions: usable, weights, ways, size };
}

/**
 * The combination of `rank` (0 = easiest) in the order: coefficient sum ascending, ties broken by
 * the values' order in the first dimension, then the next.
 */
export function combinationAt(space: CombinationSpace, rank: number): DifficultyCombination {
  if (!(rank >= 0 && rank < space.size)) throw new RangeError(`no combination of rank ${rank}`);
  const first = space.ways[0] ?? [];
  let remaining = rank;
  let sum = 0;
  while (remaining >= (first[sum] ?? 0)) remaining -= first[sum++] ?? 0;
  const values: Record<string, string> = {};
  let left = sum;
  space.dimensions.forEach((dimension, index) => {
    const next = space.ways[index + 1] ?? [];
    const weights = space.weights[index] ?? [];
    for (const [position, weight] of weights.entries()) {
      if (weight > left) continue;
      const count = next[left - weight] ?? 0;
      if (remaining < count) {
        values[dimension.name] = dimension.values[position]?.value ?? "";
        left -= weight;
        return;
      }
      remaining -= count;
    }
  });
  return { values, score: sum / SCALE };
}
