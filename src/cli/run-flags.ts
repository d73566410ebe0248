import type { Command } from "commander";
import { InvalidOptionError, type RunBudget } from "../index.js";
import { asInteger, asNumber, asText, differingFlags, type FlagTable, readFlags } from "./flag-table.js";
import { printError } from "./output.js";

/** What every long-running command takes besides its pipeline's options. */
export interface RunFlagOptions {
  resume?: string;
  maxCostUsd?: number;
  maxCalls?: number;
}

export const RUN_FLAGS: FlagTable<RunFlagOptions> = {
  resume: {
    flag: "--resume <run>",
    description: "continue an interrupted run (its stored spec wins)",
    parse: asText,
  },
  maxCostUsd: {
    flag: "--max-cost <usd>",
    description: "stop cleanly once the run has spent this much",
    parse: asNumber,
  },
  maxCalls: {
    flag: "--max-calls <n>",
    description: "stop cleanly after this many model calls",
    parse: asInteger,
  },
};

/** The resume id and the budget (limits >= 0) typed on the command line. */
export function readRunFlags(command: Command): { resume: string | undefined; budget: RunBudget } {
  const { resume, maxCostUsd, maxCalls } = readFlags(command, RUN_FLAGS);
  if (maxCostUsd !== undefined && maxCostUsd < 0)
    throw new InvalidOptionError("--max-cost", `must be >= 0, got ${maxCostUsd}`);
  if (maxCalls !== undefined && maxCalls < 0)
    throw new InvalidOptionError("--max-calls", `must be >= 0, got ${maxCalls}`);
  return {
    resume,
    budget: {
      ...(maxCostUsd === undefined ? {} : { maxCostUsd }),
      ...(maxCalls === undefined ? {} : { maxCalls }),
    },
  };
}

/** A positional argument typed again on --resume (demand, benchmark, template, ...), and its stored value. */
interface ResumedArgument {
  name: string;
  given: string | undefined;
  stored: string | undefined;
}

/**
 * On --resume: one warning line naming the typed flags (and the argument) whose value differs from the
 * stored run's, which is what the run continues with.
 */
export function warnAboutIgnoredFlags<Options>(options: {
  command: Command;
  table: FlagTable<Options>;
  stored: Partial<Options>;
  argument?: ResumedArgument;
}): void {
  const described = differingFlags(options.command, options.table, options.stored);
  const { argument } = options;
  if (argument?.given !== undefined && argument.given !== argument.stored)
    described.unshift(
      `${argument.name} ${JSON.stringify(argument.given)} (stored ${JSON.stringify(argument.stored ?? null)})`,
    );
  if (described.length === 0) return;
  printError(
    `warning: --resume continues with the stored settings; ignoring what differs: ${described.join(", ")}`,
  );
}
