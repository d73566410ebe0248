import { z } from "zod";

/** What an eval run stores; a resumed run reuses it, so its outcomes stay comparable. */
export const EvalRunSpecSchema = z.object({
  /** Benchmark file (absolute). */
  benchmark: z.string(),
  /** The settings it ran with, defaults applied (`resolveEvalSettings`). */
  options: z.object({
    models: z.array(z.string()).min(1),
    chainOfThought: z.boolean(),
    judge: z.string().optional(),
    concurrency: z.number().int().positive(),
    limit: z.number().int().positive().optional(),
    seed: z.number().int(),
  }),
  /** The work queue it ran on (`--queue`), its password masked; absent: in one process. */
  queue: z.string().optional(),
  /** results.json (absolute). */
  out: z.string(),
});
export type EvalRunSpec = z.infer<typeof EvalRunSpecSchema>;
