import { z } from "zod";

/** What an audit run stores: the files and settings it was computed from. */
export const AuditRunSpecSchema = z.object({
  benchmark: z.string(),
  compare: z.array(z.string()),
  /** Human reference benchmark judged the same way (faithfulness/alignment with it = 1). */
  referenceBench: z.string().optional(),
  results: z.string().optional(),
  models: z.array(z.string()).optional(),
  referenceResults: z.string().optional(),
  paraphraseResults: z.string().optional(),
  judge: z.string().optional(),
  judgeMode: z.enum(["itemwise", "comparison"]),
  demand: z.string().optional(),
  embedder: z.string().optional(),
  /** The run that generated the benchmark (efficiency, and the demand when none is given). */
  generatingRun: z.string().optional(),
  leakageReferences: z.array(z.string()),
  /** Where --prune writes the kept items. */
  prunedOut: z.string().optional(),
});
export type AuditRunSpec = z.infer<typeof AuditRunSpecSchema>;
