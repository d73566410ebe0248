import { existsSync } from "node:fs";
import Database from "better-sqlite3";
import { UserInputError } from "../core/errors.js";
import { MIGRATIONS } from "./migrations.js";
import { connectPostgres, type PostgresConnection, type PostgresConnectOptions } from "./postgres-connect.js";
import { isPostgresUrl, redactStoreLocation } from "./postgres-url.js";

/** What one table's copy did: rows in the SQLite file, and rows written (new, or newer than the copy). */
export interface TableCopyCount {
  table: string;
  read: number;
  copied: number;
}

export interface CopyStoreOptions {
  /** The SQLite store file to read (never written). */
  from: string;
  /** The postgres:// URL to write to (migrated first). */
  to: string;
  /** Rows per INSERT statement (default 500). */
  batchSize?: number;
  postgres?: PostgresConnectOptions;
  /** Called as each table finishes, in copy order. */
  onTable?: (count: TableCopyCount) => void;
}

interface TableCopy {
  table: string;
  /** Column names, the same on both sides, with ":type" where the PostgreSQL type is not text. */
  columns: string;
  /** How many leading columns form the primary key. */
  key: number;
  /** A row already in PostgreSQL is replaced only when the copy's value here is later (ISO timestamps). */
  newerBy?: string;
  convert?: (column: string, value: unknown) => unknown;
}

// Parents before children (foreign keys); evaluations and cache hits never change once written, so an existing one is kept.
const TABLES: readonly TableCopy[] = [
  {
    table: "runs",
    columns: "id kind status spec_json summary_json created_at updated_at",
    key: 1,
    newerBy: "updated_at",
  },
  { table: "run_state", columns: "run_id key value_json updated_at", key: 2, newerBy: "updated_at" },
  {
    table: "items",
    columns: "run_id slot:integer attempt:integer status item_json reason created_at",
    key: 3,
    newerBy: "created_at",
  },
  {
    table: "evaluations",
    columns: "run_id model_ref item_id response extracted correct:boolean score:float8 details_json",
    key: 3,
    convert: (column, value) => (column === "correct" ? value === 1 : value),
  },
  {
    table: "llm_calls",
    columns:
      "cache_key run_id provider model_id request_json response_json latency_ms:float8 cost_usd:float8 input_tokens:integer output_tokens:integer created_at",
    key: 1,
    newerBy: "created_at",
  },
  {
    table: "llm_cache_hits",
    columns:
      "run_id cache_key paid_by_run_id provider model_id request_id latency_ms:float8 cost_usd:float8 input_tokens:integer output_tokens:integer created_at hit_at",
    key: 2,
  },
];

/** [name, PostgreSQL type] per column of a table. */
function columnsOf(table: TableCopy): Array<[name: string, type: string]> {
  return table.columns.split(" ").map((column) => {
    const [name = column, type = "text"] = column.split(":");
    return [name, type];
  });
}

/**
 * Copies a SQLite store (runs, state, items, evaluations, the response cache and its hits) into a PostgreSQL store,
 * keeping every column as it was. Idempotent: a row already there is skipped, or replaced only by a
 * newer version of itself, so running it again copies nothing twice and catches up on later work.
 */
export async function copySqliteToPostgres(options: CopyStoreOptions): Promise<TableCopyCount[]> {
  if (!isPostgresUrl(options.to))
    throw new UserInputError(
      `${redactStoreLocation(options.to)} is not a postgres:// URL`,
      "give --to postgres://user@host/database",
    );
  const source = openSource(options.from);
  try {
    const target = await connectPostgres(options.to, options.postgres);
    try {
      const counts: TableCopyCount[] = [];
      for (const table of TABLES) {
        const count = await copyTable(source, target, table, options.batchSize ?? 500);
        counts.push(count);
        options.onTable?.(count);
      }
      return counts;
    } finally {
      await target.close();
    }
  } finally {
    source.close();
  }
}

function openSource(path: string): Database.Database {
  if (!existsSync(path))
    throw new UserInputError(
      `no SQLite store at ${path}`,
      "check --from (the default store is .benchsmith/benchsmith.sqlite)",
    );
  let source: Database.Database;
  let version: number;
  try {
    source = new Database(path, { readonly: true, fileMustExist: true });
    version = source.pragma("user_version", { simple: true }) as number;
  } catch (error) {
    throw new UserInputError(
      `cannot read ${path} as a SQLite store: ${error instanceof Error ? error.message : String(error)}`,
      "check --from",
    );
  }
  if (version !== MIGRATIONS.length) {
    source.close();
    throw new UserInputError(
      `${path} has store schema version ${version}, this benchsmith copies version ${MIGRATIONS.length}`,
      version === 0
        ? "it is not a benchsmith store; check --from"
        : "open it once with this benchsmith version (e.g. `benchsmith runs list --store <file>`), then copy",
    );
  }
  return source;
}

async function copyTable(
  source: Database.Database,
  target: PostgresConnection,
  table: TableCopy,
  batchSize: number,
): Promise<TableCopyCount> {
  const names = columnsOf(table).map(([name]) => name);
  const read = source.prepare(
    `SELECT rowid AS source_rowid, ${names.join(", ")} FROM ${table.table} WHERE rowid > ? ORDER BY rowid LIMIT ?`,
  );
  const insert = insertSql(table);
  const count: TableCopyCount = { table: table.table, read: 0, copied: 0 };
  // Paged by rowid: the SQLite file is never held busy while PostgreSQL works, and order is kept.
  for (let after = 0; ; ) {
    const rows = read.all(after, batchSize) as Array<Record<string, unknown> & { source_rowid: number }>;
    if (rows.length === 0) return count;
    after = rows[rows.length - 1]?.source_rowid ?? after;
    const arrays = names.map((name) =>
      rows.map((row) => (table.convert ? table.convert(name, row[name]) : row[name]) ?? null),
    );
    const result = await target.query(insert, arrays);
    count.read += rows.length;
    count.copied += result.rowCount ?? 0;
  }
}

function insertSql(table: TableCopy): string {
  const columns = columnsOf(table);
  const names = columns.map(([name]) => name);
  const keys = names.slice(0, table.key);
  const casts = columns.map(([, type], index) => `$${index + 1}::${type}[]`);
  const updates = names.slice(table.key).map((name) => `${name} = EXCLUDED.${name}`);
  const onConflict =
    table.newerBy === undefined
      ? "DO NOTHING"
      : `DO UPDATE SET ${updates.join(", ")} WHERE ${table.table}.${table.newerBy} < EXCLUDED.${table.newerBy}`;
  return `INSERT INTO ${table.table} (${names.join(", ")}) SELECT ${names.join(", ")}
    FROM unnest(${casts.join(", ")}) WITH ORDINALITY AS batch (${names.join(", ")}, position) ORDER BY position
    ON CONFLICT (${keys.join(", ")}) ${onConflict}`;
}
