import { InvalidOptionError } from "../core/errors.js";
import type { EvalResults } from "../evaluate/index.js";
import type { AccuracyTable, CriterionValue, Embedder } from "../metrics/types.js";
import type { RankInterval } from "../stats/rank-intervals.js";
import type { CalibrationReport } from "./irt-prune.js";
import type { JudgedBenchmark } from "./judge.js";
import type { LeakageFinding, ReferenceItem } from "./leakage.js";
import type { PairComparison } from "./model-comparisons.js";
import type { ProbeResult } from "./probes.js";

/** What `runAudit` takes: the benchmark, and whatever inputs the criteria can use. */
export interface AuditOptions {
  benchmark: JudgedBenchmark;
  /** Other benchmarks judged alongside (generator groups for the debiasing regression). */
  comparisons?: readonly JudgedBenchmark[];
  /** A human reference benchmark judged the same way: faithfulness and alignment are also given with it = 1. */
  referenceBenchmark?: JudgedBenchmark;
  /** Per-item results of models on this benchmark (from `benchsmith eval`). */
  results?: EvalResults;
  /** Models to evaluate now when no results are given (calls `evaluateBenchmark`). */
  models?: readonly string[];
  referenceResults?: AccuracyTable;
  paraphraseResults?: AccuracyTable;
  judge?: string;
  /** Score each item alone, or compare items in pairs. */
  judgeMode?: "itemwise" | "comparison";
  /** The demand the benchmark was made for (alignment). */
  demand?: string;
  embedder?: Embedder;
  /** Id of the run that generated the benchmark, for efficiency. */
  generatingRun?: string;
  /** Generator models the generating run recorded (with item provenance: the self-preference check). */
  generators?: readonly string[];
  leakageReferences?: readonly ReferenceItem[];
  /** A model for the question-hidden probe (defaults to the judge). */
  probeModel?: string;
  maxJudgedItems?: number;
  /** The caller keeps the items IRT calibration keeps, which needs per-item results of >= 2 models. */
  prune?: boolean;
}

/** The defaults (the CLI shows them in --help; they live only here). `seed` is an audit run's seed. */
export const AUDIT_DEFAULTS = {
  judgeMode: "itemwise",
  seed: 1,
} as const satisfies Pick<Required<AuditOptions>, "judgeMode"> & { seed: number };

const JUDGE_MODES = ["itemwise", "comparison"] as const;

/**
 * Checks the options before any call is paid for (runAudit calls it first; a caller can call it
 * before opening a run): InvalidOptionError names the option.
 */
export function checkAuditOptions(
  options: Pick<AuditOptions, "judgeMode" | "prune" | "results" | "models">,
): void {
  const mode = options.judgeMode ?? AUDIT_DEFAULTS.judgeMode;
  if (!JUDGE_MODES.includes(mode))
    throw new InvalidOptionError("judgeMode", `must be ${JUDGE_MODES.join(" or ")}, got "${String(mode)}"`);
  if (options.prune) checkPruneModels(options);
}

/** Calibration counts the models with per-item results: the given results' LLMs, else the models to evaluate. */
function checkPruneModels(options: Pick<AuditOptions, "results" | "models">): void {
  const count = options.results
    ? options.results.models.filter((model) => model.kind === "llm").length
    : new Set(options.models).size;
  if (count < 2)
    throw new InvalidOptionError(
      "prune",
      `needs per-item results of >= 2 models, got ${count}`,
      "pass --results results.json (of >= 2 models) or --models a,b",
    );
}

/** One criterion's row: its value as the criterion computed it, with its name and direction. */
export type AuditRow = CriterionValue & {
  criterion: string;
  description: string;
  higherIsBetter: boolean;
};

export interface AuditReport {
  benchmark: string;
  itemCount: number;
  rows: AuditRow[];
  comparisons: { pairs: PairComparison[]; ranks: RankInterval[] } | undefined;
  calibration: CalibrationReport | undefined;
  leakage: LeakageFinding[];
  probes: ProbeResult[];
  /** Things that may make a number misleading (e.g. the judge judging its own items). */
  warnings: string[];
  notes: string[];
}
