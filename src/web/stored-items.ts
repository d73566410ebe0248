import { readFile } from "node:fs/promises";
import {
  buildModelResult,
  datasetFormatOf,
  type EvalResults,
  type Item,
  ItemSchema,
  parseJson,
  type RunStore,
  rankConfidenceMatrix,
  readBenchmark,
} from "../index.js";

/** The accepted items of a run, parsed; rows that are not items (another version's) are counted, not shown. */
export async function acceptedItems(
  store: RunStore,
  runId: string,
): Promise<{ items: Item[]; skipped: number }> {
  const rows = await store.listItems(runId, { status: "accepted" });
  const items: Item[] = [];
  let skipped = 0;
  for (const row of rows) {
    const parsed = ItemSchema.safeParse(row.item);
    if (parsed.success) items.push(parsed.data);
    else skipped++;
  }
  return { items, skipped };
}

/** Benchmark lines parsed between two pauses of benchmarkItems. */
const LINES_PER_STEP = 10_000;

/**
 * The benchmark file's items, or none with a note when it cannot be read any more. With `pause`, a
 * JSON Lines file in benchsmith's item schema is parsed LINES_PER_STEP lines at a time, awaiting
 * `pause` in between; any other file, or one with a line that is not such an item or a repeated
 * id, goes through readBenchmark, which converts it or says what is wrong.
 */
export async function benchmarkItems(
  path: string,
  notes: string[],
  pause?: () => Promise<void>,
): Promise<Item[]> {
  if (pause && datasetFormatOf(path) === "jsonl") {
    const items = await itemLinesPausing(path, pause);
    if (items) return items;
  }
  try {
    // Without the duplicate-content warnings: the viewer shows none, and they cost seconds on 100k items.
    return (await readBenchmark(path, { copyWarnings: false })).items;
  } catch (error) {
    notes.push(
      `benchmark ${path} could not be read: ${error instanceof Error ? error.message : String(error)}`,
    );
    return [];
  }
}

async function itemLinesPausing(path: string, pause: () => Promise<void>): Promise<Item[] | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return undefined;
  }
  const lines = text.split(/\r?\n/);
  const items: Item[] = [];
  const ids = new Set<string>();
  for (let start = 0; start < lines.length; start += LINES_PER_STEP) {
    if (start > 0) await pause();
    if (!appendItemLines(lines.slice(start, start + LINES_PER_STEP), items, ids)) return undefined;
  }
  return items;
}

/**
 * Appends JSON Lines (blank ones skipped) to `items` as items in benchsmith's schema; false at the first
 * line that is not one or repeats an id in `ids` (readBenchmark then converts it or says what is wrong).
 */
export function appendItemLines(lines: Iterable<string>, items: Item[], ids: Set<string>): boolean {
  for (const line of lines) {
    if (line.trim() === "") continue;
    const json = parseJson(line);
    const parsed = json.success ? ItemSchema.safeParse(json.value) : undefined;
    if (!parsed?.success || ids.has(parsed.data.id)) return false;
    ids.add(parsed.data.id);
    items.push(parsed.data);
  }
  return true;
}

/**
 * Eval results rebuilt from a run's stored answers (a running or interrupted eval has no results
 * file yet): llm models only, with intervals and rank confidence; no heuristic baselines.
 */
export async function resultsFromEvaluations(
  store: RunStore,
  runId: string,
  benchmark: string,
  items: readonly Item[],
): Promise<EvalResults | undefined> {
  const records = await store.listEvaluations(runId);
  if (records.length === 0) return undefined;
  const byModel = new Map<string, EvalResults["models"][number]["outcomes"]>();
  for (const record of records) {
    const outcomes = byModel.get(record.modelRef) ?? [];
    outcomes.push({
      itemId: record.itemId,
      correct: record.correct,
      extracted: record.extracted ?? null,
      raw: record.response,
    });
    byModel.set(record.modelRef, outcomes);
  }
  const models = [...byModel].map(([model, outcomes]) =>
    buildModelResult({ model, kind: "llm", items, outcomes }),
  );
  return {
    benchmark,
    itemCount: items.length,
    createdAt: new Date(0).toISOString(),
    runId,
    models,
    rankConfidence: rankConfidenceMatrix(models),
    rankModels: models.map((model) => model.model),
    flags: [],
  };
}
