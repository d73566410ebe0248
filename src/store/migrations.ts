import type Database from "better-sqlite3";
import { UserInputError } from "../core/errors.js";

/**
 * Numbered schema migrations. Migration N brings `PRAGMA user_version` from N-1 to N.
 * Append new entries; never edit a shipped one (stores in the wild already ran it).
 */
export const MIGRATIONS: readonly string[] = [
  // 1: the initial schema.
  `
  CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'stopped', 'failed')),
    spec_json TEXT NOT NULL,
    summary_json TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX runs_by_kind_created ON runs (kind, created_at);
  CREATE INDEX runs_by_created ON runs (created_at);

  CREATE TABLE items (
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    slot INTEGER NOT NULL,
    attempt INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('accepted', 'rejected')),
    item_json TEXT NOT NULL,
    reason TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (run_id, slot, attempt)
  );

  CREATE TABLE run_state (
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    value_json TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (run_id, key)
  );

  -- The response cache and the call log in one table: a row is written only for a real provider call.
  -- run_id is not a foreign key: a cached answer outlives the run that paid for it.
  CREATE TABLE llm_calls (
    cache_key TEXT PRIMARY KEY,
    run_id TEXT,
    provider TEXT NOT NULL,
    model_id TEXT NOT NULL,
    request_json TEXT NOT NULL,
    response_json TEXT NOT NULL,
    latency_ms REAL NOT NULL,
    cost_usd REAL,
    input_tokens INTEGER,
    output_tokens INTEGER,
    created_at TEXT NOT NULL
  );
  CREATE INDEX llm_calls_by_run ON llm_calls (run_id);

  CREATE TABLE evaluations (
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    model_ref TEXT NOT NULL,
    item_id TEXT NOT NULL,
    response TEXT NOT NULL,
    extracted TEXT,
    correct INTEGER NOT NULL,
    score REAL NOT NULL,
    details_json TEXT,
    PRIMARY KEY (run_id, model_ref, item_id)
  );
  `,
  // 2: the cached responses each run was served. The original call's accounting is copied when the hit
  // is recorded, so a later call that replaces the llm_calls row does not change what this run used.
  // run_id is not a foreign key, as in llm_calls: a library caller may use a run id it never created.
  `
  CREATE TABLE llm_cache_hits (
    run_id TEXT NOT NULL,
    cache_key TEXT NOT NULL,
    paid_by_run_id TEXT,
    provider TEXT NOT NULL,
    model_id TEXT NOT NULL,
    request_id TEXT NOT NULL,
    latency_ms REAL NOT NULL,
    cost_usd REAL,
    input_tokens INTEGER,
    output_tokens INTEGER,
    created_at TEXT NOT NULL,
    hit_at TEXT NOT NULL,
    PRIMARY KEY (run_id, cache_key)
  );
  `,
];

/** Brings the schema up to date, one transaction per migration. Returns the final version. */
export function applyMigrations(database: Database.Database): number {
  const current = database.pragma("user_version", { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new UserInputError(
      `the store's schema version ${current} is newer than this benchsmith understands (${MIGRATIONS.length})`,
      "upgrade benchsmith, or point --store at another file",
    );
  }
  for (let version = current + 1; version <= MIGRATIONS.length; version++) {
    const script = MIGRATIONS[version - 1] as string;
    database.transaction(() => {
      database.exec(script);
      // PRAGMA cannot take a bound parameter; version is our own integer.
      database.pragma(`user_version = ${version}`);
    })();
  }
  return MIGRATIONS.length;
}
