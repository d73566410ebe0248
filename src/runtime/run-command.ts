import { BenchsmithError, BudgetExceededError } from "../core/errors.js";
import type { RunRecord, RunStatus } from "../core/store-spec.js";
import { interruptedError } from "./interrupt.js";
import type { RunKind } from "./run-kinds.js";
import type { Runtime } from "./runtime.js";
import { type ActiveRun, type StartedRun, type StartRunOptions, startRun } from "./start-run.js";

/** What a run cut short by Ctrl-C exits with (128 + SIGINT), as shells expect. */
export const INTERRUPTED_EXIT_CODE = 130;

/** How the work ended, as the pipeline sees it. */
export interface WorkOutcome<Value> {
  value: Value;
  /** Stored with the run (counts, costs, output paths). */
  summary: Record<string, unknown>;
  /**
   * "completed" (default), "stopped" when the work ended short but cleanly (budget, fewer items than
   * asked), or "failed" with `failure` when it produced nothing usable.
   */
  status?: "completed" | "stopped" | "failed";
  /** Recorded with the run (the summary kept) and handed back to the command to throw after printing. */
  failure?: BenchsmithError;
  /** Exit code for a run that did not fail: 0 when completed, 3 when stopped short (the defaults). */
  exitCode?: number;
}

export interface RunCommandResult<Value> {
  run: RunRecord;
  value: Value;
  status: RunStatus;
  exitCode: number;
  /** The work's failure, already recorded: the command prints what it has, then throws it. */
  failure: BenchsmithError | undefined;
}

/** The exit code a run ends with when the work names none: 2 failed, 3 stopped short, 0 completed. */
const EXIT_CODE_BY_STATUS: Readonly<Record<"completed" | "stopped" | "failed", number>> = {
  completed: 0,
  stopped: 3,
  failed: 2,
};

/**
 * The one run lifecycle: starts (or resumes) the run, calls `work` — which runs the pipeline AND
 * writes its outputs — and records how it ended. The rule for every command: "stopped" on Ctrl-C or a
 * spent budget, "failed" on any other error, else what the work reports. After Ctrl-C a reported
 * failure becomes "stopped" with the interruption as the failure (exit 130). Errors are rethrown for
 * the CLI to report (an error caused by Ctrl-C becomes the interrupted error, exit 130). A run another
 * process took over is left to it: no status is written and the takeover error is thrown.
 */
export async function runCommand<Kind extends RunKind, Value>(
  runtime: Runtime,
  request: StartRunOptions<Kind>,
  work: (run: ActiveRun<Kind>) => Promise<WorkOutcome<Value>>,
): Promise<RunCommandResult<Value>> {
  const started = await startRun(runtime, request);
  const { store } = runtime;
  const runId = started.run.id;
  let outcome: WorkOutcome<Value>;
  try {
    outcome = await work(started);
  } catch (error) {
    // Waits for the Ctrl-C "stopped" write, so this one is the last.
    await started.windDown();
    const stopped = BudgetExceededError.isInstance(error) || started.interrupted();
    const message = error instanceof Error ? error.message : String(error);
    await recordEnd(started, () =>
      store.updateRun(runId, { status: stopped ? "stopped" : "failed", summary: { error: message } }),
    );
    if (started.interrupted() && !BenchsmithError.isInstance(error)) throw interruptedError(runId);
    throw error;
  }
  await started.windDown();
  const interrupted = started.interrupted();
  const reported = outcome.status ?? "completed";
  // After Ctrl-C the pipeline may have cut its work short (only --resume can tell it was complete), and
  // a failure it reports (nothing accepted) is most likely the interruption's doing.
  const status = interrupted ? "stopped" : reported;
  const failure = interrupted && reported === "failed" ? interruptedError(runId) : failureOf(outcome, runId);
  const summary = failure === undefined ? outcome.summary : { ...outcome.summary, error: failure.message };
  const run = await recordEnd(started, () => store.updateRun(runId, { status, summary }));
  // Work that wound down cleanly after Ctrl-C still prints what it kept; the exit code says it was cut.
  const exitCode = interrupted
    ? INTERRUPTED_EXIT_CODE
    : status === "failed"
      ? EXIT_CODE_BY_STATUS.failed
      : (outcome.exitCode ?? EXIT_CODE_BY_STATUS[status]);
  return { run, value: outcome.value, status, exitCode, failure };
}

/**
 * Writes the final status, then releases the lease, so a --resume cannot mark the run running in
 * between and have that overwritten. When another process took the run over it writes nothing and
 * throws the takeover error instead.
 */
async function recordEnd(started: StartedRun<RunKind>, write: () => Promise<RunRecord>): Promise<RunRecord> {
  try {
    const takeover = await started.verifyLease();
    if (takeover !== undefined) throw takeover;
    return await write();
  } finally {
    await started.releaseLease();
  }
}

/** The work's failure; a "failed" status without one still gets a failure, so it cannot exit 0 unseen. */
function failureOf(outcome: WorkOutcome<unknown>, runId: string): BenchsmithError | undefined {
  if (outcome.failure !== undefined || outcome.status !== "failed") return outcome.failure;
  return new BenchsmithError({
    code: "run_failed",
    message: `run ${runId} failed`,
    hint: `see its summary with \`benchsmith runs show ${runId}\``,
  });
}
