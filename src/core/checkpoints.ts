import type { z } from "zod";
import type { RunStore } from "./store-spec.js";

/** Where one step of a run keeps its result; `--resume` reads it instead of redoing the step. */
export interface Checkpoints {
  /** The stored value of `key`, or else `compute()`, stored before it is returned. */
  once<T>(key: string, schema: z.ZodType<T>, compute: () => Promise<T>): Promise<T>;
  read<T>(key: string, schema: z.ZodType<T>): Promise<T | undefined>;
  write(key: string, value: unknown): Promise<void>;
}

/** Checkpoints of one run in the run store, under state keys `<prefix>:<key>`. */
export function createRunCheckpoints(store: RunStore, runId: string, prefix: string): Checkpoints {
  const read = <T>(key: string, schema: z.ZodType<T>) => store.getState(runId, `${prefix}:${key}`, schema);
  const write = (key: string, value: unknown) => store.putState(runId, `${prefix}:${key}`, value);
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
