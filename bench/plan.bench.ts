/**
 * Throughput and cost of the plan pipeline: `npm run bench:plan`.
 * A loopback OpenAI-compatible server (a child process, standing in for a remote API) plays planner,
 * executor and verifier with the scripted planner, and make's generator for items written from
 * scratch, after a fixed latency. The sources are the real MMLU and MMLU-Pro (../shared/data); the
 * design asks for legal reasoning, medical reasoning (both grounded in them) and dosage arithmetic
 * (no dataset fits: written from scratch by make). The verifier rejects 20% of the items, so refill
 * runs. Prints, at size 120 and 1,200: items per minute, calls per accepted item, and the share of
 * items realized from sources vs written from scratch. Calls go through the full wrapForRun stack
 * with the run store as cache (every call misses: a fresh store per run).
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { silentLogger, silentProgress } from "../src/core/context.js";
import type { ChatMessage } from "../src/core/language-model.js";
import { createRng } from "../src/core/rng.js";
import { createRateLimiter } from "../src/llm/middleware/rate-limit.js";
import { wrapForRun } from "../src/llm/middleware/wrap-for-run.js";
import { createProviderModel } from "../src/llm/providers/index.js";
import { scriptedGenerator } from "../src/pipelines/make/__fixtures__/scripted-generator.js";
import {
  hashedShare,
  LAW_AND_MEDICINE,
  planReply,
} from "../src/pipelines/plan/__fixtures__/scripted-planner.js";
import { planBenchmark } from "../src/pipelines/plan/index.js";
import { type DatasetCard, loadDatasetCards } from "../src/sources/dataset-cards/index.js";
import { openSqliteStore } from "../src/store/sqlite-store.js";
import type { LoopbackRequest } from "../test/helpers/loopback-llm-server.js";
import {
  formatLoadAverage,
  isServerProcess,
  serveLoopback,
  startServerProcess,
} from "./helpers/server-process.js";

const LATENCY_MS = 100;
const CONCURRENCY = 16;
const REJECTED_SHARE = 0.2;
const DATA = resolve(fileURLToPath(new URL("../../shared/data", import.meta.url)));

const DESIGN = {
  ...LAW_AND_MEDICINE,
  subtasks: [
    { ...LAW_AND_MEDICINE.subtasks[0], importance: 2 },
    { ...LAW_AND_MEDICINE.subtasks[1], importance: 2 },
    {
      name: "dosage arithmetic",
      description: "compute weight-based paediatric drug doses",
      answerType: "choice",
      schema: { question: "a dosing problem", answer: "the letter of the correct dose" },
      rationale: "a clinical assistant must get doses right",
      importance: 1,
    },
  ],
};

/** Server side: the scripted planner over the wire (make's steps answered by make's scripted generator). */
const make = scriptedGenerator();

async function respond(request: LoopbackRequest) {
  const body = request.body as { messages: ChatMessage[] };
  const script = {
    design: () => DESIGN,
    inspect: (item: { question: string }) =>
      hashedShare(item.question, REJECTED_SHARE)
        ? { correct: false, notes: "scripted rejection" }
        : undefined,
  };
  const text = await planReply(
    script,
    { messages: body.messages },
    async (options) => (await make.doGenerate(options)).text,
  );
  return {
    text,
    usage: {
      inputTokens: Math.ceil(JSON.stringify(body.messages).length / 4),
      outputTokens: Math.ceil(text.length / 4),
    },
  };
}

async function measure(url: string, cards: DatasetCard[], size: number) {
  const store = openSqliteStore(":memory:");
  const run = await store.createRun({ kind: "plan", spec: {} });
  const provider = createProviderModel(`openai-compatible:${url}/v1#bench-planner`, { env: {} });
  const model = wrapForRun({
    model: provider,
    cache: store,
    runId: run.id,
    limiter: createRateLimiter({ concurrency: 4 * CONCURRENCY }),
    retry: { maxRetries: 0 },
  });
  const started = performance.now();
  const { report } = await planBenchmark(
    {
      query: "a clinical assistant: law, medicine and dosage",
      size,
      model: "bench",
      cards,
      concurrency: CONCURRENCY,
      seed: 1,
    },
    {
      runId: run.id,
      store,
      resolveModel: () => model,
      rng: createRng(1),
      progress: silentProgress,
      log: silentLogger,
    },
  );
  const minutes = (performance.now() - started) / 60_000;
  await store.close();
  return { report, itemsPerMinute: report.delivered / minutes, seconds: minutes * 60 };
}

async function main(): Promise<void> {
  if (!existsSync(join(DATA, "mmlu/test.jsonl")) || !existsSync(join(DATA, "mmlu-pro/items.jsonl"))) {
    console.log(`skipped: MMLU / MMLU-Pro not found under ${DATA}`);
    return;
  }
  const { cards } = await loadDatasetCards([
    join(DATA, "mmlu/test.jsonl"),
    join(DATA, "mmlu-pro/items.jsonl"),
  ]);
  const server = await startServerProcess(import.meta.url);
  try {
    await measure(server.url, cards, 12); // warm-up: SDK import, JIT, keep-alive sockets
    console.log(
      `plan pipeline on a loopback model (child process), ${LATENCY_MS} ms per call, concurrency ${CONCURRENCY}, ` +
        `verifier rejecting ${REJECTED_SHARE * 100}%, make defaults for items written from scratch`,
    );
    console.log(`load average at start: ${formatLoadAverage()}\n`);
    console.log("size   delivered  items/min  calls/item  from sources  from scratch  rejected  seconds");
    for (const size of [120, 1200]) {
      const { report, itemsPerMinute, seconds } = await measure(server.url, cards, size);
      const rejected = report.qc.candidates - report.qc.accepted;
      console.log(
        `${String(size).padEnd(5)}  ${String(report.delivered).padStart(9)}  ${itemsPerMinute.toFixed(0).padStart(9)}  ` +
          `${(report.calls.perAcceptedItem ?? 0).toFixed(2).padStart(10)}  ${`${(report.share.fromSources * 100).toFixed(0)}%`.padStart(12)}  ` +
          `${`${(report.share.fromScratch * 100).toFixed(0)}%`.padStart(12)}  ${String(rejected).padStart(8)}  ${seconds.toFixed(1).padStart(7)}`,
      );
      if (report.delivered !== size)
        console.log(`  SHORT: ${report.delivered} of ${size} (${report.stopReason ?? "see report"})`);
    }
    console.log(`load average at end: ${formatLoadAverage()}`);
  } finally {
    server.stop();
  }
}

if (isServerProcess()) await serveLoopback({ latencyMs: LATENCY_MS, respond, recordRequests: false });
else await main();
