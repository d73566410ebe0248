/**
 * Throughput and memory of `eval` at scale: `npm run bench:eval`.
 * A loopback OpenAI-compatible server (in a child process: it stands in for a remote API) answers
 * every request after a fixed 50 ms. The evaluation runs through the real stack: a SQLite store on
 * disk that is also the response cache, wrapForRun (cache, budget, cost, retry, rate limit) and the
 * openai-compatible provider; every call misses the cache. Ideal throughput is C / 50 ms. Prints
 * achieved / ideal at C = 8, 32, 64 and the peak RSS of the 10,000-request run.
 * Then A/B at C = 64, alternated so load drifts hit both: the providers' transport (undici request(),
 * docs/decisions/0018-provider-transport.md) against the global fetch it replaced.
 * Target: >= 0.9 of ideal at C = 64 and under 300 MiB.
 * BENCH_EVAL_ONLY=transport runs only that A/B; BENCH_EVAL_ROUNDS (default 1) sets its rounds.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { silentLogger, silentProgress } from "../src/core/context.js";
import type { Item } from "../src/core/item.js";
import { createRng } from "../src/core/rng.js";
import { evaluateBenchmark } from "../src/evaluate/evaluate-benchmark.js";
import { createRateLimiter } from "../src/llm/middleware/rate-limit.js";
import { wrapForRun } from "../src/llm/middleware/wrap-for-run.js";
import { createProviderModel } from "../src/llm/providers/index.js";
import { openSqliteStore } from "../src/store/sqlite-store.js";
import {
  formatLoadAverage,
  isServerProcess,
  serveLoopback,
  startServerProcess,
} from "./helpers/server-process.js";

const LATENCY_MS = 50;
const RUNS = [
  { concurrency: 8, requests: 1_200 },
  { concurrency: 32, requests: 4_000 },
  { concurrency: 64, requests: 10_000 },
];

function syntheticItems(count: number): Item[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `item-${index}`,
    format: "mcq" as const,
    question: `Synthetic question ${index}: which option names the number ${index % 97}?`,
    options: [`${index % 97}`, `${(index % 97) + 1}`, `${(index % 97) + 2}`, `${(index % 97) + 3}`],
    answer: "A",
  }));
}

async function measure(
  url: string,
  run: { concurrency: number; requests: number },
  options: { groupCommit?: boolean; fetch?: typeof globalThis.fetch } = {},
) {
  const directory = mkdtempSync(join(tmpdir(), "benchsmith-eval-bench-"));
  const store = openSqliteStore(join(directory, "store.sqlite"), {
    groupCommit: options.groupCommit ?? true,
  });
  const runId = "bench-eval";
  await store.createRun({ id: runId, kind: "eval", spec: {} });
  const model = wrapForRun({
    model: createProviderModel(
      `openai-compatible:${url}/v1#bench-model`,
      options.fetch === undefined ? { env: {} } : { env: {}, fetch: options.fetch },
    ),
    cache: store,
    runId,
    limiter: createRateLimiter({ concurrency: 1024 }),
    retry: { maxRetries: 0 },
  });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const results = await evaluateBenchmark(
    {
      items: syntheticItems(run.requests),
      models: ["bench-model"],
      benchmark: "synthetic",
      concurrency: run.concurrency,
    },
    {
      runId,
      store,
      resolveModel: () => model,
      rng: createRng(1),
      progress: silentProgress,
      log: silentLogger,
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sampler);
  await store.close();
  rmSync(directory, { recursive: true, force: true });
  const achieved = run.requests / seconds;
  const ideal = run.concurrency / (LATENCY_MS / 1000);
  const accuracy = results.models.find((entry) => entry.kind === "llm")?.accuracy ?? Number.NaN;
  return {
    achieved,
    ideal,
    seconds,
    cpuPerRequestMs: (cpu.user + cpu.system) / 1000 / run.requests,
    peakRss,
    accuracy,
  };
}

const C64 = RUNS[RUNS.length - 1] ?? { concurrency: 64, requests: 10_000 };

async function scaleAndGroupCommit(url: string): Promise<void> {
  console.log("C   requests  req/s    ideal   achieved/ideal  CPU ms/req  peak RSS MiB  accuracy");
  for (const run of RUNS) {
    const row = await measure(url, run);
    console.log(
      `${String(run.concurrency).padEnd(4)}${String(run.requests).padEnd(10)}${row.achieved.toFixed(0).padEnd(9)}` +
        `${row.ideal.toFixed(0).padEnd(8)}${row.achieved / row.ideal >= 0 ? (row.achieved / row.ideal).toFixed(3).padEnd(16) : ""}` +
        `${row.cpuPerRequestMs.toFixed(3).padEnd(12)}${(row.peakRss / 2 ** 20).toFixed(0).padEnd(14)}${row.accuracy.toFixed(3)}`,
    );
  }
  // The same C = 64 run with one transaction per write: what group commit buys, measured under the same load.
  const withGroup = await measure(url, C64, { groupCommit: true });
  const without = await measure(url, C64, { groupCommit: false });
  console.log(
    `C = ${C64.concurrency}: achieved/ideal ${(withGroup.achieved / withGroup.ideal).toFixed(3)} with group commit, ` +
      `${(without.achieved / without.ideal).toFixed(3)} with one transaction per write; ` +
      `CPU ${withGroup.cpuPerRequestMs.toFixed(3)} vs ${without.cpuPerRequestMs.toFixed(3)} ms/request`,
  );
}

// What the providers' own transport buys over the global fetch (the SDK's default before 0018).
async function transportAB(url: string, rounds: number): Promise<void> {
  const variants = [
    { name: "providerFetch (default)", fetch: undefined },
    {
      name: "globalThis.fetch",
      fetch: (input: string | URL | Request, init?: RequestInit) => fetch(input, init),
    },
  ];
  // Warm-up (JIT, lazy imports, pools), not reported: the first run in a process is slower either way.
  for (const variant of variants) {
    await measure(
      url,
      { ...C64, requests: 1_000 },
      variant.fetch === undefined ? {} : { fetch: variant.fetch },
    );
  }
  console.log(`C = ${C64.concurrency}, ${C64.requests} requests: transport A/B, ${rounds} round(s)`);
  for (let round = 1; round <= rounds; round++) {
    for (const variant of round % 2 === 1 ? variants : [...variants].reverse()) {
      const row = await measure(url, C64, variant.fetch === undefined ? {} : { fetch: variant.fetch });
      console.log(
        `  round ${round} ${variant.name.padEnd(24)} achieved/ideal ${(row.achieved / row.ideal).toFixed(3)}  ` +
          `CPU ${row.cpuPerRequestMs.toFixed(3)} ms/request  load ${formatLoadAverage()}`,
      );
    }
  }
}

if (isServerProcess()) {
  await serveLoopback({
    latencyMs: LATENCY_MS,
    recordRequests: false,
    respond: () => ({ text: "Answer: A" }),
  });
} else {
  const server = await startServerProcess(import.meta.url);
  try {
    console.log(`eval at scale: ${LATENCY_MS} ms per request, loopback server in a child process`);
    console.log(`load average before: ${formatLoadAverage()}`);
    if (process.env.BENCH_EVAL_ONLY !== "transport") await scaleAndGroupCommit(server.url);
    await transportAB(server.url, Number(process.env.BENCH_EVAL_ROUNDS ?? 1));
    console.log(`load average after: ${formatLoadAverage()}`);
  } finally {
    server.stop();
  }
}
