import { basename, dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import { type ReadBenchmarkResult, readBenchmark, UserInputError, writeJsonl } from "../../index.js";
import type { CommandModule } from "../command-module.js";
import { print, printError, sanitizeForTerminal } from "../output.js";

export interface ImportFlags {
  out?: string;
}

/** How many rejected rows `import` lists one per line before it only counts the rest. */
const REJECTED_SHOWN = 5;

/** Default output beside the input: data/test.parquet -> data/test.bench.jsonl. */
export function defaultImportPath(input: string): string {
  const stem = basename(input).replace(/\.(?:jsonl|ndjson|json|csv|tsv|parquet)$/i, "");
  return join(dirname(input), `${stem}.bench.jsonl`);
}

/** Runs `benchsmith import`: reads any dataset file readBenchmark reads and writes our JSONL schema. */
export async function runImport(
  input: string,
  flags: ImportFlags,
): Promise<ReadBenchmarkResult & { out: string }> {
  const out = resolve(flags.out ?? defaultImportPath(input));
  if (out === resolve(input))
    throw new UserInputError("--out is the input file itself", "choose another output path");
  const read = await readBenchmark(input);
  if (read.items.length === 0) throw new UserInputError(`${input} has no rows`);
  // The rejected-rows summary is listed in full below; print only the other warnings here.
  for (const warning of read.warnings.filter((line) => !/could not become an item/.test(line)))
    printError(warning);
  try {
    await writeJsonl(out, read.items);
  } catch (error) {
    // A refusal of the file system (a missing folder's parent is a file, no permission) is the user's to fix.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    throw new UserInputError(`cannot write ${out} (${code})`, "choose a path you can write to");
  }
  const rejected = read.rejected.length;
  print(
    `imported ${read.items.length} items from ${input} (${read.format}, ${read.source === "benchsmith" ? "already benchsmith items" : "dataset rows"}) -> ${out}`,
  );
  if (rejected > 0) {
    printError(`${rejected} row(s) could not become an item and were left out:`);
    for (const row of read.rejected.slice(0, REJECTED_SHOWN))
      printError(`  ${read.rowUnit} ${row.row}: ${sanitizeForTerminal(row.reason)}`);
    if (rejected > REJECTED_SHOWN) printError(`  ... and ${rejected - REJECTED_SHOWN} more`);
  }
  return { ...read, out };
}

export const importCommand: CommandModule = {
  name: "import",
  summary:
    "Convert a dataset file (JSONL, JSON, CSV, TSV or Parquet rows) into a benchsmith benchmark JSONL.",
  register(program: Command) {
    program
      .command("import")
      .description(this.summary)
      .argument("<file>", "dataset rows with question / choices (or options, A..D columns) / answer")
      .option("--out <path>", "benchmark JSONL to write (default: <file>.bench.jsonl beside it)")
      .action(async (file: string, options: ImportFlags) => {
        await runImport(file, options);
      });
  },
};
