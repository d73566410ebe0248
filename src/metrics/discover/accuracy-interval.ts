import { wilsonInterval } from "../../stats/intervals.js";
import type { ModelAccuracy } from "./objective.js";

/** A model's accuracy with its Wilson interval, as the discover trajectory shows it. */
export interface AccuracyWithInterval extends ModelAccuracy {
  low: number;
  high: number;
}

/**
 * Adds a Wilson score interval (default 95%) to each model's accuracy on n questions. Successes are
 * accuracy·n without rounding, so judge-graded partial credit keeps its exact proportion.
 * n = 0 gives the uninformative [0, 1].
 */
export function accuracyIntervals(
  accuracies: readonly ModelAccuracy[],
  confidence = 0.95,
): AccuracyWithInterval[] {
  return accuracies.map(({ model, accuracy, n }) => {
    const interval = wilsonInterval(accuracy * n, n, confidence);
    return { model, accuracy, n, low: interval.low, high: interval.high };
  });
}
