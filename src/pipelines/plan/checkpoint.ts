import type { z } from "zod";
import type { RunStore } from "../../core/store-spec.js";

/** Where one step of a plan run keeps its result; `--resume` reads it instead of redoing the step. */
export interface PlanCheckpoints {
  /** The stored value of `key`, or else `compute()`, stored before it is returned. */
  once<T>(key: string, schema: z.ZodType<T>, compute: () => Promise<T>): Promise<T>;
  read<T>(key: string, schema: z.ZodType<T>): Promise<T | undefined>;
  write(key: string, value: unknown): Promise<void>;
}

/** Checkpoints of one run in the run store (state keys prefixed "plan:"). */
export function createPlanCheckpoints(store: RunStore, runId: string): PlanCheckpoints {
  const read = <T>(key: string, schema: z.ZodType<T>) => store.getState(runId, `plan:${key}`, schema);
  const write = (key: string, value: unknown) => store.putState(runId, `plan:${key}`, value);
  return {
    read,
    write,
    async once(key, schema, compute) {
      const stored = await read(key, schema);
      if (stored !== undefined) return stored;
      const value = await compute();
      await write(key, value);
      return value;
    },
  };
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
