import { z } from "zod";
import { ItemSchema } from "../core/item.js";
import { parseModelRef } from "../llm/providers/index.js";
import { unitJobId } from "./unit-job-id.js";

/**
 * An eval unit as a job carries it: everything a worker on another host needs (the item itself, the
 * model ref, chain-of-thought, judge), never a path on the coordinator's disk and never a key.
 */
export const EvalUnitSchema = z.object({
  kind: z.literal("eval"),
  runId: z.string().min(1),
  modelRef: z.string().min(1),
  item: ItemSchema,
  chainOfThought: z.boolean(),
  judge: z.string().min(1).optional(),
});
export type EvalUnit = z.infer<typeof EvalUnitSchema>;

/** The BullMQ job id of an eval unit: its idempotent key (run + model + item), as the store keys the outcome. */
export function evalUnitJobId(unit: Pick<EvalUnit, "runId" | "modelRef" | "item">): string {
  return unitJobId("eval", [unit.runId, unit.modelRef, unit.item.id]);
}

/** One queue per provider, so its global rate limit and concurrency hold across workers ("benchsmith-openai"). */
export function queueNameFor(provider: string): string {
  return `benchsmith-${provider}`;
}

/** The queue a unit goes to: its answering model's provider. */
export function queueNameOf(unit: Pick<EvalUnit, "modelRef">): string {
  return queueNameFor(parseModelRef(unit.modelRef).provider);
}
