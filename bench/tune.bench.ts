/**
 * `npm run bench:tune`: BeTaL tuning against the bounded-capability solvers, under the betal preset
 * (10 iterations). For each template, at our targets (0.2/0.4/0.6/0.8) and at the paper's
 * (0.25/0.50/0.75/0.90), over seeds: mean |final accuracy - target| and mean iterations, per
 * model-free designer (the LLM designer needs a hosted model and is not run here). The final
 * benchmark takes the default size (standard error at the target <= tolerance / 2).
 * Usage: tsx bench/tune.bench.ts [template] [--seeds n]
 */
import { DESIGNERS, type DesignerName } from "../src/pipelines/tune/designers/index.js";
import { TUNE_PRESETS } from "../src/pipelines/tune/presets.js";
import { tuneBenchmark } from "../src/pipelines/tune/run-tune.js";
import { TEMPLATES, type TemplateName } from "../src/pipelines/tune/templates/index.js";
import { SOLVER_FOR_TEMPLATE } from "../test/solvers/index.js";
import { createSolverContext } from "../test/solvers/test-context.js";

const TARGET_SETS = [
  { name: "ours", targets: [0.2, 0.4, 0.6, 0.8] },
  { name: "BeTaL", targets: [...TUNE_PRESETS.betal.targets] },
] as const;
const BENCH_DESIGNERS: DesignerName[] = ["optimizer", "rs-ppr", "best-of-n", "random", "one-shot"];
const SETTINGS = { preset: "betal", tolerance: 0.05, itemsPerIter: 80, concurrency: 8 } as const;

const argv = process.argv.slice(2);
const seedsFlag = argv.indexOf("--seeds");
const seedCount = seedsFlag >= 0 ? Number(argv[seedsFlag + 1]) : 5;
const onlyTemplate = argv.find((arg, index) => !arg.startsWith("--") && argv[index - 1] !== "--seeds");
const SEEDS = Array.from({ length: seedCount }, (_, index) => index + 1);

interface Cell {
  deviation: number[];
  iterations: number[];
}
const started = Date.now();
const pad = (text: string | number, width: number) => String(text).padEnd(width);
const mean = (values: readonly number[]) =>
  values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : Number.NaN;
const show = (cell: Cell | undefined) =>
  `${mean(cell?.deviation ?? []).toFixed(3)} (${mean(cell?.iterations ?? []).toFixed(1)})`;
// totals[set][designer], and per template for the markdown table.
const totals = new Map<string, Cell>();
const add = (key: string, deviation: number, iterations: number) => {
  const cell = totals.get(key) ?? { deviation: [], iterations: [] };
  cell.deviation.push(deviation);
  cell.iterations.push(iterations);
  totals.set(key, cell);
};
const templates = (Object.keys(TEMPLATES) as TemplateName[]).filter(
  (name) => !onlyTemplate || onlyTemplate === name,
);

console.log(
  `tune bench: ${SEEDS.length} seeds, ${JSON.stringify(SETTINGS)}, final size by the standard-error rule`,
);
console.log(
  `${pad("template", 22)}${pad("target", 8)}${BENCH_DESIGNERS.map((name) => pad(`${name} |dev| (iters)`, 24)).join("")}`,
);
for (const set of TARGET_SETS) {
  for (const templateName of templates) {
    for (const target of set.targets) {
      const cells: string[] = [];
      for (const designer of BENCH_DESIGNERS) {
        const cell: Cell = { deviation: [], iterations: [] };
        for (const seed of SEEDS) {
          const context = createSolverContext({
            seed,
            runId: `bench-${templateName}-${target}-${designer}-${seed}`,
          });
          const result = await tuneBenchmark(
            {
              ...SETTINGS,
              template: TEMPLATES[templateName],
              targetModel: SOLVER_FOR_TEMPLATE[templateName],
              targetAccuracy: target,
              designer,
              seed,
            },
            context,
          );
          const deviation = result.final?.deviation ?? 1;
          cell.deviation.push(deviation);
          cell.iterations.push(result.iterations);
          add(`${set.name}|${designer}`, deviation, result.iterations);
          add(`${set.name}|${templateName}|${designer}`, deviation, result.iterations);
        }
        cells.push(pad(show(cell), 24));
      }
      console.log(`${pad(templateName, 22)}${pad(target, 8)}${cells.join("")}`);
    }
  }
  console.log(
    `${pad(`MEAN ${set.name} targets`, 30)}${BENCH_DESIGNERS.map((name) => pad(show(totals.get(`${set.name}|${name}`)), 24)).join("")}`,
  );
}

// The docs table: one row per template and target set, plus the means.
console.log("\n| template | targets | " + BENCH_DESIGNERS.join(" | ") + " |");
console.log(`|---|---|${BENCH_DESIGNERS.map(() => "---").join("|")}|`);
for (const templateName of templates)
  for (const set of TARGET_SETS)
    console.log(
      `| ${templateName} | ${set.name} | ${BENCH_DESIGNERS.map((name) => show(totals.get(`${set.name}|${templateName}|${name}`))).join(" | ")} |`,
    );
for (const set of TARGET_SETS)
  console.log(
    `| **mean** | ${set.name} | ${BENCH_DESIGNERS.map((name) => `**${show(totals.get(`${set.name}|${name}`))}**`).join(" | ")} |`,
  );
console.log(`\nBeTaL reports: ${TUNE_PRESETS.betal.reported}`);
console.log(
  `designers: ${BENCH_DESIGNERS.map((name) => `${name} = ${DESIGNERS[name].description}`).join("; ")}`,
);
console.log(`elapsed ${((Date.now() - started) / 1000).toFixed(1)} s`);
