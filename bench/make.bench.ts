/**
 * Cost and throughput of the make pipeline: `npm run bench:make`.
 * A loopback OpenAI-compatible server plays the generator for every step (it recognises the
 * `### <step>` heading) after a fixed latency. Calls go through the full wrapForRun stack with a
 * fresh memory cache (every call misses) and a rate limiter wide enough not to be the bottleneck.
 * Prints, per configuration (direct, full), LLM calls and tokens per accepted item, and items/min
 * of the full pipeline at concurrency 1 vs 16. Targets: full uses <= 1 + T + L calls per accepted
 * item plus discrimination when needed; items/min scales >= 10x from concurrency 1 to 16.
 * The server runs in a child process (it stands in for a remote API; on a 2-core box its CPU would
 * otherwise be billed to the client). 250 ms per call is still far below real generator latencies,
 * so the measured scaling is a lower bound on what a hosted model gives.
 * Cost of the two designs on the same server (it answers `n` choices, billing the prompt once):
 * the paper's, one request per sample (`batchSamples: false`), against the L candidates and T
 * answers of an attempt sent as one request each. Requests and billed input tokens are counted on
 * the wire (the client's fetch reads each response's usage). The server also caches prompt
 * prefixes the way OpenAI reports it: `prompt_tokens_details.cached_tokens` is the longest run of
 * leading messages an earlier, answered request sent, in the tokens it bills; billed input prices
 * those at the cached rate. Targets at L = 5, T = 5, R = 8: requests per attempt <= 0.3x and billed
 * input tokens per attempt <= 0.5x of the paper's design. `-- --designs` runs only that comparison.
 */

import { createHash } from "node:crypto";
import { silentLogger, silentProgress } from "../src/core/context.js";
import { createRng } from "../src/core/rng.js";
import { createMemoryCache } from "../src/llm/middleware/memory-cache.js";
import { createRateLimiter } from "../src/llm/middleware/rate-limit.js";
import { wrapForRun } from "../src/llm/middleware/wrap-for-run.js";
import { DEFAULT_PRICES } from "../src/llm/prices.js";
import { createProviderModel } from "../src/llm/providers/index.js";
import { scriptedGenerator } from "../src/pipelines/make/__fixtures__/scripted-generator.js";
import { type MakeOptions, makeBenchmark } from "../src/pipelines/make/index.js";
import { openSqliteStore } from "../src/store/sqlite-store.js";
import type { LoopbackRequest, ScriptedReply } from "../test/helpers/loopback-llm-server.js";
import { messageTokens, respondAsMakeGenerator } from "../test/helpers/make-responder.js";
import {
  formatLoadAverage,
  isServerProcess,
  serveLoopback,
  startServerProcess,
} from "./helpers/server-process.js";

const LATENCY_MS = 250;
const T = 5;
const L = 5;
const R = 8;
const SETUP_STEPS = ["expand-demand", "generate-attributes", "generate-strategies"];

// The cached-input rate the billed figures use: gpt-4.1-mini's ($0.10 vs $0.40 per 1M, 0.25x).
const PRICED_AS = "openai:gpt-4.1-mini";
const CACHED_RATE = (() => {
  const price = DEFAULT_PRICES[PRICED_AS];
  return (price?.cachedInputPerMillion ?? 0) / (price?.inputPerMillion ?? 1);
})();

/**
 * OpenAI-style automatic prompt caching on the loopback server: a request's cached tokens are those of
 * its longest run of leading messages that an earlier request sent, counted as the server bills
 * prompt tokens. A prompt is cached once its request is answered (the prefill is done), so samples
 * sent together all miss, as they would on a real server.
 */
function createPrefixCache(latencyMs: number): (request: LoopbackRequest) => number {
  const cached = new Set<string>();
  return (request) => {
    const messages = (request.body as { messages?: { role: string; content: string }[] }).messages ?? [];
    const keys: string[] = [];
    let key = "";
    let tokens = 0;
    let hit = 0;
    for (const message of messages) {
      key = createHash("sha256")
        .update(`${key}\n${JSON.stringify(message)}`)
        .digest("hex");
      tokens += messageTokens(message);
      keys.push(key);
      if (hit === tokens - messageTokens(message) && cached.has(key)) hit = tokens;
    }
    setTimeout(() => {
      for (const written of keys) cached.add(written);
    }, latencyMs).unref();
    return hit;
  };
}

const prefixCache = createPrefixCache(LATENCY_MS);

/** The scripted generator, with the prompt-cache hits reported in its usage (choice 0 bills the request). */
function respond(request: LoopbackRequest): ScriptedReply {
  const reply = respondAsMakeGenerator(request);
  if ((request.choice ?? 0) > 0 || reply.usage === undefined) return reply;
  return { ...reply, usage: { ...reply.usage, cachedInputTokens: prefixCache(request) } };
}

/** Chat-completions requests and the input tokens their responses bill, per make step (read off the wire). */
interface WireTally {
  requests: number;
  inputTokens: number;
  /** Of inputTokens, those read from the prompt cache. */
  cachedTokens: number;
}

function countingFetch(bySteps: Map<string, WireTally>): typeof globalThis.fetch {
  return async (input, init) => {
    const response = await globalThis.fetch(input, init);
    const body = typeof init?.body === "string" ? init.body : "";
    const step = /### ([a-z-]+)/.exec(body)?.[1] ?? "other";
    const { usage } = (await response.clone().json()) as {
      usage?: { prompt_tokens?: number; prompt_tokens_details?: { cached_tokens?: number } };
    };
    const tally = bySteps.get(step) ?? { requests: 0, inputTokens: 0, cachedTokens: 0 };
    tally.requests += 1;
    tally.inputTokens += usage?.prompt_tokens ?? 0;
    tally.cachedTokens += usage?.prompt_tokens_details?.cached_tokens ?? 0;
    bySteps.set(step, tally);
    return response;
  };
}

/** Input tokens as billed: the cached ones at the cached rate. */
const billedInput = (tally: { inputTokens: number; cachedTokens: number }) =>
  tally.inputTokens - tally.cachedTokens + tally.cachedTokens * CACHED_RATE;

async function measure(
  url: string | undefined,
  options: Partial<MakeOptions> & { count: number; concurrency: number; batchSamples?: boolean },
) {
  const { batchSamples = true, ...makeOptions } = options;
  const wire = new Map<string, WireTally>();
  // No URL: the in-process scripted generator with the same fixed latency (isolates the runner's scheduling).
  const provider =
    url === undefined
      ? scriptedGenerator({ delayMs: LATENCY_MS })
      : createProviderModel(`openai-compatible:${url}/v1#bench-generator`, {
          env: {},
          fetch: countingFetch(wire),
        });
  const model = wrapForRun({
    model: provider,
    cache: createMemoryCache(),
    limiter: createRateLimiter({ concurrency: 512 }),
    retry: { maxRetries: 0 },
    batchSamples,
  });
  const store = openSqliteStore(":memory:");
  const runId = `bench-${Math.random().toString(16).slice(2)}`;
  await store.createRun({ id: runId, kind: "make", spec: {} });
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const result = await makeBenchmark(
    {
      demand: "world geography",
      generator: "bench",
      seed: 1,
      testTakers: T,
      candidates: L,
      references: R,
      ...makeOptions,
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
  const minutes = (performance.now() - started) / 60_000;
  const cpu = process.cpuUsage(cpuBefore);
  await store.close();
  const { stats } = result;
  const accepted = result.items.length;
  const setupCalls = SETUP_STEPS.reduce((sum, step) => sum + (stats.byStep[step]?.responses ?? 0), 0);
  const itemWire = [...wire].filter(([step]) => !SETUP_STEPS.includes(step)).map(([, tally]) => tally);
  const attempts = accepted + stats.rejected;
  const requests = itemWire.reduce((sum, tally) => sum + tally.requests, 0);
  const input = itemWire.reduce((sum, tally) => sum + tally.inputTokens, 0);
  const cached = itemWire.reduce((sum, tally) => sum + tally.cachedTokens, 0);
  const billed = billedInput({ inputTokens: input, cachedTokens: cached });
  return {
    attempts,
    requestsPerAccepted: requests / accepted,
    requestsPerAttempt: requests / attempts,
    inputPerAccepted: input / accepted,
    inputPerAttempt: input / attempts,
    cachedPerAttempt: cached / attempts,
    billedPerAccepted: billed / accepted,
    billedPerAttempt: billed / attempts,
    wire,
    accepted,
    calls: stats.calls,
    itemCallsPerAccepted: (stats.calls - setupCalls) / accepted,
    tokensPerAccepted: (stats.inputTokens + stats.outputTokens) / accepted,
    discriminations: stats.byStep.discriminate?.responses ?? 0,
    rejected: stats.rejected,
    itemsPerMinute: accepted / minutes,
    cpuMsPerItem: (cpu.user + cpu.system) / 1000 / accepted,
  };
}

async function main(): Promise<void> {
  const server = await startServerProcess(import.meta.url);
  if (process.argv.includes("--designs")) {
    try {
      await measure(server.url, { count: 8, concurrency: 8 }); // warm-up
      console.log(`load average at start: ${formatLoadAverage()}`);
      await compareDesigns(server.url);
      console.log(`load average at end: ${formatLoadAverage()}`);
    } finally {
      server.stop();
    }
    return;
  }
  try {
    await measure(server.url, { count: 16, concurrency: 16 }); // warm-up: SDK import, JIT, keep-alive sockets
    console.log(
      `make pipeline on a loopback generator (child process), ${LATENCY_MS} ms per call, T=${T}, L=${L}`,
    );
    console.log(`load average at start: ${formatLoadAverage()}\n`);
    console.log(
      "configuration  items  calls/item  tokens/item  discriminations  rejected  client CPU ms/item",
    );
    for (const [name, options] of [
      ["direct", { direct: true, count: 32, concurrency: 16 }],
      ["full", { count: 32, concurrency: 16 }],
    ] as const) {
      const row = await measure(server.url, options);
      console.log(
        `${name.padEnd(14)} ${String(row.accepted).padStart(5)}  ${row.itemCallsPerAccepted.toFixed(2).padStart(10)}  ` +
          `${row.tokensPerAccepted.toFixed(0).padStart(11)}  ${String(row.discriminations).padStart(15)}  ` +
          `${String(row.rejected).padStart(8)}  ${row.cpuMsPerItem.toFixed(1).padStart(18)}`,
      );
      if (name === "full") {
        const bound = 1 + T + L + row.discriminations / row.accepted;
        console.log(
          `  full: ${row.itemCallsPerAccepted.toFixed(2)} calls per accepted item (3 setup calls excluded) vs ` +
            `1 + T + L + discriminations/item = ${bound.toFixed(2)} -> ${row.itemCallsPerAccepted <= bound ? "OK" : "OVER"}`,
        );
      }
    }
    console.log("");
    await compareDesigns(server.url);
    console.log("");
    const one = await measure(server.url, { count: 8, concurrency: 1 });
    const sixteen = await measure(server.url, { count: 96, concurrency: 16 });
    console.log(`full, concurrency  1: ${one.accepted} items, ${one.itemsPerMinute.toFixed(0)} items/min`);
    console.log(
      `full, concurrency 16: ${sixteen.accepted} items, ${sixteen.itemsPerMinute.toFixed(0)} items/min`,
    );
    const speedup = sixteen.itemsPerMinute / one.itemsPerMinute;
    console.log(
      `speed-up ${speedup.toFixed(1)}x (target >= 10x) -> ${speedup >= 10 ? "OK" : "BELOW TARGET"}`,
    );
    // What the client's CPU alone allows: when this is near the measured rate, the box (not the runner) is the limit.
    console.log(
      `client CPU ${sixteen.cpuMsPerItem.toFixed(1)} ms/item -> at most ${(60_000 / sixteen.cpuMsPerItem).toFixed(0)} items/min per free core`,
    );
    const inProcessOne = await measure(undefined, { count: 8, concurrency: 1 });
    const inProcessSixteen = await measure(undefined, { count: 96, concurrency: 16 });
    const inProcessSpeedup = inProcessSixteen.itemsPerMinute / inProcessOne.itemsPerMinute;
    console.log(
      `in-process generator, same latency (no HTTP/SDK CPU): ${inProcessOne.itemsPerMinute.toFixed(0)} -> ` +
        `${inProcessSixteen.itemsPerMinute.toFixed(0)} items/min, speed-up ${inProcessSpeedup.toFixed(1)}x`,
    );
    console.log(`load average at end: ${formatLoadAverage()}`);
  } finally {
    server.stop();
  }
}

/** The paper's design (one request per sample) against samples batched per request, same server, same run. */
async function compareDesigns(url: string): Promise<void> {
  const count = 48;
  console.log(
    `cost per design, L=${L} T=${T} R=${R}, ${count} items at concurrency 8 (setup requests excluded)`,
  );
  console.log(
    `billed input: cached tokens at ${CACHED_RATE}x the input rate (${PRICED_AS}); the server caches prompt prefixes by leading messages`,
  );
  console.log(
    "design                 items  attempts  requests/item  requests/attempt  input tok/attempt  cached tok/attempt  billed input/item  billed input/attempt  items/min",
  );
  const rows = [];
  for (const [name, batchSamples] of [
    ["paper (1 per sample)", false],
    ["batched samples (n)", true],
  ] as const) {
    const row = await measure(url, { count, concurrency: 8, batchSamples });
    rows.push(row);
    console.log(
      `${name.padEnd(22)} ${String(row.accepted).padStart(5)}  ${String(row.attempts).padStart(8)}  ` +
        `${row.requestsPerAccepted.toFixed(2).padStart(13)}  ${row.requestsPerAttempt.toFixed(2).padStart(16)}  ` +
        `${row.inputPerAttempt.toFixed(0).padStart(17)}  ${row.cachedPerAttempt.toFixed(0).padStart(18)}  ` +
        `${row.billedPerAccepted.toFixed(0).padStart(17)}  ${row.billedPerAttempt.toFixed(0).padStart(20)}  ` +
        `${row.itemsPerMinute.toFixed(0).padStart(9)}`,
    );
  }
  const [paper, batched] = rows as [Awaited<ReturnType<typeof measure>>, Awaited<ReturnType<typeof measure>>];
  const requestRatio = batched.requestsPerAttempt / paper.requestsPerAttempt;
  const inputRatio = batched.inputPerAttempt / paper.inputPerAttempt;
  const billedRatio = batched.billedPerAttempt / paper.billedPerAttempt;
  console.log(
    `ratio batched/paper: requests/attempt ${requestRatio.toFixed(2)}x (target <= 0.3x) -> ${requestRatio <= 0.3 ? "OK" : "OVER"}; ` +
      `input tokens/attempt ${inputRatio.toFixed(2)}x; ` +
      `billed input tokens/attempt ${billedRatio.toFixed(2)}x (target <= 0.5x) -> ${billedRatio <= 0.5 ? "OK" : "OVER"}`,
  );
  // What the two changes buy together: the paper's design as billed before any prompt caching.
  const overall = batched.billedPerAttempt / paper.inputPerAttempt;
  console.log(
    `batched + cached prefix vs the paper's design without a prompt cache: billed input/attempt ${overall.toFixed(2)}x`,
  );
  for (const [name, row] of [
    ["paper", paper],
    ["batched", batched],
  ] as const) {
    const steps = [...row.wire]
      .filter(([step]) => !SETUP_STEPS.includes(step))
      .map(
        ([step, tally]) =>
          `${step} ${tally.requests} req / ${tally.inputTokens} tok (${tally.cachedTokens} cached)`,
      )
      .join(", ");
    console.log(`  ${name} by step: ${steps}`);
  }
}

if (isServerProcess()) await serveLoopback({ latencyMs: LATENCY_MS, respond, recordRequests: false });
else await main();
