/**
 * `npm run demo`: the whole toolchain end to end — tune, make, eval, audit, export — through the
 * real CLI. It uses the model you have: BENCHSMITH_DEMO_MODEL, else a hosted provider whose key is
 * set, else the embedded llama.cpp default (downloaded once). Offline with nothing cached, it falls
 * back to a tiny random-weight GGUF so the plumbing still runs; its numbers are then meaningless.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chooseDefaultModel, LOCAL_DEFAULT_MODEL } from "../src/runtime/default-model.js";
import { openSqliteStore } from "../src/store/sqlite-store.js";
import { writeTinyLlamaGguf } from "../test/helpers/tiny-gguf.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const outDir = resolve(root, "demo-output");
const tsx = createRequire(import.meta.url).resolve("tsx");
const main = join(root, "src/cli/main.ts");
mkdirSync(outDir, { recursive: true });
const store = join(outDir, "demo.sqlite");
const config = join(outDir, "benchsmith.config.json");
// Two threads at most: llama.cpp slows down sharply when it has more threads than cores.
writeFileSync(config, JSON.stringify({ store, local: { threads: 2, contextSize: 4096 } }, null, 2));

console.log(
  "Each step below is shown as `benchsmith ...`; from this checkout that is\n" +
    "  npx tsx src/cli/main.ts --config demo-output/benchsmith.config.json ...\n" +
    "(or `npm run build && npm link` once, for a `benchsmith` command).",
);

function benchsmith(args: string[], options: { allowFailure?: boolean } = {}): number {
  console.log(`\n$ benchsmith ${args.map((arg) => (/\s/.test(arg) ? JSON.stringify(arg) : arg)).join(" ")}`);
  const result = spawnSync(process.execPath, ["--import", tsx, main, "--config", config, ...args], {
    stdio: "inherit",
    cwd: outDir,
  });
  const code = result.status ?? 1;
  if (code !== 0 && !options.allowFailure) {
    console.error(`demo stopped: that command exited with ${code}`);
    process.exit(code);
  }
  return code;
}

let model =
  process.env.BENCHSMITH_DEMO_MODEL ??
  chooseDefaultModel({
    configured: process.env.BENCHSMITH_DEFAULT_MODEL,
    providers: undefined,
    env: process.env,
  });
let placeholderModel = false;
if (benchsmith(["models", "test", model], { allowFailure: true }) !== 0) {
  if (model !== LOCAL_DEFAULT_MODEL) process.exit(1);
  const tiny = join(outDir, "tiny-random.gguf");
  writeTinyLlamaGguf(tiny, { seed: 1, context: 4096 });
  model = `local:${tiny}`;
  placeholderModel = true;
  console.log(
    "\n*** No model could be reached or downloaded (no key set, no network). Falling back to a tiny\n" +
      "*** RANDOM-WEIGHT model generated on the spot: every command below runs for real, but the\n" +
      "*** model writes gibberish, so accuracies will sit near 0 and `make` will reject its items.\n" +
      "*** Set OPENAI_API_KEY (or another provider's key) or BENCHSMITH_DEMO_MODEL for real numbers.",
  );
}

const arithmetic = join(outDir, "arithmetic.jsonl");
const results = join(outDir, "arithmetic.results.json");
benchsmith([
  "tune",
  "arithmetic-sequences",
  "--target-model",
  model,
  "--target-accuracy",
  "0.5",
  "--max-iters",
  placeholderModel ? "2" : "6",
  "--items-per-iter",
  placeholderModel ? "8" : "30",
  "--size",
  placeholderModel ? "12" : "60",
  "--seed",
  "1",
  "--out",
  arithmetic,
]);
// A random-weight model cannot write the setup steps: hand it the expanded demand as a spec file.
const placeholderSpec = join(outDir, "number-theory.spec.yaml");
if (placeholderModel) {
  writeFileSync(
    placeholderSpec,
    "description:\n  task: number theory questions for high-school olympiad students\n  query: a short problem\n  options: four numbers, one correct\n" +
      "attributes:\n  - name: topic\n    values: [divisibility, primes]\n" +
      "strategies:\n  - name: steps\n    values:\n      - {value: one step, difficulty: 1}\n      - {value: two steps, difficulty: 5}\n",
  );
}
benchsmith(
  [
    "make",
    "number theory for high-school olympiad students",
    "-n",
    placeholderModel ? "2" : "10",
    "--generator",
    model,
    ...(placeholderModel ? ["--direct", "--spec", placeholderSpec] : []),
    "--out",
    join(outDir, "number-theory.jsonl"),
  ],
  { allowFailure: placeholderModel },
);
benchsmith(["eval", arithmetic, "--models", model, "--out", results]);
benchsmith(["audit", arithmetic, "--results", results]);
benchsmith(["export", arithmetic, "--format", "lm-eval", "--out", join(outDir, "lm-eval")]);
benchsmith(["runs", "list"]);
/** The newest run of a kind in the demo's store (the report pulls the audit table and tune trajectory from it). */
async function latestRun(kind: string): Promise<string[]> {
  const opened = openSqliteStore(store);
  try {
    const [run] = await opened.listRuns({ kind, limit: 1 });
    return run === undefined ? [] : [`--${kind}`, run.id];
  } finally {
    await opened.close();
  }
}
const report = join(outDir, "report.html");
benchsmith(["report", results, ...(await latestRun("audit")), ...(await latestRun("tune")), "--out", report]);
console.log(
  `\ndemo finished: outputs in ${outDir}${placeholderModel ? " (placeholder model: numbers are meaningless)" : ""}\n` +
    `open ${report} in a browser; the demo's runs are in its own store, so browse them with\n` +
    "  npx tsx src/cli/main.ts --config demo-output/benchsmith.config.json view",
);
