import type { PipelineContext } from "../core/context.js";
import { BenchsmithError, BudgetExceededError } from "../core/errors.js";
import { type EvalResults, evaluateBenchmark, HEURISTIC_RNG_STREAM } from "../evaluate/index.js";
import { CRITERIA } from "../metrics/index.js";
import type { CriterionInputs } from "../metrics/types.js";
import {
  AUDIT_DEFAULTS,
  type AuditOptions,
  type AuditReport,
  type AuditRow,
  checkAuditOptions,
} from "./audit-options.js";
import { calibrateItems } from "./irt-prune.js";
import { createJudgeService } from "./judge.js";
import { buildNgramIndex, findLeakage } from "./leakage.js";
import { matrixFromResults } from "./load-results.js";
import { compareModels } from "./model-comparisons.js";
import { heuristicProbes, questionHiddenProbe } from "./probes.js";
import { readRunAccounting } from "./run-accounting.js";
import { selfPreferenceWarning } from "./self-preference.js";

/** The state key under which an audit run stores its table (the viewer and `report <run>` read it). */
export const AUDIT_TABLE_KEY = "audit-table";

/** Runs every criterion on what is available, plus model statistics, IRT calibration, leakage and probes. */
export async function runAudit(options: AuditOptions, context: PipelineContext): Promise<AuditReport> {
  checkAuditOptions(options);
  const notes: string[] = [];
  const warnings: string[] = [];
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
  const run = options.generatingRun
    ? await readRunAccounting(options.generatingRun, context.store, notes)
    : undefined;
  if (run) inputs.run = run;
  if (options.judge) {
    const selfJudged = selfPreferenceWarning({
      judge: options.judge,
      runGenerators: options.generators ?? [],
      items,
    });
    if (selfJudged) warnings.push(selfJudged);
    inputs.judge = createJudgeService({
      model: context.resolveModel(options.judge),
      label: options.judge,
      benchmarks: [options.benchmark, ...(options.comparisons ?? [])],
      reference: options.referenceBenchmark,
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
  const probes = heuristicProbes(items, context.rng.fork(HEURISTIC_RNG_STREAM));
  const probeModel = options.probeModel ?? options.judge;
  if (probeModel) {
    probes.push(
      await questionHiddenProbe({
        model: context.resolveModel(probeModel),
        label: probeModel,
        items,
        rng: context.rng.fork("probe"),
        signal: context.signal,
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
    warnings,
    notes,
  };
  await context.store.putState(context.runId, AUDIT_TABLE_KEY, {
    rows,
    notes: [...warnings.map((warning) => `warning: ${warning}`), ...notes],
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
