import pg from "pg";
import { BenchsmithError, UnavailableError, UserInputError } from "../core/errors.js";
import { applyPostgresMigrations } from "./postgres-migrations.js";
import { redactStoreLocation, scrubSecrets } from "./postgres-url.js";

/** Pool settings; credentials come only from the URL or libpq's PG* environment variables. */
export interface PostgresConnectOptions {
  /** Most connections the pool opens (default 10). */
  maxConnections?: number;
  /** Give up connecting after this long (default 10 s): an unreachable host must not hang a command. */
  connectTimeoutMs?: number;
}

/** A migrated, reachable database behind a pool, with errors already stripped of secrets. */
export interface PostgresConnection {
  /** The URL with its password masked: the only form of it that may be shown. */
  readonly location: string;
  /** Runs one statement (autocommit: committed when it resolves). */
  query<Row extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<pg.QueryResult<Row>>;
  close(): Promise<void>;
}

// Node's network errors and PostgreSQL's connection-exception class (08) or server shutdown (57P0x).
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
]);

function isConnectionError(error: unknown): boolean {
  if (error instanceof AggregateError) return error.errors.some(isConnectionError);
  const code = (error as { code?: unknown }).code;
  if (
    typeof code === "string" &&
    (NETWORK_CODES.has(code) || code.startsWith("08") || code.startsWith("57P0"))
  )
    return true;
  const message = error instanceof Error ? error.message : "";
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect/i.test(message);
}

/** A message for any thrown value; net's AggregateError (IPv4 + IPv6 both refused) has an empty one. */
function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.message === "") {
    return error.errors.map((inner: unknown) => messageOf(inner)).join("; ");
  }
  if (error instanceof Error)
    return error.message || String((error as { code?: unknown }).code ?? error.name);
  return String(error);
}

/** The hint for a failed connect, from the server's SQLSTATE or the network error. */
function connectHint(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === "28P01" || code === "28000")
    return "check the user and password in the URL (or PGUSER / PGPASSWORD)";
  if (code === "3D000") return "create the database first (createdb <name>), or fix its name in the URL";
  if (code === "42501")
    return "the user needs the right to create tables in the database (benchsmith migrates its schema on first use)";
  if (isConnectionError(error))
    return "is the PostgreSQL server running and reachable? check host and port in the URL (or PGHOST / PGPORT)";
  return "check the store URL and the server's log";
}

/** Opens a pool on `url`, proves it reachable and migrates the schema; failures are one UserInputError line. */
export async function connectPostgres(
  url: string,
  options: PostgresConnectOptions = {},
): Promise<PostgresConnection> {
  const location = redactStoreLocation(url);
  const scrub = (error: unknown): unknown => {
    if (error instanceof Error) {
      error.message = scrubSecrets(messageOf(error), url);
      if (error.stack !== undefined) error.stack = scrubSecrets(error.stack, url);
    }
    return error;
  };
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    // A CLI process must be able to exit even if a caller forgets close().
    allowExitOnIdle: true,
  });
  // An idle client losing its server emits here; the pool drops it and the next query reconnects.
  pool.on("error", () => undefined);

  try {
    const client = await pool.connect();
    try {
      await applyPostgresMigrations(client);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    if (BenchsmithError.isInstance(error)) throw error;
    const message = scrubSecrets(messageOf(error), url);
    throw new UserInputError(`cannot open the PostgreSQL store ${location}: ${message}`, connectHint(error));
  }

  const fail = (error: unknown): unknown => {
    if (BenchsmithError.isInstance(error)) return error;
    if (isConnectionError(error)) {
      return new UnavailableError(
        `lost the connection to the PostgreSQL store ${location}: ${scrubSecrets(messageOf(error), url)}`,
        "check that the server is up; an interrupted run continues with --resume",
      );
    }
    return scrub(error);
  };
  let closed: Promise<void> | undefined;
  return {
    location,
    async query<Row extends pg.QueryResultRow>(sql: string, params?: unknown[]) {
      try {
        return await pool.query<Row>(sql, params);
      } catch (error) {
        throw fail(error);
      }
    },
    close() {
      closed ??= pool.end();
      return closed;
    },
  };
}
