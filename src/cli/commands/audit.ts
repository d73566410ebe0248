import type { Command } from "commander";
import {
  accuracyTable,
  formatAuditReport,
  locateBuiltInReferences,
  readBenchmark,
  readReferenceFile,
  readResultsFile,
  runAudit,
  startRun,
  UserInputError,
  writeJsonl,
} from "../../index.js";
import type { CommandModule } from "../command-module.js";
import { openCliRuntime } from "../global-options.js";
import { print, printError } from "../output.js";
import { parseInteger } from "../parse-options.js";

interface AuditFlags {
  results?: string;
  referenceResults?: string;
  paraphraseResults?: string;
  judge?: string;
  judgeMode: string;
  demand?: string;
  compare: string[];
  models?: string;
  embedder?: string;
  run?: string;
  leakageRef: string[];
  leakageData?: string;
  builtinLeakage: boolean;
  prune?: boolean;
  out?: string;
  seed: string;
  config?: string;
  store?: string;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export const auditCommand: CommandModule = {
  name: "audit",
  summary:
    "Score a benchmark on the ten quality criteria, with model statistics, IRT calibration, leakage and artifact probes",
  register(program: Command) {
    program
      .command("audit")
      .description(this.summary)
      .argument("<bench>", "benchmark JSONL file")
      .option("--results <file>", "results.json from `benchsmith eval` on this benchmark")
      .option("--models <refs>", "comma-separated model refs to evaluate now (when no --results)")
      .option(
        "--reference-results <file>",
        "results.json of the same models on a reference benchmark (effectiveness)",
      )
      .option(
        "--paraphrase-results <file>",
        "results.json on a benchmark made from a paraphrased demand (robustness)",
      )
      .option("--judge <model>", "judge model for faithfulness and alignment")
      .option("--judge-mode <mode>", "itemwise | comparison", "itemwise")
      .option("--demand <text>", "the demand the benchmark was made for (alignment)")
      .option(
        "--compare <file>",
        "another benchmark JSONL judged alongside for the debiasing regression (repeatable)",
        collect,
        [],
      )
      .option("--embedder <model>", "embedding model for semantic diversity")
      .option("--run <id>", "id of the run that generated the benchmark (efficiency, demand)")
      .option(
        "--leakage-ref <file>",
        "JSONL of public items to check overlap against (repeatable)",
        collect,
        [],
      )
      .option(
        "--leakage-data <dir>",
        "folder with the built-in reference sets mmlu/test.jsonl, mmlu-pro/items.jsonl (default: $BENCHSMITH_REFERENCE_DATA, else none)",
      )
      .option("--no-builtin-leakage", "skip the built-in MMLU / MMLU-Pro reference sets")
      .option("--prune", "write the items IRT calibration keeps (needs --out)")
      .option("--out <file>", "where --prune writes the kept items")
      .option("--seed <n>", "seed for sampling and bootstraps", "1")
      .option("--config <file>", "config file")
      .option("--store <file>", "SQLite store file")
      .action(async (bench: string, flags: AuditFlags, command: Command) => {
        if (flags.prune && !flags.out)
          throw new UserInputError("--prune needs --out <file>", "e.g. --prune --out kept.jsonl");
        if (flags.judgeMode !== "itemwise" && flags.judgeMode !== "comparison") {
          throw new UserInputError(`--judge-mode must be itemwise or comparison, got "${flags.judgeMode}"`);
        }
        const seed = parseInteger("--seed", flags.seed);
        if (flags.results && flags.models) throw new UserInputError("give --results or --models, not both");
        const read = await readBenchmark(bench);
        const items = read.items;
        const comparisons = await Promise.all(
          flags.compare.map(async (path) => {
            const compared = await readBenchmark(path);
            read.warnings.push(...compared.warnings);
            return { name: path, items: compared.items };
          }),
        );
        for (const warning of read.warnings) printError(warning);
        const results = flags.results ? await readResultsFile(flags.results) : undefined;
        const reference = flags.referenceResults ? await readResultsFile(flags.referenceResults) : undefined;
        const paraphrase = flags.paraphraseResults
          ? await readResultsFile(flags.paraphraseResults)
          : undefined;
        const builtIn = flags.builtinLeakage
          ? locateBuiltInReferences({ directory: flags.leakageData, env: process.env })
          : { paths: [], note: undefined };
        const referencePaths = [...builtIn.paths, ...flags.leakageRef];
        const leakageReferences = (await Promise.all(referencePaths.map(readReferenceFile))).flat();

        const runtime = await openCliRuntime(command);
        try {
          const generating = flags.run ? await runtime.store.getRun(flags.run) : undefined;
          if (flags.run && generating === undefined) {
            throw new UserInputError(
              `run ${flags.run} is not in the store`,
              "list runs with `benchsmith runs`",
            );
          }
          const storedDemand = generating?.spec.demand;
          const demand = flags.demand ?? (typeof storedDemand === "string" ? storedDemand : undefined);
          const models = flags.models
            ?.split(",")
            .map((model) => model.trim())
            .filter(Boolean);
          const started = startRun(runtime, {
            kind: "audit",
            seed,
            spec: { bench, ...flags, referencePaths },
          });
          const notes: string[] = builtIn.note === undefined ? [] : [builtIn.note];
          if (flags.embedder) {
            notes.push(
              `--embedder ${flags.embedder}: no configured provider can embed yet, so semantic diversity uses the labelled TF-IDF fallback`,
            );
          }
          try {
            const report = await runAudit(
              {
                benchmark: { name: bench, items },
                comparisons,
                ...(results ? { results } : {}),
                ...(models?.length ? { models } : {}),
                ...(reference
                  ? { referenceResults: accuracyTable(reference, flags.referenceResults ?? "") }
                  : {}),
                ...(paraphrase
                  ? { paraphraseResults: accuracyTable(paraphrase, flags.paraphraseResults ?? "") }
                  : {}),
                ...(flags.judge ? { judge: flags.judge } : {}),
                judgeMode: flags.judgeMode,
                ...(demand ? { demand } : {}),
                ...(flags.run ? { generatingRun: flags.run } : {}),
                leakageReferences,
              },
              started.context,
            );
            report.notes.push(...notes);
            for (const line of formatAuditReport(report)) print(line);
            if (flags.prune && flags.out) {
              if (!report.calibration) {
                throw new UserInputError(
                  "--prune needs per-item results of >= 2 models",
                  "pass --results results.json or --models a,b",
                );
              }
              const kept = new Set(report.calibration.keptIds);
              await writeJsonl(
                flags.out,
                items.filter((item) => kept.has(item.id)),
              );
              print(`kept ${kept.size} of ${items.length} items -> ${flags.out}`);
            }
            started.finish("completed", {
              items: items.length,
              criteria: Object.fromEntries(report.rows.map((row) => [row.criterion, row.value ?? null])),
            });
          } catch (error) {
            started.finish("failed", { error: error instanceof Error ? error.message : String(error) });
            throw error;
          }
        } finally {
          await runtime.close();
        }
      });
  },
};
