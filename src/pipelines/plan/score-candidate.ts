import { z } from "zod";
import type { DatasetCard } from "../../sources/dataset-cards/index.js";
import { chooseTransformation } from "./choose-transformation.js";
import {
  type DroppedSource,
  type PlannedSource,
  type ScoreComponents,
  type Scoring,
  type Subtask,
  TransformationKindSchema,
} from "./plan-document.js";
import { sourceScore } from "./score-source.js";

const unit = z.number().min(0).max(1);
/** The grounding agent's judgement of one candidate: the scores, the category values to use, the transformation. */
export const JudgementSchema = z.object({
  card: z.string(),
  alignment: unit,
  coverage: unit,
  simplicity: unit,
  risk: unit,
  overall: unit,
  values: z.array(z.string()).optional(),
  transformation: z
    .object({ kind: TransformationKindSchema.optional(), instructions: z.string().optional() })
    .optional(),
  notes: z.string().optional(),
});
export type Judgement = z.infer<typeof JudgementSchema>;

/** The category values of `card` the judgement names (unknown ones are left out). */
function filterOf(card: DatasetCard, values: readonly string[] | undefined): PlannedSource["filter"] {
  const categories = card.categories;
  if (categories === undefined || values === undefined || values.length === 0) return undefined;
  const known = new Map(categories.values.map((entry) => [entry.value.toLowerCase(), entry.value]));
  const picked = [...new Set(values.map((value) => known.get(value.trim().toLowerCase())))].filter(
    (value): value is string => value !== undefined,
  );
  return picked.length === 0 ? undefined : { field: categories.field, values: picked.sort() };
}

function supplyOf(card: DatasetCard, filter: PlannedSource["filter"]): number {
  if (filter === undefined) return card.usableRows;
  const counts = new Map(card.categories?.values.map((entry) => [entry.value, entry.count]));
  const rows = filter.values.reduce((sum, value) => sum + (counts.get(value) ?? 0), 0);
  return Math.min(rows, card.usableRows);
}

/** Scores one judged candidate; a card without an answer field cannot give ground truth. */
export function scoreCandidate(options: {
  card: DatasetCard;
  subtask: Subtask;
  judgement: Judgement;
  scoring: Scoring;
}): { kept: PlannedSource } | { dropped: DroppedSource } {
  const { card, judgement, scoring } = options;
  const noAnswer = card.answerField === undefined;
  const components: ScoreComponents = {
    alignment: judgement.alignment,
    coverage: noAnswer ? 0 : judgement.coverage,
    simplicity: noAnswer ? 0 : judgement.simplicity,
    risk: noAnswer ? 1 : judgement.risk,
    overall: judgement.overall,
  };
  const score = Number(sourceScore(components, scoring).toFixed(4));
  const filter = filterOf(card, judgement.values);
  const supply = supplyOf(card, filter);
  const transformation = chooseTransformation({
    rows: card.answerFormat,
    subtask: options.subtask.answerType,
    proposed: judgement.transformation,
  });
  const reason = noAnswer
    ? "no answer field: its rows carry no ground truth"
    : score < scoring.threshold
      ? `score ${score} is below the threshold ${scoring.threshold}`
      : supply === 0 || transformation === undefined
        ? "no usable rows for the chosen values"
        : undefined;
  if (reason !== undefined || transformation === undefined)
    return { dropped: { card: card.id, score, reason: reason ?? "" } };
  return {
    kept: {
      card: card.id,
      dataset: card.name,
      path: card.path,
      ...(filter ? { filter } : {}),
      supply,
      components,
      score,
      transformation,
      allocated: 0,
      ...(judgement.notes?.trim() ? { notes: judgement.notes.trim() } : {}),
    },
  };
}
