import { resolve } from "node:path";
import type { Command } from "commander";
import { UserInputError } from "../../index.js";
import {
  copySqliteToPostgres,
  DEFAULT_STORE_PATH,
  redactStoreLocation,
  type TableCopyCount,
} from "../../internal.js";
import type { CommandModule } from "../command-module.js";
import { print, printTable } from "../output.js";

export interface StoreMigrateFlags {
  from?: string;
  to?: string;
}

/** What each table is called in the printed counts. */
const TABLE_LABELS: Readonly<Record<string, string>> = {
  runs: "runs",
  run_state: "run state",
  items: "items",
  evaluations: "evaluations",
  llm_calls: "cached calls",
  llm_cache_hits: "cache hits",
};

/** Runs `benchsmith store migrate`: copies a SQLite store into PostgreSQL and prints what it copied. */
export async function runStoreMigrate(flags: StoreMigrateFlags): Promise<TableCopyCount[]> {
  if (flags.to === undefined)
    throw new UserInputError(
      "--to is required",
      "give the PostgreSQL store, e.g. --to postgres://user@host/benchsmith",
    );
  const from = resolve(flags.from ?? DEFAULT_STORE_PATH);
  const counts = await copySqliteToPostgres({ from, to: flags.to });
  printTable(
    counts.map((count) => ({
      table: TABLE_LABELS[count.table] ?? count.table,
      copied: count.copied,
      "already there": count.read - count.copied,
      "in SQLite": count.read,
    })),
    ["table", "copied", "already there", "in SQLite"],
  );
  const total = counts.reduce((sum, count) => sum + count.copied, 0);
  print(`copied ${total} rows from ${from} to ${redactStoreLocation(flags.to)}`);
  return counts;
}

/** `benchsmith store migrate`: moves a team from the embedded SQLite store to a shared PostgreSQL one. */
export const storeCommand: CommandModule = {
  name: "store",
  summary: "manage the run store: copy a SQLite store into PostgreSQL",
  register(program: Command) {
    const store = program.command("store").description(this.summary);
    store
      .command("migrate")
      .description(
        "copy runs, items, state, evaluations and the response cache from a SQLite store into a PostgreSQL store; running it again copies only what is new",
      )
      .option("--from <file>", `SQLite store to read (default: ${DEFAULT_STORE_PATH})`)
      .option("--to <url>", "PostgreSQL store to write: postgres://user:password@host:port/database")
      .action(async (options: StoreMigrateFlags) => {
        await runStoreMigrate(options);
      });
  },
};
