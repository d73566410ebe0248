import { z } from "zod";
import {
  AuditSectionSchema,
  DifficultySummarySchema,
  DiscoverSectionSchema,
  FacetsSchema,
  PairSummarySchema,
  PlanSectionSchema,
  RunComparisonSchema,
  TuneSectionSchema,
} from "./report-sections.js";

// CONTRACT: the "report data" the static report inlines and the viewer's JSON API serves; the pages read only this.

const IntervalSchema = z.object({ estimate: z.number(), low: z.number(), high: z.number() });

/** One leaderboard row: a model or a heuristic baseline, without its per-item outcomes. */
export const ModelSummarySchema = z.object({
  model: z.string(),
  kind: z.enum(["llm", "heuristic"]),
  accuracy: z.number(),
  interval: IntervalSchema,
  correct: z.number().int(),
  total: z.number().int(),
  unparseable: z.number().int(),
  byDifficulty: z.array(z.object({ bucket: z.string(), accuracy: z.number(), total: z.number().int() })),
  description: z.string().optional(),
  expectedAccuracy: z.number().optional(),
});

/** A model's answer to one item: [correct, extracted answer (null: unparseable), raw reply]. Tuples keep 1M answers small. */
export const AnswerViewSchema = z.tuple([z.boolean(), z.string().nullable(), z.string()]).nullable();

/** One item as the pages show it; `answers` is aligned with the summary's `models` (null: not answered). */
export const ItemViewSchema = z.object({
  id: z.string(),
  format: z.enum(["mcq", "open"]),
  question: z.string(),
  options: z.array(z.string()).optional(),
  answer: z.string(),
  explanation: z.string().optional(),
  difficulty: z.number().optional(),
  subtask: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  provenance: z.record(z.string(), z.unknown()).optional(),
  answers: z.array(AnswerViewSchema),
});

/** The stored run a report was built from (viewer), or undefined for files given on the command line. */
export const RunInfoSchema = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  spec: z.record(z.string(), z.unknown()),
  summary: z.record(z.string(), z.unknown()).optional(),
});

/** Everything but the items: small, so a page renders before any item is fetched. */
export const ReportSummarySchema = z.object({
  version: z.literal(1),
  title: z.string(),
  generatedAt: z.string(),
  benchmark: z.string().optional(),
  itemCount: z.number().int(),
  models: z.array(ModelSummarySchema),
  chanceAccuracy: z.number().optional(),
  flags: z.array(z.string()),
  rankConfidence: z.object({ models: z.array(z.string()), matrix: z.array(z.array(z.number())) }).optional(),
  difficulty: DifficultySummarySchema.optional(),
  pairs: z.array(PairSummarySchema).optional(),
  runComparisons: z.array(RunComparisonSchema).optional(),
  facets: FacetsSchema,
  audit: AuditSectionSchema.optional(),
  tune: TuneSectionSchema.optional(),
  discover: DiscoverSectionSchema.optional(),
  plan: PlanSectionSchema.optional(),
  run: RunInfoSchema.optional(),
  notes: z.array(z.string()),
});

/** The static report's whole data: the summary plus every item. */
export const ReportDataSchema = ReportSummarySchema.extend({ items: z.array(ItemViewSchema) });

export type ModelSummary = z.infer<typeof ModelSummarySchema>;
export type AnswerView = z.infer<typeof AnswerViewSchema>;
export type ItemView = z.infer<typeof ItemViewSchema>;
export type RunInfo = z.infer<typeof RunInfoSchema>;
export type ReportSummary = z.infer<typeof ReportSummarySchema>;
export type ReportData = z.infer<typeof ReportDataSchema>;
