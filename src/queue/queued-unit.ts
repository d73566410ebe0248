import type { EvaluationRecord } from "../core/store-spec.js";
import { pairKey, type RemoteEvaluator } from "../evaluate/run-evaluation.js";
import type { CandidateAnswer, CandidateAnswerEvaluator } from "../pipelines/discover/evaluate-candidates.js";
import { type MakeAttemptRequest, resolveMakeOptions } from "../pipelines/make/index.js";
import { type CandidateBatchRequest, candidateKey } from "../pipelines/plan/index.js";
import type { ItemOutcome, TemplateItemEvaluator } from "../pipelines/tune/evaluate-items.js";
import { candidateAnswerOf, type DiscoverUnit, discoverUnitJobId } from "./discover-unit.js";
import { type EvalUnit, evalUnitJobId, queueNameOf } from "./eval-unit.js";
import { type MakeAttemptUnit, makeAttemptJobId, makeAttemptStateKey } from "./make-unit.js";
import { type PlanCandidateUnit, planCandidateJobId, planCandidateStateKey } from "./plan-unit.js";
import { type TuneUnit, tuneRecordItemId, tuneUnitJobId } from "./tune-unit.js";

/** One unit as the coordinator tracks it: its payload, its queue, and the store key of its outcome. */
export interface QueuedUnit {
  data: EvalUnit | TuneUnit | DiscoverUnit | MakeAttemptUnit | PlanCandidateUnit;
  queueName: string;
  /**
   * Where the worker commits the outcome: an EvaluationRecord (eval, tune, discover: the key is
   * pairKey(modelRef, itemId)) or a run_state value (make, plan: the key is the state key).
   */
  outcomeIn: "evaluations" | "state";
  storeKey: string;
  /** How an error names it ("openai:x on item q3"). */
  label: string;
}

/** Units by job id. */
export type QueuedUnits = Map<string, QueuedUnit>;

/** The run's stored outcomes by pairKey(modelRef, itemId). */
export type StoredOutcomes = ReadonlyMap<string, EvaluationRecord>;

type EvalRequest = Parameters<RemoteEvaluator["evaluate"]>[0];
type TuneRequest = Parameters<TemplateItemEvaluator["evaluateTemplateItems"]>[0];
type DiscoverRequest = Parameters<CandidateAnswerEvaluator["answerCandidates"]>[0];

function add(units: QueuedUnits, jobId: string, data: QueuedUnit["data"], storeKey: string, label: string) {
  const outcomeIn = data.kind === "make-attempt" || data.kind === "plan-candidate" ? "state" : "evaluations";
  units.set(jobId, { data, queueName: queueNameOf(data), outcomeIn, storeKey, label });
}

/** eval: one unit per (model, item) pair the caller found missing. */
export function evalUnitsOf({ runId, pairs, chainOfThought, judge }: EvalRequest): QueuedUnits {
  const units: QueuedUnits = new Map();
  for (const { modelRef, item } of pairs) {
    const data: EvalUnit = {
      kind: "eval",
      runId,
      modelRef,
      item,
      chainOfThought,
      ...(judge === undefined ? {} : { judge }),
    };
    add(units, evalUnitJobId(data), data, pairKey(modelRef, item.id), `${modelRef} on item ${item.id}`);
  }
  return units;
}

const tuneKey = (request: TuneRequest, itemId: string) =>
  pairKey(request.modelRef, tuneRecordItemId(request.scope, itemId));

/** tune: one unit per item of the sample the store lacks. */
export function tuneUnitsOf(request: TuneRequest, stored: StoredOutcomes): QueuedUnits {
  const { runId, modelRef, template, scope } = request;
  const units: QueuedUnits = new Map();
  for (const item of request.items) {
    if (stored.has(tuneKey(request, item.id))) continue;
    const data: TuneUnit = { kind: "tune", runId, modelRef, template, scope, item };
    add(
      units,
      tuneUnitJobId(data),
      data,
      tuneKey(request, item.id),
      `${modelRef} on ${scope} item ${item.id}`,
    );
  }
  return units;
}

/** tune: the sample's outcomes from the store, in item order. */
export function tuneOutcomesOf(request: TuneRequest, stored: StoredOutcomes): ItemOutcome[] {
  return request.items.map((item) => {
    const record = stored.get(tuneKey(request, item.id));
    if (record === undefined)
      throw new Error(`the queue left ${request.modelRef} / ${request.scope} ${item.id} unstored`);
    return { itemId: item.id, score: record.score, answer: record.extracted ?? undefined };
  });
}

/** discover: one unit per (candidate, item) the store lacks. */
export function discoverUnitsOf(request: DiscoverRequest, stored: StoredOutcomes): QueuedUnits {
  const { runId, judge, seed } = request;
  const units: QueuedUnits = new Map();
  for (const modelRef of request.candidates)
    for (const item of request.items) {
      const storeKey = pairKey(modelRef, item.id);
      if (stored.has(storeKey)) continue;
      const data: DiscoverUnit = { kind: "discover", runId, modelRef, item, judge, seed };
      add(units, discoverUnitJobId(data), data, storeKey, `${modelRef} on item ${item.id}`);
    }
  return units;
}

/** discover: each candidate's answers from the store, in item order. */
export function discoverAnswersOf(request: DiscoverRequest, stored: StoredOutcomes): CandidateAnswer[][] {
  return request.candidates.map((modelRef) =>
    request.items.map((item) => {
      const record = stored.get(pairKey(modelRef, item.id));
      if (record === undefined) throw new Error(`the queue left ${modelRef} / ${item.id} unstored`);
      return candidateAnswerOf(record);
    }),
  );
}

/** make: the one unit of an attempt (slot + attempt), its view sent as accepted item ids. */
export function makeAttemptUnitsOf(request: MakeAttemptRequest): QueuedUnits {
  const { runId, seed, options, spec, slot, attempt } = request;
  const data: MakeAttemptUnit = {
    kind: "make-attempt",
    runId,
    modelRef: resolveMakeOptions(options).generator,
    seed,
    options,
    spec,
    slot,
    attempt,
    accepted: request.accepted.map((item) => item.id),
    referenceUses: { ...request.referenceUses },
  };
  const units: QueuedUnits = new Map();
  add(units, makeAttemptJobId(data), data, makeAttemptStateKey(data), `slot ${slot} attempt ${attempt}`);
  return units;
}

/** plan: one unit per candidate of the batch, in candidate order. */
export function planCandidateUnitsOf(request: CandidateBatchRequest): QueuedUnits {
  const { runId, seed, subtask, settings } = request;
  const units: QueuedUnits = new Map();
  for (const candidate of request.candidates) {
    const data: PlanCandidateUnit = {
      kind: "plan-candidate",
      runId,
      modelRef: settings.executor,
      seed,
      subtask,
      settings,
      candidate,
    };
    const stateKey = planCandidateStateKey(subtask.name, candidate);
    const label = `${subtask.name} candidate ${candidateKey(candidate)}`;
    add(units, planCandidateJobId(runId, stateKey), data, stateKey, label);
  }
  return units;
}
