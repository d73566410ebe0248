import type { Command } from "commander";
import { type RunStore, type Runtime, UserInputError } from "../index.js";
import { connectRedis, queueRunLimits, type RedisLink, redisUrlProblem } from "../internal.js";
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

/** `--queue` as given (a budget holds across the workers: see queueLimits). */
export function readQueueFlag(command: Command): string | undefined {
  return readFlags(command, QUEUE_FLAGS).queue;
}

/** With `--queue`, the run's limits counted in Redis with every worker (see queueRunLimits); else none. */
export function queueLimits(link: RedisLink | undefined, store: RunStore) {
  return link === undefined ? {} : queueRunLimits(link, store, printError);
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
