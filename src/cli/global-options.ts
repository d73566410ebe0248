import { closeSync, existsSync, openSync, readSync, statSync } from "node:fs";
import { isAbsolute, relative, sep } from "node:path";
import type { Command } from "commander";
import {
  type LoadedConfig,
  loadConfig,
  openRuntime,
  type Runtime,
  type RuntimeOptions,
  UserInputError,
} from "../index.js";

/** The program-wide flags every command accepts (before or after its name). */
export interface GlobalOptions {
  config?: string;
  store?: string;
  quiet?: boolean;
}

/** Declares --config, --store and --quiet on the program. */
export function addGlobalOptions(program: Command): Command {
  return program
    .option("--config <file>", "config file (default: benchsmith.config.{json,yaml,yml,ts} in this folder)")
    .option(
      "--store <file|url>",
      "run store: a SQLite file or a postgres:// URL (default: .benchsmith/benchsmith.sqlite)",
    )
    .option("--quiet", "no progress or info lines; results and warnings only");
}

/** Runtime options from the global flags: progress bars only on a TTY and when not --quiet. */
export function runtimeOptionsFrom(command: Command): RuntimeOptions {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const quiet = globals.quiet === true;
  return {
    ...(globals.config === undefined ? {} : { configPath: globals.config }),
    ...(globals.store === undefined ? {} : { storePath: globals.store }),
    quiet,
    interactive: process.stderr.isTTY === true && !quiet,
    handleInterrupts: true,
  };
}

/**
 * What a command action calls to get config + store, honouring the global flags:
 * `const runtime = await openCliRuntime(command); try { ... } finally { runtime.close(); }`
 * (`command` is the last argument commander passes to an action).
 */
export function openCliRuntime(command: Command): Promise<Runtime> {
  return openRuntime(runtimeOptionsFrom(command));
}

/** Where a missing store is looked for, and what makes one (the commands that only read runs never do). */
const STORE_HINT =
  "check --store / BENCHSMITH_STORE / the config's store:; a store is created by the first make/eval/tune/discover/plan run";

/**
 * openCliRuntime for a command that only reads runs (runs list/show, view, report of run ids): a SQLite
 * store that is not there is a typo'd --store, so it fails with one line (exit 2) instead of leaving an
 * empty store behind and reporting "no runs"; so does a file that is not SQLite (`--store bench.jsonl`).
 * `hint` goes before the store hint (what was being looked up).
 * A postgres:// store is opened as is: a missing database is already an error there.
 */
export async function openCliRuntimeForReading(command: Command, hint?: string): Promise<Runtime> {
  const { config } = await loadCliConfig(command);
  const problem = sqliteStoreProblem(config.store);
  if (problem !== undefined)
    throw new UserInputError(problem, hint === undefined ? STORE_HINT : `${hint}; ${STORE_HINT}`);
  return openCliRuntime(command);
}

/** Every SQLite file starts with this header; benchsmith writes its schema on open, so a store never is empty. */
const SQLITE_HEADER = Buffer.from("SQLite format 3\0", "latin1");

/**
 * Why a store location cannot be read as an existing SQLite store, or undefined. loadConfig resolves a
 * SQLite store to an absolute path and leaves a postgres:// URL as it is, so only an absolute location is
 * a file to look at (an unresolved ":memory:" is not absolute either, and opens as is).
 */
function sqliteStoreProblem(location: string): string | undefined {
  if (!isAbsolute(location)) return undefined;
  if (!existsSync(location)) return `no store at ${displayPath(location)}`;
  // A folder is left to the store, which already refuses it in one line.
  if (!statSync(location).isFile()) return undefined;
  const header = Buffer.alloc(SQLITE_HEADER.length);
  let read: number;
  try {
    const descriptor = openSync(location, "r");
    try {
      read = readSync(descriptor, header, 0, header.length, 0);
    } finally {
      closeSync(descriptor);
    }
  } catch {
    // Unreadable (permissions): the store's own open names that in one line.
    return undefined;
  }
  if (header.equals(SQLITE_HEADER)) return undefined;
  // SQLite would take an empty file as a new database: reading must not turn it into a store either.
  return `${displayPath(location)} is not a store (${read === 0 ? "an empty file" : "not a SQLite file"})`;
}

/** A path as the user most likely typed it: ./x for one under the working directory, else absolute. */
function displayPath(path: string): string {
  const fromCwd = relative(process.cwd(), path);
  if (fromCwd === "" || fromCwd === ".." || fromCwd.startsWith(`..${sep}`) || isAbsolute(fromCwd))
    return path;
  return `.${sep}${fromCwd}`;
}

/** Config only (no store opened), for commands that never touch runs. */
export function loadCliConfig(command: Command): Promise<LoadedConfig> {
  const options = runtimeOptionsFrom(command);
  return loadConfig({
    cwd: process.cwd(),
    env: process.env,
    configPath: options.configPath,
    flags: { store: options.storePath },
  });
}
