import {
  buildModelResult,
  type EvalResults,
  type Item,
  ItemSchema,
  type RunStore,
  rankConfidenceMatrix,
  readBenchmark,
  readDatasetRows,
  UserInputError,
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

/**
 * A benchmark file's items as readBenchmark reads them, without its duplicate-content warnings (the
 * viewer shows none; comparing normalised text costs seconds on 100k items): when every row is
 * already our item schema, those items, ids checked unique; else readBenchmark's conversion.
 */
async function readBenchmarkItems(path: string): Promise<Item[]> {
  const dataset = await readDatasetRows(path);
  const items: Item[] = [];
  const rowById = new Map<string, number>();
  for (const [index, row] of dataset.rows.entries()) {
    const parsed = ItemSchema.safeParse(row);
    if (!parsed.success) return (await readBenchmark(path)).items;
    const line = dataset.rowNumbers[index] ?? index + 1;
    const earlier = rowById.get(parsed.data.id);
    if (earlier !== undefined)
      throw new UserInputError(
        `${path}: item id "${parsed.data.id}" appears twice (${dataset.rowUnit}s ${earlier} and ${line})`,
        "ids must be unique; dedupe the file",
      );
    rowById.set(parsed.data.id, line);
    items.push(parsed.data);
  }
  return items.length > 0 ? items : (await readBenchmark(path)).items;
}

/** The benchmark file's items, or none with a note when it cannot be read any more. */
export async function benchmarkItems(path: string, notes: string[]): Promise<Item[]> {
  try {
    return await readBenchmarkItems(path);
  } catch (error) {
    notes.push(
      `benchmark ${path} could not be read: ${error instanceof Error ? error.message : String(error)}`,
    );
    return [];
  }
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
