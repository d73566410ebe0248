import { z } from "zod";

// The summary's sections (see report-data.ts), one schema per page that reads them.

/** Caps that keep the summary small on 100k-item runs. */
export const REPORT_LIMITS = {
  flipped: 500,
  itemMap: 5000,
  facetValues: 40,
  metadataKeys: 30,
  projection: 2000,
} as const;

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
      /** Ids of flipped items, at most REPORT_LIMITS.flipped of them. */
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
  /** IRT item map (difficulty b, discrimination a), sampled to at most REPORT_LIMITS.itemMap points. */
  itemMap: z.array(
    z.object({ itemId: z.string(), difficulty: z.number(), discrimination: z.number(), flag: z.string() }),
  ),
  itemMapTotal: z.number().int(),
  /** 2-D PCA map of the item embeddings (absent: the audit had no --embedder). */
  projection: z
    .object({
      method: z.string(),
      total: z.number().int(),
      explained: z.tuple([z.number(), z.number()]),
      points: z.array(z.object({ itemId: z.string(), x: z.number(), y: z.number(), label: z.string() })),
    })
    .optional(),
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

/** The discover page: every explored description with its scores, in the order explored. */
export const DiscoverSectionSchema = z.object({
  domain: z.string().optional(),
  stopReason: z.string().optional(),
  /** Id of the winning description (the best ranked so far while the run is still going). */
  winner: z.string().optional(),
  descriptions: z.array(
    z.object({
      id: z.string(),
      iteration: z.number().int(),
      description: z.string(),
      parent: z.string().optional(),
      status: z.string(),
      items: z.number().int(),
      difficulty: z.number().nullable(),
      separability: z.number().nullable(),
      novelty: z.number().nullable(),
      salience: z.number().nullable(),
      objective: z.number().nullable(),
      feasible: z.boolean().nullable(),
      accuracies: z.array(
        z.object({ model: z.string(), accuracy: z.number(), low: z.number(), high: z.number() }),
      ),
      failures: z.array(z.string()),
    }),
  ),
});

/** The plan page: quotas planned vs realized per subtask, and the QC verdicts by reason. */
export const PlanSectionSchema = z.object({
  query: z.string(),
  size: z.number().int(),
  delivered: z.number().int(),
  subtasks: z.array(
    z.object({
      name: z.string(),
      answerType: z.string(),
      quota: z.number().int(),
      /** Planned from dataset sources and from scratch (sum: quota). */
      fromSources: z.number().int(),
      fromScratch: z.number().int(),
      realized: z.number().int(),
      rejected: z.number().int(),
      sources: z.array(z.string()),
    }),
  ),
  qc: z.object({
    candidates: z.number().int(),
    accepted: z.number().int(),
    /** Rejections by reason code (the text before the first ":"), most frequent first. */
    rejectedByReason: z.array(z.object({ reason: z.string(), count: z.number().int() })),
  }),
  diagnoses: z.array(
    z.object({ subtask: z.string(), kind: z.string(), detail: z.string(), action: z.string() }),
  ),
});

export type PairSummary = z.infer<typeof PairSummarySchema>;
export type RunComparison = z.infer<typeof RunComparisonSchema>;
export type DifficultySummary = z.infer<typeof DifficultySummarySchema>;
export type Facets = z.infer<typeof FacetsSchema>;
export type AuditSection = z.infer<typeof AuditSectionSchema>;
export type TuneSection = z.infer<typeof TuneSectionSchema>;
export type DiscoverSection = z.infer<typeof DiscoverSectionSchema>;
export type PlanSection = z.infer<typeof PlanSectionSchema>;
