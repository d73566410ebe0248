import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LoopbackLlmServer, startLoopbackLlmServer } from "../../../test/helpers/loopback-llm-server.js";
import { respondAsMakeGenerator } from "../../../test/helpers/make-responder.js";
import {
  type RedisTestServer,
  redisTestSetup,
  startRedisServer,
} from "../../../test/helpers/redis-server.js";
import { type Item, ItemSchema } from "../../core/item.js";
import { readJsonl } from "../../io/jsonl.js";
import { errorLinesOf, runCliInProcess, runCliOnQueue } from "../../queue/__fixtures__/in-process-cli.js";
import { openStore } from "../../store/open-store.js";

const setup = redisTestSetup();

/** What the items say, with their run's id as RUN and without timings (every run has its own). */
function contentOf(items: readonly Item[]): unknown {
  const runId = items[0]?.id.replace(/-\d+$/, "") ?? "";
  const text = JSON.stringify(items).replaceAll(runId, "RUN");
  return JSON.parse(text, (key, value) => (key === "elapsedMs" ? undefined : value));
}

if (setup.kind === "skip") {
  describe("make --queue", () => {
    it.skip(`skipped: ${setup.reason}`, () => {});
  });
} else {
  describe("make --queue: slot attempts as units on a worker", () => {
    let redis: RedisTestServer;
    let server: LoopbackLlmServer;
    let directory: string;
    const makeArgs = (store: string, out: string, ...extra: string[]) => [
      "make",
      "world geography",
      "-n",
      "4",
      "--no-boost",
      "--test-takers",
      "1",
      "--seed",
      "5",
      "--generator",
      `openai-compatible:${server.url}/v1#make-gen`,
      "--store",
      store,
      "--out",
      out,
      ...extra,
    ];
    beforeAll(async () => {
      redis = await startRedisServer(setup);
      server = await startLoopbackLlmServer({ respond: respondAsMakeGenerator });
      directory = await mkdtemp(join(tmpdir(), "benchsmith-make-queue-"));
    });
    afterAll(async () => {
      await server?.close();
      await redis?.stop();
      if (directory) await rm(directory, { recursive: true, force: true });
    });

    it("makes the same items as in one process, every attempt on the worker, no call made twice", async () => {
      // One slot at a time: requests arrive in the same order in both runs, so the scripted replies match.
      server.reset();
      const localOut = join(directory, "local.jsonl");
      const local = await runCliInProcess(
        ...makeArgs(join(directory, "local.sqlite"), localOut, "--concurrency", "1"),
      );
      expect(errorLinesOf(local.stderr)).toEqual([]);
      expect(local.code).toBe(0);
      const localRequests = server.requests.length;

      server.reset();
      const store = join(directory, "queued.sqlite");
      const queuedOut = join(directory, "queued.jsonl");
      const {
        result: queued,
        exits: [exit],
      } = await runCliOnQueue({
        args: makeArgs(store, queuedOut, "--concurrency", "1"),
        storeLocation: store,
        redisUrl: redis.url,
        cwd: directory,
      });
      expect(errorLinesOf(queued.stderr)).toEqual([]);
      expect(queued.code).toBe(0);
      expect(exit?.exitCode).toBe(0);

      const localItems = await readJsonl(localOut, ItemSchema);
      const queuedItems = await readJsonl(queuedOut, ItemSchema);
      expect(queuedItems).toHaveLength(4);
      expect(contentOf(queuedItems)).toEqual(contentOf(localItems));
      expect(server.requests).toHaveLength(localRequests);
      // The summary's call counts include the workers' calls (they come back with each attempt).
      const callsLine = (stdout: string) => /^calls (\d+) /m.exec(stdout)?.[1];
      expect(callsLine(queued.stdout)).toBe(callsLine(local.stdout));
      expect(/^responses by step: .*/m.exec(queued.stdout)?.[0]).toBe(
        /^responses by step: .*/m.exec(local.stdout)?.[0],
      );

      const opened = await openStore(store);
      try {
        const [run] = await opened.listRuns({ kind: "make" });
        expect(run?.spec).toMatchObject({ queue: `redis://127.0.0.1:${redis.port}` });
        const attempts = await opened.listItems(run?.id ?? "");
        // Every attempt (accepted or rejected) ran on the worker: one unit each.
        expect(exit?.done).toBe(attempts.length);
        // The worker's calls are recorded under the run, as in-process.
        expect((await opened.callStats(run?.id ?? "")).calls).toBe(localRequests);
      } finally {
        await opened.close();
      }
    }, 60_000);

    it("fills every slot with distinct items when several slots are in flight at once", async () => {
      server.reset();
      const store = join(directory, "window.sqlite");
      const out = join(directory, "window.jsonl");
      const { result: queued, exits } = await runCliOnQueue({
        args: makeArgs(store, out, "--concurrency", "3"),
        storeLocation: store,
        redisUrl: redis.url,
        cwd: directory,
      });
      expect(queued.code).toBe(0);
      expect(exits.map((exit) => exit.exitCode)).toEqual([0]);
      const items = await readJsonl(out, ItemSchema);
      expect(items).toHaveLength(4);
      expect(new Set(items.map((item) => item.question)).size).toBe(4);
      expect(new Set(items.map((item) => item.id)).size).toBe(4);
    }, 60_000);

    it("holds the provider's requests per minute per call across 2 workers and the coordinator", async () => {
      // An attempt makes several calls: a limit on units alone would let N workers exceed the provider's rate.
      const config = join(directory, "limited.json");
      await writeFile(
        config,
        JSON.stringify({ providers: { "openai-compatible": { requestsPerMinute: 300 } } }),
      );
      server.reset();
      const store = join(directory, "limited.sqlite");
      const { result: queued, exits } = await runCliOnQueue({
        args: makeArgs(store, join(directory, "limited.jsonl"), "--concurrency", "4", "--config", config),
        storeLocation: store,
        redisUrl: redis.url,
        cwd: directory,
        workers: 2,
        // Two units each: the four slots in flight keep both workers busy.
        concurrency: 2,
        configPath: config,
      });
      expect(queued.code).toBe(0);
      expect(exits.every((exit) => exit.done > 0)).toBe(true);
      const times = server.requests.map((request) => request.receivedAt).sort((a, b) => a - b);
      expect(times.length).toBeGreaterThanOrEqual(10);
      // 300 a minute is 5 a second, plus a burst of one: never more in any one-second window.
      const busiest = Math.max(
        ...times.map((start) => times.filter((t) => t >= start && t < start + 1000).length),
      );
      expect(busiest).toBeLessThanOrEqual(6);
    }, 60_000);

    it("stops at --max-calls counted across the worker and the coordinator (exit 3); --resume finishes, no call asked twice", async () => {
      server.reset();
      const store = join(directory, "budget.sqlite");
      const {
        result,
        exits: [exit],
      } = await runCliOnQueue({
        args: makeArgs(store, join(directory, "budget.jsonl"), "--concurrency", "2", "--max-calls", "7"),
        storeLocation: store,
        redisUrl: redis.url,
        cwd: directory,
      });
      expect(result.code).toBe(3);
      // The spec's setup calls ran here, the attempts' on the worker: 7 in all, no more.
      expect(server.requests).toHaveLength(7);
      expect(exit?.done).toBeGreaterThan(0);
      expect(result.stdout).toMatch(/^run \S+: stopped \(incomplete: accepted \d of 4 \(budget/m);

      // --resume on the queue with room to finish: the stored attempts are not asked again.
      const runId = /^run (\S+): stopped/m.exec(result.stdout)?.[1] ?? "";
      const { result: resumed } = await runCliOnQueue({
        args: ["make", "--resume", runId, "--store", store, "--max-calls", "1000"],
        storeLocation: store,
        redisUrl: redis.url,
        cwd: directory,
      });
      expect(resumed.code).toBe(0);
      expect(await readJsonl(join(directory, "budget.jsonl"), ItemSchema)).toHaveLength(4);
      const bodies = server.requests.map((request) => JSON.stringify(request.body));
      expect(new Set(bodies).size).toBe(bodies.length);
    }, 60_000);
  });
}
