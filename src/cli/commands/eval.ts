import { basename, dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import {
  type EvalResults,
  evaluateBenchmark,
  formatLeaderboard,
  type Item,
  openRuntime,
  parseModelRef,
  type RuntimeOptions,
  readBenchmark,
  startRun,
  UserInputError,
  writeTextFile,
} from "../../index.js";
import type { CommandModule } from "../command-module.js";
import { runtimeOptionsFrom } from "../global-options.js";
import { print, printError } from "../output.js";
import { parseInteger, parsePositiveInt } from "../parse-options.js";

export interface EvalFlags {
  models?: string;
  cot?: boolean;
  judge?: string;
  concurrency?: string;
  limit?: string;
  out?: string;
  resume?: string;
  seed?: string;
}

/** What an eval run needs, as stored in the run's spec (a resumed run reuses it). */
interface EvalSpec {
  benchmark: string;
  models: string[];
  chainOfThought: boolean;
  judge: string | undefined;
  concurrency: number;
  limit: number | undefined;
  out: string;
}

/** `results.json` beside the benchmark: bench.jsonl -> bench.results.json. */
export function defaultResultsPath(benchmark: string): string {
  const name = basename(benchmark).replace(/\.jsonl?$/i, "");
  return join(dirname(benchmark), `${name}.results.json`);
}

function specFromFlags(benchmark: string, flags: EvalFlags): EvalSpec {
  const models = (flags.models ?? "")
    .split(",")
    .map((ref) => ref.trim())
    .filter((ref) => ref !== "");
  if (models.length === 0 && flags.resume === undefined)
    throw new UserInputError(
      "no models to evaluate",
      "pass --models <provider:model>[,...], e.g. --models openai:gpt-4o-mini,ollama:qwen2.5",
    );
  // Parse every ref now, so a typo fails before any item is read or any call is made.
  for (const ref of [...models, ...(flags.judge ? [flags.judge] : [])]) parseModelRef(ref);
  if (new Set(models).size !== models.length) throw new UserInputError("a model is listed twice in --models");
  return {
    benchmark: resolve(benchmark),
    models,
    chainOfThought: flags.cot === true,
    judge: flags.judge,
    concurrency: flags.concurrency === undefined ? 4 : parsePositiveInt("--concurrency", flags.concurrency),
    limit: flags.limit === undefined ? undefined : parsePositiveInt("--limit", flags.limit),
    out: resolve(flags.out ?? defaultResultsPath(benchmark)),
  };
}

/** Reads the benchmark (duplicate ids are an error) and prints its warnings, e.g. copied items, on stderr. */
async function readBenchmarkAndWarn(path: string): Promise<Item[]> {
  const { items, warnings } = await readBenchmark(path);
  for (const warning of warnings) printError(warning);
  return items;
}

/** Runs `benchsmith eval` and returns the results (the command prints and writes them). */
export async function runEval(
  benchmark: string,
  flags: EvalFlags,
  runtimeOptions: RuntimeOptions = {},
): Promise<EvalResults> {
  const requested = specFromFlags(benchmark, flags);
  const seed = flags.seed === undefined ? 1 : parseInteger("--seed", flags.seed);
  // Read the benchmark before opening a run, so a bad file leaves no empty run behind.
  const requestedItems =
    flags.resume === undefined ? await readBenchmarkAndWarn(requested.benchmark) : undefined;
  const runtime = await openRuntime(runtimeOptions);
  try {
    const started = startRun(runtime, {
      kind: "eval",
      spec: { ...requested },
      seed,
      ...(flags.resume !== undefined ? { resume: flags.resume } : {}),
    });
    // A resumed run keeps its stored spec, so its outcomes stay comparable.
    const spec = started.resumed ? { ...requested, ...(started.run.spec as Partial<EvalSpec>) } : requested;
    const items = requestedItems ?? (await readBenchmarkAndWarn(spec.benchmark));
    let results: EvalResults;
    try {
      results = await evaluateBenchmark(
        {
          items,
          models: spec.models,
          benchmark: spec.benchmark,
          chainOfThought: spec.chainOfThought,
          judge: spec.judge ?? undefined,
          concurrency: spec.concurrency,
          limit: spec.limit ?? undefined,
        },
        started.context,
      );
    } catch (error) {
      started.finish(started.context.signal?.aborted ? "stopped" : "failed", {
        error: error instanceof Error ? error.message : String(error),
      });
      throw error;
    }
    await writeTextFile(spec.out, `${JSON.stringify(results, null, 2)}\n`);
    started.finish("completed", {
      results: spec.out,
      itemCount: results.itemCount,
      accuracy: Object.fromEntries(results.models.map((model) => [model.model, model.accuracy])),
      flags: results.flags,
    });
    for (const line of formatLeaderboard(results)) print(line);
    print();
    print(`results: ${spec.out}  (run ${started.run.id}; resume with --resume ${started.run.id})`);
    return results;
  } finally {
    await runtime.close();
  }
}

export const evalCommand: CommandModule = {
  name: "eval",
  summary:
    "Evaluate models on a benchmark: leaderboard with intervals, rank confidence and heuristic baselines.",
  register(program: Command) {
    program
      .command("eval")
      .description(this.summary)
      .argument("<benchmark>", "benchmark JSONL (one item per line)")
      .option("--models <refs>", "comma-separated model refs, e.g. openai:gpt-4o-mini,ollama:qwen2.5")
      .option("--cot", "ask for step-by-step reasoning ending in 'Answer: X'")
      .option("--judge <model>", "judge model for open answers that do not match the reference")
      .option("--concurrency <n>", "replies in flight at once (default 4)")
      .option("--limit <n>", "evaluate only the first n items")
      .option("--out <path>", "results JSON (default: <benchmark>.results.json beside the benchmark)")
      .option("--resume <run>", "continue an earlier eval run; finished outcomes are reused")
      .option("--seed <s>", "seed for the random baselines (default 1)")
      .action(async (benchmark: string, options: EvalFlags, command: Command) => {
        await runEval(benchmark, options, runtimeOptionsFrom(command));
      });
  },
};
