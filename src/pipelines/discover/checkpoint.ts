import { type Checkpoints, createRunCheckpoints } from "../../core/checkpoints.js";
import type { RunStore } from "../../core/store-spec.js";

export type { Checkpoints } from "../../core/checkpoints.js";

/** Checkpoints of one run in the run store (state keys prefixed "discover:"). */
export function createCheckpoints(store: RunStore, runId: string): Checkpoints {
  return createRunCheckpoints(store, runId, "discover");
}

/** State keys, one function per step, so no two steps can collide. */
export const CHECKPOINT_KEYS = {
  proposals: (iteration: number) => `iteration:${iteration}:proposals`,
  allProposals: () => "proposals:all",
  salience: (descriptionId: string) => `description:${descriptionId}:salience`,
  passages: (descriptionId: string, batch: number) => `description:${descriptionId}:batch:${batch}:passages`,
  batch: (descriptionId: string, batch: number) => `description:${descriptionId}:batch:${batch}:written`,
  candidate: (descriptionId: string, batch: number, model: string) =>
    `description:${descriptionId}:batch:${batch}:candidate:${model}`,
  result: (descriptionId: string) => `description:${descriptionId}:result`,
} as const;
