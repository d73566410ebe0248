import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Queue, Worker } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LoopbackLlmServer, startLoopbackLlmServer } from "../../test/helpers/loopback-llm-server.js";
import { type RedisTestServer, redisTestSetup, startRedisServer } from "../../test/helpers/redis-server.js";
import { UnavailableError } from "../core/errors.js";
import type { Item } from "../core/item.js";
import type { EvaluationRecord, RunStore } from "../core/store-spec.js";
import { openStore } from "../store/open-store.js";
import { answerByItem } from "./__fixtures__/eval-fixture.js";
import { type InProcessWorker, startInProcessWorker } from "./__fixtures__/in-process-cli.js";
import { EvalUnitSchema, queueNameFor } from "./eval-unit.js";
import { createQueueEvaluator } from "./queue-evaluator.js";
import { connectRedis } from "./redis-link.js";

const setup = redisTestSetup();
const SILENT = { info: () => {}, warn: () => {} };
const NO_PROGRESS = { start: () => {}, advance: () => {}, finish: () => {} };

/** `benchsmith worker` in this process; its runtime is exposed so a test can break its store. */
const startWorker = (options: {
  store: string;
  redisUrl: string;
  cwd: string;
  configPath: string;
  concurrency: number;
}): Promise<InProcessWorker> =>
  startInProcessWorker({ ...options, storeLocation: options.store, statusEveryMs: 60_000, name: "robust" });

function itemsOf(tag: string, count: number): Item[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `q${index}`,
    format: "mcq",
    question: `Question ${tag} number ${index}: which option?`,
    options: ["alpha", "beta", "gamma", "delta"],
    answer: "A",
  }));
}

if (setup.kind === "skip") {
  describe("queue robustness", () => {
    it.skip(`skipped: ${setup.reason}`, () => {});
  });
} else {
  describe("queue robustness (real redis-server, worker in this process)", () => {
    let redis: RedisTestServer;
    let directory: string;
    let config: string;
    beforeAll(async () => {
      redis = await startRedisServer(setup);
      directory = await mkdtemp(join(tmpdir(), "benchsmith-queue-robust-"));
      config = join(directory, "no-retries.json");
      // No provider-layer retries: a failed call reaches the queue's own retries at once.
      await writeFile(config, JSON.stringify({ providers: { "openai-compatible": { maxRetries: 0 } } }));
    });
    afterAll(async () => {
      await redis?.stop();
      if (directory) await rm(directory, { recursive: true, force: true });
    });

    /** Runs `count` eval units of one run through the queue; `abortAfter` requests aborts the coordinator. */
    async function queuedEval(options: {
      store: RunStore;
      runId: string;
      server: LoopbackLlmServer;
      count: number;
      signal?: AbortSignal;
    }) {
      const link = await connectRedis(redis.url);
      const evaluator = createQueueEvaluator({ link, store: options.store, log: SILENT });
      const modelRef = `openai-compatible:${options.server.url}/v1#tiny`;
      try {
        await evaluator.evaluate({
          runId: options.runId,
          pairs: itemsOf(options.runId, options.count).map((item) => ({ modelRef, item })),
          chainOfThought: false,
          judge: undefined,
          progress: NO_PROGRESS,
          signal: options.signal,
        });
      } finally {
        await evaluator.close();
        await link.close();
      }
    }

    it("stopping the coordinator withdraws every waiting unit, and workers call nothing more", async () => {
      const storePath = join(directory, "withdraw.sqlite");
      const store = await openStore(storePath);
      const server = await startLoopbackLlmServer({ latencyMs: 200, respond: answerByItem });
      const concurrency = 2;
      const worker = await startWorker({
        store: storePath,
        redisUrl: redis.url,
        cwd: directory,
        configPath: config,
        concurrency,
      });
      const adminLink = await connectRedis(redis.url);
      const admin = new Queue(queueNameFor("openai-compatible"), { connection: adminLink.client });
      try {
        await store.createRun({ id: "withdraw", kind: "eval", spec: {} });
        const abort = new AbortController();
        const aborted = new Promise<void>((resolve) => {
          const timer = setInterval(() => {
            if (server.requests.length < 2) return;
            clearInterval(timer);
            abort.abort(new Error("stopped by the test"));
            resolve();
          }, 10);
        });
        // Many more units than a sequential withdrawal removes in its old 2 s.
        const outcome = queuedEval({
          store,
          runId: "withdraw",
          server,
          count: 6000,
          signal: abort.signal,
        }).then(
          () => undefined,
          (error: unknown) => error,
        );
        await aborted;
        const error = await outcome;
        expect(error instanceof Error ? error.message : "").toBe("stopped by the test");
        const callsAtReturn = server.requests.length;
        const left = await admin.getJobCounts("waiting", "delayed", "prioritized");
        expect(left).toEqual({ waiting: 0, delayed: 0, prioritized: 0 });
        await new Promise((resolve) => setTimeout(resolve, 800));
        // Only the units already running when it stopped may still reach the model.
        expect(server.requests.length - callsAtReturn).toBeLessThanOrEqual(concurrency);
      } finally {
        await admin.obliterate({ force: true });
        await admin.close();
        await adminLink.close();
        await worker.stop();
        await server.close();
        await store.close();
      }
    }, 30_000);

    it("a worker skips the units of a run that is no longer running, without calling the model", async () => {
      const storePath = join(directory, "skip.sqlite");
      const store = await openStore(storePath);
      const server = await startLoopbackLlmServer({ respond: answerByItem });
      const worker = await startWorker({
        store: storePath,
        redisUrl: redis.url,
        cwd: directory,
        configPath: config,
        concurrency: 2,
      });
      const adminLink = await connectRedis(redis.url);
      const admin = new Queue(queueNameFor("openai-compatible"), { connection: adminLink.client });
      try {
        await store.createRun({ id: "stopped-run", kind: "eval", spec: {} });
        // As the first Ctrl-C does when Redis is unreachable and nothing could be withdrawn.
        await store.updateRun("stopped-run", { status: "stopped" });
        const modelRef = `openai-compatible:${server.url}/v1#tiny`;
        await admin.addBulk(
          itemsOf("stopped-run", 20).map((item) => ({
            name: "eval",
            data: { kind: "eval", runId: "stopped-run", modelRef, item, chainOfThought: false },
            opts: { jobId: `skip-${item.id}`, removeOnComplete: true },
          })),
        );
        const deadline = Date.now() + 10_000;
        for (;;) {
          const counts = await admin.getJobCounts("waiting", "active");
          if ((counts.waiting ?? 0) + (counts.active ?? 0) === 0) break;
          if (Date.now() > deadline) throw new Error("the worker never took the units");
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(server.requests).toHaveLength(0);
        expect(await store.listEvaluations("stopped-run")).toHaveLength(0);
      } finally {
        await admin.obliterate({ force: true });
        await admin.close();
        await adminLink.close();
        await worker.stop();
        await server.close();
        await store.close();
      }
    }, 30_000);

    it("a short store outage on a worker is retried by the queue instead of failing the run", async () => {
      const storePath = join(directory, "outage.sqlite");
      const store = await openStore(storePath);
      const server = await startLoopbackLlmServer({ respond: answerByItem });
      const worker = await startWorker({
        store: storePath,
        redisUrl: redis.url,
        cwd: directory,
        configPath: config,
        concurrency: 2,
      });
      // The worker's store drops its connection once, as postgres-connect reports a lost connection.
      const { runtime } = worker;
      const putEvaluations = runtime.store.putEvaluations.bind(runtime.store);
      let outages = 1;
      runtime.store.putEvaluations = async (records) => {
        if (outages-- > 0)
          throw new UnavailableError("lost the connection to the PostgreSQL store postgres://db: ECONNRESET");
        return putEvaluations(records);
      };
      try {
        await store.createRun({ id: "outage", kind: "eval", spec: {} });
        await queuedEval({ store, runId: "outage", server, count: 3 });
        expect(await store.listEvaluations("outage")).toHaveLength(3);
      } finally {
        await worker.stop();
        await server.close();
        await store.close();
      }
    }, 30_000);

    it("the worker's failed count holds final failures only, not retried attempts", async () => {
      const storePath = join(directory, "retried.sqlite");
      const store = await openStore(storePath);
      // The first two calls fail (500, retryable): the queue retries the unit, which then succeeds.
      const server = await startLoopbackLlmServer({
        respond: (request) => (request.index < 2 ? { status: 500 } : answerByItem(request)),
      });
      const worker = await startWorker({
        store: storePath,
        redisUrl: redis.url,
        cwd: directory,
        configPath: config,
        concurrency: 1,
      });
      try {
        await store.createRun({ id: "retried", kind: "eval", spec: {} });
        await queuedEval({ store, runId: "retried", server, count: 1 });
        expect(server.requests).toHaveLength(3);
      } finally {
        await worker.stop();
        await server.close();
        await store.close();
      }
      expect(worker.lines.at(-1)).toMatch(/robust: 1 done, 0 in flight, 0 failed; last error: /);
    }, 30_000);

    const recordOf = (runId: string, modelRef: string, itemId: string): EvaluationRecord => ({
      runId,
      modelRef,
      itemId,
      response: "Answer: A",
      extracted: "A",
      correct: true,
      score: 1,
      details: undefined,
    });

    it("a unit committed between reconcile's store read and its job lookup is not re-added", async () => {
      const store = await openStore(join(directory, "race.sqlite"));
      const link = await connectRedis(redis.url);
      const adminLink = await connectRedis(redis.url);
      const admin = new Queue(queueNameFor("ollama"), { connection: adminLink.client });
      const evaluator = createQueueEvaluator({ link, store, log: SILENT, reconcileAfterMs: 200 });
      // No worker: the test commits the unit and removes its job right after reconcile's first read.
      const listEvaluations = store.listEvaluations.bind(store);
      let raced = false;
      store.listEvaluations = async (runId) => {
        const before = await listEvaluations(runId);
        if (!raced) {
          raced = true;
          await store.putEvaluations([recordOf("race", "ollama:x", "q0")]);
          for (const job of await admin.getJobs(["waiting"])) await job.remove();
        }
        return before;
      };
      try {
        await store.createRun({ id: "race", kind: "eval", spec: {} });
        const [item] = itemsOf("race", 1);
        if (item === undefined) throw new Error("no item");
        await evaluator.evaluate({
          runId: "race",
          pairs: [{ modelRef: "ollama:x", item }],
          chainOfThought: false,
          judge: undefined,
          progress: NO_PROGRESS,
          signal: undefined,
        });
        expect(raced).toBe(true);
        expect(evaluator.requeued).toBe(0);
        expect(await admin.getJobCounts("waiting")).toEqual({ waiting: 0 });
      } finally {
        await admin.obliterate({ force: true });
        await admin.close();
        await adminLink.close();
        await evaluator.close();
        await link.close();
        await store.close();
      }
    }, 30_000);

    it("a unit whose completion came without an outcome is re-added and advances progress once", async () => {
      const store = await openStore(join(directory, "progress.sqlite"));
      const link = await connectRedis(redis.url);
      const evaluator = createQueueEvaluator({ link, store, log: SILENT, reconcileAfterMs: 200 });
      const runs = new Map<string, number>();
      // A stand-in worker: q1's first delivery completes without committing (as a lost write would).
      const worker = new Worker(
        queueNameFor("ollama"),
        async (job) => {
          const unit = EvalUnitSchema.parse(job.data);
          const seen = (runs.get(unit.item.id) ?? 0) + 1;
          runs.set(unit.item.id, seen);
          if (unit.item.id === "q1" && seen === 1) return;
          await store.putEvaluations([recordOf(unit.runId, unit.modelRef, unit.item.id)]);
        },
        { connection: link.client, concurrency: 1 },
      );
      let advanced = 0;
      try {
        await store.createRun({ id: "progress", kind: "eval", spec: {} });
        await evaluator.evaluate({
          runId: "progress",
          pairs: itemsOf("progress", 2).map((item) => ({ modelRef: "ollama:x", item })),
          chainOfThought: false,
          judge: undefined,
          progress: {
            start: () => {},
            advance: (count = 1) => {
              advanced += count;
            },
            finish: () => {},
          },
          signal: undefined,
        });
        expect(Object.fromEntries(runs)).toEqual({ q0: 1, q1: 2 });
        expect(await store.listEvaluations("progress")).toHaveLength(2);
        expect(advanced).toBe(2);
      } finally {
        await worker.close();
        await evaluator.close();
        await link.close();
        await store.close();
      }
    }, 30_000);
  });
}
