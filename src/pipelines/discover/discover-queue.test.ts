import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LoopbackLlmServer, startLoopbackLlmServer } from "../../../test/helpers/loopback-llm-server.js";
import {
  type RedisTestServer,
  redisTestSetup,
  startRedisServer,
} from "../../../test/helpers/redis-server.js";
import { runCliInProcess, runCliOnQueue } from "../../queue/__fixtures__/in-process-cli.js";
import { openStore } from "../../store/open-store.js";
import { chatOf, respondAsVolcanoWorld, writeVolcanoCorpus } from "./__fixtures__/volcano-responder.js";

const setup = redisTestSetup();
const CANDIDATES = ["cand-a", "cand-b", "cand-c"];

if (setup.kind === "skip") {
  describe("discover --queue", () => {
    it.skip(`skipped: ${setup.reason}`, () => {});
  });
} else {
  describe("discover --queue with a worker in the same process", () => {
    let redis: RedisTestServer;
    let server: LoopbackLlmServer;
    let directory: string;
    const model = (id: string) => `openai-compatible:${server.url}/v1#${id}`;
    const discoverArgs = (name: string) => [
      "discover",
      "volcanology",
      "--candidates",
      CANDIDATES.map(model).join(","),
      "--writer",
      model("writer"),
      "--proposer",
      model("proposer"),
      "--source",
      `docs:${join(directory, "corpus")}`,
      "--iterations",
      "2",
      "--proposals",
      "2",
      "--questions",
      "3",
      "--passages",
      "3",
      "--final-size",
      "5",
      "--target-accuracy",
      "0.2-0.8",
      "--store",
      join(directory, `${name}.sqlite`),
      "--out",
      join(directory, `${name}.jsonl`),
      "--report",
      join(directory, `${name}.report.json`),
    ];
    /** The report without what differs between two runs by design (run ids, paths, call counts). */
    const reportOf = async (name: string) => {
      const {
        runId: _runId,
        calls: _calls,
        ...report
      } = JSON.parse(await readFile(join(directory, `${name}.report.json`), "utf8"));
      return JSON.stringify(report).replaceAll(name, "<run>");
    };
    const candidateRequests = () =>
      server.requests.map(chatOf).filter(({ model: id }) => CANDIDATES.includes(id));

    beforeAll(async () => {
      redis = await startRedisServer(setup);
      server = await startLoopbackLlmServer({ respond: respondAsVolcanoWorld });
      directory = await mkdtemp(join(tmpdir(), "benchsmith-discover-queue-"));
      await writeVolcanoCorpus(join(directory, "corpus"));
    });
    afterAll(async () => {
      await server?.close();
      await redis?.stop();
      if (directory) await rm(directory, { recursive: true, force: true });
    });

    it("candidates answer on the workers, graded as in one process, each (candidate, item) asked once", async () => {
      server.reset();
      const local = await runCliInProcess(...discoverArgs("local"));
      expect(local.stderr).not.toMatch(/error/);
      expect(local.code).toBe(0);
      const localRequests = server.requests.length;
      const localCandidateRequests = candidateRequests().length;

      server.reset();
      const {
        result: queued,
        exits: [exit],
      } = await runCliOnQueue({
        args: discoverArgs("queued"),
        storeLocation: join(directory, "queued.sqlite"),
        redisUrl: redis.url,
        cwd: directory,
      });
      expect(queued.stderr).not.toMatch(/error/);
      expect(queued.code).toBe(0);
      expect(exit?.exitCode).toBe(0);

      expect(await reportOf("queued")).toBe(await reportOf("local"));
      expect(await readFile(join(directory, "queued.jsonl"), "utf8")).toBe(
        await readFile(join(directory, "local.jsonl"), "utf8"),
      );
      expect(server.requests).toHaveLength(localRequests);
      const asked = candidateRequests().map(({ model: id, text }) => `${id}\u0000${text}`);
      expect(asked.length).toBe(localCandidateRequests);
      expect(new Set(asked).size).toBe(asked.length);

      const opened = await openStore(join(directory, "queued.sqlite"));
      try {
        const [run] = await opened.listRuns({ kind: "discover" });
        const records = await opened.listEvaluations(run?.id ?? "");
        // Every candidate answer went through the worker: one stored outcome per unit.
        expect(records.length).toBe(exit?.done);
        expect(records.length).toBeGreaterThan(0);
        expect(new Set(records.map((record) => record.modelRef))).toEqual(new Set(CANDIDATES.map(model)));
      } finally {
        await opened.close();
      }
    }, 30_000);
  });
}
