import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import {
  formatPlanReport,
  PLAN_DEFAULTS,
  type PlanOptions,
  type PlanRunSpec,
  parsePlanYaml,
  resolvePlanOptions,
  runCommand,
  UserInputError,
} from "../../index.js";
import { redactRedisUrl } from "../../internal.js";
import type { CommandModule } from "../command-module.js";
import { addFlags, readFlags, withFlagNames } from "../flag-table.js";
import { print, printError } from "../output.js";
import { openRuntimeAndQueue, QUEUE_FLAGS, queueLimits, readQueueFlag } from "../queue-flags.js";
import { RUN_FLAGS, readRunFlags, warnAboutIgnoredFlags } from "../run-flags.js";
import { PLAN_FLAGS } from "./plan-flags.js";
import { planWork } from "./plan-work.js";

interface PlanCommandFlags {
  out?: string;
  plan?: string;
  savePlan?: string;
  report?: string;
}

/** The options typed on the command line; a --plan file supplies the plan (and the query). */
async function optionsFrom(
  query: string | undefined,
  command: Command,
  fallbackModel: string,
): Promise<PlanOptions> {
  const { plan: planPath } = command.opts<PlanCommandFlags>();
  let plan: PlanOptions["plan"];
  if (planPath !== undefined) {
    const text = await readFile(planPath, "utf8").catch(() => {
      throw new UserInputError(`cannot read the plan file ${planPath}`, "write one with --save-plan <file>");
    });
    plan = parsePlanYaml(text, planPath);
  }
  const theQuery = query ?? plan?.query;
  if (!theQuery)
    throw new UserInputError(
      "no query given",
      'e.g. benchsmith plan "law and medicine reasoning" --datasets ./data --size 60',
    );
  const typed = readFlags(command, PLAN_FLAGS);
  return {
    ...typed,
    query: theQuery,
    model: typed.model ?? fallbackModel,
    ...(typed.datasets ? { datasets: typed.datasets.map((path) => resolve(path)) } : {}),
    ...(typed.docs ? { docs: resolve(typed.docs) } : {}),
    ...(plan ? { plan } : {}),
  };
}

/** `benchsmith plan`: the Benchmark Agent pipeline over the user's datasets and documents. */
export const planCommand: CommandModule = {
  name: "plan",
  summary: "Plan and build a multi-subtask benchmark from your datasets (Benchmark Agent pipeline)",
  register(program: Command) {
    const command = program
      .command("plan")
      .description(this.summary)
      .argument(
        "[query]",
        'the need, e.g. "clinical assistant: dosage arithmetic, drug interactions" (or from --plan)',
      );
    addFlags(command, PLAN_FLAGS, PLAN_DEFAULTS);
    addFlags(command, RUN_FLAGS);
    addFlags(command, QUEUE_FLAGS);
    command
      .option("--out <file>", "output JSONL (default ./<run id>.jsonl)")
      .option("--report <file>", "plan report JSON (default: <out>.plan-report.json)")
      .option("--save-plan <file>", "write the plan (subtasks, sources, quotas) as YAML")
      .option("--plan <file>", "run a saved (hand-edited) plan instead of planning")
      .addHelpText(
        "after",
        "\nGive the query first: --datasets takes every path that follows it.\n" +
          "Exit codes: 0 = every quota met, 2 = nothing usable or a user error (e.g. a query that cannot be\n" +
          "decomposed), 3 = some subtask short (the table says which and why; the JSONL holds what was accepted).",
      )
      .action(async (query: string | undefined, _flags: PlanCommandFlags, self: Command) => {
        try {
          await runPlan(query, self);
        } catch (error) {
          throw withFlagNames(PLAN_FLAGS, error);
        }
      });
  },
};

async function runPlan(query: string | undefined, command: Command): Promise<void> {
  const flags = command.opts<PlanCommandFlags>();
  const { resume, budget } = readRunFlags(command);
  const queue = readQueueFlag(command);
  const { runtime, link } = await openRuntimeAndQueue(command, queue);
  try {
    const fresh =
      resume === undefined ? await optionsFrom(query, command, runtime.config.defaultModel) : undefined;
    // Checked before a run is created for them (the library owns the rules and the defaults).
    if (fresh) resolvePlanOptions(fresh);
    const spec: PlanRunSpec | undefined = fresh && {
      ...fresh,
      // The run id is not known yet: "<run id>.jsonl" is filled in below for a new run.
      out: flags.out ? resolve(flags.out) : "",
      ...(flags.savePlan ? { savePlan: resolve(flags.savePlan) } : {}),
      ...(flags.report ? { report: resolve(flags.report) } : {}),
      ...(queue === undefined ? {} : { queue: redactRedisUrl(queue) }),
    };
    const result = await runCommand(
      runtime,
      {
        kind: "plan",
        spec,
        resume,
        seed: fresh?.seed ?? PLAN_DEFAULTS.seed,
        budget,
        ...queueLimits(link, runtime.store),
      },
      async (run) => {
        if (run.resumed)
          warnAboutIgnoredFlags({
            command,
            table: PLAN_FLAGS,
            stored: run.spec,
            argument: { name: "query", given: query, stored: run.spec.query },
          });
        const out = run.spec.out || resolve(`${run.run.id}.jsonl`);
        return planWork({ ...run.spec, out }, run.context, link);
      },
    );
    print(`run ${result.run.id}: ${result.status}`);
    for (const line of formatPlanReport(result.value.report)) print(line);
    const { summary } = result.run;
    if (result.failure) throw result.failure;
    // Set before the early return below: a --plan-only run cut by Ctrl-C still exits 130.
    process.exitCode = result.exitCode;
    if (typeof summary?.savePlan === "string") print(`wrote the plan ${summary.savePlan}`);
    if (!result.value.report || summary?.planOnly) return;
    print(`wrote ${String(summary?.out)} and ${String(summary?.report)}`);
    const { delivered, size } = result.value.report;
    if (delivered < size)
      printError(
        `warning: only ${delivered} of ${size} items (${size - delivered} missing); see "short subtasks" above, or --resume the run`,
      );
  } finally {
    await runtime.close();
    await link?.close();
  }
}
