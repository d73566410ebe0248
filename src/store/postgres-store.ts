import type { ZodType } from "zod";
import { StoredDataError, UserInputError } from "../core/errors.js";
import type { EvaluationRecord, RunRecord, RunStore } from "../core/store-spec.js";
import { readCachedResponse } from "./cached-response.js";
import { connectPostgres, type PostgresConnectOptions } from "./postgres-connect.js";
import { POSTGRES_SQL as SQL } from "./postgres-queries.js";
import {
  type EvaluationRow,
  type ItemRow,
  llmCallParams,
  type RunRow,
  readJson,
  toEvaluation,
  toItem,
  toRun,
  toUsedCall,
  type UsedCallRow,
  uniqueEvaluationKeys,
} from "./rows.js";
import { createRunId, validateRunId } from "./run-id.js";

/** A RunStore on a PostgreSQL database, plus where it lives (password masked). */
export interface PostgresRunStore extends RunStore {
  readonly location: string;
}

/**
 * Opens the PostgreSQL store at `url` (postgres://user:password@host:port/database; PG* variables fill
 * what the URL leaves out): a pool, the schema migrated. Every write is one autocommitted statement, so it
 * is committed when its promise resolves. An unreachable server is a UserInputError naming the masked URL.
 */
export async function openPostgresStore(
  url: string,
  options: PostgresConnectOptions = {},
): Promise<PostgresRunStore> {
  const connection = await connectPostgres(url, options);
  const { query } = connection;
  const getRun = async (runId: string): Promise<RunRecord | undefined> => {
    const row = (await query<RunRow>(SQL.getRun, [runId])).rows[0];
    return row === undefined ? undefined : toRun(row);
  };
  const insertRun = async (id: string, kind: string, specJson: string): Promise<RunRecord | undefined> => {
    const row = (await query<RunRow>(SQL.insertRun, [id, kind, specJson, new Date().toISOString()])).rows[0];
    return row === undefined ? undefined : toRun(row);
  };

  return {
    location: connection.location,
    async createRun({ id, kind, spec }) {
      const specJson = JSON.stringify(spec);
      if (id !== undefined) {
        validateRunId(id);
        // ON CONFLICT DO NOTHING makes the uniqueness check and the insert one atomic step across processes.
        const created = await insertRun(id, kind, specJson);
        if (created === undefined) {
          throw new UserInputError(
            `a run with id "${id}" already exists`,
            `resume it with --resume ${id}, or pick another id`,
          );
        }
        return created;
      }
      for (;;) {
        const created = await insertRun(createRunId({ kind }), kind, specJson);
        if (created !== undefined) return created;
      }
    },
    getRun,
    async listRuns(options = {}) {
      const rows = (await query<RunRow>(SQL.listRuns, [options.kind ?? null, options.limit ?? null])).rows;
      return rows.map(toRun);
    },
    async updateRun(runId, patch) {
      const summary = patch.summary === undefined ? null : JSON.stringify(patch.summary);
      const params = [runId, patch.status ?? null, summary, new Date().toISOString()];
      const row = (await query<RunRow>(SQL.updateRun, params)).rows[0];
      if (row === undefined)
        throw new UserInputError(`no run with id "${runId}"`, "list runs with `benchsmith runs list`");
      return toRun(row);
    },
    async putItem(input) {
      const created = new Date().toISOString();
      const item = JSON.stringify(input.item);
      const params = [
        input.runId,
        input.slot,
        input.attempt,
        input.status,
        item,
        input.reason ?? null,
        created,
      ];
      await query(SQL.putItem, params);
    },
    async listItems(runId, options = {}) {
      return (await query<ItemRow>(SQL.listItems, [runId, options.status ?? null])).rows.map(toItem);
    },
    async putState(runId, key, value) {
      await query(SQL.putState, [runId, key, JSON.stringify(value ?? null), new Date().toISOString()]);
    },
    async getState<T>(runId: string, key: string, schema: ZodType<T>): Promise<T | undefined> {
      const row = (await query<{ value_json: string }>(SQL.getState, [runId, key])).rows[0];
      if (row === undefined) return undefined;
      const what = `state "${key}" of run ${runId}`;
      const parsed = schema.safeParse(readJson(row.value_json, what));
      if (!parsed.success) {
        const issues = parsed.error.issues.map(
          (issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`,
        );
        throw new StoredDataError(what, issues);
      }
      return parsed.data;
    },
    async get(cacheKey) {
      const row = (await query<{ response_json: string }>(SQL.getCall, [cacheKey])).rows[0];
      return row === undefined ? undefined : readCachedResponse(row.response_json, cacheKey);
    },
    async set(record) {
      await query(SQL.putCall, [...llmCallParams(record)]);
    },
    async putEvaluations(records) {
      if (records.length === 0) return;
      await query(SQL.putEvaluations, evaluationColumns(records));
    },
    async listEvaluations(runId) {
      return (await query<EvaluationRow>(SQL.listEvaluations, [runId])).rows.map(toEvaluation);
    },
    async countRunRows(runId) {
      const [row] = (
        await query<{ accepted: number; rejected: number; evaluations: number }>(SQL.countRunRows, [runId])
      ).rows;
      return row ?? { accepted: 0, rejected: 0, evaluations: 0 };
    },
    async getEvaluations(runId, keys) {
      const unique = uniqueEvaluationKeys(keys);
      const rows: EvaluationRow[] = [];
      // One statement per batch of keys, so a huge list never becomes one huge query.
      for (let start = 0; start < unique.length; start += KEY_BATCH) {
        const batch = unique.slice(start, start + KEY_BATCH);
        const params = [runId, batch.map((key) => key.modelRef), batch.map((key) => key.itemId)];
        rows.push(...(await query<EvaluationRow>(SQL.getEvaluations, params)).rows);
      }
      return rows.map(toEvaluation);
    },
    async callStats(runId) {
      const row = (await query<CallStatsRow>(SQL.callStats, [runId])).rows[0] as CallStatsRow;
      // A partial sum would understate the spend: any unpriced call makes the total unknown.
      const costUsd = row.unpriced > 0 ? undefined : row.knownCost;
      return { calls: row.calls, inputTokens: row.inputTokens, outputTokens: row.outputTokens, costUsd };
    },
    async recordCacheHits(runId, cacheKeys) {
      if (cacheKeys.length === 0) return;
      await query(SQL.putHits, [runId, [...new Set(cacheKeys)], new Date().toISOString()]);
    },
    async callsUsedBy(runId) {
      return (await query<UsedCallRow>(SQL.callsUsedBy, [runId])).rows.map(toUsedCall);
    },
    close: () => connection.close(),
  };
}

/** Keys looked up per getEvaluations statement. */
const KEY_BATCH = 500;

interface CallStatsRow {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  knownCost: number;
  unpriced: number;
}

/** The batch as one array per column (for unnest); a key given twice keeps its last record, as SQLite would. */
function evaluationColumns(records: readonly EvaluationRecord[]): unknown[][] {
  const byKey = new Map<string, EvaluationRecord>();
  for (const record of records) {
    const key = JSON.stringify([record.runId, record.modelRef, record.itemId]);
    byKey.delete(key);
    byKey.set(key, record);
  }
  const rows = [...byKey.values()];
  return [
    rows.map((record) => record.runId),
    rows.map((record) => record.modelRef),
    rows.map((record) => record.itemId),
    rows.map((record) => record.response),
    rows.map((record) => record.extracted ?? null),
    rows.map((record) => record.correct),
    rows.map((record) => record.score),
    rows.map((record) => (record.details === undefined ? null : JSON.stringify(record.details))),
  ];
}
