import type { Item } from "../core/item.js";
import type { Rng } from "../core/rng.js";
import type { EmbeddingProjection } from "./projection.js";

/** What a criterion can ask the audit runner for; the runner never looks at a criterion's id. */
export type Need = "items" | "models" | "judge" | "embedder" | "reference" | "paraphrase" | "run";

/** Human wording of each need, used in "n/a — needs X". */
export const NEED_LABELS: Record<Need, string> = {
  items: "benchmark items",
  models: "per-item results of >= 2 models (--results or --models)",
  judge: "a judge model (--judge)",
  embedder: "an embedding model (--embedder)",
  reference: "reference benchmark results (--reference-results)",
  paraphrase: "paraphrased-demand results (--paraphrase-results)",
  run: "the generating run's accounting (--run)",
};

/**
 * Items × models correctness on the items every model answered. `correct[item·M + model]` is 1 or 0.
 * Row-major by item so per-item error rates are one contiguous scan.
 */
export interface CorrectnessMatrix {
  models: readonly string[];
  itemIds: readonly string[];
  correct: Uint8Array;
}

/** Accuracy of each model on some benchmark (reference or paraphrased-demand results). */
export interface AccuracyTable {
  source: string;
  accuracies: ReadonlyMap<string, number>;
}

/** Which text to embed or count: the question alone, or what a test-taker reads (question + options). */
export type ItemTextField = "question" | "question+options";

/** What an embedder returns: one vector per text, and a note on how they were obtained. */
export interface EmbedderOutput {
  vectors: number[][];
  /** Shown in the row's notes, e.g. "1536 dims; 120 of 500 texts from the cache; $0.0004". */
  note?: string;
}

export interface Embedder {
  /** Shown in the table, e.g. "openai:text-embedding-3-small". */
  label: string;
  /** False for a lexical vectoriser: the table must say the value is lexical, not semantic. */
  semantic: boolean;
  embed(texts: readonly string[]): Promise<EmbedderOutput>;
}

export type JudgeAspect = "faithfulness" | "alignment";

/** Judge scores per benchmark, raw and after removing generator/length effects by regression. */
export interface JudgeAssessment {
  judge: string;
  /** Name of the audited benchmark among `benchmarks`. */
  target: string;
  benchmarks: Array<{ name: string; raw: number; debiased: number; rated: number; failed: number }>;
  /** Score change per extra word of judge rationale (the length bias the regression removed). */
  lengthCoefficient: number;
  mode: "itemwise" | "comparison";
  /** Set when this aspect cannot be judged (e.g. alignment without the demand text). */
  unavailable?: string;
}

export interface JudgeService {
  label: string;
  assess(request: { aspect: JudgeAspect }): Promise<JudgeAssessment>;
}

/** The generating run's accounting (store.callsUsedBy: the calls it paid for and those it was served from the cache). */
export interface RunAccounting {
  runId: string;
  calls: number;
  costUsd: number | undefined;
  elapsedMs: number | undefined;
  items: number;
}

/** Everything a criterion may receive; the runner fills what it has. */
export interface NeedInputs {
  items: readonly Item[];
  models: CorrectnessMatrix;
  judge: JudgeService;
  embedder: Embedder;
  reference: AccuracyTable;
  paraphrase: AccuracyTable;
  run: RunAccounting;
}

export type CriterionInputs = Partial<NeedInputs> & { rng: Rng };

/** One row of the audit table. `value` is undefined when the criterion could not be computed. */
export interface CriterionValue {
  value: number | undefined;
  /** Formatted value, or "n/a — needs ..." / "unknown". */
  display: string;
  /** Interval or caveats. */
  notes: string;
  /** What went into it (models, judge, embedder label, estimator). */
  used: string;
  /** Semantic diversity with an embedder: a 2-D map of (a seeded sample of) the items, for the audit page. */
  projection?: EmbeddingProjection;
}
