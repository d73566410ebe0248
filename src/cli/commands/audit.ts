import { resolve } from "node:path";
import type { Command } from "commander";
import {
  type ActiveRun,
  AUDIT_DEFAULTS,
  type AuditReport,
  type AuditRunSpec,
  BudgetExceededError,
  checkAuditOptions,
  createModelEmbedder,
  type Embedder,
  formatAuditReport,
  formatSubtaskBreakdown,
  runAudit,
  runCommand,
  UserInputError,
  type WorkOutcome,
  writeJsonl,
  writeOutput,
} from "../../index.js";
import type { CommandModule } from "../command-module.js";
import { withFlagNames } from "../flag-table.js";
import { openCliRuntime } from "../global-options.js";
import { print, printError } from "../output.js";
import { readRunFlags } from "../run-flags.js";
import { AUDIT_FLAGS, addAuditFlags, readAuditFlags } from "./audit-flags.js";
import { readGeneratingRun } from "./audit-generating-run.js";
import { type AuditInputs, readAuditInputs } from "./audit-inputs.js";

/** The --embedder model through the run's model stack (cache per text, budget, cost, retry, rate limit). */
function embedderOf(run: ActiveRun<"audit">, ref: string): Embedder {
  const resolve = run.context.resolveEmbedder;
  if (resolve === undefined) throw new UserInputError(`cannot resolve the embedding model ${ref} here`);
  return createModelEmbedder({ model: resolve(ref), label: ref, signal: run.context.signal });
}

/** Audits and writes the pruned items, inside the run's lifecycle; a spent budget stops it cleanly. */
async function auditWork(
  run: ActiveRun<"audit">,
  inputs: AuditInputs,
  bench: string,
  generators: readonly string[],
): Promise<WorkOutcome<AuditReport | undefined>> {
  const { spec } = run;
  const embedder = spec.embedder === undefined ? undefined : embedderOf(run, spec.embedder);
  let report: AuditReport;
  try {
    report = await runAudit(
      {
        benchmark: { name: bench, items: inputs.items },
        comparisons: inputs.comparisons,
        ...(inputs.referenceBenchmark ? { referenceBenchmark: inputs.referenceBenchmark } : {}),
        ...(inputs.results ? { results: inputs.results } : {}),
        ...(spec.models?.length ? { models: spec.models } : {}),
        ...(inputs.referenceResults ? { referenceResults: inputs.referenceResults } : {}),
        ...(inputs.paraphraseResults ? { paraphraseResults: inputs.paraphraseResults } : {}),
        ...(spec.judge ? { judge: spec.judge } : {}),
        judgeMode: spec.judgeMode,
        ...(spec.demand ? { demand: spec.demand } : {}),
        ...(spec.generatingRun ? { generatingRun: spec.generatingRun } : {}),
        generators,
        ...(spec.prunedOut ? { prune: true } : {}),
        ...(embedder ? { embedder } : {}),
        leakageReferences: inputs.leakageReferences,
      },
      run.context,
    );
  } catch (error) {
    if (!BudgetExceededError.isInstance(error)) throw error;
    printError(
      `run ${run.run.id} stopped: ${error.message}; re-run with a larger --max-calls / --max-cost ` +
        "(the calls already made are served from the cache)",
    );
    return { value: undefined, summary: { stopReason: error.message }, status: "stopped", exitCode: 3 };
  }
  report.notes.push(...inputs.notes);
  // A terminal gets the table wrapped to its width; a pipe or file gets whole lines (grep-able).
  const width = process.stdout.isTTY ? process.stdout.columns : Number.POSITIVE_INFINITY;
  for (const line of formatAuditReport(report, width)) print(line);
  if (inputs.results) for (const line of formatSubtaskBreakdown(inputs.results.models)) print(line);
  const { prunedOut } = spec;
  if (prunedOut) {
    if (!report.calibration)
      throw new UserInputError(
        "--prune found nothing to calibrate: IRT needs >= 2 items that every model answered",
        "pass --results of models that answered the same items",
      );
    const kept = new Set(report.calibration.keptIds);
    const items = inputs.items.filter((item) => kept.has(item.id));
    await writeOutput(prunedOut, "the kept items", () => writeJsonl(prunedOut, items));
    print(`kept ${kept.size} of ${inputs.items.length} items -> ${prunedOut}`);
  }
  return {
    value: report,
    summary: {
      items: inputs.items.length,
      criteria: Object.fromEntries(report.rows.map((row) => [row.criterion, row.value ?? null])),
    },
  };
}

async function runAuditCommand(bench: string, command: Command): Promise<void> {
  const typed = readAuditFlags(command);
  const { compare } = typed;
  const { budget } = readRunFlags(command);
  if (typed.prune && !typed.out)
    throw new UserInputError("--prune needs --out <file>", "e.g. --prune --out kept.jsonl");
  if (typed.results && typed.models) throw new UserInputError("give --results or --models, not both");
  if (typed.referenceBench && !typed.judge)
    throw new UserInputError("--reference-bench is rated by the judge", "add --judge <model>");
  const inputs = await readAuditInputs({
    ...typed,
    bench,
    builtinLeakage: typed.builtinLeakage !== false,
  });
  // Checked with the results read, before a run is opened or any call paid for.
  checkAuditOptions({
    ...(typed.judgeMode === undefined ? {} : { judgeMode: typed.judgeMode }),
    ...(typed.prune ? { prune: true } : {}),
    ...(inputs.results ? { results: inputs.results } : {}),
    ...(typed.models ? { models: typed.models } : {}),
  });
  const runtime = await openCliRuntime(command);
  try {
    const { generatingRun } = typed;
    const recorded = generatingRun
      ? await readGeneratingRun(runtime, generatingRun)
      : { demand: undefined, generators: [] };
    const demand = typed.demand ?? recorded.demand;
    const optional = (value: string | undefined) => (value === undefined ? undefined : resolve(value));
    const spec: AuditRunSpec = {
      benchmark: resolve(bench),
      compare: compare.map((path) => resolve(path)),
      referenceBench: optional(typed.referenceBench),
      results: optional(typed.results),
      models: typed.models,
      referenceResults: optional(typed.referenceResults),
      paraphraseResults: optional(typed.paraphraseResults),
      judge: typed.judge,
      judgeMode: typed.judgeMode ?? AUDIT_DEFAULTS.judgeMode,
      demand,
      embedder: typed.embedder,
      generatingRun,
      leakageReferences: inputs.referencePaths,
      prunedOut: typed.prune ? optional(typed.out) : undefined,
    };
    const result = await runCommand(
      runtime,
      { kind: "audit", spec, seed: typed.seed ?? AUDIT_DEFAULTS.seed, budget },
      (run) => auditWork(run, inputs, bench, recorded.generators),
    );
    process.exitCode = result.exitCode;
  } finally {
    await runtime.close();
  }
}

export const auditCommand: CommandModule = {
  name: "audit",
  summary:
    "Score a benchmark on the ten quality criteria, with model statistics, IRT calibration, leakage and artifact probes",
  register(program: Command) {
    const command = program
      .command("audit")
      .description(this.summary)
      .argument("<bench>", "benchmark JSONL file");
    addAuditFlags(command, AUDIT_DEFAULTS);
    command
      .addHelpText(
        "after",
        "\nExit codes: 0 = audited, 2 = a user error (flags, files),\n" +
          "3 = stopped by --max-calls / --max-cost (a re-run serves the calls already made from the cache).",
      )
      .action(async (bench: string, _flags: unknown, self: Command) => {
        try {
          await runAuditCommand(bench, self);
        } catch (error) {
          throw withFlagNames(AUDIT_FLAGS, error);
        }
      });
  },
};
