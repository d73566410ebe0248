import { z } from "zod";
import { UserInputError } from "../core/errors.js";
import { type Item, ItemSchema } from "../core/item.js";
import type { RunStore } from "../core/store-spec.js";
import { resolveMakeOptions, runMakeAttemptWith } from "../pipelines/make/index.js";
import { controlCandidate } from "../pipelines/plan/index.js";
import type { ModelResolvers } from "../runtime/model-resolver.js";
import { redactStoreLocation } from "../store/postgres-url.js";
import { setBounded } from "./bounded-map.js";
import { type MakeAttemptUnit, makeAttemptStateKey } from "./make-unit.js";
import { candidateOf, type PlanCandidateUnit, planCandidateStateKey } from "./plan-unit.js";
import { throughStore } from "./store-outage.js";

/** A unit whose outcome is a run_state value: a make attempt or a plan candidate. */
export type KeptUnit = MakeAttemptUnit | PlanCandidateUnit;

/** The run_state key a kept unit's outcome is committed under. */
export function keptStateKey(unit: KeptUnit): string {
  return unit.kind === "make-attempt"
    ? makeAttemptStateKey(unit)
    : planCandidateStateKey(unit.subtask.name, candidateOf(unit));
}

/** Runs whose accepted items a worker keeps at once (a long-lived worker serves many runs). */
const ITEM_CACHE_RUNS = 8;

/**
 * Make and plan units on a worker: each checks its run_state key afresh (the unit is many calls; one read
 * is nothing), runs the same step as in-process and commits the outcome under that key, so a unit run
 * twice (a stall, a retry) is stored once.
 */
export function createKeptUnitRunner(options: {
  store: RunStore;
  storeLocation: string;
  resolversOf: (runId: string, batchSamples?: boolean) => Promise<ModelResolvers>;
}) {
  const { store, resolversOf } = options;
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
      setBounded(acceptedItems, runId, known, ITEM_CACHE_RUNS);
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
  return {
    /**
     * Runs the unit unless its outcome is stored; true when it committed one now. `account` is the run
     * whose budget and call log the calls belong to: the unit's own, or for a make run plan started to write
     * items from scratch, the plan (as in-process, where the child shares the plan's models).
     */
    async run(
      unit: KeptUnit,
      signal: AbortSignal | undefined,
      account: { runId: string; child: boolean },
    ): Promise<boolean> {
      const key = keptStateKey(unit);
      const stored = await throughStore(() => store.getState(unit.runId, key, z.unknown()));
      if (stored !== undefined) return false;
      const value =
        unit.kind === "make-attempt"
          ? await runMakeAttemptWith(
              { ...unit, accepted: await itemsOf(unit.runId, unit.accepted) },
              // A child batches as its plan does (the plan's config); a make run as its own options say.
              (
                await resolversOf(
                  account.runId,
                  account.child || resolveMakeOptions(unit.options).batchSamples,
                )
              ).resolveModel(unit.modelRef),
            )
          : await controlPlanCandidate(unit, (await resolversOf(account.runId)).resolveModel, signal);
      await throughStore(() => store.putState(unit.runId, key, value));
      return true;
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
