import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type LoopbackLlmServer,
  type LoopbackRequest,
  startLoopbackLlmServer,
} from "../../../test/helpers/loopback-llm-server.js";
import {
  type RedisTestServer,
  redisTestSetup,
  startRedisServer,
} from "../../../test/helpers/redis-server.js";
import { countByPrompt, promptOf } from "../../queue/__fixtures__/eval-fixture.js";
import { errorLinesOf, runCliInProcess, runCliOnQueue } from "../../queue/__fixtures__/in-process-cli.js";
import { openStore } from "../../store/open-store.js";
import coinTemplate from "./__fixtures__/coin-template.js";

const setup = redisTestSetup();
const TEMPLATE = fileURLToPath(new URL("./__fixtures__/coin-template.ts", import.meta.url));

/** Says "heads" unless the question's token is a multiple of 5: scores depend on the reply. */
function guessCoin(request: LoopbackRequest) {
  const token = Number(/token (\d+)/.exec(promptOf(request))?.[1] ?? 0);
  return {
    text: `Answer: ${token % 5 === 0 ? "tails" : "heads"}`,
    usage: { inputTokens: 12, outputTokens: 2 },
  };
}

/** The printed iteration lines and best-params line (what a run measured), without run ids. */
function measuredLines(stdout: string): string[] {
  return stdout
    .split("\n")
    .filter((line) => /^(iter \d|best params|final benchmark)/.test(line))
    .map((line) => line.replace(/ -> \S+;/, ";"));
}

if (setup.kind === "skip") {
  describe("tune --queue", () => {
    it.skip(`skipped: ${setup.reason}`, () => {});
  });
} else {
  describe("tune --queue with a worker in the same process", () => {
    let redis: RedisTestServer;
    let server: LoopbackLlmServer;
    let directory: string;
    const model = () => `openai-compatible:${server.url}/v1#tiny`;
    const tuneArgs = (store: string, out: string) => [
      "tune",
      TEMPLATE,
      "--target-model",
      model(),
      "--target-accuracy",
      "0.5",
      "--tolerance",
      "0.1",
      "--items-per-iter",
      "20",
      "--max-iters",
      "4",
      "--size",
      "20",
      "--seed",
      "7",
      "--store",
      store,
      "--out",
      out,
    ];
    beforeAll(async () => {
      redis = await startRedisServer(setup);
      server = await startLoopbackLlmServer({ respond: guessCoin });
      directory = await mkdtemp(join(tmpdir(), "benchsmith-tune-queue-"));
    });
    afterAll(async () => {
      await server?.close();
      await redis?.stop();
      if (directory) await rm(directory, { recursive: true, force: true });
    });

    it("measures every iteration on the workers, exactly as in one process, each item asked once", async () => {
      server.reset();
      const local = await runCliInProcess(
        ...tuneArgs(join(directory, "local.sqlite"), join(directory, "local.jsonl")),
      );
      expect(errorLinesOf(local.stderr)).toEqual([]);
      expect(local.code).toBe(0);
      const localRequests = server.requests.length;

      server.reset();
      const store = join(directory, "queued.sqlite");
      const {
        result: queued,
        exits: [exit],
      } = await runCliOnQueue({
        args: tuneArgs(store, join(directory, "queued.jsonl")),
        storeLocation: store,
        redisUrl: redis.url,
        cwd: directory,
      });
      expect(errorLinesOf(queued.stderr)).toEqual([]);
      expect(queued.code).toBe(0);
      expect(exit?.exitCode).toBe(0);

      const lines = measuredLines(queued.stdout);
      expect(lines.filter((line) => line.startsWith("iter ")).length).toBeGreaterThan(0);
      expect(lines).toEqual(measuredLines(local.stdout));
      expect(await readFile(join(directory, "queued.jsonl"), "utf8")).toBe(
        await readFile(join(directory, "local.jsonl"), "utf8"),
      );
      // Every prompt is distinct: one request each, and as many as in one process.
      expect([...countByPrompt(server.requests).values()].every((count) => count === 1)).toBe(true);
      expect(server.requests).toHaveLength(localRequests);

      const opened = await openStore(store);
      try {
        const [run] = await opened.listRuns({ kind: "tune" });
        const records = await opened.listEvaluations(run?.id ?? "");
        // Every measurement went through the worker: the iterations' samples and the final benchmark.
        expect(records.length).toBe(exit?.done);
        expect(records.length).toBe(localRequests);
        const scopes = new Set(records.map((record) => record.itemId.split("/")[0]));
        expect(scopes.has("iteration-0")).toBe(true);
        expect(scopes.has("final")).toBe(true);
        // Scored by the template the worker loaded from the same module path.
        expect(records.every((record) => record.details?.template === coinTemplate.name)).toBe(true);
      } finally {
        await opened.close();
      }
    }, 30_000);

    it("stops at --max-calls across the worker and the coordinator (exit 3), never past it", async () => {
      server.reset();
      const store = join(directory, "budget.sqlite");
      const { result } = await runCliOnQueue({
        args: [...tuneArgs(store, join(directory, "budget.jsonl")), "--max-calls", "30"],
        storeLocation: store,
        redisUrl: redis.url,
        cwd: directory,
      });
      expect(result.code).toBe(3);
      expect(server.requests.length).toBeGreaterThan(0);
      expect(server.requests.length).toBeLessThanOrEqual(30);
    }, 30_000);
  });
}
