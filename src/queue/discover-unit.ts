import { z } from "zod";
import { ItemSchema } from "../core/item.js";
import type { EvaluationRecord } from "../core/store-spec.js";
import type { CandidateAnswer } from "../pipelines/discover/evaluate-candidates.js";
import { unitJobId } from "./unit-job-id.js";

/**
 * One discover (candidate, item) answer task: the item as written (the candidate sees only what eval's
 * prompt shows), the judge that grades open replies, and the run's seed.
 */
export const DiscoverUnitSchema = z.object({
  kind: z.literal("discover"),
  runId: z.string().min(1),
  modelRef: z.string().min(1),
  item: ItemSchema,
  judge: z.string().min(1),
  seed: z.number().int(),
});
export type DiscoverUnit = z.infer<typeof DiscoverUnitSchema>;

/** The BullMQ job id of a discover unit: a digest of (run, candidate, item); item ids are unique per run. */
export function discoverUnitJobId(unit: Pick<DiscoverUnit, "runId" | "modelRef" | "item">): string {
  return unitJobId("discover", [unit.runId, unit.modelRef, unit.item.id]);
}

/** A stored discover outcome back as the answer the pipeline keeps (an error record stays an error). */
export function candidateAnswerOf(record: EvaluationRecord): CandidateAnswer {
  const error = record.details?.error;
  if (typeof error === "string") return { itemId: record.itemId, error };
  const method = record.details?.method;
  return {
    itemId: record.itemId,
    correct: record.correct,
    extracted: record.extracted ?? null,
    method: typeof method === "string" ? method : "none",
    response: record.response,
  };
}

/** What a worker stores for a discover unit: the graded reply, or the provider error it ended in. */
export function discoverRecordOf(unit: DiscoverUnit, answer: CandidateAnswer): EvaluationRecord {
  const base = { runId: unit.runId, modelRef: unit.modelRef, itemId: unit.item.id };
  if ("error" in answer)
    return {
      ...base,
      response: "",
      extracted: undefined,
      correct: false,
      score: 0,
      details: { error: answer.error },
    };
  return {
    ...base,
    response: answer.response,
    extracted: answer.extracted ?? undefined,
    correct: answer.correct,
    score: answer.correct ? 1 : 0,
    details: { method: answer.method },
  };
}
