import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqliteStore } from "../src/store/sqlite-store.js";
import {
  type LoopbackLlmServer,
  type LoopbackRequest,
  startLoopbackLlmServer,
} from "./helpers/loopback-llm-server.js";

const TSX_LOADER = createRequire(import.meta.url).resolve("tsx");
const FIXTURE = fileURLToPath(new URL("./fixtures/resumable-job.ts", import.meta.url));
const COUNT = 20;
// The 9th request arrives right after slot 7 was stored: kill the job while that call is in flight.
const KILL_AT_REQUEST = 8;

interface Job {
  child: ChildProcess;
  stdout: string[];
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startJob(args: string[], cwd: string): Job {
  const env = { ...process.env };
  for (const name of Object.keys(env))
    if (name.endsWith("_API_KEY") || name.startsWith("BENCHSMITH_")) delete env[name];
  const child = spawn(process.execPath, ["--import", TSX_LOADER, FIXTURE, ...args], { cwd, env });
  const stdout: string[] = [];
  let stderr = "";
  child.stdout
    ?.setEncoding("utf8")
    .on("data", (chunk: string) => stdout.push(...chunk.split("\n").filter(Boolean)));
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on("exit", (code, signal) => {
      if (code !== 0 && signal === null) console.error(stderr);
      resolve({ code, signal });
    });
  });
  return { child, stdout, exit };
}

const promptOf = (request: LoopbackRequest): string => {
  const body = request.body as { messages: { content: string }[] };
  return body.messages.at(-1)?.content ?? "";
};

describe("crash and --resume", () => {
  let server: LoopbackLlmServer;
  let directory: string;
  let firstJob: Job | undefined;
  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), "benchsmith-crash-"));
    server = await startLoopbackLlmServer({
      latencyMs: 150,
      respond: (request) => {
        if (request.index === KILL_AT_REQUEST) firstJob?.child.kill("SIGKILL");
        return { text: `answer to: ${promptOf(request)}`, usage: { inputTokens: 8, outputTokens: 6 } };
      },
    });
  });
  afterAll(async () => {
    firstJob?.child.kill("SIGKILL");
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it("keeps every committed item, repeats no answered call, and completes the run", async () => {
    const storePath = join(directory, "store.sqlite");
    const model = `openai-compatible:${server.url}/v1#job-model`;
    const args = ["--store", storePath, "--model", model, "--count", String(COUNT)];

    firstJob = startJob(args, directory);
    const crashed = await firstJob.exit;
    expect(crashed.signal).toBe("SIGKILL");
    const runLine = firstJob.stdout.find((line) => line.startsWith("run "));
    expect(runLine).toBeDefined();
    const runId = (runLine as string).slice("run ".length);

    const afterCrash = openSqliteStore(storePath);
    try {
      // Everything stored before the kill is there; the crash left the run "running".
      expect((await afterCrash.listItems(runId)).map((item) => item.slot)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      expect((await afterCrash.getRun(runId))?.status).toBe("running");
    } finally {
      await afterCrash.close();
    }

    const resumed = startJob(
      [...args, "--resume", runId, "--model", "ignored:because-the-spec-wins"],
      directory,
    );
    expect(await resumed.exit).toEqual({ code: 0, signal: null });
    expect(resumed.stdout[0]).toBe(`run ${runId}`);

    const prompts = server.requests.map(promptOf);
    const expectedPrompts = Array.from({ length: COUNT }, (_, slot) => `Write item number ${slot}.`);
    // The killed request never got an answer; it is the only prompt sent twice.
    expect(prompts[KILL_AT_REQUEST]).toBe(expectedPrompts[8]);
    const answered = prompts.filter((_, index) => index !== KILL_AT_REQUEST);
    expect(answered).toHaveLength(COUNT);
    expect([...answered].sort()).toEqual([...expectedPrompts].sort());

    const store = openSqliteStore(storePath);
    try {
      const items = await store.listItems(runId);
      expect(items.map((item) => item.slot)).toEqual(Array.from({ length: COUNT }, (_, slot) => slot));
      expect(
        items.every((item) => item.item.text === `answer to: Write item number ${item.item.slot}.`),
      ).toBe(true);
      expect(await store.getRun(runId)).toMatchObject({ status: "completed", summary: { accepted: COUNT } });
      expect(await store.callStats(runId)).toMatchObject({
        calls: COUNT,
        inputTokens: 8 * COUNT,
        outputTokens: 6 * COUNT,
      });
    } finally {
      await store.close();
    }

    // A new run of the same job is served entirely from the cache: no call reaches the server.
    const requestsBefore = server.requests.length;
    const rerun = startJob(args, directory);
    expect(await rerun.exit).toEqual({ code: 0, signal: null });
    expect(server.requests.length).toBe(requestsBefore);
    const rerunId = (rerun.stdout[0] ?? "").slice("run ".length);
    const final = openSqliteStore(storePath);
    try {
      expect(rerunId).not.toBe(runId);
      expect(await final.listItems(rerunId)).toHaveLength(COUNT);
      expect((await final.callStats(rerunId)).calls).toBe(0);
    } finally {
      await final.close();
    }
  });
});
