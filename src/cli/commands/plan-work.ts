import { basename, dirname, join } from "node:path";
import {
  BenchsmithError,
  type PipelineContext,
  type PlanResult,
  type PlanRunSpec,
  planBenchmark,
  stringifyPlanYaml,
  type WorkOutcome,
  writeJsonl,
  writeOutput,
  writeTextFile,
} from "../../index.js";
import { createQueueEvaluator, type RedisLink } from "../../internal.js";

/** The plan report beside the benchmark: bench.jsonl -> bench.plan-report.json. */
export function defaultReportPath(out: string): string {
  return join(dirname(out), `${basename(out).replace(/\.jsonl$/i, "")}.plan-report.json`);
}

/** Runs the pipeline and writes the benchmark, the report and the plan, inside the run's lifecycle. */
export async function planWork(
  spec: PlanRunSpec,
  context: PipelineContext,
  link: RedisLink | undefined,
): Promise<WorkOutcome<PlanResult>> {
  const { out, savePlan, report: reportPath = defaultReportPath(out), queue: _queue, ...options } = spec;
  const remote =
    link === undefined ? undefined : createQueueEvaluator({ link, store: context.store, log: context.log });
  let result: PlanResult;
  try {
    result = await planBenchmark(options, context, remote);
  } finally {
    await remote?.close();
  }
  const { report, items } = result;
  if (savePlan)
    await writeOutput(savePlan, "the plan", () => writeTextFile(savePlan, stringifyPlanYaml(result.plan)));
  const summary = {
    delivered: report.delivered,
    size: report.size,
    status: report.status,
    stopReason: report.stopReason,
    calls: report.calls,
    out,
    report: reportPath,
    ...(savePlan ? { savePlan } : {}),
  };
  if (options.planOnly) return { value: result, summary: { ...summary, planOnly: true } };
  if (items.length === 0)
    return {
      value: result,
      summary,
      status: "failed",
      failure: new BenchsmithError({
        code: "no_items",
        message: `no item was accepted (${report.qc.candidates} candidates${report.stopReason ? `; ${report.stopReason}` : ""})`,
        hint: "check --datasets and the models, or raise --max-calls / --max-cost",
      }),
    };
  await writeOutput(out, "the benchmark", () => writeJsonl(out, items));
  await writeOutput(reportPath, "the plan report", () =>
    writeTextFile(reportPath, `${JSON.stringify(report, null, 2)}\n`),
  );
  const short = items.length < report.size;
  return { value: result, summary, status: short ? "stopped" : "completed", exitCode: short ? 3 : 0 };
}
