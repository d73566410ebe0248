import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { ZodType } from "zod";
import { StoredDataError, UserInputError } from "../core/errors.js";
import type {
  EvaluationKey,
  EvaluationRecord,
  ItemStatus,
  RunRecord,
  RunStore,
  StoredItem,
} from "../core/store-spec.js";
import { createGroupCommit } from "./group-commit.js";
import { applyMigrations } from "./migrations.js";
import {
  type EvaluationRow,
  type ItemRow,
  type RunRow,
  readJson,
  toEvaluation,
  toItem,
  toRun,
  uniqueEvaluationKeys,
} from "./rows.js";
import { createRunId, validateRunId } from "./run-id.js";
import { createSqliteCallLog } from "./sqlite-call-log.js";

/** A RunStore on one SQLite file, plus where it lives. */
export interface SqliteRunStore extends RunStore {
  readonly path: string;
}

/**
 * Opens (creating it and its directory if needed) the SQLite store at `path` (":memory:" works too).
 * WAL journal, a busy timeout for a second process, foreign keys on, schema migrated.
 * Every write runs in autocommit (or its own transaction), so it is durable before its promise resolves.
 * The methods are async only to meet the contract: better-sqlite3 itself is synchronous.
 */
export interface SqliteStoreOptions {
  /** Commit the writes of one event-loop turn together (default true; off only to measure it). */
  groupCommit?: boolean;
}

export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): SqliteRunStore {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  let database: Database.Database;
  try {
    database = new Database(path);
  } catch (error) {
    throw new UserInputError(
      `cannot open the store ${path}: ${error instanceof Error ? error.message : String(error)}`,
      "check the path given with --store (or `store` in the config) and its permissions",
    );
  }
  database.pragma("journal_mode = WAL");
  database.pragma("busy_timeout = 5000");
  database.pragma("foreign_keys = ON");
  // WAL + NORMAL survives a process crash (what --resume needs); only an OS crash may lose the last commit.
  database.pragma("synchronous = NORMAL");
  applyMigrations(database);

  const statements = {
    insertRun: database.prepare(
      "INSERT INTO runs (id, kind, status, spec_json, summary_json, created_at, updated_at) VALUES (?, ?, 'running', ?, NULL, ?, ?)",
    ),
    getRun: database.prepare("SELECT * FROM runs WHERE id = ?"),
    listRuns: database.prepare(
      "SELECT * FROM runs WHERE (@kind IS NULL OR kind = @kind) ORDER BY created_at DESC, rowid DESC LIMIT @limit",
    ),
    updateRun: database.prepare(
      "UPDATE runs SET status = COALESCE(@status, status), summary_json = COALESCE(@summary, summary_json), updated_at = @now WHERE id = @id",
    ),
    putItem: database.prepare(
      "INSERT OR REPLACE INTO items (run_id, slot, attempt, status, item_json, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    ),
    listItems: database.prepare(
      "SELECT * FROM items WHERE run_id = @runId AND (@status IS NULL OR status = @status) ORDER BY slot, attempt",
    ),
    putState: database.prepare(
      "INSERT OR REPLACE INTO run_state (run_id, key, value_json, updated_at) VALUES (?, ?, ?, ?)",
    ),
    getState: database.prepare("SELECT value_json FROM run_state WHERE run_id = ? AND key = ?"),
    putEvaluation: database.prepare(
      `INSERT OR REPLACE INTO evaluations (run_id, model_ref, item_id, response, extracted, correct, score, details_json)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    listEvaluations: database.prepare("SELECT * FROM evaluations WHERE run_id = ? ORDER BY model_ref, rowid"),
    countRunRows: database.prepare(
      `SELECT
         (SELECT COUNT(*) FROM items WHERE run_id = @runId AND status = 'accepted') AS accepted,
         (SELECT COUNT(*) FROM items WHERE run_id = @runId AND status = 'rejected') AS rejected,
         (SELECT COUNT(*) FROM evaluations WHERE run_id = @runId) AS evaluations`,
    ),
    // A point lookup on the primary key (run_id, model_ref, item_id).
    getEvaluation: database.prepare(
      "SELECT * FROM evaluations WHERE run_id = ? AND model_ref = ? AND item_id = ?",
    ),
  };
  const putEvaluations = database.transaction((rows: readonly EvaluationArgs[]) => {
    for (const row of rows) statements.putEvaluation.run(...row);
  });
  // One read transaction, so every key is looked up in the same snapshot.
  const getEvaluations = database.transaction((runId: string, keys: readonly EvaluationKey[]) => {
    const rows: EvaluationRow[] = [];
    for (const key of keys) {
      const row = statements.getEvaluation.get(runId, key.modelRef, key.itemId) as EvaluationRow | undefined;
      if (row !== undefined) rows.push(row);
    }
    return rows;
  });
  const { commit, flush } =
    options.groupCommit === false
      ? { commit: async (write: () => void) => write(), flush: () => {} }
      : createGroupCommit(database);

  const getRun = (runId: string): RunRecord | undefined => {
    const row = statements.getRun.get(runId) as RunRow | undefined;
    return row === undefined ? undefined : toRun(row);
  };

  return {
    path,
    ...createSqliteCallLog(database, commit),
    async createRun({ id, kind, spec }) {
      const now = new Date();
      const timestamp = now.toISOString();
      const specJson = JSON.stringify(spec);
      if (id !== undefined) {
        validateRunId(id);
        if (getRun(id) !== undefined) {
          throw new UserInputError(
            `a run with id "${id}" already exists`,
            `resume it with --resume ${id}, or pick another id`,
          );
        }
        statements.insertRun.run(id, kind, specJson, timestamp, timestamp);
        return getRun(id) as RunRecord;
      }
      // The random suffix makes a clash unlikely; retry instead of failing if it happens.
      for (;;) {
        const generated = createRunId({ kind, now });
        if (getRun(generated) !== undefined) continue;
        statements.insertRun.run(generated, kind, specJson, timestamp, timestamp);
        return getRun(generated) as RunRecord;
      }
    },
    getRun: async (runId) => getRun(runId),
    async listRuns(options = {}) {
      const rows = statements.listRuns.all({
        kind: options.kind ?? null,
        limit: options.limit ?? -1,
      }) as RunRow[];
      return rows.map(toRun);
    },
    async updateRun(runId, patch) {
      const result = statements.updateRun.run({
        id: runId,
        status: patch.status ?? null,
        summary: patch.summary === undefined ? null : JSON.stringify(patch.summary),
        now: new Date().toISOString(),
      });
      if (result.changes === 0)
        throw new UserInputError(`no run with id "${runId}"`, "list runs with `benchsmith runs list`");
      return getRun(runId) as RunRecord;
    },
    putItem(input) {
      // Arguments are serialised now: the caller may change its objects once the call returns.
      const args = [
        input.runId,
        input.slot,
        input.attempt,
        input.status,
        JSON.stringify(input.item),
        input.reason ?? null,
        new Date().toISOString(),
      ] as const;
      return commit(() => statements.putItem.run(...args));
    },
    async listItems(runId, options: { status?: ItemStatus } = {}): Promise<StoredItem[]> {
      const rows = statements.listItems.all({ runId, status: options.status ?? null }) as ItemRow[];
      return rows.map(toItem);
    },
    putState(runId, key, value) {
      const args = [runId, key, JSON.stringify(value ?? null), new Date().toISOString()] as const;
      return commit(() => statements.putState.run(...args));
    },
    async getState<T>(runId: string, key: string, schema: ZodType<T>): Promise<T | undefined> {
      const row = statements.getState.get(runId, key) as { value_json: string } | undefined;
      if (row === undefined) return undefined;
      const what = `state "${key}" of run ${runId}`;
      const parsed = schema.safeParse(readJson(row.value_json, what));
      if (!parsed.success) {
        throw new StoredDataError(
          what,
          parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`),
        );
      }
      return parsed.data;
    },
    putEvaluations(records) {
      const rows = records.map(evaluationArgs);
      return commit(() => putEvaluations(rows));
    },
    async listEvaluations(runId) {
      return (statements.listEvaluations.all(runId) as EvaluationRow[]).map(toEvaluation);
    },
    async countRunRows(runId) {
      return statements.countRunRows.get({ runId }) as {
        accepted: number;
        rejected: number;
        evaluations: number;
      };
    },
    async getEvaluations(runId, keys) {
      if (keys.length === 0) return [];
      return getEvaluations(runId, uniqueEvaluationKeys(keys)).map(toEvaluation);
    },
    async close() {
      if (!database.open) return;
      flush();
      database.close();
    },
  };
}

type EvaluationArgs = readonly [string, string, string, string, string | null, 0 | 1, number, string | null];

function evaluationArgs(record: EvaluationRecord): EvaluationArgs {
  return [
    record.runId,
    record.modelRef,
    record.itemId,
    record.response,
    record.extracted ?? null,
    record.correct ? 1 : 0,
    record.score,
    record.details === undefined ? null : JSON.stringify(record.details),
  ];
}
