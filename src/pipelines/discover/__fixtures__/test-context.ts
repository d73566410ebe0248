import { type PipelineContext, silentLogger, silentProgress } from "../../../core/context.js";
import { type LanguageModel, wrapModel } from "../../../core/language-model.js";
import { createRng } from "../../../core/rng.js";
import type { RunStore } from "../../../core/store-spec.js";
import { type BudgetTracker, budgetMiddleware } from "../../../llm/middleware/budget.js";
import { cacheMiddleware } from "../../../llm/middleware/cache.js";
import { openSqliteStore } from "../../../store/sqlite-store.js";

/** An in-memory store with one discover run in it. */
export async function memoryStore(runId = "discover-test"): Promise<RunStore> {
  const store = openSqliteStore(":memory:");
  await store.createRun({ id: runId, kind: "discover", spec: {} });
  return store;
}

/**
 * A pipeline context over `store` whose models come from `resolve`; with `cache` they are wrapped in
 * the real response cache (as a run's are), with `budget` in the real budget middleware.
 */
export function discoverContext(options: {
  store: RunStore;
  resolve: (ref: string) => LanguageModel;
  runId?: string;
  cache?: boolean;
  budget?: BudgetTracker;
}): PipelineContext {
  const runId = options.runId ?? "discover-test";
  const models = new Map<string, LanguageModel>();
  return {
    runId,
    store: options.store,
    rng: createRng(1),
    progress: silentProgress,
    log: silentLogger,
    resolveModel(ref) {
      const known = models.get(ref);
      if (known !== undefined) return known;
      const model = wrapModel(options.resolve(ref), [
        ...(options.cache ? [cacheMiddleware({ cache: options.store, runId })] : []),
        ...(options.budget ? [budgetMiddleware(options.budget)] : []),
      ]);
      models.set(ref, model);
      return model;
    },
  };
}
