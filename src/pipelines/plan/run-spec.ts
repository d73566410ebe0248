import { z } from "zod";
import { PlanOptionsSchema } from "./options.js";

/**
 * What a plan run stores: the library options it ran with (the query among them, which is the run's
 * demand) and where its outputs go. A `--plan` file's content is stored in `plan`, so a resumed run
 * does not depend on the file still being there.
 */
export const PlanRunSpecSchema = PlanOptionsSchema.extend({
  /** Benchmark JSONL (absolute; empty until the run id is known: "<run id>.jsonl"). */
  out: z.string(),
  /** Where the plan is written as YAML, if asked (`--save-plan`). */
  savePlan: z.string().optional(),
  /** Plan report JSON (default: beside the benchmark, "<name>.plan-report.json"). */
  report: z.string().optional(),
  /** The work queue it ran on (`--queue`), its password masked; absent: in one process. */
  queue: z.string().optional(),
});
export type PlanRunSpec = z.infer<typeof PlanRunSpecSchema>;
