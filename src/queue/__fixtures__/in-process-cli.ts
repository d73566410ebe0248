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
