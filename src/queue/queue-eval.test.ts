import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LoopbackLlmServer, startLoopbackLlmServer } from "../../test/helpers/loopback-llm-server.js";
import {
  type PostgresTestServer,
  postgresTestSetup,
  startPostgresServer,
} from "../../test/helpers/postgres-server.js";
import { type RedisTestServer, redisTestSetup, startRedisServer } from "../../test/helpers/redis-server.js";
import { UnavailableError } from "../core/errors.js";
import type { Item } from "../core/item.js";
import { openStore } from "../store/open-store.js";
import { answerByItem, countByPrompt, writeBenchmark } from "./__fixtures__/eval-fixture.js";
import {
  type InProcessWorker,
  runCliInProcess,
  startInProcessWorker,
} from "./__fixtures__/in-process-cli.js";
import { createQueueEvaluator } from "./queue-evaluator.js";
import { connectRedis } from "./redis-link.js";

const setup = redisTestSetup();
const PASSWORD = "s3cret-redis-pw";

const cli = runCliInProcess;

/** `benchsmith worker` in this process, on its own store location. */
const startWorker = (
  storeLocation: string,
  redisUrl: string,
  cwd: string,
  configPath?: string,
  env: NodeJS.ProcessEnv = {},
): Promise<InProcessWorker> => startInProcessWorker({ storeLocation, redisUrl, cwd, configPath, env });

if (setup.kind === "skip") {
  console.warn(`queue tests SKIPPED: ${setup.reason}`);
  describe("eval --queue in one process", () => {
    it.skip(`skipped: ${setup.reason}`, () => {});
  });
} else {
  describe("eval --queue with a worker in the same process", () => {
    let redis: RedisTestServer;
    let server: LoopbackLlmServer;
    let directory: string;
    const model = () => `openai-compatible:${server.url}/v1#tiny`;
    beforeAll(async () => {
      redis = await startRedisServer(setup, { password: PASSWORD });
      server = await startLoopbackLlmServer({ respond: answerByItem });
      directory = await mkdtemp(join(tmpdir(), "benchsmith-queue-eval-"));
    });
    afterAll(async () => {
      await server?.close();
      await redis?.stop();
      if (directory) await rm(directory, { recursive: true, force: true });
    });

    it("stores the queue URL masked, never the password, and the outcomes of every task", async () => {
      const store = join(directory, "masked.sqlite");
      const benchmark = writeBenchmark(directory, "masked", 40);
      const worker = await startWorker(store, redis.url, directory);
      server.reset();
      const result = await cli(
        "eval",
        benchmark,
        "--models",
        model(),
        "--queue",
        redis.url,
        "--store",
        store,
      );
      expect((await worker.stop()).exitCode).toBe(0);
      expect(result.stderr).not.toContain(PASSWORD);
      expect(result.code).toBe(0);
      expect(countByPrompt(server.requests).size).toBe(40);
      expect(server.requests).toHaveLength(40);
      expect(worker.lines.join("\n")).not.toContain(PASSWORD);
      expect(worker.lines.at(-1)).toMatch(/in-process: 40 done, 0 in flight, 0 failed; last error: none/);

      const opened = await openStore(store);
      try {
        const [run] = await opened.listRuns({ kind: "eval" });
        expect(run?.spec).toMatchObject({ queue: `redis://:***@127.0.0.1:${redis.port}` });
        expect(JSON.stringify(run)).not.toContain(PASSWORD);
        expect(await opened.listEvaluations(run?.id ?? "")).toHaveLength(40);
        expect(await opened.callStats(run?.id ?? "")).toMatchObject({ calls: 40 });
      } finally {
        await opened.close();
      }
    });

    it("a worker on another store fails the run with one line saying so (exit 2), and --resume then finishes", async () => {
      const store = join(directory, "coordinator.sqlite");
      const benchmark = writeBenchmark(directory, "elsewhere", 10);
      const stray = await startWorker(join(directory, "other.sqlite"), redis.url, directory);
      const failed = await cli(
        "eval",
        benchmark,
        "--models",
        model(),
        "--queue",
        redis.url,
        "--store",
        store,
      );
      await stray.stop();
      expect(failed.code).toBe(2);
      const errors = failed.stderr.split("\n").filter((line) => line.startsWith("error: "));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/a queue worker failed .* is not in this worker's store .*other\.sqlite/);
      const runId = /run (eval-\S+) is not in/.exec(failed.stderr)?.[1] ?? "";
      expect(runId).not.toBe("");

      const worker = await startWorker(store, redis.url, directory);
      const resumed = await cli("eval", benchmark, "--resume", runId, "--queue", redis.url, "--store", store);
      await worker.stop();
      expect(resumed.code).toBe(0);
      expect(resumed.stdout).toContain(`(run ${runId};`);
    });

    it("a 429 with Retry-After pauses the provider's queue for every worker, then the unit runs again", async () => {
      const store = join(directory, "limited.sqlite");
      const config = join(directory, "no-retries.json");
      // No in-process retries: the 429 reaches the queue, which pauses instead.
      await writeFile(config, JSON.stringify({ providers: { "openai-compatible": { maxRetries: 0 } } }));
      const benchmark = writeBenchmark(directory, "limited", 30);
      const limited = await startLoopbackLlmServer({
        respond: (request) =>
          request.index === 5 ? { status: 429, headers: { "retry-after": "1" } } : answerByItem(request),
      });
      const workers = [
        await startWorker(store, redis.url, directory, config),
        await startWorker(store, redis.url, directory, config),
      ];
      try {
        const result = await cli(
          "eval",
          benchmark,
          "--models",
          `openai-compatible:${limited.url}/v1#tiny`,
          "--queue",
          redis.url,
          "--store",
          store,
        );
        expect(result.code).toBe(0);
        expect(limited.requests).toHaveLength(31);
        const refusedAt = limited.requests[5]?.receivedAt ?? 0;
        // Requests already under way may land just after the 429; none starts during the pause.
        const during = limited.requests.filter(
          (request) => request.receivedAt > refusedAt + 150 && request.receivedAt < refusedAt + 900,
        );
        expect(during).toEqual([]);
        expect(workers.some((worker) => worker.lines.join("\n").includes("429"))).toBe(true);
      } finally {
        for (const worker of workers) await worker.stop();
        await limited.close();
      }
    });

    it("--max-calls holds across 2 workers: exactly the budget is called, and --resume pays only for the rest", async () => {
      const store = join(directory, "budget.sqlite");
      const benchmark = writeBenchmark(directory, "budget", 40);
      const workers = [
        await startWorker(store, redis.url, directory),
        await startWorker(store, redis.url, directory),
      ];
      try {
        server.reset();
        const args = ["eval", benchmark, "--models", model(), "--queue", redis.url, "--store", store];
        const stopped = await cli(...args, "--max-calls", "10");
        // A spent budget stops the run cleanly (exit 3, resumable), as in one process.
        expect(stopped.code).toBe(3);
        expect(server.requests).toHaveLength(10);
        const runId = /--resume (eval-\S+)/.exec(stopped.stderr)?.[1] ?? "";
        expect(runId).not.toBe("");
        const resumed = await cli(
          "eval",
          benchmark,
          "--resume",
          runId,
          "--queue",
          redis.url,
          "--store",
          store,
          "--max-calls",
          "100",
        );
        expect(resumed.code).toBe(0);
        // Each of the 40 prompts was paid for once over both sessions.
        expect(server.requests).toHaveLength(40);
        expect(countByPrompt(server.requests).size).toBe(40);
      } finally {
        for (const worker of workers) await worker.stop();
      }
    });

    it("Redis restarted empty under --max-calls: the budget is published again, never spent unchecked", async () => {
      const restartable = await startRedisServer(setup);
      const slow = await startLoopbackLlmServer({ respond: answerByItem, latencyMs: 40 });
      const store = join(directory, "budget-restart.sqlite");
      const benchmark = writeBenchmark(directory, "budget-restart", 80);
      const workers = [
        await startInProcessWorker({
          storeLocation: store,
          redisUrl: restartable.url,
          cwd: directory,
          concurrency: 4,
        }),
        await startInProcessWorker({
          storeLocation: store,
          redisUrl: restartable.url,
          cwd: directory,
          concurrency: 4,
        }),
      ];
      try {
        const running = cli(
          "eval",
          benchmark,
          "--models",
          `openai-compatible:${slow.url}/v1#tiny`,
          "--queue",
          restartable.url,
          "--store",
          store,
          "--max-calls",
          "40",
        );
        while (slow.requests.length < 12) await new Promise((resolve) => setTimeout(resolve, 10));
        await restartable.restart();
        const result = await running;
        expect(result.code).toBe(3);
        // At most the budget, plus the calls in flight at the restart (not yet in the store when it was
        // published again): 2 workers x 4.
        expect(slow.requests.length).toBeGreaterThanOrEqual(40);
        expect(slow.requests.length).toBeLessThanOrEqual(40 + 8);
      } finally {
        for (const worker of workers) await worker.stop();
        await slow.close();
        await restartable.stop();
      }
    }, 60_000);

    it("the coordinator gives up with one resumable error when Redis stays away past its grace", async () => {
      const lonely = await startRedisServer(setup);
      const store = await openStore(join(directory, "lonely.sqlite"));
      const link = await connectRedis(lonely.url);
      const warnings: string[] = [];
      const evaluator = createQueueEvaluator({
        link,
        store,
        log: { info: () => {}, warn: (line) => warnings.push(line) },
        graceMs: 1000,
      });
      try {
        await store.createRun({ id: "lonely", kind: "eval", spec: {} });
        const item: Item = { id: "q0", format: "mcq", question: "Which?", options: ["a", "b"], answer: "A" };
        const waiting = evaluator.evaluate({
          runId: "lonely",
          pairs: [{ modelRef: "ollama:x", item }],
          chainOfThought: false,
          judge: undefined,
          progress: { start: () => {}, advance: () => {}, finish: () => {} },
          signal: undefined,
        });
        const outcome = waiting.then(
          () => undefined,
          (error: unknown) => error,
        );
        await new Promise((resolve) => setTimeout(resolve, 300));
        const killedAt = performance.now();
        await lonely.kill();
        const error = await outcome;
        expect(UnavailableError.isInstance(error)).toBe(true);
        expect(error instanceof Error ? error.message : "").toMatch(
          /^lost the work queue redis:\/\/127\.0\.0\.1:\d+ for over 1 s$/,
        );
        expect(performance.now() - killedAt).toBeLessThan(6000);
        expect(warnings.join("\n")).toMatch(/is unreachable/);
      } finally {
        await evaluator.close();
        await link.close();
        await store.close();
        await lonely.stop();
      }
    });

    it("a provider's configured concurrency holds across workers (BullMQ global concurrency)", async () => {
      const store = join(directory, "concurrency.sqlite");
      const config = join(directory, "concurrency.json");
      const slow = await startLoopbackLlmServer({ latencyMs: 30, respond: answerByItem });
      await writeFile(
        config,
        JSON.stringify({ providers: { openai: { baseURL: `${slow.url}/v1`, concurrency: 2 } } }),
      );
      const benchmark = writeBenchmark(directory, "concurrency", 24);
      const env = { OPENAI_API_KEY: "test-key" };
      const workers = [
        await startWorker(store, redis.url, directory, config, env),
        await startWorker(store, redis.url, directory, config, env),
      ];
      try {
        const result = await cli(
          "eval",
          benchmark,
          "--models",
          "openai:tiny",
          "--queue",
          redis.url,
          "--store",
          store,
        );
        expect(result.code).toBe(0);
        expect(slow.requests).toHaveLength(24);
        // Each worker alone may run 2 at once; together they still run only 2.
        expect(slow.maxInFlight).toBe(2);
      } finally {
        for (const worker of workers) await worker.stop();
        await slow.close();
      }
    });

    const postgres = postgresTestSetup();
    it.skipIf(postgres.kind === "skip")(
      `runs on a shared PostgreSQL store${postgres.kind === "skip" ? ` (skipped: ${postgres.reason})` : ""}`,
      async () => {
        const pg: PostgresTestServer = await startPostgresServer(postgres);
        try {
          const store = await pg.createSchema();
          const benchmark = writeBenchmark(directory, "postgres", 100);
          const workers = [
            await startWorker(store, redis.url, directory),
            await startWorker(store, redis.url, directory),
          ];
          server.reset();
          const result = await cli(
            "eval",
            benchmark,
            "--models",
            model(),
            "--queue",
            redis.url,
            "--store",
            store,
          );
          for (const worker of workers) await worker.stop();
          expect(result.stderr.split("\n").filter((line) => line.startsWith("error"))).toEqual([]);
          expect(result.code).toBe(0);
          expect(server.requests).toHaveLength(100);
          const opened = await openStore(store);
          try {
            const [run] = await opened.listRuns({ kind: "eval" });
            expect(await opened.listEvaluations(run?.id ?? "")).toHaveLength(100);
          } finally {
            await opened.close();
          }
        } finally {
          await pg.stop();
        }
      },
      60_000,
    );
  });
}
