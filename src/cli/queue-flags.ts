import type { Command } from "commander";
import {
  type BudgetLimits,
  createBudgetTracker,
  type RunStore,
  type Runtime,
  UserInputError,
} from "../index.js";
import {
  budgetPublished,
  connectRedis,
  createSharedBudgetTracker,
  publishRunBudget,
  type RedisLink,
  redisUrlProblem,
  sharedLimiterFactory,
} from "../internal.js";
import { type FlagTable, readFlags } from "./flag-table.js";
import { openCliRuntime } from "./global-options.js";
import { printError } from "./output.js";

/** What a command takes to run its units on queue workers. */
export interface QueueFlagOptions {
  /** redis:// URL of the work queue; absent: everything runs in this process. */
  queue?: string;
}

/** Checks the URL's syntax at parse time, so a typo fails before a run is opened. */
export const asRedisUrl = (text: string, flag: string): string => {
  const problem = redisUrlProblem(text);
  if (problem !== undefined)
    throw new UserInputError(`${flag}: ${problem}`, "pass --queue redis://host:6379 (or rediss:// for TLS)");
  return text.trim();
};

export const QUEUE_FLAGS: FlagTable<QueueFlagOptions> = {
  queue: {
    flag: "--queue <redis-url>",
    description: "run the units on `benchsmith worker` processes through this Redis (BullMQ)",
    parse: asRedisUrl,
  },
};

/** `--queue` as given (a budget holds across the workers: see queueBudget). */
export function readQueueFlag(command: Command): string | undefined {
  return readFlags(command, QUEUE_FLAGS).queue;
}

/**
 * With `--queue`, the run's limits counted in Redis with every worker: `--max-calls` / `--max-cost` (this
 * session's remaining limits are published before any unit is queued; no limits: the key is removed)
 * and each provider's requests and tokens per minute, so N workers together never exceed either.
 */
export function queueLimits(link: RedisLink | undefined, store: RunStore) {
  if (link === undefined) return {};
  return {
    limiterFor: sharedLimiterFactory(link.client),
    sharedBudget: async (runId: string, limits: BudgetLimits) => {
      await publishRunBudget(link.client, runId, limits);
      // No limits: nothing to count here, and this process's own calls never wait on Redis.
      if (limits.maxCalls === undefined && limits.maxCostUsd === undefined) return createBudgetTracker({});
      republishWhenRedisIsBack(link, store, runId, limits, await store.callStats(runId));
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
): void {
  link.onChange((change) => {
    if (change.state !== "back") return;
    void (async () => {
      if (await budgetPublished(link.client, runId)) return;
      const now = await store.callStats(runId);
      const remaining = remainingAfterRestart(limits, atStart, now);
      if (remaining.costUnknown)
        printError(
          `warning: run ${runId}'s budget was lost with Redis and some calls have no price: ` +
            "its cost limit counts as spent; --resume with a larger --max-cost continues",
        );
      await publishRunBudget(link.client, runId, remaining.limits);
    })().catch((error: unknown) =>
      printError(
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

/**
 * The runtime, and the work queue when `--queue` was given: Redis is reached before any run is opened,
 * so a bad queue leaves no empty run behind. The caller closes both.
 */
export async function openRuntimeAndQueue(
  command: Command,
  queue: string | undefined,
): Promise<{ runtime: Runtime; link: RedisLink | undefined }> {
  const runtime = await openCliRuntime(command);
  try {
    const link = queue === undefined ? undefined : await connectRedis(queue, { warn: printError });
    return { runtime, link };
  } catch (error) {
    await runtime.close();
    throw error;
  }
}
