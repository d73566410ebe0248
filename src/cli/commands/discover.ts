import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import {
  buildDiscoveryReport,
  DISCOVER_DEFAULTS,
  type DiscoverOptions,
  type DiscoverResult,
  type DiscoverRunSpec,
  discoverBenchmark,
  NothingDiscoveredError,
  type PipelineContext,
  readPriorResults,
  runCommand,
  trajectoryRows,
  UserInputError,
  type WorkOutcome,
  writeJsonl,
  writeOutput,
} from "../../index.js";
import { createQueueEvaluator, type RedisLink, redactRedisUrl } from "../../internal.js";
import type { CommandModule } from "../command-module.js";
import { addFlags, readFlags, withFlagNames } from "../flag-table.js";
import { print, printError, printTable, sanitizeForTerminal } from "../output.js";
import { openRuntimeAndQueue, QUEUE_FLAGS, queueLimits, readQueueFlag } from "../queue-flags.js";
import { RUN_FLAGS, readRunFlags, warnAboutIgnoredFlags } from "../run-flags.js";
import { DISCOVER_FLAGS } from "./discover-flags.js";

interface DiscoverCommandFlags {
  prior?: string[];
  out?: string;
  report?: string;
}

/** `benchsmith discover`: AutoBencher's search for descriptions where the candidates fail. */
export const discoverCommand: CommandModule = {
  name: "discover",
  summary: "Search for difficult, novel, salient dataset descriptions and build a benchmark (AutoBencher)",
  register(program: Command) {
    const command = program
      .command("discover")
      .description(this.summary)
      .argument("[domain]", 'the domain to search in, e.g. "world history" (not needed with --resume)');
    addFlags(command, DISCOVER_FLAGS, DISCOVER_DEFAULTS);
    addFlags(command, RUN_FLAGS);
    addFlags(command, QUEUE_FLAGS);
    command
      .option("--prior <files...>", "eval results over the same candidates (novelty's prior benchmarks)")
      .option("--out <file>", "benchmark JSONL (default ./<run id>.jsonl)")
      .option("--report <file>", "discovery report JSON (default <out>.report.json)")
      .addHelpText(
        "after",
        "\nExit codes: 0 = benchmark of --final-size items written, 2 = nothing usable or a user error,\n" +
          "3 = stopped short (budget, or fewer items passed the checks; --resume <run> continues).",
      )
      .action(async (domain: string | undefined, _flags: DiscoverCommandFlags, self: Command) => {
        try {
          await runDiscover(domain, self);
        } catch (error) {
          throw withFlagNames(DISCOVER_FLAGS, error);
        }
      });
  },
};

async function optionsFrom(
  domain: string | undefined,
  command: Command,
  fallback: string,
): Promise<DiscoverOptions> {
  if (!domain)
    throw new UserInputError("no domain given", 'e.g. benchsmith discover "world history" --candidates a,b');
  const typed = readFlags(command, DISCOVER_FLAGS);
  const candidates = typed.candidates ?? [];
  const { prior } = command.opts<DiscoverCommandFlags>();
  const priors =
    prior === undefined
      ? []
      : await readPriorResults(
          prior.map((path) => resolve(path)),
          candidates,
        );
  return { ...typed, domain, candidates, writer: typed.writer ?? fallback, priors };
}

async function runDiscover(domain: string | undefined, command: Command): Promise<void> {
  const flags = command.opts<DiscoverCommandFlags>();
  const { resume, budget } = readRunFlags(command);
  const queue = readQueueFlag(command);
  const { runtime, link } = await openRuntimeAndQueue(command, queue);
  try {
    const fresh =
      resume === undefined ? await optionsFrom(domain, command, runtime.config.defaultModel) : undefined;
    const out = flags.out ? resolve(flags.out) : "";
    const spec: DiscoverRunSpec | undefined = fresh && {
      ...fresh,
      // The run id is not known yet: the defaults are filled in below for a new run.
      out,
      report: flags.report ? resolve(flags.report) : "",
      ...(queue === undefined ? {} : { queue: redactRedisUrl(queue) }),
    };
    const result = await runCommand(
      runtime,
      {
        kind: "discover",
        spec,
        resume,
        seed: fresh?.seed ?? DISCOVER_DEFAULTS.seed,
        budget,
        ...queueLimits(link, runtime.store),
      },
      async (run) => {
        if (run.resumed)
          warnAboutIgnoredFlags({
            command,
            table: DISCOVER_FLAGS,
            stored: run.spec,
            argument: { name: "domain", given: domain, stored: run.spec.domain },
          });
        const jsonl = run.spec.out || resolve(`${run.run.id}.jsonl`);
        const report = run.spec.report || jsonl.replace(/\.jsonl$/, "") + ".report.json";
        return discoverWork({ ...run.spec, out: jsonl, report }, run.context, runtime.settings.env, link);
      },
    );
    printResult(result.run.id, result.value);
    const summary = result.run.summary ?? {};
    print(`calls ${String(summary.calls ?? 0)} recorded for this run (cached answers are free)`);
    for (const key of ["out", "report"] as const)
      if (typeof summary[key] === "string") print(`wrote ${summary[key]}`);
    if (result.failure) {
      for (const reason of NothingDiscoveredError.isInstance(result.failure) ? result.failure.reasons : [])
        printError(`  - ${sanitizeForTerminal(reason)}`);
      throw result.failure;
    }
    process.exitCode = result.exitCode;
  } finally {
    await runtime.close();
    await link?.close();
  }
}

/** Runs the search and writes the benchmark and the report, inside the run's lifecycle. */
async function discoverWork(
  spec: DiscoverRunSpec,
  context: PipelineContext,
  processEnv: NodeJS.ProcessEnv,
  link: RedisLink | undefined,
): Promise<WorkOutcome<DiscoverResult>> {
  const { out, report, ...options } = spec;
  const remote =
    link === undefined ? undefined : createQueueEvaluator({ link, store: context.store, log: context.log });
  let result: DiscoverResult;
  try {
    result = await discoverBenchmark(options, context, { processEnv, remote });
  } finally {
    await remote?.close();
  }
  const calls = await context.store.callStats(context.runId);
  const text = `${JSON.stringify({ ...buildDiscoveryReport(result), calls }, null, 2)}\n`;
  await writeOutput(report, "the discovery report", () => writeFile(report, text));
  if (result.items.length > 0) await writeOutput(out, "the benchmark", () => writeJsonl(out, result.items));
  const summary = {
    status: result.status,
    stopReason: result.stopReason,
    explored: result.trajectory.length,
    winner: result.ranked[0]?.id,
    items: result.items.length,
    calls: calls.calls,
    costUsd: calls.costUsd,
    report,
    ...(result.items.length > 0 ? { out } : {}),
  };
  if (result.failure) return { value: result, summary, status: "failed", failure: result.failure };
  return { value: result, summary, status: result.status, exitCode: result.status === "completed" ? 0 : 3 };
}

function printResult(runId: string, result: DiscoverResult): void {
  const { candidates } = result.options;
  print(`run ${runId}: ${result.status}${result.stopReason ? ` (${result.stopReason})` : ""}`);
  printTable(trajectoryRows(result.trajectory, candidates), [
    "id",
    "description",
    ...candidates,
    "difficulty",
    "separability",
    "novelty",
    "salience",
    { key: "n", align: "right" },
    "objective",
  ]);
  const report = buildDiscoveryReport(result);
  for (const kept of report.kept) {
    const accuracies = kept.accuracies
      .map(
        (entry) =>
          `${entry.model} ${entry.accuracy.toFixed(2)} [${entry.low.toFixed(2)}, ${entry.high.toFixed(2)}]`,
      )
      .join(", ");
    const description = sanitizeForTerminal(kept.description);
    print(`kept ${kept.id} "${description}": ${kept.items} items; ${accuracies || "no accuracies"}`);
  }
  for (const warning of result.warnings) printError(`warning: ${sanitizeForTerminal(warning)}`);
}
