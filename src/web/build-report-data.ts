import type { EvalResults, Item } from "../index.js";
import { type AuditInput, auditSection } from "./audit-input.js";
import { buildDifficultySummary } from "./difficulty-summary.js";
import { type DiscoverInput, discoverSection } from "./discover-input.js";
import { buildFacets, itemViewSteps } from "./item-views.js";
import { buildModelPairs } from "./model-pairs.js";
import { type PlanInput, planSection } from "./plan-input.js";
import type { ModelSummary, ReportData, RunInfo } from "./report-data.js";
import { compareRuns } from "./run-comparison.js";
import { type TuneInput, tuneSection } from "./tune-input.js";

/** Everything a report can be built from; only `items` is required. */
export interface ReportInputs {
  title?: string;
  /** Path or name of the benchmark. */
  benchmark?: string;
  items: readonly Item[];
  results?: EvalResults;
  /** Further results files over the same items, each compared with `results` (run vs run). */
  compare?: ReadonlyArray<{ label: string; results: EvalResults }>;
  audit?: AuditInput;
  tune?: { input: TuneInput; template: string; targetAccuracy: number; tolerance: number };
  discover?: DiscoverInput;
  plan?: PlanInput;
  /** The stored run the inputs came from (viewer). */
  run?: RunInfo;
  notes?: readonly string[];
  /** Fixed in tests; defaults to now. */
  generatedAt?: string;
}

/**
 * The benchmark items the report lists: all of them, or, when the results cover fewer (`eval --limit`),
 * the ones some model answered — a 20-item eval of a 14k-item file is a 20-item report.
 */
function evaluatedItems(items: readonly Item[], results: EvalResults | undefined): readonly Item[] {
  if (results === undefined || results.itemCount >= items.length) return items;
  const answered = new Set<string>();
  for (const model of results.models) for (const outcome of model.outcomes) answered.add(outcome.itemId);
  return items.filter((item) => answered.has(item.id));
}

/** Builds the report data every page reads, from results, items, audit and tune inputs. Pure. */
export function buildReportData(inputs: ReportInputs): ReportData {
  const steps = reportDataSteps(inputs);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/**
 * buildReportData, pausing (`pause`) between its steps, each at most a few hundred ms on 100k
 * items: a server building it in the background keeps answering requests meanwhile.
 */
export async function buildReportDataPausing(
  inputs: ReportInputs,
  pause: () => Promise<void>,
): Promise<ReportData> {
  const steps = reportDataSteps(inputs);
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    await pause();
  }
}

/** buildReportData's work, yielding between steps. */
function* reportDataSteps(inputs: ReportInputs): Generator<void, ReportData> {
  const { results } = inputs;
  const notes = [...(inputs.notes ?? [])];
  const models: ModelSummary[] = (results?.models ?? []).map(({ outcomes: _outcomes, ...model }) => model);
  const listed = evaluatedItems(inputs.items, results);
  if (listed.length < inputs.items.length)
    notes.push(
      `the results cover ${listed.length} of the benchmark's ${inputs.items.length} items (eval --limit): only those are listed`,
    );
  const items = yield* itemViewSteps(listed, results);
  yield;
  if (results) {
    const known = new Set(listed.map((item) => item.id));
    // One pass over the outcomes, without copying a million ids into one list first.
    const unknown = new Set<string>();
    for (const model of results.models)
      for (const outcome of model.outcomes) if (!known.has(outcome.itemId)) unknown.add(outcome.itemId);
    if (unknown.size > 0)
      notes.push(`${unknown.size} answered items are not in the benchmark file and are not listed`);
  }
  const rankModels =
    results?.rankModels ?? models.filter((model) => model.kind === "llm").map((m) => m.model);
  yield;
  const difficulty = buildDifficultySummary(items, models);
  yield;
  const pairs = buildModelPairs(items, models);
  yield;
  const facets = buildFacets(items);
  yield;
  const benchmark = inputs.benchmark ?? results?.benchmark;
  return {
    version: 1,
    title: inputs.title ?? benchmark ?? "benchsmith report",
    generatedAt: inputs.generatedAt ?? new Date().toISOString(),
    ...(benchmark === undefined ? {} : { benchmark }),
    itemCount: items.length,
    models,
    ...(results?.chanceAccuracy === undefined ? {} : { chanceAccuracy: results.chanceAccuracy }),
    flags: results?.flags ?? [],
    ...(results && results.rankConfidence.length > 0
      ? { rankConfidence: { models: rankModels, matrix: results.rankConfidence } }
      : {}),
    ...(difficulty ? { difficulty } : {}),
    ...(pairs.length > 0 ? { pairs } : {}),
    ...(results && inputs.compare?.length
      ? { runComparisons: inputs.compare.map((other) => compareRuns(results, other.results, other.label)) }
      : {}),
    facets,
    ...(inputs.audit ? { audit: auditSection(inputs.audit) } : {}),
    ...(inputs.tune ? { tune: tuneSection(inputs.tune.input, inputs.tune) } : {}),
    ...(inputs.discover ? { discover: discoverSection(inputs.discover) } : {}),
    ...(inputs.plan ? { plan: planSection(inputs.plan) } : {}),
    ...(inputs.run ? { run: inputs.run } : {}),
    notes,
    items,
  };
}

/** The report data without its items: what the viewer sends first. */
export function summaryOf(data: ReportData): Omit<ReportData, "items"> {
  const { items: _items, ...summary } = data;
  return summary;
}
