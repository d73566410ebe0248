import { z } from "zod";

/** What a discover run stores (the discover pipeline's owner refines this schema). */
export const DiscoverRunSpecSchema = z.object({
  domain: z.string(),
  candidates: z.array(z.string()).min(1),
  writer: z.string(),
  out: z.string(),
});
export type DiscoverRunSpec = z.infer<typeof DiscoverRunSpecSchema>;
