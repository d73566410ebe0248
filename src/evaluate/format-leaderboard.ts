import { formatTextTable } from "../core/text-table.js";
import type { EvalResults, ModelResult } from "./results-schema.js";

/** Text table: header row, a rule, then rows, columns padded to their widest cell. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return formatTextTable(header, rows);
}

const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;

/**
 * Accuracy per subtask (items of a `benchsmith plan` benchmark carry `metadata.subtask`), one row
 * per model, with a blank line and a heading first; no lines when no model has a breakdown. Eval's
 * leaderboard shows it, and audit can print it under its table.
 */
export function formatSubtaskBreakdown(models: readonly ModelResult[]): string[] {
  const subtasks = [
    ...new Set(models.flatMap((model) => (model.bySubtask ?? []).map((entry) => entry.subtask))),
  ];
  if (subtasks.length === 0) return [];
  return [
    "",
    "accuracy by subtask",
    ...formatTable(
      ["model", ...subtasks],
      models.map((model) => [
        model.model,
        ...subtasks.map((subtask) => {
          const entry = model.bySubtask?.find((candidate) => candidate.subtask === subtask);
          return entry ? `${percent(entry.accuracy)} (${entry.correct}/${entry.total})` : "-";
        }),
      ]),
    ),
  ];
}

/**
 * The leaderboard as terminal lines: accuracy with 95% Wilson interval per model and
 * heuristic, accuracy per difficulty bucket and per subtask, the rank-confidence matrix, and the flags.
 */
export function formatLeaderboard(results: EvalResults): string[] {
  const lines: string[] = [`${results.benchmark}: ${results.itemCount} items`];
  lines.push(
    ...formatTable(
      ["model", "kind", "accuracy", "95% CI", "correct", "unparseable", "note"],
      results.models.map((model) => [
        model.model,
        model.kind,
        percent(model.accuracy),
        `${percent(model.interval.low)}-${percent(model.interval.high)}`,
        `${model.correct}/${model.total}`,
        model.kind === "llm" ? String(model.unparseable) : "-",
        model.expectedAccuracy !== undefined ? `expected ${percent(model.expectedAccuracy)}` : "",
      ]),
    ),
  );
  if (results.chanceAccuracy !== undefined)
    lines.push(`chance (mean 1/k): ${percent(results.chanceAccuracy)}`);

  const buckets = [
    ...new Set(results.models.flatMap((model) => model.byDifficulty.map((entry) => entry.bucket))),
  ];
  if (buckets.length > 1) {
    lines.push("", "accuracy by difficulty / category");
    lines.push(
      ...formatTable(
        ["model", ...buckets],
        results.models.map((model) => [
          model.model,
          ...buckets.map((bucket) => {
            const entry = model.byDifficulty.find((candidate) => candidate.bucket === bucket);
            return entry ? `${percent(entry.accuracy)} (${entry.total})` : "-";
          }),
        ]),
      ),
    );
  }

  // Plan benchmarks group by subtask in `category` too: the category section already says it all.
  const repeatsBuckets = results.models.every((model) =>
    (model.bySubtask ?? []).every((entry) =>
      model.byDifficulty.some((bucket) => bucket.bucket === entry.subtask && bucket.total === entry.total),
    ),
  );
  if (!repeatsBuckets || buckets.length <= 1) lines.push(...formatSubtaskBreakdown(results.models));

  const names =
    results.rankModels ?? results.models.filter((model) => model.kind === "llm").map((model) => model.model);
  if (names.length > 1) {
    lines.push("", "rank confidence P(row better than column) = Phi(z)");
    lines.push(
      ...formatTable(
        ["", ...names],
        names.map((name, row) => [
          name,
          ...names.map((_, column) =>
            row === column ? "-" : (results.rankConfidence[row]?.[column] ?? 0).toFixed(3),
          ),
        ]),
      ),
    );
  }
  if (results.flags.length > 0) lines.push("", ...results.flags.map((flag) => `! ${flag}`));
  return lines;
}
