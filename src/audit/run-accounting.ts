import type { RunStore } from "../core/store-spec.js";
import type { RunAccountingDetails } from "../metrics/efficiency.js";
import type { RunAccounting } from "../metrics/types.js";
import { activeTime, IDLE_GAP_MS } from "./active-time.js";

/** One call a run used: paid for by it, or served from the cache (then the original call's numbers). */
export interface UsedCall {
  cacheKey: string;
  /** True when the run got the response from the cache, paid for by an earlier run. */
  cached: boolean;
  /** Latency and cost of the original call. */
  latencyMs: number;
  costUsd: number | undefined;
  /** When the original call finished (its llm_calls row's created_at). */
  createdAt: string;
}

/** The store query efficiency needs: every call a run used, cache hits included (proposed for RunStore). */
export interface CallUsageQuery {
  callsUsedBy(runId: string): Promise<UsedCall[]>;
}

/** Whether the store can list the calls a run used (else only the calls it paid for are known). */
export function supportsCallUsage<S extends object>(store: S): store is S & CallUsageQuery {
  return "callsUsedBy" in store && typeof store.callsUsedBy === "function";
}

export type DetailedAccounting = RunAccounting & RunAccountingDetails;

/** Cost and active time of the calls a run used, each counted once at its original cost and latency. */
export function accountUsedCalls(options: {
  runId: string;
  items: number;
  calls: readonly UsedCall[];
  idleGapMs?: number;
}): DetailedAccounting {
  const idleGapMs = options.idleGapMs ?? IDLE_GAP_MS;
  const unique = [...new Map(options.calls.map((call) => [call.cacheKey, call])).values()];
  const unpricedCalls = unique.filter((call) => call.costUsd === undefined).length;
  const time = activeTime(
    unique.map((call) => ({ endMs: Date.parse(call.createdAt), latencyMs: call.latencyMs })),
    idleGapMs,
  );
  return {
    runId: options.runId,
    calls: unique.length,
    costUsd: unpricedCalls > 0 ? undefined : unique.reduce((sum, call) => sum + (call.costUsd ?? 0), 0),
    elapsedMs: unique.length ? time.activeMs : undefined,
    items: options.items,
    source: "calls-used",
    cachedCalls: unique.filter((call) => call.cached).length,
    unpricedCalls,
    idleExcludedMs: time.idleMs,
    idleGapMs,
  };
}

/**
 * The generating run's accounting, or undefined (with a note) when it is not in the store. A store
 * that cannot list cache hits gives the calls the run paid for and its wall clock, and says so.
 */
export async function readRunAccounting(
  runId: string,
  store: RunStore,
  notes: string[],
): Promise<RunAccounting | undefined> {
  const run = await store.getRun(runId);
  if (run === undefined) {
    notes.push(`run ${runId} is not in the store; efficiency needs it`);
    return undefined;
  }
  const items = (await store.listItems(runId, { status: "accepted" })).length;
  if (supportsCallUsage(store))
    return accountUsedCalls({ runId, items, calls: await store.callsUsedBy(runId) });
  const stats = await store.callStats(runId);
  const elapsed = Date.parse(run.updatedAt) - Date.parse(run.createdAt);
  const accounting: RunAccounting & Pick<RunAccountingDetails, "source"> = {
    runId,
    calls: stats.calls,
    costUsd: stats.costUsd,
    elapsedMs: Number.isFinite(elapsed) ? elapsed : undefined,
    items,
    source: "own-calls",
  };
  return accounting;
}
