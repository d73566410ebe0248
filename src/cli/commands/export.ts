import { existsSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import {
  EXPORT_FORMATS,
  type ExportFormat,
  isExportFormatId,
  parseModelRef,
  readBenchmark,
  taskName,
  UserInputError,
} from "../../index.js";
import type { CommandModule } from "../command-module.js";
import { noFileError, print, printError } from "../output.js";

export interface ExportFlags {
  format?: string;
  out?: string;
  name?: string;
  models?: string;
  maxTokens?: string;
}

/** Default output beside the benchmark: bench.export.csv, bench.inspect.jsonl, bench-lm-eval/ ... */
export function defaultExportPath(benchmark: string, format: ExportFormat): string {
  const base = join(dirname(benchmark), basename(benchmark).replace(/\.jsonl?$/i, ""));
  if (format.output === "directory") return `${base}-${format.id}`;
  const tag = format.fileExtension === `.${format.id}` ? "export" : format.id;
  return `${base}.${tag}${format.fileExtension}`;
}

/** Runs `benchsmith export`; returns the files written. */
export async function runExport(benchmark: string, flags: ExportFlags): Promise<string[]> {
  const formats = Object.keys(EXPORT_FORMATS).join(", ");
  if (flags.format === undefined) throw new UserInputError("no --format given", `formats: ${formats}`);
  if (!isExportFormatId(flags.format))
    throw new UserInputError(`unknown export format "${flags.format}"`, `formats: ${formats}`);
  const format: ExportFormat = EXPORT_FORMATS[flags.format];
  const models = (flags.models ?? "")
    .split(",")
    .map((ref) => ref.trim())
    .filter((ref) => ref !== "");
  for (const ref of models) parseModelRef(ref);
  const outPath = resolve(flags.out ?? defaultExportPath(benchmark, format));
  if (outPath === resolve(benchmark))
    throw new UserInputError("--out is the benchmark file itself", "choose another output path");
  if (!existsSync(benchmark))
    throw noFileError(benchmark, "pass the benchmark JSONL that `benchsmith make` (or `import`) wrote");
  const { items, warnings } = await readBenchmark(benchmark);
  for (const warning of warnings) printError(warning);
  if (items.length === 0) throw new UserInputError(`${benchmark} has no items`);
  const name = taskName(flags.name ?? basename(benchmark).replace(/\.jsonl?$/i, ""));
  const maxTokens = flags.maxTokens === undefined ? undefined : Number(flags.maxTokens);
  if (maxTokens !== undefined && !(Number.isInteger(maxTokens) && maxTokens > 0))
    throw new UserInputError(
      `--max-tokens must be a positive integer, got "${flags.maxTokens}"`,
      "e.g. --max-tokens 4096",
    );
  const { files } = await format.write(items, outPath, { name, models, maxTokens });
  print(`exported ${items.length} items as ${format.id}:`);
  for (const file of files) print(`  ${file}`);
  return files;
}

export const exportCommand: CommandModule = {
  name: "export",
  summary:
    "Export a benchmark for other tools: jsonl, csv, lm-eval (lm-evaluation-harness), inspect, promptfoo.",
  register(program: Command) {
    program
      .command("export")
      .description(this.summary)
      .argument("<benchmark>", "benchmark JSONL (one item per line)")
      .option("--format <format>", `one of: ${Object.keys(EXPORT_FORMATS).join(", ")}`)
      .option("--out <path>", "output file (a folder for lm-eval); default beside the benchmark")
      .option("--name <name>", "task / suite name (default: the benchmark's file name)")
      .option("--models <refs>", "promptfoo: model refs to list as providers")
      .option(
        "--max-tokens <n>",
        "output-token limit per reply in lm-eval / inspect / promptfoo (default 4096)",
      )
      .action(async (benchmark: string, options: ExportFlags) => {
        await runExport(benchmark, options);
      });
  },
};
