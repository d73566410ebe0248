import type { Command } from "commander";
import { type LoadedConfig, loadConfig, openRuntime, type Runtime, type RuntimeOptions } from "../index.js";

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
