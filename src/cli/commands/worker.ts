import type { Command } from "commander";
import { UserInputError } from "../../index.js";
import { connectRedis, runWorker } from "../../internal.js";
import type { CommandModule } from "../command-module.js";
import { addFlags, asInteger, asText, type FlagTable, readFlags } from "../flag-table.js";
import { openCliRuntime } from "../global-options.js";
import { printError } from "../output.js";
import { asRedisUrl, type QueueFlagOptions } from "../queue-flags.js";

/** The worker's --queue: the same flag and parser as the coordinators', described from the worker's side. */
const WORKER_QUEUE_FLAGS: FlagTable<QueueFlagOptions> = {
  queue: {
    flag: "--queue <redis-url>",
    description: "the Redis (BullMQ) work queue to take units from (the coordinator's --queue)",
    parse: asRedisUrl,
  },
};

/** What `benchsmith worker` takes besides --queue and the global --store / --config. */
export interface WorkerFlags {
  concurrency?: number;
  lockDurationMs?: number;
  graceSeconds?: number;
  statusEverySeconds?: number;
  name?: string;
}

export const WORKER_FLAGS: FlagTable<WorkerFlags> = {
  concurrency: {
    flag: "--concurrency <n>",
    description:
      "units in flight per provider queue (default: the provider's configured concurrency, else 4)",
    parse: asInteger,
  },
  lockDurationMs: {
    flag: "--lock-duration <ms>",
    description: "unit lock; a unit of a killed worker goes to another after about this long (default 30000)",
    parse: asInteger,
  },
  graceSeconds: {
    flag: "--grace <s>",
    description: "exit 1 when Redis or lock renewal has been lost this long (default 30)",
    parse: asInteger,
  },
  statusEverySeconds: {
    flag: "--status-every <s>",
    description: "print a liveness line this often (default 10)",
    parse: asInteger,
  },
  name: {
    flag: "--name <name>",
    description: "worker name in status lines (default host-pid)",
    parse: asText,
  },
};

function positive(flag: string, value: number | undefined): number | undefined {
  if (value !== undefined && value < 1) throw new UserInputError(`${flag} must be >= 1, got ${value}`);
  return value;
}

/** Runs `benchsmith worker` until SIGINT / SIGTERM (exit 0) or a lost Redis (exit 1). */
async function runWorkerCommand(command: Command): Promise<void> {
  const { queue } = readFlags(command, WORKER_QUEUE_FLAGS);
  if (queue === undefined)
    throw new UserInputError(
      "benchsmith worker needs --queue",
      "pass the coordinator's --queue redis://host:6379",
    );
  const flags = readFlags(command, WORKER_FLAGS);
  const concurrency = positive("--concurrency", flags.concurrency);
  const lockDurationMs = positive("--lock-duration", flags.lockDurationMs);
  const graceSeconds = positive("--grace", flags.graceSeconds);
  const statusEverySeconds = positive("--status-every", flags.statusEverySeconds);
  const runtime = await openCliRuntime(command);
  let fatal = false;
  try {
    const link = await connectRedis(queue, { warn: printError });
    const stop = new AbortController();
    let signals = 0;
    const onSignal = () => {
      signals++;
      if (signals === 1) {
        printError("worker: finishing the units in flight, then exiting (again to quit now)");
        stop.abort();
      } else process.exit(130);
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    try {
      const exit = await runWorker({
        link,
        runtime,
        concurrency,
        lockDurationMs,
        graceMs: graceSeconds === undefined ? undefined : graceSeconds * 1000,
        statusEveryMs: statusEverySeconds === undefined ? undefined : statusEverySeconds * 1000,
        name: flags.name,
        report: printError,
        stop: stop.signal,
      });
      process.exitCode = exit.exitCode;
      if (exit.error !== undefined) {
        printError(`error: ${exit.error}`);
        fatal = true;
      }
    } finally {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      await link.close();
    }
  } finally {
    await runtime.close();
  }
  // Given up on Redis: BullMQ's reconnect timers would keep the process alive, idling as if healthy.
  if (fatal) process.exit(process.exitCode);
}

export const workerCommand: CommandModule = {
  name: "worker",
  summary:
    "Run queued units (make, eval, tune, discover and plan --queue) with this machine's provider config, writing to the shared store.",
  register(program: Command) {
    const command = program.command("worker").description(this.summary);
    addFlags(command, WORKER_QUEUE_FLAGS);
    addFlags(command, WORKER_FLAGS);
    command
      .addHelpText(
        "after",
        "\nGlobal options apply: --store (the coordinator's store, e.g. postgres://…) and --config.\n" +
          "Run Redis with --maxmemory-policy noeviction (an evicted lock silently stops a worker).\n" +
          "Exit codes: 0 = stopped by SIGINT/SIGTERM after finishing its units, 1 = lost Redis or its locks\n" +
          "for longer than --grace, 2 = a user error (flags, config, unreachable Redis at start).",
      )
      .action(async (_flags: unknown, self: Command) => {
        await runWorkerCommand(self);
      });
  },
};
