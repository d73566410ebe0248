import {
  BenchsmithError,
  ConfigError,
  ProviderCallError,
  UnavailableError,
  UserInputError,
} from "../core/errors.js";
import type { RunStore } from "../core/store-spec.js";
import { evaluatePair, pairKey } from "../evaluate/run-evaluation.js";
import type { ModelResolvers } from "../runtime/model-resolver.js";
import { redactStoreLocation } from "../store/postgres-url.js";
import { type EvalUnit, EvalUnitSchema } from "./eval-unit.js";

/** What the worker knows about a job besides its payload. */
export interface UnitDelivery {
  data: unknown;
  /** True when the unit was started before (a crash, a stall, a retry): check the store first. */
  redelivered: boolean;
  signal: AbortSignal | undefined;
}

/** How a unit ended: committed now, or already in the store (nothing called, nothing written). */
export type UnitOutcome = { status: "committed"; correct: boolean } | { status: "already-stored" };

export interface EvalUnitProcessor {
  process(delivery: UnitDelivery): Promise<UnitOutcome>;
}

/**
 * Runs eval units against the worker's own store and provider layer: the run must exist in this store
 * (else the worker points at another store than the coordinator), models are resolved per run exactly
 * as in-process (cache -> retry -> rate limit -> provider, calls recorded under the run), and the
 * outcome is committed under its (run, model, item) key, so a unit run twice is stored once.
 */
export function createEvalUnitProcessor(options: {
  store: RunStore;
  storeLocation: string;
  resolversFor: (runId: string) => ModelResolvers;
}): EvalUnitProcessor {
  const { store } = options;
  const runs = new Map<string, Promise<ModelResolvers>>();
  const resolversOf = (runId: string): Promise<ModelResolvers> => {
    let known = runs.get(runId);
    if (known === undefined) {
      known = store.getRun(runId).then((run) => {
        if (run === undefined)
          throw new UserInputError(
            `run ${runId} is not in this worker's store ${redactStoreLocation(options.storeLocation)}`,
            "start `benchsmith worker` with the coordinator's --store (a shared SQLite file or postgres:// URL)",
          );
        return options.resolversFor(runId);
      });
      // A failed lookup is not remembered: the store may just have been slow or down.
      known.catch(() => runs.delete(runId));
      runs.set(runId, known);
    }
    return known;
  };

  return {
    async process({ data, redelivered, signal }) {
      const parsed = EvalUnitSchema.safeParse(data);
      if (!parsed.success)
        throw new UserInputError(
          `a queued unit does not match this benchsmith version: ${parsed.error.issues[0]?.message ?? "invalid"}`,
          "run the same benchsmith version on the coordinator and every worker",
        );
      const unit: EvalUnit = parsed.data;
      const { resolveModel } = await resolversOf(unit.runId);
      if (redelivered && (await isStored(store, unit))) return { status: "already-stored" };
      const record = await evaluatePair({
        runId: unit.runId,
        modelRef: unit.modelRef,
        model: resolveModel(unit.modelRef),
        item: unit.item,
        chainOfThought: unit.chainOfThought,
        judge: unit.judge === undefined ? undefined : { ref: unit.judge, model: resolveModel(unit.judge) },
        signal,
      });
      await store.putEvaluations([record]);
      return { status: "committed", correct: record.correct };
    },
  };
}

async function isStored(store: RunStore, unit: EvalUnit): Promise<boolean> {
  const key = pairKey(unit.modelRef, unit.item.id);
  return (await store.listEvaluations(unit.runId)).some(
    (record) => pairKey(record.modelRef, record.itemId) === key,
  );
}

/** Errors no retry can fix (a missing key, a wrong store, a 400): the unit fails at once. */
export function isUnrecoverable(error: unknown): boolean {
  if (ProviderCallError.isInstance(error)) return !error.isRetryable;
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
