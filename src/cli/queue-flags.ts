import { UserInputError } from "../index.js";
import { redisUrlProblem } from "../internal.js";
import type { FlagTable } from "./flag-table.js";

/** What a command takes to run its units on queue workers. */
export interface QueueFlagOptions {
  /** redis:// URL of the work queue; absent: everything runs in this process. */
  queue?: string;
}

/** Checks the URL's syntax at parse time, so a typo fails before a run is opened. */
const asRedisUrl = (text: string, flag: string): string => {
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
