const RUN_COLUMNS = "id, kind, status, spec_json, summary_json, created_at, updated_at";
/** The request a call was part of: its sample or embedding batch, else the call itself. */
const REQUEST_ID = "COALESCE(request_json::json -> 'batch' ->> 'id', cache_key)";
const USED_COLUMNS = "provider, model_id, input_tokens, output_tokens, latency_ms, cost_usd, created_at";

/** Every statement the PostgreSQL store runs; the tables they name are in postgres-migrations.ts. */
export const POSTGRES_SQL = {
  insertRun: `INSERT INTO runs (${RUN_COLUMNS}) VALUES ($1, $2, 'running', $3, NULL, $4, $4)
    ON CONFLICT (id) DO NOTHING RETURNING ${RUN_COLUMNS}`,
  getRun: `SELECT ${RUN_COLUMNS} FROM runs WHERE id = $1`,
  listRuns: `SELECT ${RUN_COLUMNS} FROM runs WHERE ($1::text IS NULL OR kind = $1)
    ORDER BY created_at DESC, seq DESC LIMIT $2`,
  updateRun: `UPDATE runs SET status = COALESCE($2, status), summary_json = COALESCE($3, summary_json),
    updated_at = $4 WHERE id = $1 RETURNING ${RUN_COLUMNS}`,
  putItem: `INSERT INTO items (run_id, slot, attempt, status, item_json, reason, created_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (run_id, slot, attempt) DO UPDATE SET
    status = EXCLUDED.status, item_json = EXCLUDED.item_json, reason = EXCLUDED.reason, created_at = EXCLUDED.created_at`,
  listItems: `SELECT run_id, slot, attempt, status, item_json, reason, created_at FROM items
    WHERE run_id = $1 AND ($2::text IS NULL OR status = $2) ORDER BY slot, attempt`,
  putState: `INSERT INTO run_state (run_id, key, value_json, updated_at) VALUES ($1, $2, $3, $4)
    ON CONFLICT (run_id, key) DO UPDATE SET value_json = EXCLUDED.value_json, updated_at = EXCLUDED.updated_at`,
  getState: "SELECT value_json FROM run_state WHERE run_id = $1 AND key = $2",
  getCall: "SELECT response_json FROM llm_calls WHERE cache_key = $1",
  putCall: `INSERT INTO llm_calls (cache_key, run_id, provider, model_id, request_json, response_json,
    latency_ms, cost_usd, input_tokens, output_tokens, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
    ON CONFLICT (cache_key) DO UPDATE SET run_id = EXCLUDED.run_id, provider = EXCLUDED.provider,
    model_id = EXCLUDED.model_id, request_json = EXCLUDED.request_json, response_json = EXCLUDED.response_json,
    latency_ms = EXCLUDED.latency_ms, cost_usd = EXCLUDED.cost_usd, input_tokens = EXCLUDED.input_tokens,
    output_tokens = EXCLUDED.output_tokens, created_at = EXCLUDED.created_at`,
  // Sums are cast: pg returns bigint and numeric as strings.
  callStats: `SELECT COUNT(DISTINCT ${REQUEST_ID})::integer AS calls,
    COALESCE(SUM(input_tokens), 0)::double precision AS "inputTokens",
    COALESCE(SUM(output_tokens), 0)::double precision AS "outputTokens",
    COALESCE(SUM(cost_usd), 0)::double precision AS "knownCost",
    COUNT(*) FILTER (WHERE cost_usd IS NULL)::integer AS unpriced FROM llm_calls WHERE run_id = $1`,
  // One statement for all the keys; a hit on the run's own call (a resume, a repeat) records nothing.
  putHits: `INSERT INTO llm_cache_hits (run_id, cache_key, paid_by_run_id, request_id, ${USED_COLUMNS}, hit_at)
    SELECT $1::text, cache_key, run_id, ${REQUEST_ID}, ${USED_COLUMNS}, $3::text FROM llm_calls
    WHERE cache_key = ANY($2::text[]) AND run_id IS DISTINCT FROM $1::text
    ON CONFLICT (run_id, cache_key) DO NOTHING`,
  callsUsedBy: `SELECT cache_key, run_id AS paid_by_run_id, 0 AS cached, ${REQUEST_ID} AS request_id, ${USED_COLUMNS}
    FROM llm_calls WHERE run_id = $1
    UNION ALL
    SELECT cache_key, paid_by_run_id, 1, request_id, ${USED_COLUMNS} FROM llm_cache_hits AS hit
    WHERE run_id = $1 AND NOT EXISTS
      (SELECT 1 FROM llm_calls AS own WHERE own.cache_key = hit.cache_key AND own.run_id = $1)
    ORDER BY created_at, cache_key`,
  // One statement (so one transaction) for the whole batch, whatever its size; a re-put row moves last, as in SQLite.
  putEvaluations: `INSERT INTO evaluations (run_id, model_ref, item_id, response, extracted, correct, score, details_json)
    SELECT run_id, model_ref, item_id, response, extracted, correct, score, details_json
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[], $7::double precision[], $8::text[])
      WITH ORDINALITY AS batch (run_id, model_ref, item_id, response, extracted, correct, score, details_json, position)
    ORDER BY position
    ON CONFLICT (run_id, model_ref, item_id) DO UPDATE SET response = EXCLUDED.response, extracted = EXCLUDED.extracted,
    correct = EXCLUDED.correct, score = EXCLUDED.score, details_json = EXCLUDED.details_json, seq = DEFAULT`,
  listEvaluations: `SELECT run_id, model_ref, item_id, response, extracted, correct::integer AS correct, score, details_json
    FROM evaluations WHERE run_id = $1 ORDER BY model_ref, seq`,
  // The wanted keys as rows (two parallel arrays, already free of repeats), each looked up on the primary key.
  // LATERAL ... LIMIT 1 (the key is unique, so it drops nothing) keeps it one index probe per key: as a plain
  // join the planner may hash the run's whole evaluations instead, a cost that grows with the run.
  countRunRows: `SELECT
      (SELECT COUNT(*) FROM items WHERE run_id = $1 AND status = 'accepted')::integer AS accepted,
      (SELECT COUNT(*) FROM items WHERE run_id = $1 AND status = 'rejected')::integer AS rejected,
      (SELECT COUNT(*) FROM evaluations WHERE run_id = $1)::integer AS evaluations`,
  getEvaluations: `SELECT stored.* FROM unnest($2::text[], $3::text[]) AS wanted (model_ref, item_id)
    CROSS JOIN LATERAL (
      SELECT run_id, model_ref, item_id, response, extracted, correct::integer AS correct, score, details_json
      FROM evaluations
      WHERE run_id = $1::text AND model_ref = wanted.model_ref AND item_id = wanted.item_id LIMIT 1
    ) AS stored`,
} as const;
