import { parseJson } from "../core/json.js";
import type {
  EvaluationKey,
  EvaluationRecord,
  ItemStatus,
  LlmCallRecord,
  RunRecord,
  RunStatus,
  StoredItem,
  UsedCallRecord,
} from "../core/store-spec.js";

/** Row shapes as SQLite returns them, and their mapping to the store contract's records. */
export interface RunRow {
  id: string;
  kind: string;
  status: RunStatus;
  spec_json: string;
  summary_json: string | null;
  created_at: string;
  updated_at: string;
}

export interface ItemRow {
  run_id: string;
  slot: number;
  attempt: number;
  status: ItemStatus;
  item_json: string;
  reason: string | null;
  created_at: string;
}

export interface EvaluationRow {
  run_id: string;
  model_ref: string;
  item_id: string;
  response: string;
  extracted: string | null;
  correct: number;
  score: number;
  details_json: string | null;
}

/** Parses JSON we wrote ourselves; a failure means the file was damaged, which is worth a loud error. */
export function readJson(text: string, what: string): unknown {
  const parsed = parseJson(text);
  if (!parsed.success)
    throw new Error(`the store holds unreadable JSON for ${what}: ${parsed.error.message}`);
  return parsed.value;
}

export function toRun(row: RunRow): RunRecord {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    spec: readJson(row.spec_json, `the spec of run ${row.id}`) as Record<string, unknown>,
    summary:
      row.summary_json === null
        ? undefined
        : (readJson(row.summary_json, `the summary of run ${row.id}`) as Record<string, unknown>),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toItem(row: ItemRow): StoredItem {
  return {
    runId: row.run_id,
    slot: row.slot,
    attempt: row.attempt,
    status: row.status,
    item: readJson(row.item_json, `item ${row.slot}/${row.attempt} of run ${row.run_id}`) as Record<
      string,
      unknown
    >,
    reason: row.reason ?? undefined,
    createdAt: row.created_at,
  };
}

export function toEvaluation(row: EvaluationRow): EvaluationRecord {
  return {
    runId: row.run_id,
    modelRef: row.model_ref,
    itemId: row.item_id,
    response: row.response,
    extracted: row.extracted ?? undefined,
    correct: row.correct === 1,
    score: row.score,
    details:
      row.details_json === null
        ? undefined
        : (readJson(row.details_json, `evaluation details of ${row.item_id}`) as Record<string, unknown>),
  };
}

/** The keys without repeats, first occurrence kept (so a key asked twice is read and returned once). */
export function uniqueEvaluationKeys(keys: readonly EvaluationKey[]): EvaluationKey[] {
  const unique = new Map<string, EvaluationKey>();
  for (const key of keys) {
    // JSON, not a separator: a model ref or item id may hold any character.
    const id = JSON.stringify([key.modelRef, key.itemId]);
    if (!unique.has(id)) unique.set(id, { modelRef: key.modelRef, itemId: key.itemId });
  }
  return [...unique.values()];
}

/** One row of the calls-used query (both backends select these names; `cached` is 0 or 1). */
export interface UsedCallRow {
  cache_key: string;
  paid_by_run_id: string | null;
  cached: number;
  provider: string;
  model_id: string;
  request_id: string;
  input_tokens: number | null;
  output_tokens: number | null;
  latency_ms: number;
  cost_usd: number | null;
  created_at: string;
}

export function toUsedCall(row: UsedCallRow): UsedCallRecord {
  return {
    cacheKey: row.cache_key,
    paidByRunId: row.paid_by_run_id ?? undefined,
    cached: row.cached === 1,
    provider: row.provider,
    modelId: row.model_id,
    requestId: row.request_id,
    inputTokens: row.input_tokens ?? undefined,
    outputTokens: row.output_tokens ?? undefined,
    latencyMs: row.latency_ms,
    costUsd: row.cost_usd ?? undefined,
    createdAt: row.created_at,
  };
}

/**
 * The parameters of the put-call statement (both stores write the same columns in this order),
 * serialised now: the caller may change its objects once the call returns.
 */
export function llmCallParams(record: LlmCallRecord) {
  return [
    record.cacheKey,
    record.runId ?? null,
    record.provider,
    record.modelId,
    JSON.stringify(record.request),
    JSON.stringify(record.response),
    record.latencyMs,
    record.costUsd ?? null,
    record.response.usage.inputTokens ?? null,
    record.response.usage.outputTokens ?? null,
    record.createdAt,
  ] as const;
}
