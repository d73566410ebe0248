import type { PipelineContext } from "../core/context.js";
import { type BenchsmithError, UserInputError } from "../core/errors.js";
import { createRng } from "../core/rng.js";
import type { RunRecord } from "../core/store-spec.js";
import { type BudgetLimits, type BudgetTracker, createBudgetTracker } from "../llm/middleware/budget.js";
import { redactStoreLocation } from "../store/postgres-url.js";
import { handleInterrupts, interruptedError } from "./interrupt.js";
import { createModelResolvers, type LimiterFactory } from "./model-resolver.js";
import { assertProviderKeys } from "./preflight-keys.js";
import { createTerminalReporter } from "./progress.js";
import { readProvenance } from "./provenance.js";
import { type RunBudget, recordBudget, remainingBudget, storedBudget } from "./run-budget.js";
import { modelRefsOfSpec, parseRunSpec, type RunKind, type RunSpecOf } from "./run-kinds.js";
import { acquireRunLease, type RunLease } from "./run-lease.js";
import type { Runtime } from "./runtime.js";

export interface StartRunOptions<Kind extends RunKind> {
  kind: Kind;
  /** The new run's spec. Ignored on resume: the stored spec wins. */
  spec: RunSpecOf<Kind> | undefined;
  /** Continue this run id instead of starting a new one. */
  resume?: string | undefined;
  seed: number;
  /** On resume each limit given here replaces the stored one; a limit not given keeps the stored one. */
  budget?: RunBudget | undefined;
  /**
   * `--queue`: the session's remaining limits are published where every queue worker counts its calls
   * (Redis), and this process counts its own calls there too; absent: one tracker in this process.
   */
  sharedBudget?: ((runId: string, limits: BudgetLimits) => Promise<BudgetTracker>) | undefined;
  /** `--queue`: each provider's rate limit shared with every worker (see ModelResolverOptions.limiterFor). */
  limiterFor?: LimiterFactory | undefined;
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

/**
 * Creates a run or resumes one. On resume the stored spec (parsed with its kind's schema), seed and
 * budget win (a limit given again replaces the stored one), the budget counts the calls already
 * recorded, and a run another live process holds is refused. Unknown run id -> UserInputError listing
 * recent runs. A model of the spec whose provider needs a key the environment lacks is one
 * UserInputError before anything is written: no new run is created, a resumed one is left as it was.
 * A failure once the run is marked running marks it failed before it is rethrown.
 */
export async function startRun<Kind extends RunKind>(
  runtime: Runtime,
  options: StartRunOptions<Kind>,
): Promise<StartedRun<Kind>> {
  const { store } = runtime;
  let run: RunRecord;
  if (options.resume === undefined) {
    checkKeys(runtime, options, options.spec);
    run = await createRun(runtime, options);
  } else {
    run = await resumeRun(runtime, options.kind, options.resume);
    checkKeys(runtime, options, run.spec);
  }
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
  if (limits !== undefined) await recordBudget(store, run.id, limits);
  const remaining = remainingBudget(limits, resumed ? await store.callStats(run.id) : undefined);
  const budget =
    options.sharedBudget === undefined
      ? createBudgetTracker(remaining)
      : await options.sharedBudget(run.id, remaining);
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
    limiterFor: options.limiterFor,
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

/** Every model the spec has this process call has its key (see assertProviderKeys), else UserInputError. */
function checkKeys<Kind extends RunKind>(
  runtime: Runtime,
  options: StartRunOptions<Kind>,
  spec: unknown,
): void {
  // `--queue` gives both (queueLimits): the session's units then run on workers, with their own keys.
  const queued = options.sharedBudget !== undefined || options.limiterFor !== undefined;
  assertProviderKeys(modelRefsOfSpec(options.kind, spec, { queued }), {
    config: runtime.config,
    env: runtime.settings.env,
  });
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
  // Checked before marking it running: a spec from another version is left as it was (a run in use is
  // refused by acquireRunLease, before anything is written).
  parseRunSpec(kind, run);
  await storedBudget(runtime.store, run);
  return run;
}
