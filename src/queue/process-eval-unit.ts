import { z } from "zod";
import {
  BenchsmithError,
  ConfigError,
  ProviderCallError,
  UnavailableError,
  UserInputError,
} from "../core/errors.js";
import { type Item, ItemSchema } from "../core/item.js";
import type { EvaluationRecord, RunRecord, RunStatus, RunStore } from "../core/store-spec.js";
import { evaluatePair } from "../evaluate/run-evaluation.js";
import { answerItem, isCandidateFailure } from "../pipelines/discover/evaluate-candidates.js";
import { resolveMakeOptions, runMakeAttemptWith } from "../pipelines/make/index.js";
import { controlCandidate } from "../pipelines/plan/index.js";
import { evaluateTemplateItem } from "../pipelines/tune/evaluate-items.js";
import { resolveTemplate } from "../pipelines/tune/load-template.js";
import type { TuneTemplate } from "../pipelines/tune/template.js";
import type { ModelResolvers } from "../runtime/model-resolver.js";
import { redactStoreLocation } from "../store/postgres-url.js";
import { type DiscoverUnit, DiscoverUnitSchema, discoverRecordOf } from "./discover-unit.js";
import { type EvalUnit, EvalUnitSchema } from "./eval-unit.js";
import { type MakeAttemptUnit, MakeAttemptUnitSchema, makeAttemptStateKey } from "./make-unit.js";
import {
  candidateOf,
  type PlanCandidateUnit,
  PlanCandidateUnitSchema,
  planCandidateStateKey,
} from "./plan-unit.js";
import { StoreOutageError, throughStore } from "./store-outage.js";
import { type TuneUnit, TuneUnitSchema, templateItemOf, tuneRecordItemId } from "./tune-unit.js";

/** Every kind of unit a worker runs, told apart by `kind`. */
const QueuedUnitSchema = z.discriminatedUnion("kind", [
  EvalUnitSchema,
  TuneUnitSchema,
  DiscoverUnitSchema,
  MakeAttemptUnitSchema,
  PlanCandidateUnitSchema,
]);
type QueuedUnit = z.infer<typeof QueuedUnitSchema>;

/** What the worker knows about a job besides its payload. */
export interface UnitDelivery {
  data: unknown;
  signal: AbortSignal | undefined;
}

/**
 * How a unit ended: committed now, already in the store, or skipped because its run is no longer
 * running (stopped by Ctrl-C, failed): in the last two, nothing was called and nothing written.
 */
export type UnitOutcome =
  /** `correct` for an answer task; absent for a make attempt or plan candidate. */
  | { status: "committed"; correct?: boolean }
  | { status: "already-stored" }
  | { status: "skipped"; runStatus: RunStatus };

/** How long a worker trusts a run's status before reading it again. */
const RUN_SNAPSHOT_TTL_MS = 1000;

export interface EvalUnitProcessor {
  process(delivery: UnitDelivery): Promise<UnitOutcome>;
}

/**
 * Runs eval and tune units against the worker's own store and provider layer: the run must exist in this store
 * (else the worker points at another store than the coordinator), models are resolved per run exactly
 * as in-process (cache -> retry -> rate limit -> provider, calls recorded under the run), and the
 * outcome is committed under its (run, model, item) key, so a unit run twice is stored once.
 */
export function createEvalUnitProcessor(options: {
  store: RunStore;
  storeLocation: string;
  /** `batchSamples: false`: a make run's `--no-batch-samples`, each sample its own request as in-process. */
  resolversFor: (runId: string, variant: { batchSamples: boolean }) => ModelResolvers;
}): EvalUnitProcessor {
  const { store } = options;
  const runs = new Map<string, Promise<ModelResolvers>>();
  const templates = new Map<string, Promise<TuneTemplate>>();
  // Loaded once per reference; a failed load is not remembered (the file may be fixed meanwhile).
  const templateOf = (reference: string): Promise<TuneTemplate> => {
    let known = templates.get(reference);
    if (known === undefined) {
      known = resolveTemplate(reference);
      known.catch(() => templates.delete(reference));
      templates.set(reference, known);
    }
    return known;
  };
  const resolversOf = (runId: string, batchSamples = true): Promise<ModelResolvers> => {
    const key = `${batchSamples ? "batched" : "unbatched"}\u0000${runId}`;
    let known = runs.get(key);
    if (known === undefined) {
      known = Promise.resolve().then(() => options.resolversFor(runId, { batchSamples }));
      known.catch(() => runs.delete(key));
      runs.set(key, known);
    }
    return known;
  };
  // A run's accepted items by id (what a make attempt's view names), read again when one is missing.
  const acceptedItems = new Map<string, Map<string, Item>>();
  const itemsOf = async (runId: string, ids: readonly string[]): Promise<Item[]> => {
    let known = acceptedItems.get(runId);
    if (known === undefined || ids.some((id) => !known?.has(id))) {
      const stored = await throughStore(() => store.listItems(runId, { status: "accepted" }));
      known = new Map();
      for (const row of stored) {
        const parsed = ItemSchema.safeParse(row.item);
        if (parsed.success) known.set(parsed.data.id, parsed.data);
      }
      acceptedItems.set(runId, known);
    }
    const items = known;
    return ids.map((id) => {
      const item = items.get(id);
      if (item === undefined)
        throw new UserInputError(
          `item ${id} of run ${runId} is not in this worker's store ${redactStoreLocation(options.storeLocation)}`,
          "start `benchsmith worker` with the coordinator's --store (a shared SQLite file or postgres:// URL)",
        );
      return item;
    });
  };
  /** A make attempt or plan candidate: its result is a run_state value under the unit's key, checked afresh. */
  const processKept = async (
    unit: MakeAttemptUnit | PlanCandidateUnit,
    signal: AbortSignal | undefined,
  ): Promise<UnitOutcome> => {
    const key =
      unit.kind === "make-attempt"
        ? makeAttemptStateKey(unit)
        : planCandidateStateKey(unit.subtask.name, candidateOf(unit));
    const stored = await throughStore(() => store.getState(unit.runId, key, z.unknown()));
    if (stored !== undefined) return { status: "already-stored" };
    const value =
      unit.kind === "make-attempt"
        ? await runMakeAttemptWith(
            { ...unit, accepted: await itemsOf(unit.runId, unit.accepted) },
            (await resolversOf(unit.runId, resolveMakeOptions(unit.options).batchSamples)).resolveModel(
              unit.modelRef,
            ),
          )
        : await controlPlanCandidate(unit, (await resolversOf(unit.runId)).resolveModel, signal);
    await throughStore(() => store.putState(unit.runId, key, value));
    return { status: "committed" };
  };
  // Read at most once a second per run, so a stopped run's thousands of waiting units cost one read each.
  const statuses = new Map<string, { readAt: number; run: Promise<RunRecord> }>();
  const runOf = (runId: string): Promise<RunRecord> => {
    const known = statuses.get(runId);
    if (known !== undefined && Date.now() - known.readAt < RUN_SNAPSHOT_TTL_MS) return known.run;
    const run = throughStore(() => store.getRun(runId)).then((found) => {
      if (found === undefined)
        throw new UserInputError(
          `run ${runId} is not in this worker's store ${redactStoreLocation(options.storeLocation)}`,
          "start `benchsmith worker` with the coordinator's --store (a shared SQLite file or postgres:// URL)",
        );
      return found;
    });
    // A failed lookup is not remembered: the store may just have been slow or down.
    run.catch(() => statuses.delete(runId));
    statuses.set(runId, { readAt: Date.now(), run });
    return run;
  };

  return {
    async process({ data, signal }) {
      const parsed = QueuedUnitSchema.safeParse(data);
      if (!parsed.success)
        throw new UserInputError(
          `a queued unit does not match this benchsmith version: ${parsed.error.issues[0]?.message ?? "invalid"}`,
          "run the same benchsmith version on the coordinator and every worker",
        );
      const unit: QueuedUnit = parsed.data;
      const run = await runOf(unit.runId);
      if (run.status !== "running") return { status: "skipped", runStatus: run.status };
      if (unit.kind === "make-attempt" || unit.kind === "plan-candidate") return processKept(unit, signal);
      const { resolveModel } = await resolversOf(unit.runId);
      // Every unit checks the store first (one keyed lookup): a redelivered one finds what it committed before.
      const key = { modelRef: unit.modelRef, itemId: storedItemId(unit) };
      const found = await throughStore(() => store.getEvaluations(unit.runId, [key]));
      if (found.length > 0) return { status: "already-stored" };
      const record =
        unit.kind === "tune"
          ? await answerTuneItem(unit, await templateOf(unit.template), resolveModel, signal)
          : await answerUnit(unit, resolveModel, signal);
      await throughStore(() => store.putEvaluations([record]));
      return { status: "committed", correct: record.correct };
    },
  };
}

/** A plan candidate: the same realization and QC as in-process, with the worker's executor and verifier. */
function controlPlanCandidate(
  unit: PlanCandidateUnit,
  resolveModel: ModelResolvers["resolveModel"],
  signal: AbortSignal | undefined,
) {
  return controlCandidate({
    candidate: candidateOf(unit),
    subtask: unit.subtask,
    settings: unit.settings,
    executor: resolveModel(unit.settings.executor),
    verifier: resolveModel(unit.settings.verifier),
    seed: unit.seed,
    signal,
  });
}

/** A tune unit: the template's own prompt, call and score (as in-process), stored under its scoped id. */
async function answerTuneItem(
  unit: TuneUnit,
  template: TuneTemplate,
  resolveModel: ModelResolvers["resolveModel"],
  signal: AbortSignal | undefined,
): Promise<EvaluationRecord> {
  const outcome = await evaluateTemplateItem({
    template,
    item: templateItemOf(unit),
    model: resolveModel(unit.modelRef),
    signal,
  });
  return {
    runId: unit.runId,
    modelRef: unit.modelRef,
    itemId: storedItemId(unit),
    response: outcome.response,
    extracted: outcome.answer,
    correct: outcome.score >= 1,
    score: outcome.score,
    details: { scope: unit.scope, template: template.name },
  };
}

/** An eval or discover unit: both answer a benchmark item (eval's prompt), each graded its pipeline's way. */
function answerUnit(
  unit: EvalUnit | DiscoverUnit,
  resolveModel: ModelResolvers["resolveModel"],
  signal: AbortSignal | undefined,
): Promise<EvaluationRecord> {
  if (unit.kind === "discover") return answerDiscoverItem(unit, resolveModel, signal);
  return evaluatePair({
    runId: unit.runId,
    modelRef: unit.modelRef,
    model: resolveModel(unit.modelRef),
    item: unit.item,
    chainOfThought: unit.chainOfThought,
    judge: unit.judge === undefined ? undefined : { ref: unit.judge, model: resolveModel(unit.judge) },
    signal,
  });
}

/**
 * A discover unit: the candidate's reply graded as in-process; a provider failure is the candidate's
 * outcome (stored, as in-process), except a 429 (the queue pauses and retries it) and a worker's own
 * setup error (a missing key fails the unit, so the coordinator reports it instead of a bad candidate) or
 * a store outage (retried by the queue).
 */
async function answerDiscoverItem(
  unit: DiscoverUnit,
  resolveModel: ModelResolvers["resolveModel"],
  signal: AbortSignal | undefined,
): Promise<EvaluationRecord> {
  try {
    const answer = await answerItem({
      item: unit.item,
      model: resolveModel(unit.modelRef),
      judge: { ref: unit.judge, model: resolveModel(unit.judge) },
      seed: unit.seed,
      signal,
    });
    return discoverRecordOf(unit, answer);
  } catch (error) {
    // The worker's own setup or store, not the candidate: fail (or retry) the unit instead of storing it.
    const workerSide =
      UserInputError.isInstance(error) || ConfigError.isInstance(error) || error instanceof StoreOutageError;
    if (workerSide || rateLimitPauseMs(error) !== undefined || !isCandidateFailure(error, signal))
      throw error;
    return discoverRecordOf(unit, {
      itemId: unit.item.id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

/** The item id an answer task's outcome is stored under. */
function storedItemId(unit: EvalUnit | TuneUnit | DiscoverUnit): string {
  return unit.kind === "tune" ? tuneRecordItemId(unit.scope, unit.item.id) : unit.item.id;
}

/**
 * Errors no retry can fix (a missing key, a wrong store, a 400, no local runtime, a failed download): the
 * unit fails at once. A store outage is not one of them: it goes through the queue's retries with backoff.
 */
export function isUnrecoverable(error: unknown): boolean {
  if (ProviderCallError.isInstance(error)) return !error.isRetryable;
  if (error instanceof StoreOutageError) return false;
  return (
    UserInputError.isInstance(error) ||
    ConfigError.isInstance(error) ||
    UnavailableError.isInstance(error) ||
    (BenchsmithError.isInstance(error) && error.code === "budget")
  );
}

/** A 429 that outlived the provider layer's retries: how long to pause the provider's queue. */
export function rateLimitPauseMs(error: unknown): number | undefined {
  if (!ProviderCallError.isInstance(error) || error.statusCode !== 429) return undefined;
  return error.retryAfterMs ?? 1000;
}
