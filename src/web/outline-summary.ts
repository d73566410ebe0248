import type { ReportSummary, RunInfo } from "./report-data.js";
import type { ResultsOutline } from "./results-outline.js";

/**
 * The summary a large run is first answered with, from its results file's outline alone: the
 * leaderboard and rank confidence as the file records them. Everything computed from per-item
 * outcomes (model pairs, difficulty calibration, facets) is left out, never estimated, until the
 * item index is built.
 */
export function buildOutlineSummary(options: {
  title: string;
  benchmark: string;
  results: ResultsOutline;
  run: RunInfo;
  notes: readonly string[];
  /** How many of the list's first items are served while indexing (0: none). */
  firstItems?: number;
}): ReportSummary {
  const { results } = options;
  const models = results.models.map(({ outcomes: _outcomes, ...model }) => model);
  const rankModels = results.rankModels ?? models.filter((model) => model.kind === "llm").map((m) => m.model);
  return {
    version: 1,
    title: options.title,
    generatedAt: new Date().toISOString(),
    benchmark: options.benchmark,
    itemCount: results.itemCount,
    models,
    ...(results.chanceAccuracy === undefined ? {} : { chanceAccuracy: results.chanceAccuracy }),
    flags: results.flags,
    ...(results.rankConfidence.length > 0
      ? { rankConfidence: { models: rankModels, matrix: results.rankConfidence } }
      : {}),
    facets: { subtasks: [], metadata: [] },
    run: options.run,
    notes: [
      ...options.notes,
      options.firstItems
        ? `indexing ${results.itemCount} items in the background: the items list shows its first ${options.firstItems} now, other pages, filters and search once it is done; reload then for the difficulty and model-vs-model pages`
        : `indexing ${results.itemCount} items in the background: the items list answers once it is done; reload then for the difficulty and model-vs-model pages`,
    ],
  };
}
