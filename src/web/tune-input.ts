import { z } from "zod";
// Not yet exported from src/index.ts (see the report's edit list): tune's own state schema and best pick.
import { bestEntry, TuneStateSchema } from "../pipelines/tune/history.js";
import type { TuneSection } from "./report-sections.js";

/** A tune run's history as stored (TUNE_STATE_KEY), or a TuneResult written to JSON (it also names its target). */
export const TuneInputSchema = z.intersection(
  z.object({
    template: z.string().optional(),
    targetAccuracy: z.number().optional(),
    tolerance: z.number().optional(),
    stopReason: z.string().optional(),
  }),
  TuneStateSchema,
);
export type TuneInput = z.infer<typeof TuneInputSchema>;

/**
 * The tune page's section: accuracy per iteration (pooled over its samples) against the target band.
 * The best iteration is the one tune's own `bestEntry` picks (smallest |accuracy - target|, ties: larger sample).
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
  const best = bestEntry(input.history, target);
  return {
    template: input.template ?? settings.template,
    targetAccuracy: target,
    tolerance: settings.tolerance,
    iterations,
    ...(best === undefined ? {} : { bestIteration: best.iteration }),
    ...(input.stopReason === undefined ? {} : { stopReason: input.stopReason }),
  };
}
