import {
  buildModelResult,
  type EvalResults,
  type Item,
  ItemSchema,
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

/** The benchmark file's items, or none with a note when it cannot be read any more. */
export async function benchmarkItems(path: string, notes: string[]): Promise<Item[]> {
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
