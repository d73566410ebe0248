/**
 * Integer quotas proportional to `importances` that sum exactly to `size` (largest remainder: floors
 * first, then one more to the largest fractional parts, ties to the more important, then the
 * earlier subtask). When `size` allows, every subtask gets at least one item.
 */
export function splitQuotas(importances: readonly number[], size: number): number[] {
  if (importances.length === 0) return [];
  if (!Number.isInteger(size) || size < 0) throw new RangeError(`size must be an integer >= 0, got ${size}`);
  if (importances.some((weight) => !(weight > 0)))
    throw new RangeError("every importance must be a positive number");
  const total = importances.reduce((sum, weight) => sum + weight, 0);
  const exact = importances.map((weight) => (size * weight) / total);
  const quotas = exact.map((value) => Math.floor(value));
  let left = size - quotas.reduce((sum, quota) => sum + quota, 0);
  const order = exact
    .map((value, index) => ({ index, fraction: value - Math.floor(value), weight: importances[index] ?? 0 }))
    .sort((a, b) => b.fraction - a.fraction || b.weight - a.weight || a.index - b.index);
  for (const { index } of order) {
    if (left === 0) break;
    quotas[index] = (quotas[index] ?? 0) + 1;
    left--;
  }
  // A subtask left at 0 takes one item from the largest quota (ties: the later subtask gives).
  if (size >= quotas.length) {
    for (let index = 0; index < quotas.length; index++) {
      if (quotas[index] !== 0) continue;
      let donor = 0;
      for (let candidate = 0; candidate < quotas.length; candidate++)
        if ((quotas[candidate] ?? 0) >= (quotas[donor] ?? 0)) donor = candidate;
      quotas[donor] = (quotas[donor] ?? 0) - 1;
      quotas[index] = 1;
    }
  }
  return quotas;
}
