import { type Checkpoints, createRunCheckpoints } from "../../core/checkpoints.js";
import type { RunStore } from "../../core/store-spec.js";

/** Where one step of a plan run keeps its result; `--resume` reads it instead of redoing the step. */
export type PlanCheckpoints = Checkpoints;

/** Checkpoints of one run in the run store (state keys prefixed "plan:"). */
export function createPlanCheckpoints(store: RunStore, runId: string): PlanCheckpoints {
  return createRunCheckpoints(store, runId, "plan");
}

/** State keys, one function per step, so no two steps can collide. */
export const PLAN_KEYS = {
  cards: () => "cards",
  design: (round: string) => `design:${round}`,
  grounding: (round: string, subtask: number) => `grounding:${round}:${subtask}`,
  plan: () => "plan",
  passages: (subtask: number) => `passages:${subtask}`,
  scratchRuns: (subtask: number) => `scratch:${subtask}`,
} as const;
