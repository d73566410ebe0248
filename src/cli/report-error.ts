import { CommanderError } from "commander";
import { BenchsmithError, ConfigError } from "../index.js";
import { printError } from "./output.js";

/** Exit codes: 0 ok, 1 provider/budget failure or a bug, 2 a user mistake (flags, config, input), 130 Ctrl-C. */
const EXIT_CODE_BY_ERROR_CODE: Readonly<Record<string, number>> = {
  provider_call: 1,
  source_request: 1,
  budget: 1,
  interrupted: 130,
  // Another process resumed the run while this one stalled: not a user mistake.
  run_taken_over: 1,
};

/**
 * Maps an error to what the user sees and the exit code. Known errors: one "error:" line (a config
 * error adds one line per field problem) and a "hint:" line, never a stack. Unknown errors print
 * the stack, since they are our bugs.
 */
export function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    // commander already printed its message (or help/version, which exit 0)
    return error.exitCode === 0 ? 0 : 2;
  }
  if (BenchsmithError.isInstance(error)) {
    printError(`error: ${oneLine(error.message)}`);
    if (ConfigError.isInstance(error)) {
      for (const issue of error.issues) printError(`  - ${oneLine(issue)}`);
    }
    if (error.hint) printError(`hint: ${oneLine(error.hint)}`);
    return EXIT_CODE_BY_ERROR_CODE[error.code] ?? 2;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  printError(`unexpected error (please report it): ${detail}`);
  return 1;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ");
}
