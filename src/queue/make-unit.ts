import { z } from "zod";
import { MakeOptionsSchema, MakeSpecSchema } from "../pipelines/make/index.js";
import { unitJobId } from "./unit-job-id.js";

/**
 * One make attempt (slot + attempt) as a job carries it: the run's options and prepared spec, the
 * attempt's numbers and seed, and the slot's committed view — the accepted items by id (a worker reads
 * them from the shared store, so a unit stays small however large the run) and their use counts.
 */
export const MakeAttemptUnitSchema = z.object({
  kind: z.literal("make-attempt"),
  runId: z.string().min(1),
  /** The generator: the unit goes to its provider's queue. */
  modelRef: z.string().min(1),
  seed: z.number().int(),
  options: MakeOptionsSchema,
  spec: MakeSpecSchema,
  slot: z.number().int().min(0),
  attempt: z.number().int().min(0),
  accepted: z.array(z.string()),
  referenceUses: z.record(z.string(), z.number().int().min(0)),
});
export type MakeAttemptUnit = z.infer<typeof MakeAttemptUnitSchema>;

/** The run_state key a worker commits an attempt's result under (the unit's idempotent key: slot + attempt). */
export function makeAttemptStateKey(unit: Pick<MakeAttemptUnit, "slot" | "attempt">): string {
  return `queue:make-attempt/${unit.slot}/${unit.attempt}`;
}

/** The BullMQ job id of a make attempt: a digest of (run, slot, attempt). */
export function makeAttemptJobId(unit: Pick<MakeAttemptUnit, "runId" | "slot" | "attempt">): string {
  return unitJobId("make", [unit.runId, makeAttemptStateKey(unit)]);
}
