import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LoopbackLlmServer, startLoopbackLlmServer } from "../../test/helpers/loopback-llm-server.js";
import { type RedisTestServer, redisTestSetup, startRedisServer } from "../../test/helpers/redis-server.js";
import { openSqliteStore } from "../store/sqlite-store.js";
import { answerByItem, countByPrompt, maxInWindow, writeBenchmark } from "./__fixtures__/eval-fixture.js";
import { type CliProcess, startCli } from "./__fixtures__/spawn-cli.js";

const setup = redisTestSetup();
// One worker per test step would cost a process start each (seconds on 2 loaded cores): the same three
// workers serve the steps in order, and the later steps kill one of them and restart Redis under them.
const WORKER_CONCURRENCY = 8;
const LOCK_MS = 3000;
// openai: queue-limited to 20 requests a second across workers (each worker alone may do 20: three
// unchecked would do 60); openai-compatible: unlimited.
const OPENAI_PER_MINUTE = 1200;

interface Outcome {
  itemId: string;
  correct: boolean;
  extracted: string | null;
}

async function outcomesOf(storePath: string, runId: string): Promise<Outcome[]> {
  const store = await openSqliteStore(storePath);
  try {
    return (await store.listEvaluations(runId))
      .map((record) => ({
        itemId: record.itemId,
        correct: record.correct,
        extracted: record.extracted ?? null,
      }))
      .sort((a, b) => a.itemId.localeCompare(b.itemId));
  } finally {
    await store.close();
  }
}

function runIdOf(cli: CliProcess): string {
  const match = /\(run (\S+);/.exec(cli.stdout);
  if (!match?.[1]) throw new Error(`no run id in stdout:\n${cli.stdout}\nstderr:\n${cli.stderr}`);
  return match[1];
}

async function expectSuccess(cli: CliProcess): Promise<void> {
  const exit = await cli.exit;
  if (exit.code !== 0) throw new Error(`exit ${String(exit.code ?? exit.signal)}:\n${cli.stderr}`);
}

if (setup.kind === "skip") {
  console.warn(`queue tests SKIPPED: ${setup.reason}`);
  describe("eval --queue with benchsmith worker", () => {
    it.skip(`skipped: ${setup.reason}`, () => {});
  });
} else {
  describe.sequential("eval --queue with benchsmith worker (real Redis, real processes)", () => {
    let redis: RedisTestServer;
    let server: LoopbackLlmServer;
    let directory: string;
    let store: string;
    let workers: CliProcess[] = [];
    const compatible = () => `openai-compatible:${server.url}/v1#tiny`;
    const coordinator = (benchmark: string, model: string) =>
      startCli(
        [
          "eval",
          benchmark,
          "--models",
          model,
          "--queue",
          redis.url,
          "--store",
          store,
          "--out",
          `${benchmark}.json`,
        ],
        { cwd: directory },
      );

    beforeAll(async () => {
      redis = await startRedisServer(setup);
      server = await startLoopbackLlmServer({ latencyMs: 2, respond: answerByItem });
      directory = mkdtempSync(join(tmpdir(), "benchsmith-queue-"));
      store = join(directory, "shared.sqlite");
      const config = join(directory, "worker.config.json");
      writeFileSync(
        config,
        JSON.stringify({
          providers: { openai: { baseURL: `${server.url}/v1`, requestsPerMinute: OPENAI_PER_MINUTE } },
        }),
      );
      workers = [1, 2, 3].map((n) =>
        startCli(
          [
            "worker",
            "--queue",
            redis.url,
            "--config",
            config,
            "--store",
            store,
            "--concurrency",
            String(WORKER_CONCURRENCY),
            "--lock-duration",
            String(LOCK_MS),
            "--grace",
            "3",
            "--status-every",
            "1",
            "--name",
            `w${n}`,
          ],
          // The key lives only with the workers: the coordinator never calls a model.
          { cwd: directory, env: { OPENAI_API_KEY: "test-key" } },
        ),
      );
      await Promise.all(workers.map((worker) => worker.waitForStderr(/listening on/, 30_000)));
    }, 40_000);
    afterAll(async () => {
      for (const worker of workers) if (worker.child.exitCode === null) worker.child.kill("SIGKILL");
      await server?.close();
      await redis?.stop();
      if (directory) rmSync(directory, { recursive: true, force: true });
    });

    it("2,000 tasks on 3 workers give the single-process results, each task called once", async () => {
      const benchmark = writeBenchmark(directory, "parity", 2000);
      const single = startCli(
        [
          "eval",
          benchmark,
          "--models",
          compatible(),
          "--concurrency",
          "16",
          "--store",
          join(directory, "single.sqlite"),
          "--out",
          join(directory, "single.json"),
        ],
        { cwd: directory },
      );
      await expectSuccess(single);
      const expected = await outcomesOf(join(directory, "single.sqlite"), runIdOf(single));
      expect(expected).toHaveLength(2000);
      server.reset();

      const queued = coordinator(benchmark, compatible());
      await expectSuccess(queued);
      expect(await outcomesOf(store, runIdOf(queued))).toEqual(expected);
      const counts = countByPrompt(server.requests);
      expect(counts.size).toBe(2000);
      expect(Math.max(...counts.values())).toBe(1);
      for (const worker of workers) expect(worker.stderr).toMatch(/: [1-9]\d* done/);
    }, 90_000);

    it("holds the provider's requests per minute across the three workers", async () => {
      const tasks = 160;
      const benchmark = writeBenchmark(directory, "rate", tasks);
      server.reset();
      const queued = coordinator(benchmark, "openai:tiny");
      await expectSuccess(queued);
      expect(server.requests).toHaveLength(tasks);
      const perSecond = OPENAI_PER_MINUTE / 60;
      const arrivals = server.requests.map((request) => request.receivedAt);
      const spanSeconds = (Math.max(...arrivals) - Math.min(...arrivals)) / 1000;
      // The limit over the run: `tasks` requests need (tasks - 1 window) / rate seconds at least.
      expect((tasks - 2) / spanSeconds).toBeLessThanOrEqual(perSecond * 1.05);
      // Any one second: the rate plus BullMQ's fixed-window slack (2 per 100 ms) and the jitter between a
      // unit's start and its request's arrival on 2 loaded cores; three unchecked workers would do 60.
      expect(maxInWindow(server.requests, 1000)).toBeLessThanOrEqual(perSecond * 1.5);
    }, 60_000);

    it("a worker killed with SIGKILL mid-run loses nothing; only its calls in flight repeat", async () => {
      const benchmark = writeBenchmark(directory, "kill", 400);
      server.reset();
      const queued = coordinator(benchmark, compatible());
      const victim = workers[2] as CliProcess;
      while (server.requests.length < 100) await new Promise((resolve) => setTimeout(resolve, 20));
      victim.child.kill("SIGKILL");
      await expectSuccess(queued);
      const outcomes = await outcomesOf(store, runIdOf(queued));
      expect(outcomes.map((outcome) => outcome.itemId)).toEqual([...new Set(outcomes.map((o) => o.itemId))]);
      expect(outcomes).toHaveLength(400);
      const counts = countByPrompt(server.requests);
      expect(counts.size).toBe(400);
      const repeated = [...counts.values()].filter((count) => count > 1);
      // Only the units the victim had in flight can be called again (their replies never reached the cache).
      expect(repeated.length).toBeLessThanOrEqual(WORKER_CONCURRENCY);
      expect(Math.max(...counts.values())).toBeLessThanOrEqual(2);
    }, 60_000);

    it("Redis restarted empty mid-run: workers report it and recover, the run completes with nothing lost", async () => {
      const benchmark = writeBenchmark(directory, "restart", 400);
      server.reset();
      const alive = workers.slice(0, 2);
      const queued = coordinator(benchmark, compatible());
      while (server.requests.length < 100) await new Promise((resolve) => setTimeout(resolve, 20));
      await redis.restart();
      await expectSuccess(queued);
      expect(queued.stderr).toMatch(/re-adding \d+ unit/);
      for (const worker of alive) {
        expect(worker.stderr).toMatch(/lost Redis/);
        expect(worker.stderr).toMatch(/Redis is back/);
      }
      const outcomes = await outcomesOf(store, runIdOf(queued));
      expect(outcomes).toHaveLength(400);
      const counts = countByPrompt(server.requests);
      expect(counts.size).toBe(400);
      // Units in flight at the restart may be called again; everything committed hits the cache.
      expect([...counts.values()].filter((count) => count > 1).length).toBeLessThanOrEqual(
        2 * WORKER_CONCURRENCY,
      );
    }, 60_000);

    it("workers exit 1 with one clear line when Redis stays away past --grace", async () => {
      const alive = workers.slice(0, 2);
      await redis.kill();
      for (const worker of alive) {
        const exit = await worker.exit;
        expect(exit.code).toBe(1);
        const errors = worker.stderr.split("\n").filter((line) => line.startsWith("error: "));
        expect(errors).toHaveLength(1);
        expect(errors[0]).toMatch(/lost its Redis connection to redis:\/\/127\.0\.0\.1:\d+ for over 3 s/);
      }
    }, 30_000);
  });
}
