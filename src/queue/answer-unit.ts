import { ConfigError, UnavailableError, UserInputError } from "../core/errors.js";
import type { EvaluationKey, EvaluationRecord } from "../core/store-spec.js";
import { evaluatePair } from "../evaluate/run-evaluation.js";
import { answerItem, isCandidateFailure } from "../pipelines/discover/evaluate-candidates.js";
import { evaluateTemplateItem } from "../pipelines/tune/evaluate-items.js";
import type { TuneTemplate } from "../pipelines/tune/template.js";
import type { ModelResolvers } from "../runtime/model-resolver.js";
import { type DiscoverUnit, discoverRecordOf } from "./discover-unit.js";
import type { EvalUnit } from "./eval-unit.js";
import { StoreOutageError } from "./store-outage.js";
import { type TuneUnit, templateItemOf, tuneRecordItemId } from "./tune-unit.js";
import { rateLimitPauseMs } from "./unit-failure.js";

/** A unit whose outcome is one model's answer to one item, stored as an EvaluationRecord. */
export type AnswerUnit = EvalUnit | TuneUnit | DiscoverUnit;

/** The store key of an answer task's outcome (tune's item ids carry their sample's scope). */
export function answerKeyOf(unit: AnswerUnit): EvaluationKey {
  return { modelRef: unit.modelRef, itemId: storedItemId(unit) };
}

/** An answer task as its pipeline does it in-process: the record the worker commits. */
export async function answerTask(
  unit: AnswerUnit,
  resolveModel: ModelResolvers["resolveModel"],
  templateOf: (reference: string) => Promise<TuneTemplate>,
  signal: AbortSignal | undefined,
): Promise<EvaluationRecord> {
  if (unit.kind === "tune")
    return answerTuneItem(unit, await templateOf(unit.template), resolveModel, signal);
  return answerUnit(unit, resolveModel, signal);
}

/** A tune unit: the template's own prompt, call and score (as in-process), stored under its scoped id. */
async function answerTuneItem(
  unit: TuneUnit,
  template: TuneTemplate,
  resolveModel: ModelResolvers["resolveModel"],
  signal: AbortSignal | undefined,
): Promise<EvaluationRecord> {
  const outcome = await evaluateTemplateItem({
    template,
    item: templateItemOf(unit),
    model: resolveModel(unit.modelRef),
    signal,
  });
  return {
    runId: unit.runId,
    modelRef: unit.modelRef,
    itemId: storedItemId(unit),
    response: outcome.response,
    extracted: outcome.answer,
    correct: outcome.score >= 1,
    score: outcome.score,
    details: { scope: unit.scope, template: template.name },
  };
}

/** An eval or discover unit: both answer a benchmark item (eval's prompt), each graded its pipeline's way. */
function answerUnit(
  unit: EvalUnit | DiscoverUnit,
  resolveModel: ModelResolvers["resolveModel"],
  signal: AbortSignal | undefined,
): Promise<EvaluationRecord> {
  if (unit.kind === "discover") return answerDiscoverItem(unit, resolveModel, signal);
  return evaluatePair({
    runId: unit.runId,
    modelRef: unit.modelRef,
    model: resolveModel(unit.modelRef),
    item: unit.item,
    chainOfThought: unit.chainOfThought,
    judge: unit.judge === undefined ? undefined : { ref: unit.judge, model: resolveModel(unit.judge) },
    signal,
  });
}

/**
 * A discover unit: the candidate's reply graded as in-process; a provider failure is the candidate's
 * outcome (stored, as in-process), except a 429 (the queue pauses and retries it) and a worker's own
 * setup error (a missing key fails the unit, so the coordinator reports it instead of a bad candidate) or
 * a store outage (retried by the queue).
 */
async function answerDiscoverItem(
  unit: DiscoverUnit,
  resolveModel: ModelResolvers["resolveModel"],
  signal: AbortSignal | undefined,
): Promise<EvaluationRecord> {
  try {
    const answer = await answerItem({
      item: unit.item,
      model: resolveModel(unit.modelRef),
      judge: { ref: unit.judge, model: resolveModel(unit.judge) },
      seed: unit.seed,
      signal,
    });
    return discoverRecordOf(unit, answer);
  } catch (error) {
    // The worker's own setup or store, not the candidate: fail (or retry) the unit instead of storing it.
    // (An unavailable budget or queue is the worker's too, not the candidate's.)
    const workerSide =
      UserInputError.isInstance(error) ||
      ConfigError.isInstance(error) ||
      UnavailableError.isInstance(error) ||
      error instanceof StoreOutageError;
    if (workerSide || rateLimitPauseMs(error) !== undefined || !isCandidateFailure(error, signal))
      throw error;
    return discoverRecordOf(unit, {
      itemId: unit.item.id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

/** The item id an answer task's outcome is stored under. */
function storedItemId(unit: AnswerUnit): string {
  return unit.kind === "tune" ? tuneRecordItemId(unit.scope, unit.item.id) : unit.item.id;
}
