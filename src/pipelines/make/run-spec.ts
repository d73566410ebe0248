import { z } from "zod";
import { MakeOptionsSchema } from "./options.js";

/** What a make run stores: the library options it ran with and where its outputs go. */
export const MakeRunSpecSchema = z.object({
  options: MakeOptionsSchema,
  /** Benchmark JSONL (absolute). */
  out: z.string(),
  /** Where the expanded demand, attributes and strategies are written as YAML, if asked. */
  saveSpec: z.string().optional(),
  /** The work queue it ran on (`--queue`), its password masked; absent: in one process. */
  queue: z.string().optional(),
});
export type MakeRunSpec = z.infer<typeof MakeRunSpecSchema>;
