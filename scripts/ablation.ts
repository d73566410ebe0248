/**
 * `npm run ablation -- --generator <model> --demand "<demand>" -n N [--models a,b] [--judge m]`:
 * the paper's Table 2 rows (Direct, +attr, +diffusion, +boost, +self-correct, +discriminate, full)
 * made through the library (makeBenchmark), each audited (runAudit), printed as one table of the
 * criteria the audit computed plus the cost per accepted item.
 * `--generator scripted` (the default when no model is given) runs offline on the scripted test
 * generator with two scripted test-takers ("scripted:strong" answers right, "scripted:weak" half
 * the time): the plumbing and the table, not the paper's numbers. With a real generator, pass the
 * models to evaluate (`--models`) and a judge for faithfulness/alignment (`--judge`).
 */
import { parseArgs } from "node:util";
import { ABLATION_ROWS, type AblationResult, formatAblationTable } from "../src/pipelines/make/ablation.js";
import type { MakeOptions } from "../src/pipelines/make/index.js";
import { liveRunner, offlineRunner, SCRIPTED_MODELS } from "./helpers/ablation-runners.js";

const { values } = parseArgs({
  options: {
    generator: { type: "string", default: "scripted" },
    demand: { type: "string", default: "high-school chemistry" },
    n: { type: "string", short: "n" },
    models: { type: "string" },
    judge: { type: "string" },
    seed: { type: "string", default: "1" },
    store: { type: "string" },
  },
});
const offline = values.generator === "scripted";
const count = Number(values.n ?? (offline ? "6" : "20"));
const seed = Number(values.seed);
const models = values.models?.split(",").filter(Boolean) ?? (offline ? SCRIPTED_MODELS : []);

const runner = offline ? await offlineRunner(seed) : await liveRunner({ seed, storePath: values.store });
const results: AblationResult[] = [];
try {
  for (const row of Object.values(ABLATION_ROWS)) {
    const options: MakeOptions = {
      demand: values.demand,
      generator: values.generator,
      count,
      seed,
      ...row.options,
    };
    const made = await runner.make(options);
    const report =
      made.items.length < 2
        ? undefined
        : await runner.audit({
            benchmark: { name: row.label, items: made.items },
            demand: values.demand,
            generatingRun: made.runId,
            ...(models.length ? { models } : {}),
            ...(values.judge ? { judge: values.judge } : {}),
          });
    const { stats } = made;
    results.push({
      label: row.label,
      requested: stats.requested,
      accepted: stats.accepted,
      responses: stats.calls + stats.cachedResponses,
      inputTokens: stats.inputTokens,
      outputTokens: stats.outputTokens,
      costUsd: stats.costUsd,
      criteria: report?.rows ?? [],
    });
    console.error(
      `${row.label}: ${stats.accepted}/${stats.requested} items${stats.stopReason ? ` (${stats.stopReason})` : ""}`,
    );
  }
} finally {
  await runner.close();
}
console.log(formatAblationTable(results));
if (offline)
  console.log("\n(scripted generator and test-takers: the table's structure, not the paper's numbers)");
