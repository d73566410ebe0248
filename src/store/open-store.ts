import type { RunStore } from "../core/store-spec.js";
import type { PostgresConnectOptions } from "./postgres-connect.js";
import { isPostgresUrl } from "./postgres-url.js";
import { openSqliteStore } from "./sqlite-store.js";

export interface OpenStoreOptions {
  /** PostgreSQL pool settings (ignored for SQLite). */
  postgres?: PostgresConnectOptions;
}

/**
 * Opens the store a location names: a `postgres://` / `postgresql://` URL opens the PostgreSQL backend,
 * anything else is a SQLite file (the embedded default). Both implement the same RunStore contract.
 */
export async function openStore(location: string, options: OpenStoreOptions = {}): Promise<RunStore> {
  if (!isPostgresUrl(location)) return openSqliteStore(location);
  // Loaded only for a PostgreSQL store: a SQLite user never pays for the pg client.
  const { openPostgresStore } = await import("./postgres-store.js");
  return openPostgresStore(location.trim(), options.postgres);
}
