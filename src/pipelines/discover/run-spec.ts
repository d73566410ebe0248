import { z } from "zod";
import { DiscoverOptionsSchema } from "./options.js";

/**
 * What a discover run stores: the library options (`domain` stays at the top, where the run kind's
 * `demandOf` reads it) and where the outputs go. `--resume` continues with exactly these values.
 */
export const DiscoverRunSpecSchema = DiscoverOptionsSchema.extend({
  /** Benchmark JSONL (absolute; "" for a new run until its id is known). */
  out: z.string(),
  /** Discovery report JSON (absolute; "" for <out without .jsonl>.report.json). */
  report: z.string(),
  /** The work queue it ran on (`--queue`), its password masked; absent: in one process. */
  queue: z.string().optional(),
});
export type DiscoverRunSpec = z.infer<typeof DiscoverRunSpecSchema>;
