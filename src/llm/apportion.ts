/**
 * Splits a batch total over its parts (the texts of an embedding batch, the samples of one request) in
 * proportion to `weights` (e.g. characters), so the records of one batch add up to what the batch cost.
 * Integers by largest remainder when `integer` is set.
 */
export function apportion(
  total: number | undefined,
  weights: readonly number[],
  integer = false,
): Array<number | undefined> {
  if (total === undefined) return weights.map(() => undefined);
  const sum = weights.reduce((accumulated, weight) => accumulated + weight, 0);
  const exact = weights.map((weight) => (sum > 0 ? (total * weight) / sum : total / weights.length));
  if (!integer) return exact;
  const floors = exact.map(Math.floor);
  let left = Math.round(total) - floors.reduce((accumulated, value) => accumulated + value, 0);
  const order = exact.map((value, index) => ({ index, remainder: value - Math.floor(value) }));
  order.sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    floors[index] = (floors[index] as number) + 1;
    left--;
  }
  return floors;
}
