import { Command } from "commander";
import { readPackageVersion } from "../internal.js";
import { COMMANDS } from "./commands/index.js";
import { addGlobalOptions } from "./global-options.js";

/** The whole CLI, built without parsing anything (main.ts runs it; the docs generator reads its help). */
export function buildProgram(): Command {
  const program = addGlobalOptions(
    new Command("benchsmith")
      .description(
        "A benchmark factory for LLMs: make, discover, tune and plan benchmarks, evaluate models on them, audit and report.",
      )
      .version(readPackageVersion() ?? "unknown")
      .showHelpAfterError("(run with --help for usage)")
      .exitOverride(),
  );
  for (const command of Object.values(COMMANDS)) command.register(program);
  return program;
}
