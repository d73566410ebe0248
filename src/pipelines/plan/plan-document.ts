import { z } from "zod";

/** What an item of a subtask answers with: one of several options, a short text, or a number. */
export const AnswerTypeSchema = z.enum(["choice", "short", "number"]);
export type AnswerType = z.infer<typeof AnswerTypeSchema>;

/** The minimal item schema of a subtask: a question, at most one context, and an answer. */
export const ItemShapeSchema = z.object({
  question: z.string(),
  context: z.string().optional(),
  answer: z.string(),
});

/** One subtask as the design agent proposes it. */
export const SubtaskSchema = z.object({
  name: z.string().min(1),
  description: z.string().min(1),
  answerType: AnswerTypeSchema,
  schema: ItemShapeSchema,
  rationale: z.string(),
  /** Relative weight of the subtask in the benchmark (quotas are proportional to it). */
  importance: z.number().positive(),
});
export type Subtask = z.infer<typeof SubtaskSchema>;

/** The grounding agent's judgement of one candidate source, each in [0, 1]. */
export const ScoreComponentsSchema = z.object({
  alignment: z.number().min(0).max(1),
  coverage: z.number().min(0).max(1),
  simplicity: z.number().min(0).max(1),
  risk: z.number().min(0).max(1),
  overall: z.number().min(0).max(1),
});
export type ScoreComponents = z.infer<typeof ScoreComponentsSchema>;

/** How a row becomes an item (the code decides which kinds a row and a subtask allow). */
export const TransformationKindSchema = z.enum(["as-is", "rewrite", "add-options", "to-open"]);
export type TransformationKind = z.infer<typeof TransformationKindSchema>;

export const TransformationSchema = z.object({
  kind: TransformationKindSchema,
  /** What the executor is told when it rewrites a row (empty for "as-is"). */
  instructions: z.string(),
});
export type Transformation = z.infer<typeof TransformationSchema>;

/** Rows of a card restricted to some values of its category field (MMLU subject=professional_law). */
export const SourceFilterSchema = z.object({ field: z.string(), values: z.array(z.string()).min(1) });
export type SourceFilter = z.infer<typeof SourceFilterSchema>;

/** A kept source of a subtask: its scores, how rows are transformed, and how many items it gives. */
export const PlannedSourceSchema = z.object({
  card: z.string(),
  dataset: z.string(),
  path: z.string(),
  filter: SourceFilterSchema.optional(),
  /** Rows the source holds (after the filter). */
  supply: z.number().int().nonnegative(),
  components: ScoreComponentsSchema,
  score: z.number(),
  transformation: TransformationSchema,
  /** Items planned from this source. */
  allocated: z.number().int().nonnegative(),
  notes: z.string().optional(),
});
export type PlannedSource = z.infer<typeof PlannedSourceSchema>;

/** A candidate the grounding agent judged and did not keep, with why (shown in the plan). */
export const DroppedSourceSchema = z.object({
  card: z.string(),
  score: z.number(),
  reason: z.string(),
});
export type DroppedSource = z.infer<typeof DroppedSourceSchema>;

export const PlannedSubtaskSchema = SubtaskSchema.extend({
  quota: z.number().int().nonnegative(),
  sources: z.array(PlannedSourceSchema),
  /** Items planned to be written from scratch (make's generator). */
  scratch: z.number().int().nonnegative(),
  dropped: z.array(DroppedSourceSchema).optional(),
});
export type PlannedSubtask = z.infer<typeof PlannedSubtaskSchema>;

/** The weights of the source score and the threshold a candidate must reach to be kept. */
export const ScoringSchema = z.object({
  overall: z.number().min(0).max(1),
  alignment: z.number().min(0),
  coverage: z.number().min(0),
  simplicity: z.number().min(0),
  risk: z.number().min(0),
  threshold: z.number().min(0).max(1),
});
export type Scoring = z.infer<typeof ScoringSchema>;

/** What the allocation found when a subtask's sources ran short, and what it did about it. */
export const DiagnosisSchema = z.object({
  round: z.number().int(),
  subtask: z.string(),
  kind: z.enum(["exhausted-source", "ordering", "insufficient-supply"]),
  detail: z.string(),
  action: z.string(),
});
export type Diagnosis = z.infer<typeof DiagnosisSchema>;

/**
 * The plan: every subtask with its quota and where each of its items will come from. It is what
 * `--save-plan` writes and `--plan` runs (hand-edited or not); quotas sum to `size`.
 */
export const PlanDocumentSchema = z
  .object({
    version: z.literal(1),
    query: z.string().min(1),
    size: z.number().int().positive(),
    scoring: ScoringSchema,
    /** The score formula with the weights filled in, for the reader. */
    formula: z.string().optional(),
    subtasks: z.array(PlannedSubtaskSchema).min(1),
    diagnoses: z.array(DiagnosisSchema),
    notes: z.array(z.string()),
  })
  .strict();
export type PlanDocument = z.infer<typeof PlanDocumentSchema>;
