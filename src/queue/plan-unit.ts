import { z } from "zod";
import { ItemSchema } from "../core/item.js";
import {
  type Candidate,
  candidateKey,
  PlannedSourceSchema,
  PlannedSubtaskSchema,
} from "../pipelines/plan/index.js";
import { unitJobId } from "./unit-job-id.js";

const CandidateSchema = z.union([
  z.object({
    source: PlannedSourceSchema,
    row: z.object({ index: z.number().int().min(0), values: z.record(z.string(), z.unknown()) }),
  }),
  z.object({ scratch: z.object({ item: ItemSchema, runId: z.string().min(1) }) }),
]);

/**
 * One candidate of a plan realization batch (a subtask's wave): the candidate (a source row's values, or
 * an item make wrote), its subtask, the realization and QC settings, and the run's seed. Model refs only:
 * a worker resolves the executor and verifier with its own config and keys.
 */
export const PlanCandidateUnitSchema = z.object({
  kind: z.literal("plan-candidate"),
  runId: z.string().min(1),
  /** The executor: the unit goes to its provider's queue (the verifier is limited per worker). */
  modelRef: z.string().min(1),
  seed: z.number().int(),
  subtask: PlannedSubtaskSchema,
  settings: z.object({
    executor: z.string().min(1),
    verifier: z.string().min(1),
    maxFixes: z.number().int().min(0),
    optionCount: z.union([z.literal(4), z.literal(10)]),
  }),
  candidate: CandidateSchema,
});
export type PlanCandidateUnit = z.infer<typeof PlanCandidateUnitSchema>;

/** The payload's candidate in the pipeline's shape. */
export function candidateOf(unit: PlanCandidateUnit): Candidate {
  return unit.candidate as Candidate;
}

/** The run_state key of a candidate's outcome (the unit's idempotent key: subtask + candidate). */
export function planCandidateStateKey(subtask: string, candidate: Candidate): string {
  return `queue:plan-candidate/${subtask}/${candidateKey(candidate)}`;
}

/** The BullMQ job id of a plan candidate: a digest of (run, subtask, candidate). */
export function planCandidateJobId(runId: string, stateKey: string): string {
  return unitJobId("plan", [runId, stateKey]);
}
