import { z } from "zod";
import type { Measurement } from "./evaluate-items.js";
import type { ParamValues } from "./param-space.js";

/** One designer proposal and what the target model scored on it. Stored in run state. */
export interface HistoryEntry {
  iteration: number;
  /** Designer that produced the params ("optimizer" when the LLM designer fell back). */
  designer: string;
  params: ParamValues;
  rationale: string;
  /** Why the designer's own proposal was replaced (e.g. invalid JSON after repair). */
  fallback?: string;
  measurement: Measurement;
  /** Fresh-sample re-measurement, taken when the first sample landed within tolerance. */
  confirmation?: Measurement;
  /** First sample and confirmation together. */
  pooled: Measurement;
  confirmed: boolean;
}

/** A proposal committed before its evaluation, so a resumed run does not ask the designer again. */
export interface PendingProposal {
  designer: string;
  params: ParamValues;
  rationale: string;
  fallback?: string;
}

export interface TuneState {
  history: HistoryEntry[];
  pending?: PendingProposal;
}

const ParamValuesSchema = z.record(z.string(), z.union([z.number(), z.string(), z.boolean()]));
const MeasurementSchema = z.object({
  correct: z.number(),
  total: z.number(),
  accuracy: z.number(),
  interval: z.object({ estimate: z.number(), low: z.number(), high: z.number() }),
});
const ProposalFields = {
  designer: z.string(),
  params: ParamValuesSchema,
  rationale: z.string(),
  fallback: z.string().optional(),
};

/** The tune loop's checkpoint as stored in run state (parsed when a run is resumed). */
export const TuneStateSchema: z.ZodType<TuneState> = z.object({
  history: z.array(
    z.object({
      iteration: z.number().int(),
      ...ProposalFields,
      measurement: MeasurementSchema,
      confirmation: MeasurementSchema.optional(),
      pooled: MeasurementSchema,
      confirmed: z.boolean(),
    }),
  ),
  pending: z.object(ProposalFields).optional(),
}) as z.ZodType<TuneState>;

export const TUNE_STATE_KEY = "tune:state";

/** Smallest |pooled accuracy - target|; ties go to the larger sample. */
export function bestEntry(history: readonly HistoryEntry[], target: number): HistoryEntry | undefined {
  let best: HistoryEntry | undefined;
  for (const entry of history) {
    if (!best) {
      best = entry;
      continue;
    }
    const gap = Math.abs(entry.pooled.accuracy - target);
    const bestGap = Math.abs(best.pooled.accuracy - target);
    if (gap < bestGap - 1e-12 || (Math.abs(gap - bestGap) <= 1e-12 && entry.pooled.total > best.pooled.total))
      best = entry;
  }
  return best;
}

/** Text for the designer prompt: one line per iteration with accuracy and its interval. */
export function formatHistory(history: readonly HistoryEntry[]): string {
  if (history.length === 0) return "(no measurements yet)";
  return history
    .map((entry) => {
      const { pooled } = entry;
      const interval = `[${pooled.interval.low.toFixed(2)}, ${pooled.interval.high.toFixed(2)}]`;
      return `${entry.iteration + 1}. params ${JSON.stringify(entry.params)} -> accuracy ${pooled.accuracy.toFixed(3)} (95% CI ${interval}, n=${pooled.total})`;
    })
    .join("\n");
}
