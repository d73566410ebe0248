import type { RunStore, UsedCallRecord } from "../core/store-spec.js";
import { sumKnownCosts } from "../llm/middleware/budget.js";
import type { RunAccountingDetails } from "../metrics/efficiency.js";
import type { RunAccounting } from "../metrics/types.js";
import { activeTime, IDLE_GAP_MS, type TimedCall } from "./active-time.js";

export type DetailedAccounting = RunAccounting & RunAccountingDetails;

/** One provider request: its calls (samples of a request, texts of an embedding batch) counted together. */
interface UsedRequest extends TimedCall {
  cached: boolean;
  priced: boolean;
}

/** Each cache key once; a call the run paid for wins over the same key served from the cache. */
function uniqueCalls(calls: readonly UsedCallRecord[]): UsedCallRecord[] {
  const byKey = new Map<string, UsedCallRecord>();
  for (const call of calls) {
    const known = byKey.get(call.cacheKey);
    if (known === undefined || (known.cached && !call.cached)) byKey.set(call.cacheKey, call);
  }
  return [...byKey.values()];
}

/** Calls grouped into the requests that answered them; their latency shares add up to the request's. */
function requestsOf(calls: readonly UsedCallRecord[]): UsedRequest[] {
  const requests = new Map<string, UsedRequest>();
  for (const call of calls) {
    const endMs = Date.parse(call.createdAt);
    const priced = call.costUsd !== undefined;
    const known = requests.get(call.requestId);
    if (known === undefined) {
      requests.set(call.requestId, { endMs, latencyMs: call.latencyMs, cached: call.cached, priced });
      continue;
    }
    known.endMs = Math.max(known.endMs, endMs);
    known.latencyMs += call.latencyMs;
    known.cached &&= call.cached;
    known.priced &&= priced;
  }
  return [...requests.values()];
}

/**
 * Cost and active time of the calls a run used, each counted once at its original cost and latency;
 * `calls` counts provider requests, as the store's callStats does.
 */
export function accountUsedCalls(options: {
  runId: string;
  items: number;
  calls: readonly UsedCallRecord[];
  idleGapMs?: number;
}): DetailedAccounting {
  const idleGapMs = options.idleGapMs ?? IDLE_GAP_MS;
  const unique = uniqueCalls(options.calls);
  const requests = requestsOf(unique);
  const time = activeTime(requests, idleGapMs);
  const cachedRequests = requests.filter((request) => request.cached);
  return {
    runId: options.runId,
    calls: requests.length,
    costUsd: sumKnownCosts(unique),
    elapsedMs: requests.length > 0 ? time.activeMs : undefined,
    items: options.items,
    cachedCalls: cachedRequests.length,
    cachedCostUsd: sumKnownCosts(unique.filter((call) => call.cached)),
    unpricedCalls: requests.filter((request) => !request.priced).length,
    idleExcludedMs: time.idleMs,
    idleGapMs,
  };
}

/** The generating run's accounting from every call it used, or undefined (with a note) when it is not in the store. */
export async function readRunAccounting(
  runId: string,
  store: RunStore,
  notes: string[],
): Promise<DetailedAccounting | undefined> {
  const run = await store.getRun(runId);
  if (run === undefined) {
    notes.push(`run ${runId} is not in the store; efficiency needs it`);
    return undefined;
  }
  const items = (await store.listItems(runId, { status: "accepted" })).length;
  return accountUsedCalls({ runId, items, calls: await store.callsUsedBy(runId) });
}
