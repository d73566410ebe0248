import type { z } from "zod";
import type { RunStore } from "../../core/store-spec.js";

/** Where one step of a discover run keeps its result; `--resume` reads it instead of redoing the step. */
export interface Checkpoints {
  /** The stored value of `key`, or else `compute()`, stored before it is returned. */
  once<T>(key: string, schema: z.ZodType<T>, compute: () => Promise<T>): Promise<T>;
  read<T>(key: string, schema: z.ZodType<T>): Promise<T | undefined>;
}

/** Checkpoints of one run in the run store (state keys prefixed "discover:"). */
export function createCheckpoints(store: RunStore, runId: string): Checkpoints {
  const read = <T>(key: string, schema: z.ZodType<T>) => store.getState(runId, `discover:${key}`, schema);
  return {
    read,
    async once(key, schema, compute) {
      const stored = await read(key, schema);
      if (stored !== undefined) return stored;
      const value = await compute();
      await store.putState(runId, `discover:${key}`, value);
      return value;
    },
  };
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
