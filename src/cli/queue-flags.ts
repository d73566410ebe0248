import type { Command } from "commander";
import { type RunBudget, type Runtime, UserInputError } from "../index.js";
import { connectRedis, type RedisLink, redisUrlProblem, storedBudget } from "../internal.js";
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

/**
 * `--queue` as given. Refused together with `--max-calls` / `--max-cost`: queue workers do not enforce a
 * budget, so a run under one stays in this process.
 */
export function readQueueFlag(command: Command, budget: RunBudget): string | undefined {
  const { queue } = readFlags(command, QUEUE_FLAGS);
  if (queue !== undefined && (budget.maxCalls !== undefined || budget.maxCostUsd !== undefined))
    throw new UserInputError(
      "--max-calls / --max-cost are not enforced across queue workers",
      "drop --queue to run under a budget in this process, or drop the budget",
    );
  return queue;
}

/**
 * The runtime, and the work queue when `--queue` was given: Redis is reached (and a resumed run's stored
 * budget checked) before any run is opened, so a bad queue leaves no empty run behind. The caller closes both.
 */
export async function openRuntimeAndQueue(
  command: Command,
  queue: string | undefined,
  resume: string | undefined,
): Promise<{ runtime: Runtime; link: RedisLink | undefined }> {
  const runtime = await openCliRuntime(command);
  try {
    if (queue !== undefined && resume !== undefined) await refuseStoredBudget(runtime, resume);
    const link = queue === undefined ? undefined : await connectRedis(queue, { warn: printError });
    return { runtime, link };
  } catch (error) {
    await runtime.close();
    throw error;
  }
}

/** A run started under --max-calls / --max-cost cannot be resumed on queue workers, which would not enforce it. */
async function refuseStoredBudget(runtime: Runtime, runId: string): Promise<void> {
  const stored = await runtime.store.getRun(runId);
  if (stored === undefined) return; // startRun says which runs exist
  const budget = await storedBudget(runtime.store, stored);
  if (budget.maxCalls === undefined && budget.maxCostUsd === undefined) return;
  throw new UserInputError(
    `run ${runId} was started under --max-calls / --max-cost, which queue workers do not enforce`,
    "resume it without --queue to keep its budget",
  );
}
