/**
 * Throughput of `eval --queue` against the single-process run: `npm run bench:queue`.
 * A loopback OpenAI-compatible server (in a child process) answers every request after a fixed 50 ms.
 * Redis is a throwaway redis-server; workers are real `benchsmith worker` processes (16 units in flight
 * each) sharing a SQLite store (WAL) with the coordinator, which runs here. Every call misses the cache.
 * Rows: the single-process run at the same total concurrency, then 1 / 2 / 4 workers. Then the queue's
 * overhead per unit: one unit at a time against a 0 ms server, queued vs in-process.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type PipelineContext, silentLogger, silentProgress } from "../src/core/context.js";
import type { Item } from "../src/core/item.js";
import { createRng } from "../src/core/rng.js";
import type { RunStore } from "../src/core/store-spec.js";
import { runEvaluation } from "../src/evaluate/run-evaluation.js";
import { createRateLimiter } from "../src/llm/middleware/rate-limit.js";
import { wrapForRun } from "../src/llm/middleware/wrap-for-run.js";
import { createProviderModel } from "../src/llm/providers/index.js";
import { type CliProcess, startCli } from "../src/queue/__fixtures__/spawn-cli.js";
import { createQueueEvaluator } from "../src/queue/queue-evaluator.js";
import { connectRedis, type RedisLink } from "../src/queue/redis-link.js";
import { openSqliteStore } from "../src/store/sqlite-store.js";
import { startLoopbackLlmServer } from "../test/helpers/loopback-llm-server.js";
import { redisTestSetup, startRedisServer } from "../test/helpers/redis-server.js";
import {
  formatLoadAverage,
  isServerProcess,
  serveLoopback,
  startServerProcess,
} from "./helpers/server-process.js";

const LATENCY_MS = 50;
const PER_WORKER = 16;
const UNITS = 2000;
const OVERHEAD_UNITS = 300;

/** CPU ms a process has used so far (Linux /proc; 0 where it is unreadable). */
function cpuMsOf(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return ((Number(fields[11]) || 0) + (Number(fields[12]) || 0)) * 10;
  } catch {
    return 0;
  }
}

let runs = 0;
function items(count: number): Item[] {
  const tag = `r${runs++}`;
  return Array.from({ length: count }, (_, index) => ({
    id: `item-${index}`,
    format: "mcq" as const,
    question: `Synthetic question ${tag}-${index}: which option?`,
    options: ["a", "b", "c", "d"],
    answer: "A",
  }));
}

function contextFor(store: RunStore, runId: string, url: string, concurrency: number): PipelineContext {
  const model = wrapForRun({
    model: createProviderModel(`openai-compatible:${url}/v1#bench`, { env: {} }),
    cache: store,
    runId,
    limiter: createRateLimiter({ concurrency }),
    retry: { maxRetries: 0 },
  });
  return {
    runId,
    store,
    resolveModel: () => model,
    rng: createRng(1),
    progress: silentProgress,
    log: silentLogger,
  };
}

/** Units per second of one eval of `count` units; through the queue when `link` is given. */
async function measure(options: {
  store: RunStore;
  url: string;
  count: number;
  concurrency: number;
  link?: RedisLink;
}): Promise<number> {
  const runId = `bench-${runs}-${options.link ? "queue" : "local"}`;
  await options.store.createRun({ id: runId, kind: "eval", spec: {} });
  const remote = options.link
    ? createQueueEvaluator({ link: options.link, store: options.store, log: silentLogger })
    : undefined;
  const started = performance.now();
  const result = await runEvaluation(
    {
      items: items(options.count),
      models: [`openai-compatible:${options.url}/v1#bench`],
      chainOfThought: false,
      concurrency: options.concurrency,
      remote,
    },
    contextFor(options.store, runId, options.url, options.concurrency),
  );
  const seconds = (performance.now() - started) / 1000;
  await remote?.close();
  if (result.records.length !== options.count)
    throw new Error(`${result.records.length} of ${options.count}`);
  return options.count / seconds;
}

if (isServerProcess()) {
  await serveLoopback({
    latencyMs: LATENCY_MS,
    recordRequests: false,
    respond: () => ({ text: "Answer: A" }),
  });
} else {
  const setup = redisTestSetup();
  if (setup.kind === "skip") {
    console.log(`bench:queue skipped: ${setup.reason}`);
    process.exit(0);
  }
  const redis = await startRedisServer(setup);
  const server = await startServerProcess(import.meta.url);
  const zero = await startLoopbackLlmServer({ respond: () => ({ text: "Answer: A" }) });
  const directory = mkdtempSync(join(tmpdir(), "benchsmith-queue-bench-"));
  const storePath = join(directory, "store.sqlite");
  const store = openSqliteStore(storePath);
  const link = await connectRedis(redis.url);
  const config = join(directory, "worker.config.json");
  // A provider concurrency above what the workers ask for, so only --concurrency limits them.
  writeFileSync(config, JSON.stringify({ providers: { "openai-compatible": { concurrency: 256 } } }));
  const workers: CliProcess[] = [];
  const addWorkers = async (count: number, concurrency = PER_WORKER) => {
    const started = Array.from({ length: count }, () =>
      startCli(
        [
          "worker",
          "--queue",
          redis.url,
          "--store",
          storePath,
          "--config",
          config,
          "--concurrency",
          String(concurrency),
          "--status-every",
          "600",
        ],
        { cwd: directory },
      ),
    );
    await Promise.all(started.map((worker) => worker.waitForStderr(/listening on/, 60_000)));
    workers.push(...started);
  };
  const stopWorkers = async () => {
    for (const worker of workers) worker.child.kill("SIGTERM");
    await Promise.all(workers.map((worker) => worker.exit));
    workers.length = 0;
  };
  try {
    console.log(
      `eval --queue: ${LATENCY_MS} ms per request, ${UNITS} units per row, ${PER_WORKER} in flight per worker`,
    );
    console.log(`load average before: ${formatLoadAverage()}`);
    console.log("setup                         units/s  ideal   achieved/ideal");
    const row = (label: string, rate: number, ideal: number) =>
      console.log(
        `${label.padEnd(30)}${rate.toFixed(0).padEnd(9)}${ideal.toFixed(0).padEnd(8)}${(rate / ideal).toFixed(3)}`,
      );
    const cpuRows: string[] = [];
    for (const concurrency of [PER_WORKER, 4 * PER_WORKER]) {
      const cpuBefore = process.cpuUsage();
      const rate = await measure({ store, url: server.url, count: UNITS, concurrency });
      const cpu = process.cpuUsage(cpuBefore);
      row(`single process, C = ${concurrency}`, rate, concurrency / (LATENCY_MS / 1000));
      cpuRows.push(
        `single process, C = ${concurrency}: CPU ms per unit ${((cpu.user + cpu.system) / 1000 / UNITS).toFixed(2)}`,
      );
    }
    const cpuNow = () => ({
      workers: workers.reduce((sum, worker) => sum + cpuMsOf(worker.child.pid), 0),
      redis: cpuMsOf(redis.pid),
      coordinator: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
    });
    for (const target of [1, 2, 4]) {
      await addWorkers(target - workers.length);
      const before = cpuNow();
      const rate = await measure({ store, url: server.url, count: UNITS, concurrency: PER_WORKER, link });
      const after = cpuNow();
      row(
        `${target} worker(s), C = ${target * PER_WORKER}`,
        rate,
        (target * PER_WORKER) / (LATENCY_MS / 1000),
      );
      const perUnit = (key: keyof typeof before) => ((after[key] - before[key]) / UNITS).toFixed(2);
      cpuRows.push(
        `${target} worker(s): CPU ms per unit: workers ${perUnit("workers")}, redis-server ${perUnit("redis")}, coordinator ${perUnit("coordinator")}`,
      );
    }
    for (const line of cpuRows) console.log(line);
    await stopWorkers();

    // Overhead: one unit at a time against a server that answers at once.
    await addWorkers(1, 1);
    const local = await measure({ store, url: zero.url, count: OVERHEAD_UNITS, concurrency: 1 });
    const queued = await measure({ store, url: zero.url, count: OVERHEAD_UNITS, concurrency: 1, link });
    console.log(
      `one unit at a time, 0 ms server: ${(1000 / local).toFixed(2)} ms/unit in-process, ${(1000 / queued).toFixed(2)} ms/unit queued ` +
        `-> queue overhead ${(1000 / queued - 1000 / local).toFixed(2)} ms per unit`,
    );
    console.log(`load average after: ${formatLoadAverage()}`);
  } finally {
    await stopWorkers();
    await link.close();
    await store.close();
    await zero.close();
    server.stop();
    await redis.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}
