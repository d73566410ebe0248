import type { PipelineContext } from "../core/context.js";
import { BenchsmithError, BudgetExceededError, InvalidOptionError } from "../core/errors.js";
import type { Item } from "../core/item.js";
import { type EvalResults, evaluateBenchmark } from "../evaluate/index.js";
import { CRITERIA } from "../metrics/index.js";
import type { AccuracyTable, CriterionInputs, Embedder, RunAccounting } from "../metrics/types.js";
import type { RankInterval } from "../stats/rank-intervals.js";
import { type CalibrationReport, calibrateItems } from "./irt-prune.js";
import { createJudgeService } from "./judge.js";
import { buildNgramIndex, findLeakage, type LeakageFinding, type ReferenceItem } from "./leakage.js";
import { matrixFromResults } from "./load-results.js";
import { compareModels, type PairComparison } from "./model-comparisons.js";
import { heuristicProbes, type ProbeResult, questionHiddenProbe } from "./probes.js";

export interface AuditOptions {
  benchmark: { name: string; items: readonly Item[] };
  /** Other benchmarks judged alongside (generator groups for the debiasing regression). */
  comparisons?: ReadonlyArray<{ name: string; items: readonly Item[] }>;
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
  leakageReferences?: readonly ReferenceItem[];
  /** A model for the question-hidden probe (defaults to the judge). */
  probeModel?: string;
  maxJudgedItems?: number;
}

/** The defaults (the CLI shows them in --help; they live only here). `seed` is an audit run's seed. */
export const AUDIT_DEFAULTS = {
  judgeMode: "itemwise",
  seed: 1,
} as const satisfies Pick<Required<AuditOptions>, "judgeMode"> & { seed: number };

const JUDGE_MODES = ["itemwise", "comparison"] as const;

/** Checks the options that need no data, before any file is read: InvalidOptionError names the option. */
export function checkAuditOptions(options: Pick<AuditOptions, "judgeMode">): void {
  const mode = options.judgeMode ?? AUDIT_DEFAULTS.judgeMode;
  if (!JUDGE_MODES.includes(mode))
    throw new InvalidOptionError("judgeMode", `must be ${JUDGE_MODES.join(" or ")}, got "${String(mode)}"`);
}

export interface AuditRow {
  criterion: string;
  description: string;
  higherIsBetter: boolean;
  value: number | undefined;
  display: string;
  notes: string;
  used: string;
}

export interface AuditReport {
  benchmark: string;
  itemCount: number;
  rows: AuditRow[];
  comparisons: { pairs: PairComparison[]; ranks: RankInterval[] } | undefined;
  calibration: CalibrationReport | undefined;
  leakage: LeakageFinding[];
  probes: ProbeResult[];
  notes: string[];
}

/** Runs every criterion on what is available, plus model statistics, IRT calibration, leakage and probes. */
export async function runAudit(options: AuditOptions, context: PipelineContext): Promise<AuditReport> {
  checkAuditOptions(options);
  const notes: string[] = [];
  const items = options.benchmark.items;
  const results = await obtainResults(options, context, notes);
  const inputs: CriterionInputs = { rng: context.rng.fork("audit"), items };
  if (results !== undefined) {
    const { matrix, droppedItems } = matrixFromResults(
      results,
      items.map((item) => item.id),
    );
    if (droppedItems > 0)
      notes.push(
        `${droppedItems} items lack a result from every model and were left out of model-based criteria`,
      );
    if (matrix.models.length >= 2 && matrix.itemIds.length >= 2) inputs.models = matrix;
    else notes.push("model-based criteria need >= 2 evaluated models");
  }
  if (options.referenceResults) inputs.reference = options.referenceResults;
  if (options.paraphraseResults) inputs.paraphrase = options.paraphraseResults;
  if (options.embedder) inputs.embedder = options.embedder;
  const run = options.generatingRun ? await runAccounting(options.generatingRun, context, notes) : undefined;
  if (run) inputs.run = run;
  if (options.judge) {
    inputs.judge = createJudgeService({
      model: context.resolveModel(options.judge),
      label: options.judge,
      benchmarks: [options.benchmark, ...(options.comparisons ?? [])],
      demand: options.demand,
      mode: options.judgeMode ?? AUDIT_DEFAULTS.judgeMode,
      rng: context.rng.fork("judge"),
      ...(options.maxJudgedItems ? { maxItemsPerBenchmark: options.maxJudgedItems } : {}),
    });
  }

  const rows: AuditRow[] = [];
  context.progress.start("audit criteria", Object.keys(CRITERIA).length);
  for (const entry of Object.values(CRITERIA)) {
    let value: Awaited<ReturnType<typeof entry.compute>>;
    try {
      value = await entry.compute(inputs);
    } catch (error) {
      // A spent budget stops the whole audit (the run is "stopped"); other known errors fill one row.
      if (!BenchsmithError.isInstance(error) || BudgetExceededError.isInstance(error)) throw error;
      value = { value: undefined, display: `error: ${error.message}`, notes: error.hint ?? "", used: "" };
    }
    rows.push({
      criterion: entry.id,
      description: entry.description,
      higherIsBetter: entry.higherIsBetter,
      ...value,
    });
    context.progress.advance(1, entry.id);
  }
  context.progress.finish();

  const matrix = inputs.models;
  const comparisons = matrix ? compareModels(matrix, context.rng.fork("comparisons")) : undefined;
  const calibration = matrix ? calibrateItems(matrix) : undefined;
  const leakage = options.leakageReferences?.length
    ? findLeakage({
        index: buildNgramIndex(options.leakageReferences),
        items: items.map((item) => ({
          id: item.id,
          text: `${item.question} ${(item.options ?? []).join(" ")}`,
        })),
      })
    : [];
  const probes = heuristicProbes(items, context.rng.fork("heuristics"));
  const probeModel = options.probeModel ?? options.judge;
  if (probeModel) {
    probes.push(
      await questionHiddenProbe({
        model: context.resolveModel(probeModel),
        label: probeModel,
        items,
        rng: context.rng.fork("probe"),
      }),
    );
  }
  const report: AuditReport = {
    benchmark: options.benchmark.name,
    itemCount: items.length,
    rows,
    comparisons,
    calibration,
    leakage,
    probes,
    notes,
  };
  await context.store.putState(context.runId, "audit-table", {
    rows,
    notes,
    leakage: leakage.length,
    probes,
  });
  return report;
}

async function obtainResults(
  options: AuditOptions,
  context: PipelineContext,
  notes: string[],
): Promise<EvalResults | undefined> {
  if (options.results) return options.results;
  if (!options.models?.length) return undefined;
  notes.push(`evaluated ${options.models.length} models now (no --results given)`);
  return evaluateBenchmark(
    { items: options.benchmark.items, models: options.models, benchmark: options.benchmark.name },
    context,
  );
}

async function runAccounting(
  runId: string,
  context: PipelineContext,
  notes: string[],
): Promise<RunAccounting | undefined> {
  const run = await context.store.getRun(runId);
  if (run === undefined) {
    notes.push(`run ${runId} is not in the store; efficiency needs it`);
    return undefined;
  }
  const stats = await context.store.callStats(runId);
  const items = (await context.store.listItems(runId, { status: "accepted" })).length;
  const elapsed = Date.parse(run.updatedAt) - Date.parse(run.createdAt);
  return {
    runId,
    calls: stats.calls,
    costUsd: stats.costUsd,
    elapsedMs: Number.isFinite(elapsed) ? elapsed : undefined,
    items,
  };
}
