import { stat } from "node:fs/promises";
import { z } from "zod";
import type { RunRecord, RunStore } from "../index.js";
import { type ReportSummary, ReportSummarySchema } from "./report-data.js";

/** The run-state key the viewer keeps a run's computed summary under. */
export const PERSISTED_SUMMARY_KEY = "viewer:summary";
/** Bumped when summaries are built differently, so summaries persisted by an older build are not reused. */
const SUMMARY_FORMAT = 1;

/** One file a run's view reads, as stated before reading it; size and time are absent for a missing file. */
export interface SourceStat {
  path: string;
  bytes?: number;
  mtimeMs?: number;
}

export async function statSources(paths: readonly string[]): Promise<SourceStat[]> {
  return Promise.all(
    paths.map(async (path) => {
      try {
        const stats = await stat(path);
        return { path, bytes: stats.size, mtimeMs: stats.mtimeMs };
      } catch {
        // A missing file is part of the fingerprint too: its appearance invalidates the summary.
        return { path };
      }
    }),
  );
}

/**
 * What a persisted summary is valid for: the run's status and update time and each source file's
 * path, size and modification time. Undefined for a running run, whose report changes under it.
 */
export function fingerprintOf(run: RunRecord, sources: readonly SourceStat[]): string | undefined {
  if (run.status === "running") return undefined;
  return JSON.stringify([
    SUMMARY_FORMAT,
    run.status,
    run.updatedAt,
    sources.map((source) => [source.path, source.bytes ?? null, source.mtimeMs ?? null]),
  ]);
}

const PersistedSchema = z.object({ fingerprint: z.string(), summary: z.unknown() });

/** The summary persisted for this fingerprint, or undefined (none, another fingerprint, or an older shape). */
export async function readPersistedSummary(
  store: RunStore,
  runId: string,
  fingerprint: string,
): Promise<ReportSummary | undefined> {
  const persisted = PersistedSchema.safeParse(
    await store.getState(runId, PERSISTED_SUMMARY_KEY, z.unknown()),
  );
  if (!persisted.success || persisted.data.fingerprint !== fingerprint) return undefined;
  const summary = ReportSummarySchema.safeParse(persisted.data.summary);
  return summary.success ? summary.data : undefined;
}

/**
 * Keeps a run's summary in the store so the next `view` answers it without reading the run's files.
 * A store that refuses the write (read-only) costs only that: the next open rebuilds.
 */
export async function persistSummary(
  store: RunStore,
  runId: string,
  fingerprint: string,
  summary: ReportSummary,
): Promise<void> {
  try {
    await store.putState(runId, PERSISTED_SUMMARY_KEY, { fingerprint, summary });
  } catch {
    // Persisting is an optimisation; the summary just built is served either way.
  }
}
