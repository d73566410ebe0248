import type { RunStore } from "../core/store-spec.js";
import { type BudgetLimits, createBudgetTracker } from "../llm/middleware/budget.js";
import type { RedisLink } from "./redis-link.js";
import { budgetPublished, createSharedBudgetTracker, publishRunBudget } from "./shared-budget.js";
import { sharedLimiterFactory } from "./shared-rate-limit.js";

/**
 * With `--queue`, the run's limits counted in Redis with every worker: `--max-calls` / `--max-cost` (this
 * session's remaining limits are published before any unit is queued; no limits: the key is removed)
 * and each provider's requests and tokens per minute, so N workers together never exceed either.
 */
export function queueRunLimits(link: RedisLink, store: RunStore, warn: (line: string) => void) {
  return {
    limiterFor: sharedLimiterFactory(link.client),
    sharedBudget: async (runId: string, limits: BudgetLimits) => {
      await publishRunBudget(link.client, runId, limits);
      // No limits: nothing to count here, and this process's own calls never wait on Redis.
      if (limits.maxCalls === undefined && limits.maxCostUsd === undefined) return createBudgetTracker({});
      republishWhenRedisIsBack(link, store, runId, limits, await store.callStats(runId), warn);
      return createSharedBudgetTracker(link.client, runId, { budgetExpected: async () => true });
    },
  };
}

/**
 * A Redis restarted without its data has lost the budget (workers then wait rather than spend unchecked):
 * publish what is left of the session's limits again, by the calls the store recorded since it started.
 * Only when the key is gone: after a mere reconnect the budget in Redis is the exact one. Calls in flight
 * at a data-losing restart are not recorded yet, so the run may overshoot by those.
 */
function republishWhenRedisIsBack(
  link: RedisLink,
  store: RunStore,
  runId: string,
  limits: BudgetLimits,
  atStart: { calls: number; costUsd: number | undefined },
  warn: (line: string) => void,
): void {
  link.onChange((change) => {
    if (change.state !== "back") return;
    void (async () => {
      if (await budgetPublished(link.client, runId)) return;
      const now = await store.callStats(runId);
      const remaining = remainingAfterRestart(limits, atStart, now);
      if (remaining.costUnknown)
        warn(
          `warning: run ${runId}'s budget was lost with Redis and some calls have no price: ` +
            "its cost limit counts as spent; --resume with a larger --max-cost continues",
        );
      await publishRunBudget(link.client, runId, remaining.limits);
    })().catch((error: unknown) =>
      warn(
        `warning: could not publish run ${runId}'s budget again: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
  });
}

/**
 * What is left of the session's limits by the store's call log. A cost that cannot be told (a call
 * without a price) counts the cost limit as spent: never spend unchecked.
 */
export function remainingAfterRestart(
  limits: BudgetLimits,
  atStart: { calls: number; costUsd: number | undefined },
  now: { calls: number; costUsd: number | undefined },
): { limits: BudgetLimits; costUnknown: boolean } {
  const costUnknown =
    limits.maxCostUsd !== undefined && (now.costUsd === undefined || atStart.costUsd === undefined);
  const spentCost = (now.costUsd ?? 0) - (atStart.costUsd ?? 0);
  return {
    costUnknown,
    limits: {
      ...(limits.maxCalls === undefined
        ? {}
        : { maxCalls: Math.max(0, limits.maxCalls - (now.calls - atStart.calls)) }),
      ...(limits.maxCostUsd === undefined
        ? {}
        : { maxCostUsd: costUnknown ? 0 : Math.max(0, limits.maxCostUsd - spentCost) }),
    },
  };
}
