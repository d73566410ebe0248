/**
 * `npm run bench:report`: a 100,000-item x 10-model run (synthetic, seeded). Times writing the static
 * report and its size, then time to first render and peak memory in headless Chromium for the
 * report (file://) and for `view` (cold: the server builds the run's report on first request; warm:
 * cached). Options: --items N, --models M.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { openSqliteStore, writeJsonl } from "../src/index.js";
import { CHROMIUM_MISSING, launchChromium } from "../src/web/__fixtures__/chromium.js";
import { syntheticReport } from "../src/web/__fixtures__/synthetic-report.js";
import { buildReportData, startViewer, writeReport } from "../src/web/index.js";

const argument = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const ITEMS = argument("--items", 100_000);
const MODELS = argument("--models", 10);
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

  const built = await time(() => buildReportData({ items, results }));
  const out = join(directory, "report.html");
  const written = await time(() => writeReport({ data: built.value, out }));
  rows.push(["static report: build data", `${built.ms.toFixed(0)} ms`]);
  rows.push(["static report: write HTML", `${written.ms.toFixed(0)} ms`]);
  rows.push(["static report: size", `${(written.value.bytes / MB).toFixed(1)} MB`]);

  const chromium = await launchChromium();
  const profileMarker = chromium.profile;
  const { page } = await chromium.newPage();
  const report = await measureRender(page, profileMarker, pathToFileURL(out).href);
  rows.push(["static report: first render (leaderboard)", `${report.firstRenderMs.toFixed(0)} ms`]);
  rows.push(["static report: peak memory (all Chromium / its renderer / JS heap)", formatMemory(report)]);
  await page.close();
  const { page: itemsPage } = await chromium.newPage();
  const itemsReport = await measureRender(itemsPage, profileMarker, `${pathToFileURL(out).href}#page=items`);
  rows.push(["static report: items page (every item parsed)", `${itemsReport.firstRenderMs.toFixed(0)} ms`]);
  rows.push(["static report: items page peak memory (all / renderer / JS heap)", formatMemory(itemsReport)]);
  await itemsPage.close();

  const store = openSqliteStore(join(directory, "store.sqlite"));
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
  const viewer = await startViewer({ store, port: 0 });
  const serverBefore = process.memoryUsage().rss;
  const { page: cold } = await chromium.newPage();
  const coldRender = await measureRender(cold, profileMarker, `${viewer.url}runs/${run.id}`);
  const serverAfter = process.memoryUsage().rss;
  await cold.close();
  const { page: warm } = await chromium.newPage();
  const warmRender = await measureRender(warm, profileMarker, `${viewer.url}runs/${run.id}#page=items`);
  await warm.close();
  rows.push([
    "view: first render, cold (server builds the run's report)",
    `${coldRender.firstRenderMs.toFixed(0)} ms`,
  ]);
  rows.push([
    "view: first render, warm (items page, 50 items fetched)",
    `${warmRender.firstRenderMs.toFixed(0)} ms`,
  ]);
  rows.push(["view: peak memory, cold (all Chromium / its renderer / JS heap)", formatMemory(coldRender)]);
  rows.push(["view: peak memory, warm (all Chromium / its renderer / JS heap)", formatMemory(warmRender)]);
  rows.push([
    "view: server RSS growth for the cached run",
    `${((serverAfter - serverBefore) / MB).toFixed(0)} MB`,
  ]);
  await viewer.close();
  await store.close();
  await chromium.close();
} finally {
  await rm(directory, { recursive: true, force: true });
}
const width = Math.max(...rows.map((row) => row[0]?.length ?? 0));
for (const [label, value] of rows) console.log(`${(label ?? "").padEnd(width)}  ${value}`);
