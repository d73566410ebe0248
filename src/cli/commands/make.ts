import { readFile, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import {
  BenchsmithError,
  estimateMakeCost,
  MAKE_DEFAULTS,
  type MakeCostEstimate,
  type MakeOptions,
  type MakeResult,
  type MakeRunSpec,
  type MakeStats,
  makeBenchmark,
  parseSpecYaml,
  runCommand,
  stringifySpecYaml,
  UserInputError,
  type WorkOutcome,
  writeJsonl,
  writeOutput,
} from "../../index.js";
import { createQueueEvaluator, type RedisLink, redactRedisUrl } from "../../internal.js";
import type { CommandModule } from "../command-module.js";
import { addFlags, readFlags, withFlagNames } from "../flag-table.js";
import { print, printError } from "../output.js";
import { openRuntimeAndQueue, QUEUE_FLAGS, queueLimits, readQueueFlag } from "../queue-flags.js";
import { RUN_FLAGS, readRunFlags, warnAboutIgnoredFlags } from "../run-flags.js";
import { MAKE_FLAGS } from "./make-flags.js";
import { storedBatchSamples, unbatchedSamples } from "./make-runtime.js";

interface MakeCommandFlags {
  out?: string;
  spec?: string;
  saveSpec?: string;
  dryRun?: boolean;
}

async function readSpecFile(path: string) {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw new UserInputError(`cannot read the spec file ${path}`, "write one with --save-spec <file>");
  }
  return parseSpecYaml(text, path);
}

/** The options typed on the command line; the demand may come from the spec file. */
async function optionsFrom(
  demandArgument: string | undefined,
  command: Command,
  fallbackGenerator: string,
): Promise<MakeOptions> {
  const { spec: specPath } = command.opts<MakeCommandFlags>();
  const spec = specPath ? await readSpecFile(specPath) : undefined;
  const demand = demandArgument ?? spec?.demand;
  if (!demand)
    throw new UserInputError(
      "no assessment demand given",
      'e.g. benchsmith make "high-school chemistry" -n 20',
    );
  const typed = readFlags(command, MAKE_FLAGS);
  return { ...typed, demand, generator: typed.generator ?? fallbackGenerator, ...(spec ? { spec } : {}) };
}

/** 0 < accepted < n: the warning line with the shortfall and the most frequent rejection reasons. */
function warnShortfall(stats: MakeStats): void {
  const top = Object.entries(stats.rejectedByReason)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([code, count]) => `${code} ${count}`)
    .join(", ");
  printError(
    `warning: only ${stats.accepted} of ${stats.requested} items accepted (${stats.requested - stats.accepted} missing)` +
      `${top ? `; top rejection reasons: ${top}` : ""}; --resume the run to fill the missing slots`,
  );
}

function printEstimate(estimate: MakeCostEstimate, count: number | undefined): void {
  print(`${estimate.configuration}: ${count ?? MAKE_DEFAULTS.count} items`);
  for (const step of [...estimate.setup, ...estimate.perItem]) {
    const scope = estimate.setup.includes(step) ? "once" : "per item";
    print(
      `  ${step.step.padEnd(20)} ${String(step.calls).padStart(3)} call(s) ${scope}, ~${step.inputTokens} in / ${step.outputTokens} out tokens`,
    );
  }
  const { total } = estimate;
  const calls =
    total.minCalls === total.maxCalls ? `${total.minCalls}` : `${total.minCalls}-${total.maxCalls}`;
  print(
    `  total: ${calls} calls (discrimination only on conflicts), ~${total.inputTokens} input + ${total.outputTokens} output tokens`,
  );
  print(`  worst case with every attempt rejected and repaired: ${estimate.worstCaseCalls} calls`);
}

/** `status` is the run's recorded one (a run that accepted nothing is failed, though make stopped short). */
function printSummary(runId: string, status: string, stats: MakeStats, out: string | undefined): void {
  const reasons = Object.entries(stats.rejectedByReason)
    .sort((a, b) => b[1] - a[1])
    .map(([code, count]) => `${code} ${count}`)
    .join(", ");
  print(`run ${runId}: ${status}${stats.stopReason ? ` (${stats.stopReason})` : ""}`);
  print(
    `accepted ${stats.accepted}/${stats.requested}${stats.resumedAccepted ? ` (${stats.resumedAccepted} from before the resume)` : ""}`,
  );
  print(`rejected ${stats.rejected}${reasons ? `: ${reasons}` : ""}`);
  const cost = stats.costUsd === undefined ? "cost unknown (no price)" : `$${stats.costUsd.toFixed(4)}`;
  print(
    `calls ${stats.calls} (+${stats.cachedResponses} cached), tokens ${stats.inputTokens} in / ${stats.outputTokens} out, ${cost}, ${(stats.elapsedMs / 1000).toFixed(1)} s`,
  );
  print(
    `responses by step: ${Object.entries(stats.byStep)
      .map(([step, tally]) => `${step} ${tally.responses}`)
      .join(", ")}`,
  );
  for (const warning of stats.warnings) print(`warning: ${warning}`);
  if (out) print(`wrote ${out}`);
}

/** Runs the pipeline and writes its outputs, inside the run's lifecycle. */
async function makeWork(
  spec: MakeRunSpec,
  context: Parameters<typeof makeBenchmark>[1],
  link: RedisLink | undefined,
): Promise<WorkOutcome<MakeResult>> {
  const remote =
    link === undefined ? undefined : createQueueEvaluator({ link, store: context.store, log: context.log });
  let result: MakeResult;
  try {
    result = await makeBenchmark(spec.options, context, remote);
  } finally {
    await remote?.close();
  }
  const { stats } = result;
  if (result.items.length === 0) {
    return {
      value: result,
      summary: { ...stats },
      status: "failed",
      failure: new BenchsmithError({
        code: "no_items",
        message: `no item was accepted (${stats.rejected} rejected${stats.stopReason ? `; ${stats.stopReason}` : ""})`,
        hint: "check the generator with --dry-run / a stronger model, or raise --max-calls / --max-cost",
      }),
    };
  }
  await writeOutput(spec.out, "the benchmark", () => writeJsonl(spec.out, result.items));
  const { saveSpec } = spec;
  if (saveSpec && result.spec) {
    const text = stringifySpecYaml(result.spec);
    await writeOutput(saveSpec, "the spec", () => writeFile(saveSpec, text));
  }
  const short = result.items.length < stats.requested;
  return {
    value: result,
    summary: { ...stats, out: spec.out },
    status: stats.status,
    exitCode: short ? 3 : 0,
  };
}

/** `benchsmith make`: the BenchMaker pipeline, every component switchable. */
export const makeCommand: CommandModule = {
  name: "make",
  summary: "Generate a benchmark from an assessment demand (BenchMaker pipeline)",
  register(program: Command) {
    const command = program
      .command("make")
      .description(this.summary)
      .argument("[demand]", 'assessment demand, e.g. "college-level organic chemistry" (or from --spec)');
    addFlags(command, MAKE_FLAGS, MAKE_DEFAULTS);
    addFlags(command, RUN_FLAGS);
    addFlags(command, QUEUE_FLAGS);
    command
      .option("--out <file>", "output JSONL (default ./<run id>.jsonl)")
      .option("--spec <file>", "reuse or hand-edit the expanded demand, attributes and strategies")
      .option("--save-spec <file>", "write the expanded demand, attributes and strategies as YAML")
      .option("--dry-run", "print the expected calls and tokens, call nothing")
      .addHelpText(
        "after",
        "\nExit codes: 0 = all n items accepted, 2 = nothing accepted or a user error,\n" +
          "3 = fewer than n accepted (the JSONL holds those; --resume <run> fills the missing slots).",
      )
      .action(async (demand: string | undefined, _flags: MakeCommandFlags, self: Command) => {
        try {
          await runMake(demand, self);
        } catch (error) {
          throw withFlagNames(MAKE_FLAGS, error);
        }
      });
  },
};

async function runMake(demand: string | undefined, command: Command): Promise<void> {
  const flags = command.opts<MakeCommandFlags>();
  if (flags.dryRun) {
    const options = await optionsFrom(demand, command, "(default model)");
    printEstimate(estimateMakeCost(options), options.count);
    if (!options.direct) printEstimate(estimateMakeCost({ ...options, direct: true }), options.count);
    return;
  }
  const { resume, budget } = readRunFlags(command);
  const queue = readQueueFlag(command);
  const { runtime, link } = await openRuntimeAndQueue(command, queue);
  try {
    const fresh =
      resume === undefined ? await optionsFrom(demand, command, runtime.config.defaultModel) : undefined;
    const spec: MakeRunSpec | undefined = fresh && {
      options: fresh,
      // The run id is not known yet: "<run id>.jsonl" is filled in below for a new run.
      out: flags.out ? resolve(flags.out) : "",
      ...(flags.saveSpec ? { saveSpec: resolve(flags.saveSpec) } : {}),
      ...(queue === undefined ? {} : { queue: redactRedisUrl(queue) }),
    };
    // Batching is settled when the run's models are built: a resumed run keeps its stored setting.
    const batchSamples = fresh === undefined ? await storedBatchSamples(runtime, resume) : fresh.batchSamples;
    const result = await runCommand(
      batchSamples === false ? unbatchedSamples(runtime) : runtime,
      {
        kind: "make",
        spec,
        resume,
        seed: fresh?.seed ?? MAKE_DEFAULTS.seed,
        budget,
        ...queueLimits(link, runtime.store),
      },
      async (run) => {
        if (run.resumed)
          warnAboutIgnoredFlags({
            command,
            table: MAKE_FLAGS,
            stored: run.spec.options,
            argument: { name: "demand", given: demand, stored: run.spec.options.demand },
          });
        const out = run.spec.out || resolve(`${run.run.id}.jsonl`);
        return makeWork({ ...run.spec, out }, run.context, link);
      },
    );
    const { stats, items, rejected } = result.value;
    const out = typeof result.run.summary?.out === "string" ? result.run.summary.out : undefined;
    printSummary(result.run.id, result.run.status, stats, out);
    if (result.failure) {
      for (const rejection of rejected.slice(0, 5))
        printError(`  slot ${rejection.slot}: ${rejection.reason}`);
      throw result.failure;
    }
    if (items.length < stats.requested) warnShortfall(stats);
    process.exitCode = result.exitCode;
  } finally {
    await runtime.close();
    await link?.close();
  }
}
