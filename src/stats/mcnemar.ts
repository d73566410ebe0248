/** Outcome of McNemar's test on the items two models share. */
export interface McNemarResult {
  /** Items only model a got right. */
  onlyA: number;
  /** Items only model b got right. */
  onlyB: number;
  /** Two-sided exact binomial p-value (discordant pairs ~ Binomial(n, 1/2) under H0). */
  exactP: number;
  /** Mid-p variant: exact p minus the point probability of the observed count; less conservative. */
  midP: number;
}

/** McNemar's exact and mid-p test from two aligned correctness vectors (same items, same order). */
export function mcnemarTest(options: {
  correctA: readonly boolean[];
  correctB: readonly boolean[];
}): McNemarResult {
  const { correctA, correctB } = options;
  if (correctA.length !== correctB.length) throw new RangeError("mcnemar: vectors must cover the same items");
  let onlyA = 0;
  let onlyB = 0;
  for (let index = 0; index < correctA.length; index++) {
    if (correctA[index] && !correctB[index]) onlyA++;
    else if (!correctA[index] && correctB[index]) onlyB++;
  }
  return { onlyA, onlyB, ...mcnemarFromCounts(onlyA, onlyB) };
}

/** Exact and mid-p two-sided McNemar p-values from the discordant counts. */
export function mcnemarFromCounts(onlyA: number, onlyB: number): { exactP: number; midP: number } {
  const discordant = onlyA + onlyB;
  if (discordant === 0) return { exactP: 1, midP: 1 };
  const smaller = Math.min(onlyA, onlyB);
  // log P(X = k) for k = 0..smaller by pmf(k+1) = pmf(k)·(n-k)/(k+1): O(smaller), not O(smaller²).
  const logs = new Float64Array(smaller + 1);
  logs[0] = -discordant * Math.LN2;
  for (let k = 0; k < smaller; k++) logs[k + 1] = (logs[k] as number) + Math.log((discordant - k) / (k + 1));
  // The last term is the largest (k <= n/2): sum relative to it so nothing underflows.
  const top = logs[smaller] as number;
  let scaled = 0;
  for (let k = 0; k <= smaller; k++) scaled += Math.exp((logs[k] as number) - top);
  const point = Math.exp(top);
  const lowerTail = scaled * point;
  return { exactP: Math.min(1, 2 * lowerTail), midP: Math.min(1, 2 * (lowerTail - point / 2)) };
}

/** P(X = k) for X ~ Binomial(n, 1/2), computed in log space so n in the tens of thousands is fine. */
export function binomialHalfPmf(trials: number, successes: number): number {
  if (successes < 0 || successes > trials) return 0;
  const k = Math.min(successes, trials - successes);
  let logChoose = 0;
  for (let index = 1; index <= k; index++) logChoose += Math.log((trials - k + index) / index);
  return Math.exp(logChoose - trials * Math.LN2);
}

/**
 * Holm's step-down adjustment: sort p ascending, p'_(i) = max_{j<=i} min(1, (m - j + 1)·p_(j)).
 * Controls the family-wise error rate across all model pairs without assuming independence.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const count = pValues.length;
  const order = pValues
    .map((_, index) => index)
    .sort((a, b) => (pValues[a] as number) - (pValues[b] as number));
  const adjusted = new Array<number>(count).fill(1);
  let running = 0;
  for (let rank = 0; rank < count; rank++) {
    const index = order[rank] as number;
    running = Math.max(running, Math.min(1, (count - rank) * (pValues[index] as number)));
    adjusted[index] = running;
  }
  return adjusted;
}
