import type { PipelineContext } from "../core/context.js";
import { UserInputError } from "../core/errors.js";
import { createRng } from "../core/rng.js";
import type { RunRecord } from "../core/store-spec.js";
import { type BudgetLimits, createBudgetTracker } from "../llm/middleware/budget.js";
import { redactStoreLocation } from "../store/postgres-url.js";
import { handleInterrupts, interruptedError } from "./interrupt.js";
import { createModelResolvers } from "./model-resolver.js";
import { createTerminalReporter } from "./progress.js";
import { readProvenance } from "./provenance.js";
import { parseRunSpec, type RunKind, type RunSpecOf } from "./run-kinds.js";
import type { Runtime } from "./runtime.js";

/** Limits over the whole run, resumes included. */
export interface RunBudget {
  maxCostUsd?: number;
  maxCalls?: number;
}

export interface StartRunOptions<Kind extends RunKind> {
  kind: Kind;
  /** The new run's spec. Ignored on resume: the stored spec wins. */
  spec: RunSpecOf<Kind> | undefined;
  /** Continue this run id instead of starting a new one. */
  resume?: string | undefined;
  seed: number;
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
  /** Stops listening for Ctrl-C and closes progress output. */
  release(): void;
  /** True once Ctrl-C was pressed. */
  interrupted(): boolean;
}

/**
 * Creates a run or resumes one. On resume the stored spec (parsed with its kind's schema) and seed win,
 * and the budget counts the calls already recorded. Unknown run id -> UserInputError listing recent runs.
 */
export async function startRun<Kind extends RunKind>(
  runtime: Runtime,
  options: StartRunOptions<Kind>,
): Promise<StartedRun<Kind>> {
  const { store, settings } = runtime;
  const run =
    options.resume === undefined
      ? await createRun(runtime, options)
      : await resumeRun(runtime, options.kind, options.resume);
  const resumed = options.resume !== undefined;
  const spec = parseRunSpec(options.kind, run);
  const storedSeed = run.spec.seed;
  const seed = resumed && typeof storedSeed === "number" ? storedSeed : options.seed;
  const budget = createBudgetTracker(
    remainingBudget(options.budget, resumed ? await store.callStats(run.id) : undefined),
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
  const removeInterruptHandler = settings.handleInterrupts
    ? handleInterrupts({
        onFirst: () => {
          abort.abort(interruptedError(run.id));
          log.warn(
            `stopping run ${run.id} (Ctrl-C again quits at once); continue it with --resume ${run.id}`,
          );
          // Recorded at once, so a second Ctrl-C (immediate exit) still leaves the run resumable.
          store.updateRun(run.id, { status: "stopped" }).catch(() => {});
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
    release() {
      removeInterruptHandler();
      progress.finish();
    },
    interrupted: () => abort.signal.aborted,
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
  // Parse before marking it running: a spec from another version leaves the record as it was.
  parseRunSpec(kind, run);
  return runtime.store.updateRun(runId, { status: "running" });
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
