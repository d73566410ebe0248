import type { JudgeAssessment } from "./types.js";

/** The paper's verdict scale for an itemwise judgement: 0 (fails), 0.5 (partly), 1 (meets it). */
export const VERDICT_LEVELS = [0, 0.5, 1] as const;

/** What the length/generator regression could estimate; comparison mode removes order bias instead. */
export type DebiasFit =
  /** score ~ generator dummies + judge length. */
  | "generators+length"
  /** Length varies only between generators: dummies alone (no length coefficient). */
  | "generators-only"
  /** One generator group: nothing to fit, scores stay raw. */
  | "none"
  /** Comparison mode: each pair judged in both orders, which cancels the judge's position preference. */
  | "both-orders";

/**
 * What the audit's judge service reports beside JudgeAssessment's fields: the scale, what the
 * debiasing regression had to work with, and the score relative to a human reference benchmark.
 */
export interface JudgeScaleDetails {
  /** e.g. "verdict 0/0.5/1" or "win share". */
  scale: string;
  fit: DebiasFit;
  /** Generator groups among the rated items (benchmarks, or generators within one benchmark). */
  generators: number;
  /** Set when a reference benchmark (--reference-bench) was judged the same way. */
  reference?: {
    name: string;
    /** The reference's own score on the same scale. */
    value: number;
    /** Ours with the reference = 1 (itemwise: ours / reference; comparison: win odds against it). */
    normalised: number | undefined;
    /** How `normalised` was formed, for the notes. */
    rule: string;
  };
}

/** A judge assessment with its scale details (absent when a service does not report them). */
export type ScaledAssessment = JudgeAssessment & Partial<JudgeScaleDetails>;

/** True when `fit` removed something (the table may say "debiased"). */
export function isDebiased(fit: DebiasFit | undefined): boolean {
  return fit === "generators+length" || fit === "generators-only" || fit === "both-orders";
}
