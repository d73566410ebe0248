import { basename, dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import {
  type ActiveRun,
  assertWritable,
  BudgetExceededError,
  EVAL_DEFAULTS,
  type EvalResults,
  type EvalRunSpec,
  type EvaluateBenchmarkOptions,
  evaluateBenchmark,
  formatLeaderboard,
  type Item,
  parseModelRef,
  readBenchmark,
  resolveEvalSettings,
  runCommand,
  UserInputError,
  type WorkOutcome,
  writeOutput,
  writeTextFile,
} from "../../index.js";
import { createQueueEvaluator, type RedisLink, redactRedisUrl } from "../../internal.js";
import type { CommandModule } from "../command-module.js";
import {
  addFlags,
  asInteger,
  asList,
  asText,
  type FlagTable,
  readFlags,
  withFlagNames,
} from "../flag-table.js";
import { print, printError } from "../output.js";
import { openRuntimeAndQueue, QUEUE_FLAGS, queueLimits, readQueueFlag } from "../queue-flags.js";
import { RUN_FLAGS, readRunFlags, warnAboutIgnoredFlags } from "../run-flags.js";

/** Every evaluateBenchmark option and the flag that sets it (null: set another way). */
export const EVAL_FLAGS: FlagTable<EvaluateBenchmarkOptions> = {
  items: null, // read from the <benchmark> file
  benchmark: null, // the <benchmark> argument
  models: {
    flag: "--models <refs>",
    description: "comma-separated model refs, e.g. openai:gpt-4o-mini,ollama:qwen2.5",
    parse: asList,
  },
  chainOfThought: { flag: "--cot", description: "ask for step-by-step reasoning ending in 'Answer: X'" },
  judge: {
    flag: "--judge <model>",
    description: "judge model for open answers that do not match the reference",
    parse: asText,
  },
  concurrency: { flag: "--concurrency <n>", description: "replies in flight at once", parse: asInteger },
  limit: { flag: "--limit <n>", description: "evaluate only the first n items", parse: asInteger },
  seed: { flag: "--seed <s>", description: "seed for the random baselines", parse: asInteger },
  remote: null, // --queue (QUEUE_FLAGS): built from the Redis URL once the run has started
};

/** `results.json` beside the benchmark: bench.jsonl -> bench.results.json. */
export function defaultResultsPath(benchmark: string): string {
  const name = basename(benchmark).replace(/\.jsonl?$/i, "");
  return join(dirname(benchmark), `${name}.results.json`);
}

/** A new run's spec from the command line; refs are parsed now, so a typo fails before any call. */
function specFrom(benchmark: string, command: Command, queue: string | undefined): EvalRunSpec {
  const typed = readFlags(command, EVAL_FLAGS);
  const models = typed.models ?? [];
  if (models.length === 0)
    throw new UserInputError(
      "no models to evaluate",
      "pass --models <provider:model>[,...], e.g. --models openai:gpt-4o-mini,ollama:qwen2.5",
    );
  for (const ref of [...models, ...(typed.judge ? [typed.judge] : [])]) parseModelRef(ref);
  const { out } = command.opts<{ out?: string }>();
  return {
    benchmark: resolve(benchmark),
    options: resolveEvalSettings({ ...typed, models }),
    ...(queue === undefined ? {} : { queue: redactRedisUrl(queue) }),
    out: resolve(out ?? defaultResultsPath(benchmark)),
  };
}

/** Reads the benchmark (duplicate ids are an error) and prints its warnings, e.g. copied items, on stderr. */
async function readBenchmarkAndWarn(path: string): Promise<Item[]> {
  const { items, warnings } = await readBenchmark(path);
  for (const warning of warnings) printError(warning);
  return items;
}

/** Evaluates and writes the results, inside the run's lifecycle; a spent budget stops it cleanly. */
async function evalWork(
  run: ActiveRun<"eval">,
  items: Item[],
  link: RedisLink | undefined,
  out: string,
): Promise<WorkOutcome<EvalResults | undefined>> {
  const { spec, context } = run;
  let results: EvalResults;
  const remote =
    link === undefined ? undefined : createQueueEvaluator({ link, store: context.store, log: context.log });
  try {
    results = await evaluateBenchmark({ ...spec.options, items, benchmark: spec.benchmark, remote }, context);
  } catch (error) {
    if (!BudgetExceededError.isInstance(error)) throw error;
    // Every graded answer is already stored, so --resume continues where the budget ran out.
    return { value: undefined, summary: { stopReason: error.message }, status: "stopped", exitCode: 3 };
  } finally {
    await remote?.close();
  }
  const text = `${JSON.stringify(results, null, 2)}\n`;
  await writeOutput(out, "the results", () => writeTextFile(out, text));
  return {
    value: results,
    summary: {
      results: out,
      itemCount: results.itemCount,
      accuracy: Object.fromEntries(results.models.map((model) => [model.model, model.accuracy])),
      flags: results.flags,
    },
  };
}

/** Runs `benchsmith eval` (`command` carries its flags) and returns the results it wrote, if any. */
async function runEval(benchmark: string, command: Command): Promise<EvalResults | undefined> {
  const { resume, budget } = readRunFlags(command);
  const queue = readQueueFlag(command);
  const fresh = resume === undefined ? specFrom(benchmark, command, queue) : undefined;
  // Read the benchmark (and reach Redis) before opening a run, so a bad file leaves no empty run behind.
  const freshItems = fresh && (await readBenchmarkAndWarn(fresh.benchmark));
  // A resumed run may be pointed at a new --out (its stored one may be what could not be written).
  const outOnResume = resume === undefined ? undefined : command.opts<{ out?: string }>().out;
  if (fresh) await assertWritable(fresh.out, "the results");
  const { runtime, link } = await openRuntimeAndQueue(command, queue);
  let out = "";
  try {
    const result = await runCommand(
      runtime,
      {
        kind: "eval",
        spec: fresh,
        resume,
        seed: fresh?.options.seed ?? EVAL_DEFAULTS.seed,
        budget,
        ...queueLimits(link, runtime.store),
      },
      async (run) => {
        if (run.resumed)
          warnAboutIgnoredFlags({
            command,
            table: EVAL_FLAGS,
            stored: run.spec.options,
            argument: { name: "benchmark", given: resolve(benchmark), stored: run.spec.benchmark },
          });
        out = outOnResume === undefined ? run.spec.out : resolve(outOnResume);
        if (run.resumed) await assertWritable(out, "the results");
        return evalWork(run, freshItems ?? (await readBenchmarkAndWarn(run.spec.benchmark)), link, out);
      },
    );
    const runId = result.run.id;
    if (result.value === undefined) {
      printError(
        `run ${runId} stopped: ${String(result.run.summary?.stopReason)}; the answers so far are stored: ` +
          `continue with --resume ${runId} and a larger --max-calls / --max-cost`,
      );
    } else {
      for (const line of formatLeaderboard(result.value)) print(line);
      print();
      print(`results: ${out}  (run ${runId}; resume with --resume ${runId})`);
    }
    process.exitCode = result.exitCode;
    return result.value;
  } finally {
    await runtime.close();
    await link?.close();
  }
}

export const evalCommand: CommandModule = {
  name: "eval",
  summary:
    "Evaluate models on a benchmark: leaderboard with intervals, rank confidence and heuristic baselines.",
  register(program: Command) {
    const command = program
      .command("eval")
      .description(this.summary)
      .argument("<benchmark>", "benchmark JSONL (one item per line)");
    addFlags(command, EVAL_FLAGS, EVAL_DEFAULTS);
    addFlags(command, RUN_FLAGS);
    addFlags(command, QUEUE_FLAGS);
    command
      .option("--out <path>", "results JSON (default: <benchmark>.results.json beside the benchmark)")
      .addHelpText(
        "after",
        "\nExit codes: 0 = every answer graded, 2 = a user error (flags, files),\n" +
          "3 = stopped by --max-calls / --max-cost (the answers so far are stored; --resume <run> continues).",
      )
      .action(async (benchmark: string, _flags: unknown, self: Command) => {
        try {
          await runEval(benchmark, self);
        } catch (error) {
          throw withFlagNames(EVAL_FLAGS, error);
        }
      });
  },
};
