import { z } from "zod";
import { ItemSchema } from "../../core/item.js";
import type { Passage } from "../../sources/source.js";

// CONTRACT: the checkpoints a discover run keeps in the store (parsed again on --resume).

export const PassageSchema: z.ZodType<Passage> = z.object({
  id: z.string(),
  title: z.string(),
  text: z.string(),
  url: z.string().optional(),
}) as z.ZodType<Passage>;

/** A proposed dataset description; `parent` is the id of the description it refines. */
const DescriptionSchema = z.object({
  id: z.string(),
  iteration: z.number().int(),
  description: z.string(),
  parent: z.string().optional(),
  requirement: z.string().optional(),
});
export type Description = z.infer<typeof DescriptionSchema>;

/** One propose step: the accepted descriptions, the rejected ones with why, or why nothing came back. */
export const ProposalStepSchema = z.object({
  descriptions: z.array(DescriptionSchema),
  rejected: z.array(z.object({ description: z.string(), reason: z.string() })),
  failure: z.string().optional(),
});
export type ProposalStep = z.infer<typeof ProposalStepSchema>;

export const SalienceRecordSchema = z.object({ value: z.number().optional(), from: z.string() });
export type SalienceRecord = z.infer<typeof SalienceRecordSchema>;

/** One written-and-checked batch of questions for a description (batch 0 in the search, more on scale-up). */
export const BatchRecordSchema = z.object({
  batch: z.number().int(),
  passageIds: z.array(z.string()),
  items: z.array(ItemSchema),
  rejected: z.array(z.object({ question: z.string(), reason: z.string() })),
  /** Why the batch produced nothing at all (retrieval found nothing, the writer's JSON was unusable). */
  failure: z.string().optional(),
});
export type BatchRecord = z.infer<typeof BatchRecordSchema>;

const ItemOutcomeSchema = z.object({
  itemId: z.string(),
  correct: z.boolean(),
  extracted: z.string().nullable(),
  method: z.string(),
});

/** One candidate on one batch: graded outcomes, or the reason it could not answer. */
export const CandidateBatchSchema = z.object({
  model: z.string(),
  outcomes: z.array(ItemOutcomeSchema),
  /** Items the candidate could not answer (provider errors), with the first reason. */
  errors: z.number().int(),
  failure: z.string().optional(),
});
export type CandidateBatch = z.infer<typeof CandidateBatchSchema>;

const AccuracySchema = z.object({
  model: z.string(),
  accuracy: z.number(),
  n: z.number(),
  low: z.number(),
  high: z.number(),
});
const ObjectiveResultSchema = z.object({
  value: z.number(),
  feasible: z.boolean(),
  terms: z.array(z.object({ name: z.string(), weight: z.number(), value: z.number() })),
  missing: z.array(z.object({ name: z.string(), needs: z.string() })),
  violated: z.array(z.object({ name: z.string(), detail: z.string() })),
});

/** The scores of a description, each with what it was computed from. */
const ScoreRecordSchema = z.object({
  difficulty: z.number(),
  separability: z.number(),
  novelty: z.number().optional(),
  noveltyReason: z.string().optional(),
  /** The prior benchmarks novelty was predicted from, and over which models. */
  noveltyPriors: z.array(z.string()),
  noveltyModels: z.array(z.string()),
});

/** One row of the trajectory: a description and everything measured on it. */
export const DescriptionResultSchema = DescriptionSchema.extend({
  status: z.enum(["scored", "not-salient", "failed"]),
  /** Reasons something was lost on the way (rejected questions are counted in `rejected`). */
  failures: z.array(z.string()),
  items: z.number().int(),
  rejected: z.number().int(),
  accuracies: z.array(AccuracySchema),
  salience: SalienceRecordSchema,
  scores: ScoreRecordSchema.optional(),
  objective: ObjectiveResultSchema.optional(),
});
export type DescriptionResult = z.infer<typeof DescriptionResultSchema>;

/** The description fields of a row (what it was, not what was measured on it). */
export function descriptionOf(row: Description): Description {
  return DescriptionSchema.parse(row);
}
