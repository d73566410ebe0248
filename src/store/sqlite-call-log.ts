import type Database from "better-sqlite3";
import type { LlmCallRecord, RunStore } from "../core/store-spec.js";
import { readCachedResponse } from "./cached-response.js";
import type { CommitWrite } from "./group-commit.js";
import { llmCallParams, toUsedCall, type UsedCallRow } from "./rows.js";

/** The request a call was part of: its sample or embedding batch, else the call itself. */
const REQUEST_ID = "COALESCE(json_extract(request_json, '$.batch.id'), cache_key)";
const USED_COLUMNS = "provider, model_id, input_tokens, output_tokens, latency_ms, cost_usd, created_at";

/** The response cache and call log of a SQLite store: llm_calls and llm_cache_hits. */
export type SqliteCallLog = Pick<RunStore, "get" | "set" | "callStats" | "recordCacheHits" | "callsUsedBy">;

export function createSqliteCallLog(database: Database.Database, commit: CommitWrite): SqliteCallLog {
  const statements = {
    getCall: database.prepare("SELECT response_json FROM llm_calls WHERE cache_key = ?"),
    putCall: database.prepare(
      `INSERT OR REPLACE INTO llm_calls (cache_key, run_id, provider, model_id, request_json, response_json,
        latency_ms, cost_usd, input_tokens, output_tokens, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    callStats: database.prepare(
      `SELECT COUNT(DISTINCT ${REQUEST_ID}) AS calls, COALESCE(SUM(input_tokens), 0) AS inputTokens,
        COALESCE(SUM(output_tokens), 0) AS outputTokens, COALESCE(SUM(cost_usd), 0) AS knownCost,
        SUM(CASE WHEN cost_usd IS NULL THEN 1 ELSE 0 END) AS unpriced FROM llm_calls WHERE run_id = ?`,
    ),
    // A hit on the run's own call (a resume, a repeat) is not a second use: nothing is recorded.
    putHit: database.prepare(
      `INSERT OR IGNORE INTO llm_cache_hits (run_id, cache_key, paid_by_run_id, request_id, ${USED_COLUMNS}, hit_at)
        SELECT @runId, cache_key, run_id, ${REQUEST_ID}, ${USED_COLUMNS}, @hitAt
        FROM llm_calls WHERE cache_key = @cacheKey AND run_id IS NOT @runId`,
    ),
    callsUsedBy: database.prepare(
      `SELECT cache_key, run_id AS paid_by_run_id, 0 AS cached, ${REQUEST_ID} AS request_id, ${USED_COLUMNS}
        FROM llm_calls WHERE run_id = @runId
      UNION ALL
      SELECT cache_key, paid_by_run_id, 1, request_id, ${USED_COLUMNS} FROM llm_cache_hits AS hit
        WHERE run_id = @runId AND NOT EXISTS
          (SELECT 1 FROM llm_calls AS own WHERE own.cache_key = hit.cache_key AND own.run_id = @runId)
      ORDER BY created_at, cache_key`,
    ),
  };
  const putHits = database.transaction((runId: string, cacheKeys: readonly string[], hitAt: string) => {
    for (const cacheKey of cacheKeys) statements.putHit.run({ runId, cacheKey, hitAt });
  });

  return {
    async get(cacheKey) {
      const row = statements.getCall.get(cacheKey) as { response_json: string } | undefined;
      return row === undefined ? undefined : readCachedResponse(row.response_json, cacheKey);
    },
    set(record: LlmCallRecord) {
      const args = llmCallParams(record);
      return commit(() => statements.putCall.run(...args));
    },
    async callStats(runId) {
      const row = statements.callStats.get(runId) as {
        calls: number;
        inputTokens: number;
        outputTokens: number;
        knownCost: number;
        unpriced: number | null;
      };
      // A partial sum would understate the spend: any unpriced call makes the total unknown.
      const costUsd = (row.unpriced ?? 0) > 0 ? undefined : row.knownCost;
      return { calls: row.calls, inputTokens: row.inputTokens, outputTokens: row.outputTokens, costUsd };
    },
    recordCacheHits(runId, cacheKeys) {
      if (cacheKeys.length === 0) return Promise.resolve();
      const keys = [...cacheKeys];
      const hitAt = new Date().toISOString();
      return commit(() => putHits(runId, keys, hitAt));
    },
    async callsUsedBy(runId) {
      return (statements.callsUsedBy.all({ runId }) as UsedCallRow[]).map(toUsedCall);
    },
  };
}
