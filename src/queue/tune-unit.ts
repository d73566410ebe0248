import { z } from "zod";
import type { TemplateItem } from "../pipelines/tune/template.js";
import { unitJobId } from "./unit-job-id.js";

/** A tune template item as a job carries it (generated on the coordinator, so workers need no seed). */
const TemplateItemSchema = z.object({
  id: z.string().min(1),
  format: z.enum(["open", "mcq"]),
  question: z.string(),
  options: z.array(z.string()).optional(),
  answer: z.string(),
  explanation: z.string().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});

/**
 * One tune (item, target model) answer task. The template travels by reference (a built-in name or an
 * absolute module path every worker can load: its prompt, tools and score are code); `scope` names the
 * sample, since template item ids repeat across iterations.
 */
export const TuneUnitSchema = z.object({
  kind: z.literal("tune"),
  runId: z.string().min(1),
  modelRef: z.string().min(1),
  template: z.string().min(1),
  scope: z.string().min(1),
  item: TemplateItemSchema,
});
export type TuneUnit = z.infer<typeof TuneUnitSchema>;

/** The item id a tune outcome is stored under: unique per run across samples ("iteration-3/seq-0"). */
export function tuneRecordItemId(scope: string, itemId: string): string {
  return `${scope}/${itemId}`;
}

/** The BullMQ job id of a tune unit: a digest of (run, model, scope, item). */
export function tuneUnitJobId(unit: Pick<TuneUnit, "runId" | "modelRef" | "scope" | "item">): string {
  return unitJobId("tune", [unit.runId, unit.modelRef, tuneRecordItemId(unit.scope, unit.item.id)]);
}

/** The template's own item shape back from the payload (absent fields stay absent). */
export function templateItemOf(unit: TuneUnit): TemplateItem {
  const { id, format, question, options, answer, explanation, data } = unit.item;
  return {
    id,
    format,
    question,
    answer,
    ...(options === undefined ? {} : { options }),
    ...(explanation === undefined ? {} : { explanation }),
    ...(data === undefined ? {} : { data }),
  };
}
