import { vi } from "vitest";
import { buildProgram } from "../../cli/program.js";
import { reportError } from "../../cli/report-error.js";
import { openRuntime, type Runtime } from "../../runtime/runtime.js";
import { connectRedis } from "../redis-link.js";
import { type RunWorkerOptions, runWorker, type WorkerExit } from "../run-worker.js";

/** The CLI in this process (as eval.test.ts runs it); returns the exit code and what it printed. */
export async function runCliInProcess(
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  process.exitCode = undefined;
  try {
    await buildProgram().parseAsync(["node", "benchsmith", ...args]);
    return { code: Number(process.exitCode ?? 0), stdout, stderr };
  } catch (error) {
    return { code: reportError(error), stdout, stderr };
  } finally {
    process.exitCode = undefined;
    vi.restoreAllMocks();
  }
}

export interface InProcessWorker {
  /** The worker's runtime (a test may break its store). */
  runtime: Runtime;
  lines: string[];
  stop(): Promise<WorkerExit>;
}

/** `benchsmith worker` in this process, on its own store location. */
export async function startInProcessWorker(options: {
  storeLocation: string;
  redisUrl: string;
  cwd: string;
  configPath?: string | undefined;
  env?: NodeJS.ProcessEnv;
  concurrency?: number;
  statusEveryMs?: number;
  name?: string;
  resolversFor?: RunWorkerOptions["resolversFor"];
}): Promise<InProcessWorker> {
  const runtime = await openRuntime({
    storePath: options.storeLocation,
    cwd: options.cwd,
    env: options.env ?? {},
    handleInterrupts: false,
    ...(options.configPath === undefined ? {} : { configPath: options.configPath }),
  });
  const link = await connectRedis(options.redisUrl);
  const stop = new AbortController();
  const lines: string[] = [];
  const exit = runWorker({
    link,
    runtime,
    report: (line) => lines.push(line),
    stop: stop.signal,
    statusEveryMs: options.statusEveryMs ?? 500,
    lockDurationMs: 3000,
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    name: options.name ?? "in-process",
    resolversFor: options.resolversFor,
  });
  return {
    runtime,
    lines,
    async stop() {
      stop.abort();
      const result = await exit;
      await link.close();
      await runtime.close();
      return result;
    },
  };
}

/** The `error…` lines a command printed (a clean run prints none). */
export function errorLinesOf(stderr: string): string[] {
  return stderr.split("\n").filter((line) => line.startsWith("error"));
}

/**
 * A command run with `--queue` against `workers` in-process workers on `storeLocation` (started before
 * it, stopped after it, so each has finished its units): the command's result and each worker's exit.
 */
export async function runCliOnQueue(options: {
  args: readonly string[];
  storeLocation: string;
  redisUrl: string;
  cwd: string;
  workers?: number;
  /** Units each worker runs at once (default: the provider's concurrency, else 4). */
  concurrency?: number;
  configPath?: string;
}): Promise<{ result: Awaited<ReturnType<typeof runCliInProcess>>; exits: WorkerExit[] }> {
  const started: InProcessWorker[] = [];
  for (let index = 0; index < (options.workers ?? 1); index++)
    started.push(
      await startInProcessWorker({
        storeLocation: options.storeLocation,
        redisUrl: options.redisUrl,
        cwd: options.cwd,
        configPath: options.configPath,
        name: `in-process-${index}`,
        ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
      }),
    );
  try {
    const result = await runCliInProcess(...options.args, "--queue", options.redisUrl);
    const exits: WorkerExit[] = [];
    for (const worker of started) exits.push(await worker.stop());
    return { result, exits };
  } catch (error) {
    for (const worker of started) await worker.stop().catch(() => undefined);
    throw error;
  }
}
