import type { EvalResults, Item } from "../index.js";
import { metadataValue } from "./item-filter.js";
import type { AnswerView, ItemView } from "./report-data.js";
import { type Facets, REPORT_LIMITS } from "./report-sections.js";

/** The subtask an item belongs to: an explicit `metadata.subtask`, else its category. */
export function subtaskOf(item: Item): string | undefined {
  const explicit = item.metadata?.subtask;
  return typeof explicit === "string" && explicit !== "" ? explicit : item.category;
}

type ItemOutcome = EvalResults["models"][number]["outcomes"][number];

/**
 * Joins the benchmark's items with every model's outcome. `answers[m]` follows `results.models`;
 * items a model never answered hold null there.
 */
export function buildItemViews(items: readonly Item[], results: EvalResults | undefined): ItemView[] {
  const steps = itemViewSteps(items, results);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/** Items joined per yield by itemViewSteps. */
const ITEMS_PER_STEP = 10_000;

/** buildItemViews, yielding every ITEMS_PER_STEP items. */
export function* itemViewSteps(
  items: readonly Item[],
  results: EvalResults | undefined,
): Generator<void, ItemView[]> {
  const outcomesOf = (results?.models ?? []).map((model) => model.outcomes);
  // `eval` writes outcomes in item order: the same index is tried first, a map built only on a miss.
  const maps: Array<Map<string, ItemOutcome> | undefined> = outcomesOf.map(() => undefined);
  const outcomeOf = (model: number, index: number, id: string): ItemOutcome | undefined => {
    const outcomes = outcomesOf[model] ?? [];
    const aligned = outcomes[index];
    if (aligned?.itemId === id) return aligned;
    let byId = maps[model];
    if (byId === undefined) {
      byId = new Map(outcomes.map((outcome) => [outcome.itemId, outcome]));
      maps[model] = byId;
    }
    return byId.get(id);
  };
  const views: ItemView[] = [];
  for (let index = 0; index < items.length; index++) {
    if (index > 0 && index % ITEMS_PER_STEP === 0) yield;
    const item = items[index] as Item;
    views.push(
      itemViewOf(
        item,
        outcomesOf.map((_, model) => outcomeOf(model, index, item.id)),
      ),
    );
  }
  return views;
}

/** One item as the pages show it, with each model's outcome (undefined: not answered). */
export function itemViewOf(item: Item, outcomes: ReadonlyArray<ItemOutcome | undefined>): ItemView {
  const answers: AnswerView[] = outcomes.map((outcome) =>
    outcome ? [outcome.correct, outcome.extracted, outcome.raw] : null,
  );
  const subtask = subtaskOf(item);
  return {
    id: item.id,
    format: item.format,
    question: item.question,
    ...(item.options ? { options: item.options } : {}),
    answer: item.answer,
    ...(item.explanation === undefined ? {} : { explanation: item.explanation }),
    ...(item.difficulty === undefined ? {} : { difficulty: item.difficulty }),
    ...(subtask === undefined ? {} : { subtask }),
    ...(item.metadata ? { metadata: item.metadata } : {}),
    ...(item.provenance ? { provenance: item.provenance } : {}),
    answers,
  };
}

/** What the items page offers to filter on: subtasks, metadata keys with their common values, the label range. */
export function buildFacets(items: readonly ItemView[]): Facets {
  const subtasks = new Set<string>();
  const keys = new Set<string>();
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const item of items) {
    if (item.subtask !== undefined) subtasks.add(item.subtask);
    if (item.difficulty !== undefined) {
      low = Math.min(low, item.difficulty);
      high = Math.max(high, item.difficulty);
    }
    for (const key of Object.keys(item.metadata ?? {})) keys.add(key);
    const attributes = item.provenance?.attributes;
    if (typeof attributes === "object" && attributes !== null)
      for (const key of Object.keys(attributes)) keys.add(`attribute:${key}`);
  }
  const metadata: Facets["metadata"] = [];
  for (const key of [...keys].sort()) {
    const counts = new Map<string, number>();
    for (const item of items) {
      const value = metadataValue(item, key);
      if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    // Keys whose values are objects or lists (strategy, testTakerAnswers) cannot be matched as text.
    if (counts.size === 0) continue;
    const values = [...counts.entries()]
      .sort((left, right) => right[1] - left[1] || (left[0] < right[0] ? -1 : 1))
      .map(([value]) => value);
    metadata.push({
      key,
      values: values.slice(0, REPORT_LIMITS.facetValues),
      truncated: values.length > REPORT_LIMITS.facetValues,
    });
    if (metadata.length >= REPORT_LIMITS.metadataKeys) break;
  }
  return {
    subtasks: [...subtasks].sort(),
    metadata,
    ...(low <= high ? { difficultyRange: [low, high] as [number, number] } : {}),
  };
}
