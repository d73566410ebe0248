import { resolve } from "node:path";
import type { Command } from "commander";
import {
  type ActiveRun,
  DESIGNERS,
  describeFinalSize,
  type HistoryEntry,
  resolveTemplate,
  resolveTuneOptions,
  runCommand,
  TEMPLATES,
  TUNE_DEFAULTS,
  type TuneResult,
  type TuneRunSpec,
  tuneBenchmark,
  UserInputError,
  type WorkOutcome,
  writeJsonl,
  writeOutput,
} from "../../index.js";
import { createQueueEvaluator, type RedisLink, redactRedisUrl } from "../../internal.js";
import type { CommandModule } from "../command-module.js";
import { addFlags, readFlags, withFlagNames } from "../flag-table.js";
import { print } from "../output.js";
import { openRuntimeAndQueue, QUEUE_FLAGS, queueLimits, readQueueFlag } from "../queue-flags.js";
import { RUN_FLAGS, readRunFlags, warnAboutIgnoredFlags } from "../run-flags.js";
import { designerShorthand, TUNE_FLAGS } from "./tune-flags.js";

/** A new run's spec; the template is loaded now, so a bad one fails before a run is created for it. */
async function specFrom(
  templateArgument: string,
  command: Command,
  queue: string | undefined,
): Promise<TuneRunSpec> {
  const typed = designerShorthand(readFlags(command, TUNE_FLAGS));
  const { targetModel, targetAccuracy } = typed;
  if (targetModel === undefined || targetAccuracy === undefined)
    throw new UserInputError(
      `${targetModel === undefined ? "--target-model" : "--target-accuracy"} is required`,
      "e.g. --target-model openai:gpt-4o-mini --target-accuracy 0.5",
    );
  const template = templateOf(templateArgument);
  await resolveTemplate(template);
  const options = resolveTuneOptions({ ...typed, template, targetModel, targetAccuracy });
  const { out } = command.opts<{ out?: string }>();
  return {
    options: { ...options, template },
    out: resolve(out ?? `${templateArgument.replace(/^.*[\\/]|\.[mc]?[tj]s$/g, "")}.tune.jsonl`),
    ...(queue === undefined ? {} : { queue: redactRedisUrl(queue) }),
  };
}

function formatEntry(entry: HistoryEntry): string {
  const { pooled } = entry;
  const status = entry.confirmed ? " confirmed" : entry.confirmation ? " (not confirmed)" : "";
  const fallback = entry.fallback ? ` [fallback: ${entry.fallback}]` : "";
  return (
    `iter ${entry.iteration + 1}  ${JSON.stringify(entry.params)}  acc ${pooled.accuracy.toFixed(3)} ` +
    `[${pooled.interval.low.toFixed(2)}, ${pooled.interval.high.toFixed(2)}] n=${pooled.total}${status}  ${entry.designer}${fallback}`
  );
}

/** Runs the loop and writes the benchmark, inside the run's lifecycle. */
async function tuneWork(
  run: ActiveRun<"tune">,
  command: Command,
  link: RedisLink | undefined,
): Promise<WorkOutcome<TuneResult>> {
  const { spec, context } = run;
  const runId = run.run.id;
  print(`${run.resumed ? "resuming" : "started"} tune run ${runId} (seed ${run.seed})`);
  const { targetAccuracy, tolerance, finalItems } = spec.options;
  print(describeFinalSize({ target: targetAccuracy, tolerance, size: finalItems }).text);
  const { concurrency } = readFlags(command, TUNE_FLAGS);
  const remote =
    link === undefined ? undefined : createQueueEvaluator({ link, store: context.store, log: context.log });
  let result: TuneResult;
  try {
    result = await tuneBenchmark(
      {
        ...spec.options,
        concurrency: concurrency ?? spec.options.concurrency,
        onIteration: (entry) => print(formatEntry(entry)),
        remote,
      },
      context,
    );
  } finally {
    await remote?.close();
  }
  if (run.resumed) for (const entry of result.history) print(formatEntry(entry));
  const summary: Record<string, unknown> = {
    stopReason: result.stopReason,
    iterations: result.iterations,
    best: result.best?.params,
  };
  const status = result.stopReason === "budget" ? "stopped" : "completed";
  // A budget stop exits 3, as make, eval, discover, plan and audit do.
  const exitCode = status === "stopped" ? 3 : 0;
  const { final } = result;
  if (final === undefined) {
    print(`no benchmark emitted: the budget ran out before any measurement; resume with --resume ${runId}`);
    return { value: result, summary, status, exitCode };
  }
  await writeOutput(spec.out, "the benchmark", () => writeJsonl(spec.out, final.items));
  print(
    `best params ${JSON.stringify(final.params)} (${result.stopReason} after ${result.iterations} iterations)`,
  );
  const { measurement, deviation, deviationInterval } = final;
  const head = `final benchmark: ${final.items.length} items -> ${spec.out}`;
  if (measurement && deviation !== undefined && deviationInterval) {
    print(
      `${head}; target accuracy ${measurement.accuracy.toFixed(3)} ` +
        `[${measurement.interval.low.toFixed(3)}, ${measurement.interval.high.toFixed(3)}], ` +
        `deviation ${deviation.toFixed(3)} [${deviationInterval.low.toFixed(3)}, ${deviationInterval.high.toFixed(3)}] (95%) from ${targetAccuracy}; ` +
        `standard error ${final.size.standardError.toFixed(3)}`,
    );
    Object.assign(summary, {
      out: spec.out,
      final: "measured",
      finalAccuracy: measurement.accuracy,
      deviation,
      deviationLow: deviationInterval.low,
      deviationHigh: deviationInterval.high,
      finalStandardError: final.size.standardError,
    });
  } else {
    print(
      `${head}; unmeasured (budget spent): the target never answered these items; ` +
        `best iteration measured ${result.best?.pooled.accuracy.toFixed(3)}`,
    );
    Object.assign(summary, { out: spec.out, final: "unmeasured" });
  }
  return { value: result, summary, status, exitCode };
}

/** A template argument that looks like a path is stored resolved; a built-in name as it is. */
function templateOf(templateArgument: string): string {
  return /[\\/]|\.[mc]?[tj]s$/.test(templateArgument) ? resolve(templateArgument) : templateArgument;
}

/** On --resume: one warning line naming the given flags (and template) that differ from the stored run. */
function warnAboutIgnoredTuneFlags(command: Command, stored: TuneRunSpec, templateArgument: string): void {
  const typed = readFlags(command, TUNE_FLAGS);
  const { designer, designerModel } = stored.options;
  // --concurrency applies anew; a model ref given as --designer is compared with the stored model.
  const shorthand = typed.designer !== undefined && !Object.hasOwn(DESIGNERS, typed.designer);
  const storedDesigner = shorthand && designer === "llm" ? designerModel : designer;
  warnAboutIgnoredFlags({
    command,
    table: TUNE_FLAGS,
    stored: {
      ...stored.options,
      ...(typed.concurrency === undefined ? {} : { concurrency: typed.concurrency }),
      ...(storedDesigner === undefined ? {} : { designer: storedDesigner }),
    },
    argument: { name: "template", given: templateOf(templateArgument), stored: stored.options.template },
  });
}

async function runTune(templateArgument: string, command: Command): Promise<void> {
  const { resume, budget } = readRunFlags(command);
  const queue = readQueueFlag(command);
  const fresh = resume === undefined ? await specFrom(templateArgument, command, queue) : undefined;
  const { runtime, link } = await openRuntimeAndQueue(command, queue);
  try {
    const result = await runCommand(
      runtime,
      {
        kind: "tune",
        spec: fresh,
        resume,
        seed: fresh?.options.seed ?? TUNE_DEFAULTS.seed,
        budget,
        ...queueLimits(link, runtime.store),
      },
      (run) => {
        if (run.resumed) warnAboutIgnoredTuneFlags(command, run.spec, templateArgument);
        return tuneWork(run, command, link);
      },
    );
    process.exitCode = result.exitCode;
  } finally {
    await runtime.close();
    await link?.close();
  }
}

/** `benchsmith tune`: BeTaL — tune a parameterised template until the target model hits the target accuracy. */
export const tuneCommand: CommandModule = {
  name: "tune",
  summary: "Tune a parameterised template until a target model hits a target accuracy (BeTaL)",
  register(program: Command) {
    const command = program
      .command("tune")
      .description(
        `${this.summary}.\n\nThe embedded default designer is the model-free optimizer (no LLM needed); ` +
          "--designer <provider:model> runs BeTaL's LLM designer (parameter schema + history), " +
          "--designer rs-ppr | best-of-n | random | one-shot the paper's baselines, --preset betal its protocol.",
      )
      .argument(
        "<template>",
        `built-in template (${Object.keys(TEMPLATES).join(", ")}) or a path to a template module (.ts)`,
      );
    addFlags(command, TUNE_FLAGS, TUNE_DEFAULTS);
    addFlags(command, RUN_FLAGS);
    addFlags(command, QUEUE_FLAGS);
    command
      .option("--out <file>", "where to write the benchmark JSONL (default ./<template>.tune.jsonl)")
      .action(async (templateArgument: string, _flags: unknown, self: Command) => {
        try {
          await runTune(templateArgument, self);
        } catch (error) {
          throw withFlagNames(TUNE_FLAGS, error);
        }
      });
  },
};
