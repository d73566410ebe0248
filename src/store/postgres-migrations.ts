import type pg from "pg";
import { UserInputError } from "../core/errors.js";

/** One numbered schema change. Append new entries; never edit a shipped one (servers already ran it). */
export interface PostgresMigration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The PostgreSQL schema, column for column the SQLite one (src/store/migrations.ts) so rows copy across
 * unchanged: JSON kept as text (jsonb would reorder keys and refuse "\u0000"), timestamps as the ISO
 * strings the records carry. `seq` stands in for SQLite's rowid where listing order depends on it.
 */
export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    name: "initial schema",
    sql: `
    CREATE TABLE runs (
      id text PRIMARY KEY,
      seq bigserial NOT NULL,
      kind text NOT NULL,
      status text NOT NULL CHECK (status IN ('running', 'completed', 'stopped', 'failed')),
      spec_json text NOT NULL,
      summary_json text,
      created_at text NOT NULL,
      updated_at text NOT NULL
    );
    CREATE INDEX runs_by_kind_created ON runs (kind, created_at);
    CREATE INDEX runs_by_created ON runs (created_at);

    CREATE TABLE items (
      run_id text NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
      slot integer NOT NULL,
      attempt integer NOT NULL,
      status text NOT NULL CHECK (status IN ('accepted', 'rejected')),
      item_json text NOT NULL,
      reason text,
      created_at text NOT NULL,
      PRIMARY KEY (run_id, slot, attempt)
    );

    CREATE TABLE run_state (
      run_id text NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
      key text NOT NULL,
      value_json text NOT NULL,
      updated_at text NOT NULL,
      PRIMARY KEY (run_id, key)
    );

    -- The response cache and the call log; run_id is no foreign key: a cached answer outlives its run.
    CREATE TABLE llm_calls (
      cache_key text PRIMARY KEY,
      run_id text,
      provider text NOT NULL,
      model_id text NOT NULL,
      request_json text NOT NULL,
      response_json text NOT NULL,
      latency_ms double precision NOT NULL,
      cost_usd double precision,
      input_tokens integer,
      output_tokens integer,
      created_at text NOT NULL
    );
    CREATE INDEX llm_calls_by_run ON llm_calls (run_id);

    CREATE TABLE evaluations (
      run_id text NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
      model_ref text NOT NULL,
      item_id text NOT NULL,
      seq bigserial NOT NULL,
      response text NOT NULL,
      extracted text,
      correct boolean NOT NULL,
      score double precision NOT NULL,
      details_json text,
      PRIMARY KEY (run_id, model_ref, item_id)
    );
    `,
  },
  {
    version: 2,
    name: "cache hits per run",
    // As SQLite's migration 2: the original call's accounting is copied when the hit is recorded.
    sql: `
    CREATE TABLE llm_cache_hits (
      run_id text NOT NULL,
      cache_key text NOT NULL,
      paid_by_run_id text,
      provider text NOT NULL,
      model_id text NOT NULL,
      request_id text NOT NULL,
      latency_ms double precision NOT NULL,
      cost_usd double precision,
      input_tokens integer,
      output_tokens integer,
      created_at text NOT NULL,
      hit_at text NOT NULL,
      PRIMARY KEY (run_id, cache_key)
    );
    `,
  },
];

// Any fixed number: every benchsmith process migrating this database takes the same lock.
const MIGRATION_LOCK = 4_242_015;

/**
 * Brings the schema up to date in one transaction under an advisory lock, so processes starting
 * together (several workers) migrate once and the others wait, then see the finished schema.
 * Returns the versions applied now.
 */
export async function applyPostgresMigrations(
  client: pg.ClientBase,
  migrations: readonly PostgresMigration[] = POSTGRES_MIGRATIONS,
): Promise<number[]> {
  await client.query("BEGIN");
  try {
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const result = await client.query<{ version: number }>("SELECT version FROM schema_migrations");
    const applied = new Set(result.rows.map((row) => row.version));
    const newest = Math.max(0, ...applied);
    if (newest > migrations.length) {
      throw new UserInputError(
        `the PostgreSQL store's schema version ${newest} is newer than this benchsmith understands (${migrations.length})`,
        "upgrade benchsmith, or point the store at another database",
      );
    }
    const pending = migrations.filter((migration) => !applied.has(migration.version));
    for (const migration of pending) {
      await client.query(migration.sql);
      await client.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [
        migration.version,
        migration.name,
      ]);
    }
    await client.query("COMMIT");
    return pending.map((migration) => migration.version);
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
