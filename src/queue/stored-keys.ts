import { z } from "zod";
import type { RunStore } from "../core/store-spec.js";
import { storedOutcomes } from "../evaluate/run-evaluation.js";
import type { QueuedUnit } from "./queued-unit.js";

/** Whether the store holds the outcome of every unit (the coordinator's test of "done"). */
export async function allStored(
  store: RunStore,
  runId: string,
  units: ReadonlyMap<string, QueuedUnit>,
): Promise<boolean> {
  const stored = await storedKeys(store, runId, units.values());
  for (const unit of units.values()) if (!stored.has(unit.storeKey)) return false;
  return true;
}

const AnyValue = z.unknown();

/**
 * The store keys among `units` whose outcome the store holds: the run's evaluations (listed once) for
 * eval, tune and discover units; one run_state read each for make and plan units (a few per dispatch).
 */
export async function storedKeys(
  store: RunStore,
  runId: string,
  units: Iterable<QueuedUnit>,
): Promise<Set<string>> {
  const list = [...units];
  const keys = new Set<string>();
  if (list.some((unit) => unit.outcomeIn === "evaluations"))
    for (const key of (await storedOutcomes(store, runId)).keys()) keys.add(key);
  const kept = list.filter((unit) => unit.outcomeIn === "state");
  const values = await Promise.all(kept.map((unit) => store.getState(runId, unit.storeKey, AnyValue)));
  kept.forEach((unit, index) => {
    if (values[index] !== undefined) keys.add(unit.storeKey);
  });
  return keys;
}
