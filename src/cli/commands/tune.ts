import { resolve } from "node:path";
import type { Command } from "commander";
import {
  DESIGNERS,
  type DesignerName,
  type HistoryEntry,
  resolveTemplate,
  startRun,
  TEMPLATES,
  tuneBenchmark,
  UserInputError,
  writeJsonl,
} from "../../index.js";
import type { CommandModule } from "../command-module.js";
import { openCliRuntime } from "../global-options.js";
import { print, printError } from "../output.js";
import {
  parseNonNegativeInt,
  parseNonNegativeNumber,
  parsePositiveInt,
  parseProbability,
} from "../parse-options.js";

interface TuneFlags {
  targetModel: string;
  targetAccuracy: string;
  designer: string;
  designerModel?: string;
  tolerance: string;
  maxIters: string;
  itemsPerIter: string;
  size?: string;
  seed: string;
  out?: string;
  resume?: string;
  concurrency: string;
  maxCost?: string;
  maxCalls?: string;
  config?: string;
  store?: string;
}

/** `--designer optimizer|random|one-shot` picks a model-free designer; anything else is a model ref for the LLM designer. */
function parseDesigner(
  value: string,
  designerModel: string | undefined,
): { designer: DesignerName; designerModel: string | undefined } {
  if (Object.hasOwn(DESIGNERS, value)) {
    const designer = value as DesignerName;
    if (DESIGNERS[designer].needsModel && !designerModel)
      throw new UserInputError(
        `--designer ${value} needs --designer-model <provider:model>`,
        "or pass the model directly: --designer openai:gpt-4o",
      );
    return { designer, designerModel };
  }
  if (!value.includes(":")) {
    throw new UserInputError(
      `unknown designer "${value}"`,
      `use one of ${Object.keys(DESIGNERS).join(", ")} or a model ref like openai:gpt-4o`,
    );
  }
  return { designer: "llm", designerModel: value };
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

/** Spec field -> the flag (commander attribute name) that sets it; `template` is the argument. */
const SPEC_FLAGS = {
  template: { flag: "<template>", option: undefined },
  targetModel: { flag: "--target-model", option: "targetModel" },
  targetAccuracy: { flag: "--target-accuracy", option: "targetAccuracy" },
  designer: { flag: "--designer", option: "designer" },
  designerModel: { flag: "--designer-model", option: "designerModel" },
  tolerance: { flag: "--tolerance", option: "tolerance" },
  maxIters: { flag: "--max-iters", option: "maxIters" },
  itemsPerIter: { flag: "--items-per-iter", option: "itemsPerIter" },
  finalItems: { flag: "--size", option: "size" },
  out: { flag: "--out", option: "out" },
  seed: { flag: "--seed", option: "seed" },
} as const satisfies Record<string, { flag: string; option: string | undefined }>;

/** Flags typed on this command line whose value differs from the resumed run's stored spec. */
function differingFlags(
  command: Command,
  requested: Record<string, unknown>,
  stored: Record<string, unknown>,
): string[] {
  const differing: string[] = [];
  for (const [key, { flag, option }] of Object.entries(SPEC_FLAGS)) {
    // Defaults the user never typed are not a request to change anything.
    if (option !== undefined && command.getOptionValueSource(option) !== "cli") continue;
    const value = requested[key];
    if (value === undefined || value === stored[key]) continue;
    differing.push(`${flag} ${String(value)} (stored ${String(stored[key] ?? "unset")})`);
  }
  return differing;
}

/** `benchsmith tune`: BeTaL — tune a parameterised template until the target model hits the target accuracy. */
export const tuneCommand: CommandModule = {
  name: "tune",
  summary: "Tune a parameterised template until a target model hits a target accuracy (BeTaL)",
  register(program: Command) {
    program
      .command("tune")
      .description(this.summary)
      .argument(
        "<template>",
        `built-in template (${Object.keys(TEMPLATES).join(", ")}) or a path to a template module (.ts)`,
      )
      .requiredOption("--target-model <model>", "model whose accuracy is tuned, e.g. openai:gpt-4o-mini")
      .requiredOption("--target-accuracy <x>", "accuracy to aim for, in [0, 1]")
      .option(
        "--designer <designer>",
        "optimizer | random | one-shot | a model ref for the LLM designer",
        "optimizer",
      )
      .option("--designer-model <model>", "model for the one-shot baseline (default: a heuristic proposal)")
      .option(
        "--tolerance <x>",
        "stop when |accuracy - target| is within this, confirmed on a fresh sample: the pooled accuracy (first + fresh sample) within it and the fresh sample's own accuracy within max(this, one standard error sqrt(t(1-t)/n)) of the target t",
        "0.05",
      )
      .option("--max-iters <n>", "designer iterations at most", "10")
      .option("--items-per-iter <n>", "fresh items the target answers per iteration", "40")
      .option("--size <n>", "items in the emitted benchmark (default: --items-per-iter)")
      .option(
        "--seed <n>",
        "seed for item generation and the designers (fixed default, so re-running a finished tune is served from the response cache)",
        "0",
      )
      .option("--out <file>", "where to write the benchmark JSONL (default ./<template>.tune.jsonl)")
      .option(
        "--resume <run>",
        "continue an interrupted tune run without repeating its measurements (its stored spec wins; only --concurrency, --max-cost and --max-calls apply anew)",
      )
      .option("--concurrency <n>", "target-model calls in flight", "4")
      .option("--max-cost <usd>", "stop when the run has spent this much")
      .option("--max-calls <n>", "stop after this many model calls")
      .option("--config <file>", "config file")
      .option("--store <file>", "SQLite store")
      .action(async (templateArgument: string, flags: TuneFlags, command: Command) => {
        const runtime = await openCliRuntime(command);
        try {
          const { designer, designerModel } = parseDesigner(flags.designer, flags.designerModel);
          const itemsPerIter = parsePositiveInt("--items-per-iter", flags.itemsPerIter);
          const looksLikePath = /[\\/]|\.[mc]?[tj]s$/.test(templateArgument);
          const template = looksLikePath ? resolve(templateArgument) : templateArgument;
          // Fail on a bad template before a run is created for it.
          if (!flags.resume) await resolveTemplate(template);
          const spec = {
            template,
            targetModel: flags.targetModel,
            targetAccuracy: parseProbability("--target-accuracy", flags.targetAccuracy),
            designer,
            ...(designerModel ? { designerModel } : {}),
            tolerance: parseProbability("--tolerance", flags.tolerance),
            maxIters: parsePositiveInt("--max-iters", flags.maxIters),
            itemsPerIter,
            finalItems: flags.size ? parsePositiveInt("--size", flags.size) : itemsPerIter,
            out: resolve(
              flags.out ?? `${templateArgument.replace(/^.*[\\/]|\.[mc]?[tj]s$/g, "")}.tune.jsonl`,
            ),
          };
          const seed = parseNonNegativeInt("--seed", flags.seed);
          const budget = {
            ...(flags.maxCost ? { maxCostUsd: parseNonNegativeNumber("--max-cost", flags.maxCost) } : {}),
            ...(flags.maxCalls ? { maxCalls: parseNonNegativeInt("--max-calls", flags.maxCalls) } : {}),
          };
          const started = startRun(runtime, {
            kind: "tune",
            spec,
            seed,
            ...(flags.resume ? { resume: flags.resume } : {}),
            ...(Object.keys(budget).length ? { budget } : {}),
          });
          // A resumed run keeps its stored spec (seed included).
          const stored = started.run.spec as typeof spec & { seed: number };
          if (started.resumed) {
            const differing = differingFlags(command, { ...spec, seed }, stored);
            if (differing.length)
              printError(
                `warning: these flags differ from the stored spec of run ${started.run.id} and are ignored (the stored values are used): ${differing.join(", ")}`,
              );
          }
          print(
            `${started.resumed ? "resuming" : "started"} tune run ${started.run.id} (seed ${stored.seed})`,
          );
          try {
            const result = await tuneBenchmark(
              {
                template: stored.template,
                targetModel: stored.targetModel,
                targetAccuracy: stored.targetAccuracy,
                designer: stored.designer,
                ...(stored.designerModel ? { designerModel: stored.designerModel } : {}),
                tolerance: stored.tolerance,
                maxIters: stored.maxIters,
                itemsPerIter: stored.itemsPerIter,
                finalItems: stored.finalItems,
                seed: stored.seed,
                concurrency: parsePositiveInt("--concurrency", flags.concurrency),
                onIteration: (entry) => print(formatEntry(entry)),
              },
              started.context,
            );
            if (started.resumed) for (const entry of result.history) print(formatEntry(entry));
            const summary: Record<string, unknown> = {
              stopReason: result.stopReason,
              iterations: result.iterations,
              best: result.best?.params,
            };
            if (result.final) {
              const { final } = result;
              await writeJsonl(stored.out, final.items);
              print(
                `best params ${JSON.stringify(final.params)} (${result.stopReason} after ${result.iterations} iterations)`,
              );
              const { measurement, deviation } = final;
              if (measurement && deviation !== undefined) {
                print(
                  `final benchmark: ${final.items.length} items -> ${stored.out}; target accuracy ${measurement.accuracy.toFixed(3)} ` +
                    `[${measurement.interval.low.toFixed(2)}, ${measurement.interval.high.toFixed(2)}], deviation ${deviation.toFixed(3)} from ${stored.targetAccuracy}`,
                );
                Object.assign(summary, {
                  out: stored.out,
                  final: "measured",
                  finalAccuracy: measurement.accuracy,
                  deviation,
                });
              } else {
                print(
                  `final benchmark: ${final.items.length} items -> ${stored.out}; unmeasured (budget spent): ` +
                    `the target never answered these items; best iteration measured ${result.best?.pooled.accuracy.toFixed(3)}`,
                );
                Object.assign(summary, { out: stored.out, final: "unmeasured" });
              }
            } else
              print(
                `no benchmark emitted: the budget ran out before any measurement; resume with --resume ${started.run.id}`,
              );
            started.finish(result.stopReason === "budget" ? "stopped" : "completed", summary);
          } catch (error) {
            started.finish(started.context.signal?.aborted ? "stopped" : "failed", {
              error: error instanceof Error ? error.message : String(error),
            });
            throw error;
          }
        } finally {
          await runtime.close();
        }
      });
  },
};
