import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Command } from "commander";
import type { Runtime } from "../../index.js";
// Until src/index.ts re-exports ./web/index.js, the web front end is imported directly.
import { buildReportData, collectReportInputs, sourcesNeedStore, writeReport } from "../../internal.js";
import type { CommandModule } from "../command-module.js";
import { openCliRuntimeForReading } from "../global-options.js";
import { noFileError, print } from "../output.js";

interface ReportFlags {
  bench?: string;
  audit?: string;
  tune?: string;
  title?: string;
  out: string;
}

function formatBytes(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.ceil(bytes / 1000)} kB`;
}

/** Why the store was needed: which sources are not files, so they were taken for run ids. */
function readAsRunIds(sources: readonly string[]): string {
  const quoted = sources.map((source) => `"${source}"`).join(", ");
  return sources.length === 1
    ? `${quoted} is not a file, so it was read as a run id`
    : `${quoted} are not files, so they were read as run ids`;
}

/** `benchsmith report`: one self-contained HTML file from results files or stored runs. */
export const reportCommand: CommandModule = {
  name: "report",
  summary:
    "Write one self-contained HTML report (leaderboard, difficulty, items, compare, audit, tune, discover, plan) that opens from disk",
  register(program: Command) {
    program
      .command("report")
      .description(this.summary)
      .argument(
        "<sources...>",
        "results.json files from `benchsmith eval` or run ids; the first is reported, the others are compared with it (run vs run)",
      )
      .option("--bench <file>", "benchmark JSONL (default: the one the first results file names)")
      .option("--audit <file|run>", "audit JSON or audit run id: adds the audit page")
      .option("--tune <file|run>", "tune result JSON or tune run id: adds the tune trajectory page")
      .option("--title <text>", "report title (default: the benchmark or run)")
      .option("--out <file>", "where to write the HTML", "report.html")
      .action(async (sources: string[], flags: ReportFlags, command: Command) => {
        if (flags.bench !== undefined && !existsSync(flags.bench))
          throw noFileError(
            flags.bench,
            "pass --bench <benchmark.jsonl> (the file the results were computed on)",
          );
        // The store is opened only when a source names a run, so a report of files leaves no store behind.
        const named = [...sources, flags.audit, flags.tune].filter(
          (source): source is string => source !== undefined,
        );
        const runtime: Runtime | undefined = sourcesNeedStore(named)
          ? await openCliRuntimeForReading(
              command,
              readAsRunIds(named.filter((source) => !existsSync(source))),
            )
          : undefined;
        try {
          const inputs = await collectReportInputs({
            sources,
            ...(flags.bench === undefined ? {} : { bench: flags.bench }),
            ...(flags.audit === undefined ? {} : { audit: flags.audit }),
            ...(flags.tune === undefined ? {} : { tune: flags.tune }),
            ...(flags.title === undefined ? {} : { title: flags.title }),
            ...(runtime ? { store: runtime.store } : {}),
          });
          const data = buildReportData(inputs);
          const written = await writeReport({ data, out: resolve(flags.out) });
          print(
            `report: ${written.path} (${formatBytes(written.bytes)}, ${data.itemCount} items, ${data.models.length} models)`,
          );
          print(`open ${pathToFileURL(written.path).href}`);
        } finally {
          await runtime?.close();
        }
      });
  },
};
