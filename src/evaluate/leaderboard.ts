import type { Item } from "../core/item.js";
import { rankConfidence, wilsonInterval } from "../stats/intervals.js";
import type { ModelResult } from "./results-schema.js";

type Outcome = ModelResult["outcomes"][number];

const DIFFICULTY_EDGES = [0.2, 0.4, 0.6, 0.8];

/**
 * Bucket label of an item: its difficulty band ("0.0-0.2" ... "0.8-1.0", upper edge open except
 * the last), else its category, else "(none)".
 */
export function difficultyBucket(item: Pick<Item, "difficulty" | "category">): string {
  if (item.difficulty !== undefined) {
    const band = DIFFICULTY_EDGES.filter((edge) => (item.difficulty as number) >= edge).length;
    return `${(band * 0.2).toFixed(1)}-${((band + 1) * 0.2).toFixed(1)}`;
  }
  return item.category ?? "(none)";
}

/** The subtask an item belongs to (`metadata.subtask`, as plan writes it), if it names one. */
function subtaskOf(item: Pick<Item, "metadata">): string | undefined {
  const subtask = item.metadata?.subtask;
  return typeof subtask === "string" && subtask.trim() !== "" ? subtask : undefined;
}

/** Accuracy per subtask, in order of first appearance among the items; undefined when no item names one. */
function subtaskAccuracies(
  items: readonly Item[],
  outcomes: readonly Outcome[],
): ModelResult["bySubtask"] | undefined {
  const order = [...new Set(items.map(subtaskOf).filter((name): name is string => name !== undefined))];
  if (order.length === 0) return undefined;
  const subtaskById = new Map(items.map((item) => [item.id, subtaskOf(item) ?? "(none)"]));
  const counts = new Map<string, { correct: number; total: number }>();
  for (const outcome of outcomes) {
    const name = subtaskById.get(outcome.itemId) ?? "(none)";
    const entry = counts.get(name) ?? { correct: 0, total: 0 };
    entry.total++;
    if (outcome.correct) entry.correct++;
    counts.set(name, entry);
  }
  const names = [...order, ...(counts.has("(none)") ? ["(none)"] : [])];
  return names.flatMap((subtask) => {
    const entry = counts.get(subtask);
    return entry === undefined ? [] : [{ subtask, accuracy: entry.correct / entry.total, ...entry }];
  });
}

/** Accuracy, 95% Wilson interval, unparseable count, per-bucket and per-subtask accuracy of one model. */
export function buildModelResult(options: {
  model: string;
  kind: ModelResult["kind"];
  items: readonly Item[];
  outcomes: readonly Outcome[];
  description?: string | undefined;
  expectedAccuracy?: number | undefined;
}): ModelResult {
  const { outcomes } = options;
  const correct = outcomes.filter((outcome) => outcome.correct).length;
  const interval = wilsonInterval(correct, outcomes.length);
  const itemsById = new Map(options.items.map((item) => [item.id, item]));
  const buckets = new Map<string, { correct: number; total: number }>();
  for (const outcome of outcomes) {
    const item = itemsById.get(outcome.itemId);
    const label = item ? difficultyBucket(item) : "(none)";
    const bucket = buckets.get(label) ?? { correct: 0, total: 0 };
    bucket.total++;
    if (outcome.correct) bucket.correct++;
    buckets.set(label, bucket);
  }
  const bySubtask = subtaskAccuracies(options.items, outcomes);
  const byDifficulty = [...buckets.entries()]
    .sort(([left], [right]) => compareBuckets(left, right))
    .map(([bucket, counts]) => ({ bucket, accuracy: counts.correct / counts.total, total: counts.total }));
  return {
    model: options.model,
    kind: options.kind,
    accuracy: interval.estimate,
    interval,
    correct,
    total: outcomes.length,
    unparseable: outcomes.filter((outcome) => outcome.extracted === null).length,
    byDifficulty,
    outcomes: [...outcomes],
    ...(options.description !== undefined ? { description: options.description } : {}),
    ...(options.expectedAccuracy !== undefined ? { expectedAccuracy: options.expectedAccuracy } : {}),
    ...(bySubtask !== undefined ? { bySubtask } : {}),
  };
}

/** matrix[a][b] = P(E[acc a] > E[acc b]) = Phi(z) over the given models (diagonal 0.5). */
export function rankConfidenceMatrix(results: readonly ModelResult[]): number[][] {
  return results.map((row) =>
    results.map((column) => rankConfidence(row.accuracy, column.accuracy, Math.min(row.total, column.total))),
  );
}

// Difficulty bands first, in order; then categories alphabetically.
function compareBuckets(left: string, right: string): number {
  const band = /^\d\.\d-\d\.\d$/;
  const leftBand = band.test(left);
  const rightBand = band.test(right);
  if (leftBand !== rightBand) return leftBand ? -1 : 1;
  return left < right ? -1 : left > right ? 1 : 0;
}
