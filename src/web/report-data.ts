import { z } from "zod";

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

/** Model vs model on the items both answered, with McNemar's exact and mid-p. */
export const PairSummarySchema = z.object({
  modelA: z.string(),
  modelB: z.string(),
  onlyA: z.number().int(),
  onlyB: z.number().int(),
  both: z.number().int(),
  neither: z.number().int(),
  exactP: z.number(),
  midP: z.number(),
});

/** The same models on the same items in a second results file (run vs run). */
export const RunComparisonSchema = z.object({
  label: z.string(),
  sharedItems: z.number().int(),
  models: z.array(
    z.object({
      model: z.string(),
      accuracyBase: z.number(),
      accuracyOther: z.number(),
      /** Wrong in the base run, right in the other. */
      gained: z.number().int(),
      /** Right in the base run, wrong in the other. */
      lost: z.number().int(),
      exactP: z.number(),
      /** Ids of flipped items, at most FLIPPED_LIMIT of them. */
      flipped: z.array(z.string()),
    }),
  ),
});

export const DifficultySummarySchema = z.object({
  /** Per llm model, accuracy per bucket (the eval's difficulty buckets, in order). */
  byModel: z.array(
    z.object({
      model: z.string(),
      points: z.array(z.object({ bucket: z.string(), accuracy: z.number(), total: z.number().int() })),
    }),
  ),
  /** Label bins: mean label against the observed error (share of llm answers that are wrong). */
  calibration: z.array(
    z.object({
      low: z.number(),
      high: z.number(),
      meanLabel: z.number(),
      observedError: z.number(),
      items: z.number().int(),
    }),
  ),
  histogram: z.array(z.object({ low: z.number(), high: z.number(), count: z.number().int() })),
  unlabelled: z.number().int(),
});

export const FacetsSchema = z.object({
  subtasks: z.array(z.string()),
  /** Filterable keys (metadata keys and `attribute:<name>`) with their most common values. */
  metadata: z.array(z.object({ key: z.string(), values: z.array(z.string()), truncated: z.boolean() })),
  difficultyRange: z.tuple([z.number(), z.number()]).optional(),
});

export const AuditSectionSchema = z.object({
  rows: z.array(
    z.object({
      criterion: z.string(),
      description: z.string(),
      higherIsBetter: z.boolean(),
      value: z.number().nullable(),
      display: z.string(),
      notes: z.string(),
      used: z.string(),
    }),
  ),
  notes: z.array(z.string()),
  probes: z.array(
    z.object({
      probe: z.string(),
      accuracy: z.number(),
      low: z.number(),
      high: z.number(),
      total: z.number().int(),
      chance: z.number(),
      isArtifact: z.boolean(),
    }),
  ),
  leakage: z.number().int(),
  /** IRT item map (difficulty b, discrimination a), sampled to at most ITEM_MAP_LIMIT points. */
  itemMap: z.array(
    z.object({ itemId: z.string(), difficulty: z.number(), discrimination: z.number(), flag: z.string() }),
  ),
  itemMapTotal: z.number().int(),
});

export const TuneSectionSchema = z.object({
  template: z.string(),
  targetAccuracy: z.number(),
  tolerance: z.number(),
  iterations: z.array(
    z.object({
      iteration: z.number().int(),
      designer: z.string(),
      params: z.record(z.string(), z.unknown()),
      rationale: z.string(),
      accuracy: z.number(),
      low: z.number(),
      high: z.number(),
      total: z.number().int(),
      confirmed: z.boolean(),
      fallback: z.string().optional(),
    }),
  ),
  bestIteration: z.number().int().optional(),
  stopReason: z.string().optional(),
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
  run: RunInfoSchema.optional(),
  notes: z.array(z.string()),
});

/** The static report's whole data: the summary plus every item. */
export const ReportDataSchema = ReportSummarySchema.extend({ items: z.array(ItemViewSchema) });

export type ModelSummary = z.infer<typeof ModelSummarySchema>;
export type AnswerView = z.infer<typeof AnswerViewSchema>;
export type ItemView = z.infer<typeof ItemViewSchema>;
export type PairSummary = z.infer<typeof PairSummarySchema>;
export type RunComparison = z.infer<typeof RunComparisonSchema>;
export type DifficultySummary = z.infer<typeof DifficultySummarySchema>;
export type Facets = z.infer<typeof FacetsSchema>;
export type AuditSection = z.infer<typeof AuditSectionSchema>;
export type TuneSection = z.infer<typeof TuneSectionSchema>;
export type RunInfo = z.infer<typeof RunInfoSchema>;
export type ReportSummary = z.infer<typeof ReportSummarySchema>;
export type ReportData = z.infer<typeof ReportDataSchema>;

/** Caps that keep the summary small on 100k-item runs. */
export const REPORT_LIMITS = { flipped: 500, itemMap: 5000, facetValues: 40, metadataKeys: 30 } as const;
