import { z } from "zod";

/** What a plan run stores (the plan pipeline's owner refines this schema). */
export const PlanRunSpecSchema = z.object({
  query: z.string(),
  size: z.number().int().positive(),
  model: z.string(),
  out: z.string(),
});
export type PlanRunSpec = z.infer<typeof PlanRunSpecSchema>;
