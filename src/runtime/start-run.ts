import { z } from "zod";
import type { PipelineContext } from "../core/context.js";
import { type BenchsmithError, StoredDataError, UserInputError } from "../core/errors.js";
import { createRng } from "../core/rng.js";
import type { RunRecord, RunStore } from "../core/store-spec.js";
import { type BudgetLimits, createBudgetTracker } from "../llm/middleware/budget.js";
import { redactStoreLocation } from "../store/postgres-url.js";
import { handleInterrupts, interruptedError } from "./interrupt.js";
import { createModelResolvers } from "./model-resolver.js";
import { createTerminalReporter } from "./progress.js";
import { readProvenance } from "./provenance.js";
import { parseRunSpec, type RunKind, type RunSpecOf } from "./run-kinds.js";
import { acquireRunLease, checkRunLease, type RunLease } from "./run-lease.js";
import type { Runtime } from "./runtime.js";

/** Limits over the whole run, resumes included. */
export interface RunBudget {
  maxCostUsd?: number;
  maxCalls?: number;
}

const RunBudgetSchema = z.object({
  maxCostUsd: z.number().nonnegative().optional(),
  maxCalls: z.number().int().nonnegative().optional(),
});

export interface StartRunOptions<Kind extends RunKind> {
  kind: Kind;
  /** The new run's spec. Ignored on resume: the stored spec wins. */
  spec: RunSpecOf<Kind> | undefined;
  /** Continue this run id instead of starting a new one. */
  resume?: string | undefined;
  seed: number;
  /** On resume each limit given here replaces the stored one; a limit not given keeps the stored one. */
  budget?: RunBudget | undefined;
}

/** A run that is under way: its record, its typed spec and what the pipeline gets. */
export interface ActiveRun<Kind extends RunKind> {
  run: RunRecord;
  spec: RunSpecOf<Kind>;
  /** The seed in force (the stored one on resume). */
  seed: number;
  resumed: boolean;
  /** Models resolved through here are wrapped: cache -> budget -> cost -> retry -> rate limit -> provider. */
  context: PipelineContext;
}

export interface StartedRun<Kind extends RunKind> extends ActiveRun<Kind> {
  /**
   * Stops listening for Ctrl-C, closes progress output and waits for the Ctrl-C "stopped" write:
   * after it, the final status can be written without a race. The lease is still held.
   */
  windDown(): Promise<void>;
  /** Releases the run's lease; called after the final status is written, so no resume lands before it. */
  releaseLease(): Promise<void>;
  /** True once Ctrl-C was pressed. */
  interrupted(): boolean;
  /**
   * Reads the lease: the takeover error when another process took the run over (this one must then
   * not write its status), else undefined.
   */
  verifyLease(): Promise<BenchsmithError | undefined>;
}

/** The run_state key holding the limits in force, so a limit raised on one resume holds for the next. */
const BUDGET_STATE_KEY = "budget";

/**
 * Creates a run or resumes one. On resume the stored spec (parsed with its kind's schema), seed and
 * budget win (a limit given again replaces the stored one), the budget counts the calls already
 * recorded, and a run another live process holds is refused. Unknown run id -> UserInputError listing
 * recent runs. A failure once the run is marked running marks it failed before it is rethrown.
 */
export async function startRun<Kind extends RunKind>(
  runtime: Runtime,
  options: StartRunOptions<Kind>,
): Promise<StartedRun<Kind>> {
  const { store } = runtime;
  const run =
    options.resume === undefined
      ? await createRun(runtime, options)
      : await resumeRun(runtime, options.kind, options.resume);
  let lease: RunLease | undefined;
  try {
    lease = await acquireRunLease({ store, runId: run.id });
    const running = options.resume === undefined ? run : await store.updateRun(run.id, { status: "running" });
    return await prepareRun(runtime, options, running, lease);
  } catch (error) {
    // A refused resume leaves the run to the process that holds it.
    if (lease !== undefined || options.resume === undefined) {
      const message = error instanceof Error ? error.message : String(error);
      const summary = { ...run.summary, error: message };
      await store.updateRun(run.id, { status: "failed", summary }).catch(() => {});
    }
    // Released after the failed status, so a resume cannot land between the two.
    await lease?.release().catch(() => {});
    throw error;
  }
}

/** Everything after the record exists: seed, budget, reporter, models and the Ctrl-C handler. */
async function prepareRun<Kind extends RunKind>(
  runtime: Runtime,
  options: StartRunOptions<Kind>,
  run: RunRecord,
  lease: RunLease,
): Promise<StartedRun<Kind>> {
  const { store, settings } = runtime;
  const resumed = options.resume !== undefined;
  const spec = parseRunSpec(options.kind, run);
  const storedSeed = run.spec.seed;
  const seed = resumed && typeof storedSeed === "number" ? storedSeed : options.seed;
  const limits = resumed ? { ...(await storedBudget(store, run)), ...options.budget } : options.budget;
  if (limits !== undefined) await store.putState(run.id, BUDGET_STATE_KEY, limits);
  const budget = createBudgetTracker(
    remainingBudget(limits, resumed ? await store.callStats(run.id) : undefined),
  );
  const { progress, log, download } = createTerminalReporter({
    stream: process.stderr,
    interactive: settings.interactive,
    quiet: settings.quiet,
  });
  const { resolveModel, resolveEmbedder } = createModelResolvers({
    config: runtime.config,
    env: settings.env,
    cache: store,
    runId: run.id,
    budget,
    onDownloadProgress: download,
  });
  const abort = new AbortController();
  // The work stops on either: Ctrl-C, or another process taking the run over.
  const stopOnTakeover = (): void => {
    const takeover = lease.takenOver();
    if (takeover !== undefined) log.warn(takeover.message);
    abort.abort(takeover);
  };
  lease.signal.addEventListener("abort", stopOnTakeover, { once: true });
  let interrupted = false;
  let stopRecorded: Promise<unknown> = Promise.resolve();
  const removeInterruptHandler = settings.handleInterrupts
    ? handleInterrupts({
        onFirst: () => {
          interrupted = true;
          abort.abort(interruptedError(run.id));
          log.warn(
            `stopping run ${run.id} (Ctrl-C again quits at once); continue it with --resume ${run.id}`,
          );
          // Recorded at once, so a second Ctrl-C (immediate exit) still leaves the run resumable.
          if (lease.takenOver() === undefined)
            stopRecorded = store.updateRun(run.id, { status: "stopped" }).catch(() => {});
        },
      })
    : () => {};
  const context: PipelineContext = {
    runId: run.id,
    store,
    resolveModel,
    resolveEmbedder,
    rng: createRng(seed),
    progress,
    log,
    signal: abort.signal,
  };
  return {
    run,
    spec,
    seed,
    resumed,
    context,
    async windDown() {
      removeInterruptHandler();
      lease.signal.removeEventListener("abort", stopOnTakeover);
      progress.finish();
      await stopRecorded;
    },
    async releaseLease() {
      // A lost release marker only delays a resume until the heartbeat is stale (or the process gone).
      await lease.release().catch(() => {});
    },
    interrupted: () => interrupted,
    verifyLease: () => lease.verify(),
  };
}

async function createRun<Kind extends RunKind>(
  runtime: Runtime,
  options: StartRunOptions<Kind>,
): Promise<RunRecord> {
  if (options.spec === undefined) throw new Error(`startRun(${options.kind}): a new run needs a spec`);
  const spec = {
    ...options.spec,
    seed: options.seed,
    ...(options.budget === undefined ? {} : { budget: options.budget }),
    provenance: {
      ...readProvenance(runtime.settings.cwd),
      configFile: runtime.settings.configFile,
      // Keys never enter the config (only env var names); a postgres:// store URL may hold a password.
      config: { ...runtime.config, store: redactStoreLocation(runtime.config.store) },
    },
  };
  return runtime.store.createRun({ kind: options.kind, spec });
}

/** The stored run, checked: it exists, is of this kind, its spec parses, and no live process holds it. */
async function resumeRun(runtime: Runtime, kind: RunKind, runId: string): Promise<RunRecord> {
  const run = await runtime.store.getRun(runId);
  if (run === undefined) {
    const recent = (await runtime.store.listRuns({ kind, limit: 5 })).map((candidate) => candidate.id);
    throw new UserInputError(
      `no run "${runId}" in the store ${redactStoreLocation(runtime.config.store)}`,
      recent.length > 0
        ? `recent ${kind} runs: ${recent.join(", ")} (all: benchsmith runs list)`
        : `there are no ${kind} runs in this store; check --store, or start a new run without --resume`,
    );
  }
  if (run.kind !== kind) {
    throw new UserInputError(
      `run "${runId}" is a ${run.kind} run, not a ${kind} run`,
      `resume it with \`benchsmith ${run.kind} --resume ${runId}\``,
    );
  }
  // Checked before marking it running: a spec from another version or a run in use is left as it was.
  parseRunSpec(kind, run);
  await storedBudget(runtime.store, run);
  await checkRunLease({ store: runtime.store, runId });
  return run;
}

/**
 * The limits in force when the run last ran: the `budget` state key (written at every start and
 * resume, so a limit raised on a resume is kept), else the envelope field `budget` the run was
 * started with (runs from before the key), else none.
 */
async function storedBudget(store: RunStore, run: RunRecord): Promise<RunBudget> {
  const inForce = await store.getState(run.id, BUDGET_STATE_KEY, RunBudgetSchema);
  if (inForce !== undefined) return withoutUndefined(inForce);
  if (run.spec.budget === undefined) return {};
  const parsed = RunBudgetSchema.safeParse(run.spec.budget);
  if (!parsed.success)
    throw new StoredDataError(
      `the budget of ${run.kind} run ${run.id}`,
      parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`),
    );
  return withoutUndefined(parsed.data);
}

/** The parsed limits with absent ones left out (exactOptionalPropertyTypes). */
function withoutUndefined(budget: z.infer<typeof RunBudgetSchema>): RunBudget {
  const { maxCostUsd, maxCalls } = budget;
  return {
    ...(maxCostUsd === undefined ? {} : { maxCostUsd }),
    ...(maxCalls === undefined ? {} : { maxCalls }),
  };
}

/** The run's limits minus what earlier sessions of the same run already spent. */
function remainingBudget(
  budget: RunBudget | undefined,
  spent: { calls: number; costUsd: number | undefined } | undefined,
): BudgetLimits {
  const limits: BudgetLimits = {};
  if (budget?.maxCalls !== undefined) limits.maxCalls = Math.max(0, budget.maxCalls - (spent?.calls ?? 0));
  if (budget?.maxCostUsd !== undefined) {
    limits.maxCostUsd = Math.max(0, budget.maxCostUsd - (spent?.costUsd ?? 0));
  }
  return limits;
}
