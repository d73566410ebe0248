import type { Interval } from "../../stats/intervals.js";

/** Standard error of an accuracy measured on `size` items when the true accuracy is `target`. */
export function standardErrorAt(target: number, size: number): number {
  return size > 0 ? Math.sqrt((target * (1 - target)) / size) : Number.POSITIVE_INFINITY;
}

/** Smallest n with standard error at the target <= tolerance / 2: n >= t(1-t)/(tol/2)^2; undefined at tolerance 0. */
export function neededFinalSize(target: number, tolerance: number): number | undefined {
  if (!(tolerance > 0)) return undefined;
  // The epsilon keeps 400.0000001 (float noise) from rounding up to 401.
  return Math.ceil((target * (1 - target)) / (tolerance / 2) ** 2 - 1e-9);
}

/**
 * Default final size: `neededFinalSize` (400 at t = 0.5, tol = 0.05), never below one iteration's
 * sample; tolerance 0 admits no such n, so it falls back to `itemsPerIter`.
 */
export function defaultFinalSize(options: {
  target: number;
  tolerance: number;
  itemsPerIter: number;
}): number {
  return Math.max(options.itemsPerIter, neededFinalSize(options.target, options.tolerance) ?? 0);
}

/** What the final size buys: its standard error at the target and whether that is within tolerance / 2. */
export interface FinalSizeNote {
  size: number;
  standardError: number;
  /** tolerance / 2. */
  bound: number;
  meetsBound: boolean;
  /** The size the rule n >= t(1-t)/(tol/2)^2 asks for (undefined at tolerance 0). */
  needed: number | undefined;
  /** One line for the CLI: the size, its standard error and why. */
  text: string;
}

/** Explains a final size against the rule n >= t(1-t)/(tol/2)^2. */
export function describeFinalSize(options: {
  target: number;
  tolerance: number;
  size: number;
}): FinalSizeNote {
  const { target, tolerance, size } = options;
  const standardError = standardErrorAt(target, size);
  const bound = tolerance / 2;
  const needed = neededFinalSize(target, tolerance);
  const meetsBound = standardError <= bound + 1e-12;
  const head = `final benchmark size ${size}: standard error at target ${target} is sqrt(t(1-t)/n) = ${standardError.toFixed(3)}`;
  let text: string;
  if (needed === undefined)
    text = `${head}; tolerance 0 admits no size whose standard error is <= tolerance/2`;
  else if (meetsBound)
    text = `${head} <= tolerance/2 = ${bound.toFixed(3)} (n >= t(1-t)/(tol/2)^2 = ${needed}), so the measured deviation is mostly signal`;
  else
    text = `${head} > tolerance/2 = ${bound.toFixed(3)}; n >= t(1-t)/(tol/2)^2 = ${needed} would bound it, below that the measured deviation is mostly noise`;
  return { size, standardError, bound, meetsBound, needed, text };
}

/**
 * Interval for |p - t| implied by an interval [low, high] for the accuracy p: 0 at the low end when the
 * target lies inside, else the distance to the nearer end; the far end's distance at the high end.
 */
export function deviationInterval(
  interval: Pick<Interval, "low" | "high">,
  target: number,
): {
  low: number;
  high: number;
} {
  const toLow = Math.abs(interval.low - target);
  const toHigh = Math.abs(interval.high - target);
  const inside = interval.low <= target && target <= interval.high;
  return { low: inside ? 0 : Math.min(toLow, toHigh), high: Math.max(toLow, toHigh) };
}
