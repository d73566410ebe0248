import type { Item } from "../core/item.js";
import type { LanguageModel } from "../core/language-model.js";
import type { Rng } from "../core/rng.js";
import type { ScaledAssessment } from "../metrics/judge-scale.js";
import type { JudgeAspect } from "../metrics/types.js";

/** A benchmark the judge rates: a name for the table and its items. */
export interface JudgedBenchmark {
  name: string;
  items: readonly Item[];
}

export interface JudgeServiceOptions {
  model: LanguageModel;
  label: string;
  /** The audited benchmark first, then the benchmarks it is compared with (each a generator group). */
  benchmarks: readonly JudgedBenchmark[];
  /** A human reference benchmark judged the same way (--reference-bench): ours is also given with it = 1. */
  reference?: JudgedBenchmark | undefined;
  demand: string | undefined;
  mode: "itemwise" | "comparison";
  rng: Rng;
  /** Items judged per benchmark (seeded sample); judging is the expensive part of an audit. */
  maxItemsPerBenchmark?: number;
}

/** Items judged per benchmark when the caller sets no limit. */
export const DEFAULT_JUDGED_ITEMS = 200;

/** The benchmark's items, or a seeded sample of them when there are more than the limit. */
export function sampledItems(options: JudgeServiceOptions, benchmark: JudgedBenchmark): readonly Item[] {
  const limit = options.maxItemsPerBenchmark ?? DEFAULT_JUDGED_ITEMS;
  return benchmark.items.length <= limit
    ? benchmark.items
    : options.rng.fork(benchmark.name).sample(benchmark.items, limit);
}

/** The assessment that says what is missing (no number), e.g. alignment without the demand. */
export function unavailableAssessment(options: JudgeServiceOptions, missing: string): ScaledAssessment {
  return {
    judge: options.label,
    target: options.benchmarks[0]?.name ?? "",
    benchmarks: [],
    lengthCoefficient: Number.NaN,
    mode: options.mode,
    unavailable: missing,
  };
}

/** What stops `aspect` from being judged at all, if anything. */
export function missingInput(options: JudgeServiceOptions, aspect: JudgeAspect): string | undefined {
  if (aspect === "alignment" && options.demand === undefined)
    return "the demand text (--demand, or --run of the make run)";
  return undefined;
}

/** Words in a judge rationale (the length covariate of the debiasing regression). */
export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Arithmetic mean; NaN for no values (shown as n/a, never as a number). */
export function mean(values: readonly number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN;
}
