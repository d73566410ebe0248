import { z } from "zod";
import type { TuneSection } from "./report-sections.js";

const MeasurementSchema = z.object({
  accuracy: z.number(),
  total: z.number().int(),
  interval: z.object({ low: z.number(), high: z.number() }),
});

/** A tune run's history as stored ("tune:state") or as a TuneResult written to JSON. */
export const TuneInputSchema = z.object({
  template: z.string().optional(),
  targetAccuracy: z.number().optional(),
  tolerance: z.number().optional(),
  stopReason: z.string().optional(),
  history: z.array(
    z.object({
      iteration: z.number().int(),
      designer: z.string(),
      params: z.record(z.string(), z.unknown()),
      rationale: z.string().default(""),
      fallback: z.string().optional(),
      pooled: MeasurementSchema,
      confirmed: z.boolean(),
    }),
  ),
});
export type TuneInput = z.infer<typeof TuneInputSchema>;

/**
 * The tune page's section: accuracy per iteration (pooled over its samples) against the target band.
 * The best iteration is the one with the smallest |accuracy - target| (ties: larger sample), as tune picks it.
 */
export function tuneSection(
  input: TuneInput,
  settings: { template: string; targetAccuracy: number; tolerance: number },
): TuneSection {
  const target = input.targetAccuracy ?? settings.targetAccuracy;
  const iterations = input.history.map((entry) => ({
    iteration: entry.iteration,
    designer: entry.designer,
    params: entry.params,
    rationale: entry.rationale,
    accuracy: entry.pooled.accuracy,
    low: entry.pooled.interval.low,
    high: entry.pooled.interval.high,
    total: entry.pooled.total,
    confirmed: entry.confirmed,
    ...(entry.fallback === undefined ? {} : { fallback: entry.fallback }),
  }));
  let best: (typeof iterations)[number] | undefined;
  for (const entry of iterations) {
    const gap = Math.abs(entry.accuracy - target);
    const bestGap = best === undefined ? Number.POSITIVE_INFINITY : Math.abs(best.accuracy - target);
    if (gap < bestGap - 1e-12 || (best && Math.abs(gap - bestGap) <= 1e-12 && entry.total > best.total))
      best = entry;
  }
  return {
    template: input.template ?? settings.template,
    targetAccuracy: target,
    tolerance: settings.tolerance,
    iterations,
    ...(best === undefined ? {} : { bestIteration: best.iteration }),
    ...(input.stopReason === undefined ? {} : { stopReason: input.stopReason }),
  };
}
