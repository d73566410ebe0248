/**
 * `npm run bench:report`: a 100,000-item x 10-model run (synthetic, seeded). Times writing the static
 * report and its size, then time to first render and peak memory in headless Chromium for the
 * report (file://) and for a `benchsmith view` process: cold (first open ever: the leaderboard from
 * the results file's outline while the item index is built), the items page right after, warm
 * (cached), and a fresh process over the same store (the persisted summary), with the server's
 * peak RSS; then where a cold open's server time goes, step by step.
 * Options: --items N, --models M, --view-only (skip the static report).
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { openSqliteStore, readResultsFile, writeJsonl } from "../src/index.js";
import { CHROMIUM_MISSING, launchChromium } from "../src/web/__fixtures__/chromium.js";
import { syntheticReport } from "../src/web/__fixtures__/synthetic-report.js";
import { buildReportData, writeReport } from "../src/web/index.js";
import { readResultsOutline } from "../src/web/results-outline.js";
import { benchmarkItems } from "../src/web/stored-items.js";

const argument = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const ITEMS = argument("--items", 100_000);
const MODELS = argument("--models", 10);
const VIEW_ONLY = process.argv.includes("--view-only");
const MB = 1024 * 1024;

if (CHROMIUM_MISSING) {
  console.error(`bench:report needs Chromium: ${CHROMIUM_MISSING}`);
  process.exit(1);
}

/**
 * Memory of the browser using `profile`, in bytes: the sum of proportional set sizes over all its
 * processes (libraries shared between them count once), and the largest renderer's alone.
 */
function chromiumMemory(profile: string): { total: number; renderer: number } {
  let total = 0;
  let renderer = 0;
  for (const pid of readdirSync("/proc").filter((entry) => /^\d+$/.test(entry))) {
    try {
      const commandLine = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (!commandLine.includes(profile)) continue;
      const pss = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"));
      const bytes = Number(pss?.[1] ?? 0) * 1024;
      total += bytes;
      if (commandLine.includes("--type=renderer")) renderer = Math.max(renderer, bytes);
    } catch {
      // The process ended between listing and reading.
    }
  }
  return { total, renderer };
}

const CLI = join(dirname(fileURLToPath(import.meta.url)), "..", "src", "cli", "main.ts");

/** `benchsmith view --port 0` in its own process over `storePath`; stop() ends it and returns its peak and current RSS in bytes. */
async function startViewProcess(
  storePath: string,
): Promise<{ url: string; stop(): Promise<{ peak: number; current: number }> }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", CLI, "--store", storePath, "view", "--port", "0"],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      output += chunk;
      const match = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once("exit", (code) =>
      reject(new Error(`benchsmith view exited (${code}) before printing its URL`)),
    );
  });
  return {
    url,
    async stop() {
      const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      const peak = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
      const current = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
      return { peak, current };
    },
  };
}

interface Render {
  /** From the start of the navigation (the page's own clock) to the first rendered page. */
  firstRenderMs: number;
  peakTotalMb: number;
  peakRendererMb: number;
  peakHeapMb: number;
}

/** Navigates, waits for the first rendered page, and samples memory (all Chromium processes, JS heap) meanwhile. */
async function measureRender(page: Page, profile: string, url: string): Promise<Render> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  let peakTotal = 0;
  let peakRenderer = 0;
  let peakHeap = 0;
  let sampling = true;
  const sample = async (): Promise<void> => {
    while (sampling) {
      const memory = chromiumMemory(profile);
      peakTotal = Math.max(peakTotal, memory.total);
      peakRenderer = Math.max(peakRenderer, memory.renderer);
      try {
        const { metrics } = await cdp.send("Performance.getMetrics");
        peakHeap = Math.max(peakHeap, metrics.find((metric) => metric.name === "JSHeapUsedSize")?.value ?? 0);
      } catch {
        // The page is between documents.
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const sampler = sample();
  await page.goto(url, { waitUntil: "commit", timeout: 300_000 });
  await page.waitForSelector("body[data-ready=true]", { timeout: 300_000 });
  const firstRenderMs = await page.evaluate(
    () => performance.getEntriesByName("benchsmith:first-render")[0]?.startTime ?? Number.NaN,
  );
  // Memory keeps growing briefly after the first paint (GC, layout): sample one more second.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  sampling = false;
  await sampler;
  await cdp.detach();
  return {
    firstRenderMs,
    peakTotalMb: peakTotal / MB,
    peakRendererMb: peakRenderer / MB,
    peakHeapMb: peakHeap / MB,
  };
}

const formatMemory = (render: Render): string =>
  `${render.peakTotalMb.toFixed(0)} MB / ${render.peakRendererMb.toFixed(0)} MB / ${render.peakHeapMb.toFixed(0)} MB`;

const time = async <T>(run: () => Promise<T> | T): Promise<{ ms: number; value: T }> => {
  const started = performance.now();
  const value = await run();
  return { ms: performance.now() - started, value };
};

const directory = await mkdtemp(join(tmpdir(), "benchsmith-bench-report-"));
const rows: string[][] = [];
try {
  console.log(`report bench: ${ITEMS} items x ${MODELS} models (+2 heuristic baselines)`);
  const abilities = Array.from(
    { length: MODELS },
    (_, index) => 0.95 - (index * 0.6) / Math.max(1, MODELS - 1),
  );
  const { items, results } = syntheticReport({ items: ITEMS, abilities, replyPadding: 12 });
  const benchmarkPath = join(directory, "bench.jsonl");
  const resultsPath = join(directory, "bench.results.json");
  await writeJsonl(benchmarkPath, items);
  writeFileSync(resultsPath, JSON.stringify({ ...results, benchmark: benchmarkPath }));

  const chromium = await launchChromium();
  const profileMarker = chromium.profile;
  if (!VIEW_ONLY) await staticReport();
  async function staticReport(): Promise<void> {
    const built = await time(() => buildReportData({ items, results }));
    const out = join(directory, "report.html");
    const written = await time(() => writeReport({ data: built.value, out }));
    rows.push(["static report: build data", `${built.ms.toFixed(0)} ms`]);
    rows.push(["static report: write HTML", `${written.ms.toFixed(0)} ms`]);
    rows.push(["static report: size", `${(written.value.bytes / MB).toFixed(1)} MB`]);

    const { page } = await chromium.newPage();
    const report = await measureRender(page, profileMarker, pathToFileURL(out).href);
    rows.push(["static report: first render (leaderboard)", `${report.firstRenderMs.toFixed(0)} ms`]);
    rows.push(["static report: peak memory (all Chromium / its renderer / JS heap)", formatMemory(report)]);
    await page.close();
    const { page: itemsPage } = await chromium.newPage();
    const itemsReport = await measureRender(
      itemsPage,
      profileMarker,
      `${pathToFileURL(out).href}#page=items`,
    );
    rows.push([
      "static report: items page (every item parsed)",
      `${itemsReport.firstRenderMs.toFixed(0)} ms`,
    ]);
    rows.push([
      "static report: items page peak memory (all / renderer / JS heap)",
      formatMemory(itemsReport),
    ]);
    await itemsPage.close();
  }

  const storePath = join(directory, "store.sqlite");
  const store = openSqliteStore(storePath);
  const run = await store.createRun({
    kind: "eval",
    spec: {
      benchmark: benchmarkPath,
      options: {
        models: results.models.filter((model) => model.kind === "llm").map((model) => model.model),
        chainOfThought: false,
        concurrency: 4,
        seed: 1,
      },
      out: resultsPath,
    },
  });
  await store.updateRun(run.id, { status: "completed", summary: { results: resultsPath } });
  await store.close();

  // A real `benchsmith view` process per viewer: a cold open starts from an empty heap, as it does for a user.
  const first = await startViewProcess(storePath);
  const runUrl = `${first.url}runs/${run.id}`;
  const { page: cold } = await chromium.newPage();
  const coldStarted = performance.now();
  const coldRender = await measureRender(cold, profileMarker, runUrl);
  await cold.close();
  // Right after the cold open the item index is still being built: page 1 comes from the outline's first items.
  const { page: indexing } = await chromium.newPage();
  const indexingRender = await measureRender(indexing, profileMarker, `${runUrl}#page=items`);
  const firstPageRows = await indexing.getByTestId("item-row").count();
  const saidIndexing = (await indexing.getByTestId("items-indexing").count()) > 0;
  await indexing.close();
  // A later page answers once the index is built (an older viewer held the request until then).
  let indexedMs = Number.NaN;
  for (;;) {
    const body = await fetch(`${first.url}api/runs/${run.id}/items?offset=${Math.floor(ITEMS / 2)}&limit=50`)
      .then((response) => response.json() as Promise<{ indexing?: boolean }>)
      // A kept-alive connection the server closed meanwhile: ask again.
      .catch(() => ({ indexing: true }));
    if (!body.indexing) {
      indexedMs = performance.now() - coldStarted;
      break;
    }
    // As seldom as the items page asks again: requests make the background build give way.
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  const { page: warm } = await chromium.newPage();
  const warmRender = await measureRender(warm, profileMarker, `${runUrl}#page=items`);
  await warm.close();
  const firstPeak = await first.stop();
  // A fresh process over the same store: the summary the first one persisted answers.
  const second = await startViewProcess(storePath);
  const { page: reopen } = await chromium.newPage();
  const reopenRender = await measureRender(reopen, profileMarker, `${second.url}runs/${run.id}`);
  await reopen.close();
  const secondPeak = await second.stop();
  rows.push([
    "view: first render, cold (first open ever: leaderboard from the results outline)",
    `${coldRender.firstRenderMs.toFixed(0)} ms`,
  ]);
  rows.push([
    "view: items page right after the cold open (first items while indexing)",
    `${indexingRender.firstRenderMs.toFixed(0)} ms (${firstPageRows} rows${saidIndexing ? ", says indexing" : ""})`,
  ]);
  rows.push([
    "view: item index built (a middle page answers), from the cold open's start",
    `${indexedMs.toFixed(0)} ms`,
  ]);
  rows.push([
    "view: first render, warm (items page, 50 items fetched)",
    `${warmRender.firstRenderMs.toFixed(0)} ms`,
  ]);
  rows.push([
    "view: first render, fresh view process on the same store (persisted summary)",
    `${reopenRender.firstRenderMs.toFixed(0)} ms`,
  ]);
  rows.push(["view: peak memory, cold (all Chromium / its renderer / JS heap)", formatMemory(coldRender)]);
  rows.push(["view: peak memory, warm (all Chromium / its renderer / JS heap)", formatMemory(warmRender)]);
  rows.push([
    "view: server peak RSS (item index built / persisted summary only)",
    `${(firstPeak.peak / MB).toFixed(0)} MB / ${(secondPeak.peak / MB).toFixed(0)} MB`,
  ]);
  rows.push(["view: server RSS at the end, item index built", `${(firstPeak.current / MB).toFixed(0)} MB`]);

  // Where a cold open's server time goes, step by step (the view process does these on its first requests).
  const outlineRead = await time(() => readResultsOutline(resultsPath));
  const resultsRead = await time(() => readResultsFile(resultsPath));
  const benchmarkRead = await time(() => benchmarkItems(benchmarkPath, []));
  const rebuilt = await time(() =>
    buildReportData({ items: benchmarkRead.value, results: resultsRead.value }),
  );
  rows.push([
    "view server: results outline (leaderboard, outcomes skipped)",
    `${outlineRead.ms.toFixed(0)} ms`,
  ]);
  rows.push(["view server: read + validate the results file", `${resultsRead.ms.toFixed(0)} ms`]);
  rows.push(["view server: read + validate the benchmark", `${benchmarkRead.ms.toFixed(0)} ms`]);
  rows.push([
    "view server: build the report data (item index, pairs, facets)",
    `${rebuilt.ms.toFixed(0)} ms`,
  ]);

  await chromium.close();
} finally {
  await rm(directory, { recursive: true, force: true });
}
const width = Math.max(...rows.map((row) => row[0]?.length ?? 0));
for (const [label, value] of rows) console.log(`${(label ?? "").padEnd(width)}  ${value}`);
