import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
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
import { type PipelineContext, silentLogger, silentProgress } from "../../core/context.js";
import type { Item } from "../../core/item.js";
import { ItemSchema } from "../../core/item.js";
import type { GenerateOptions, LanguageModel } from "../../core/language-model.js";
import { createRng } from "../../core/rng.js";
import type { RunStore } from "../../core/store-spec.js";
import { readJsonl } from "../../io/jsonl.js";
import {
  errorLinesOf,
  runCliInProcess,
  runCliOnQueue,
  startInProcessWorker,
} from "../../queue/__fixtures__/in-process-cli.js";
import { createQueueEvaluator } from "../../queue/queue-evaluator.js";
import { connectRedis } from "../../queue/redis-link.js";
import { type DatasetCard, loadDatasetCards } from "../../sources/dataset-cards/index.js";
import { openStore } from "../../store/open-store.js";
import { openSqliteStore } from "../../store/sqlite-store.js";
import { scriptedGenerator } from "../make/__fixtures__/scripted-generator.js";
import {
  hashedShare,
  type PlannerScript,
  planReply,
  scriptedPlanner,
} from "./__fixtures__/scripted-planner.js";
import { type PlanOptions, planBenchmark } from "./index.js";

const setup = redisTestSetup();
const dataDir = resolve(import.meta.dirname, "../../../../shared/data");
const present =
  existsSync(join(dataDir, "mmlu/test.jsonl")) && existsSync(join(dataDir, "mmlu-pro/items.jsonl"));

/** The items with their run's id as RUN: two runs of the same plan name their items alike otherwise. */
function contentOf(items: readonly Item[], runId: string): unknown {
  return JSON.parse(JSON.stringify(items).replaceAll(runId, "RUN"));
}

async function newRun(store: RunStore, model: LanguageModel): Promise<PipelineContext> {
  const run = await store.createRun({ kind: "plan", spec: {} });
  return {
    runId: run.id,
    store,
    resolveModel: () => model,
    rng: createRng(3),
    progress: silentProgress,
    log: silentLogger,
  };
}

/** Rejects ~30% of the items (so waves refill) and asks for a wording fix on ~20% (so QC repairs). */
const verifierScript = {
  inspect: (item: { question: string }) =>
    hashedShare(item.question, 0.3)
      ? { correct: false, notes: "the key looks wrong" }
      : hashedShare(`${item.question}!`, 0.2)
        ? { unambiguous: false, notes: "say 'which one'" }
        : undefined,
};

/** The scripted planner over the wire: its replies depend on the prompt only, not on arrival order. */
function startPlannerServer(script: PlannerScript = verifierScript): Promise<LoopbackLlmServer> {
  const generator = scriptedGenerator();
  return startLoopbackLlmServer({
    respond: async (request: LoopbackRequest) => {
      const options = { messages: (request.body as { messages: GenerateOptions["messages"] }).messages };
      const reply = (asked: GenerateOptions) => generator.doGenerate(asked).then((result) => result.text);
      return { text: await planReply(script, options, reply) };
    },
  });
}

if (setup.kind === "skip" || !present) {
  describe("plan --queue", () => {
    it.skip(`skipped: ${setup.kind === "skip" ? setup.reason : "no ../shared/data"}`, () => {});
  });
} else {
  describe("plan --queue: realization batches as units on a worker", () => {
    let redis: RedisTestServer;
    let directory: string;
    let cards: DatasetCard[];
    beforeAll(async () => {
      redis = await startRedisServer(setup);
      directory = await mkdtemp(join(tmpdir(), "benchsmith-plan-queue-"));
      ({ cards } = await loadDatasetCards([
        join(dataDir, "mmlu/test.jsonl"),
        join(dataDir, "mmlu-pro/items.jsonl"),
      ]));
    });
    afterAll(async () => {
      await redis?.stop();
      if (directory) await rm(directory, { recursive: true, force: true });
    });
    const options = (): PlanOptions => ({
      query: "law and medicine reasoning",
      size: 16,
      model: "openai:scripted-planner",
      cards,
      seed: 3,
    });

    it("delivers the same items and report as in one process; every candidate on the worker, called once", async () => {
      const localModel = scriptedPlanner(verifierScript);
      const localStore = openSqliteStore(":memory:");
      const localContext = await newRun(localStore, localModel);
      const local = await planBenchmark(options(), localContext);
      await localStore.close();
      expect(local.items).toHaveLength(16);

      const coordinatorModel = scriptedPlanner(verifierScript);
      const workerModel = scriptedPlanner(verifierScript);
      const storePath = join(directory, "plan.sqlite");
      const worker = await startInProcessWorker({
        storeLocation: storePath,
        redisUrl: redis.url,
        cwd: directory,
        resolversFor: () => ({
          resolveModel: () => workerModel,
          resolveEmbedder: () => {
            throw new Error("no embedder in this test");
          },
        }),
      });
      const store = worker.runtime.store;
      const context = await newRun(store, coordinatorModel);
      await store.updateRun(context.runId, { status: "running" });
      const link = await connectRedis(redis.url);
      const remote = createQueueEvaluator({ link, store, log: silentLogger });
      let queued: Awaited<ReturnType<typeof planBenchmark>>;
      try {
        queued = await planBenchmark(options(), context, remote);
      } finally {
        await remote.close();
        await link.close();
      }
      const exit = await worker.stop();
      expect(exit.exitCode).toBe(0);

      expect(contentOf(queued.items, context.runId)).toEqual(contentOf(local.items, localContext.runId));
      expect(queued.report.subtasks).toEqual(local.report.subtasks);
      // Realization and QC ran on the worker only, one unit per candidate tried; planning stayed here.
      const tried = local.report.subtasks.reduce(
        (sum, subtask) => sum + subtask.realized + subtask.rejected,
        0,
      );
      expect(tried).toBeGreaterThan(16);
      expect(exit.done).toBe(tried);
      expect(workerModel.calls.length + coordinatorModel.calls.length).toBe(localModel.calls.length);
      expect(
        coordinatorModel.calls.every((call) => !/### plan-(inspect|fix)/.test(JSON.stringify(call))),
      ).toBe(true);
    }, 120_000);

    it("plan --queue from the command line: the same benchmark as without it, realized on the worker", async () => {
      const server = await startPlannerServer();
      try {
        const model = `openai-compatible:${server.url}/v1#planner`;
        const args = (store: string, out: string) => [
          "plan",
          "law and medicine reasoning",
          "--datasets",
          join(dataDir, "mmlu/test.jsonl"),
          join(dataDir, "mmlu-pro/items.jsonl"),
          "--size",
          "8",
          "--model",
          model,
          "--seed",
          "3",
          "--store",
          store,
          "--out",
          out,
        ];
        const localOut = join(directory, "cli-local.jsonl");
        const local = await runCliInProcess(...args(join(directory, "cli-local.sqlite"), localOut));
        expect(errorLinesOf(local.stderr)).toEqual([]);
        expect(local.code).toBe(0);
        const localRequests = server.requests.length;

        server.reset();
        const store = join(directory, "cli-queued.sqlite");
        const queuedOut = join(directory, "cli-queued.jsonl");
        const {
          result: queued,
          exits: [exit],
        } = await runCliOnQueue({
          args: args(store, queuedOut),
          storeLocation: store,
          redisUrl: redis.url,
          cwd: directory,
        });
        expect(errorLinesOf(queued.stderr)).toEqual([]);
        expect(queued.code).toBe(0);
        const runIdOf = (stdout: string) => /^run (\S+): /m.exec(stdout)?.[1] ?? "";
        expect(contentOf(await readJsonl(queuedOut, ItemSchema), runIdOf(queued.stdout))).toEqual(
          contentOf(await readJsonl(localOut, ItemSchema), runIdOf(local.stdout)),
        );
        expect(exit?.done).toBeGreaterThanOrEqual(8);
        // Every request once: as many as in one process (the worker's calls are recorded under the run).
        expect(server.requests).toHaveLength(localRequests);
      } finally {
        await server.close();
      }
    }, 120_000);

    it("items written from scratch on the queue: the budget holds for the child make runs, --resume finishes them", async () => {
      // A verifier that passes everything: how many items QC rejects must not decide whether the quota is met.
      const server = await startPlannerServer({});
      try {
        const store = join(directory, "scratch.sqlite");
        const args = [
          "plan",
          "law and medicine reasoning",
          "--datasets",
          join(dataDir, "mmlu/test.jsonl"),
          "--from-scratch",
          "only",
          "--size",
          "4",
          "--model",
          `openai-compatible:${server.url}/v1#planner`,
          "--store",
          store,
          "--out",
          join(directory, "scratch.jsonl"),
        ];
        const queue = { storeLocation: store, redisUrl: redis.url, cwd: directory };
        const { result: stopped } = await runCliOnQueue({ ...queue, args: [...args, "--max-calls", "14"] });
        expect(stopped.code).toBe(3);
        // The child make runs' attempts ran on the worker, counted in the plan's budget.
        expect(server.requests.length).toBeLessThanOrEqual(14);
        const runId = /^run (\S+): /m.exec(stopped.stdout)?.[1] ?? "";
        const { result: resumed } = await runCliOnQueue({
          ...queue,
          args: ["plan", "--resume", runId, "--store", store, "--max-calls", "1000"],
        });
        expect(errorLinesOf(resumed.stderr)).toEqual([]);
        expect(resumed.code).toBe(0);
        expect(await readJsonl(join(directory, "scratch.jsonl"), ItemSchema)).toHaveLength(4);
        // Every call, the workers' for the child runs too, is in the plan's call log (as in one process).
        const opened = await openStore(store);
        try {
          expect((await opened.callStats(runId)).calls).toBe(server.requests.length);
        } finally {
          await opened.close();
        }
      } finally {
        await server.close();
      }
    }, 120_000);
  });
}
