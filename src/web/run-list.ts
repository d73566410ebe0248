import type { RunRecord, RunStore } from "../index.js";
import { viewOf } from "./run-views.js";

/** One row of the viewer's run list. */
export interface RunListEntry {
  id: string;
  kind: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  calls: number;
  costUsd: number | null;
  progress: string;
}

const RUN_LIST_LIMIT = 200;

/** Lists the store's runs, newest first; finished runs' rows are cached until the run changes. */
export function createRunLister(store: RunStore): () => Promise<RunListEntry[]> {
  const finished = new Map<string, RunListEntry>();
  const describe = async (run: RunRecord): Promise<RunListEntry> => {
    const key = `${run.id}@${run.updatedAt}`;
    const cached = finished.get(key);
    if (cached && run.status !== "running") return cached;
    const calls = await store.callStats(run.id);
    let progress: string;
    try {
      progress = await viewOf(run).progress(store, run);
    } catch (error) {
      // A run written by another version still lists; its progress says why it cannot be read.
      progress = `unreadable: ${error instanceof Error ? error.message : String(error)}`;
    }
    const entry: RunListEntry = {
      id: run.id,
      kind: run.kind,
      status: run.status,
      createdAt: run.createdAt,
      updatedAt: run.updatedAt,
      calls: calls.calls,
      costUsd: calls.costUsd ?? null,
      progress,
    };
    if (run.status !== "running") finished.set(key, entry);
    return entry;
  };
  return async () => Promise.all((await store.listRuns({ limit: RUN_LIST_LIMIT })).map(describe));
}
