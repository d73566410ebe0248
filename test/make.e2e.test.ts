/**
 * `benchsmith make` end to end through the embedded llama.cpp provider on a tiny generated GGUF
 * (random weights: its output is gibberish, so items are mostly rejected — with recorded reasons).
 * Slow by nature (~4 s per 256-token local call on a shared 2-core box): ~2 minutes.
 * Then a crash/--resume of the full pipeline over the loopback OpenAI-compatible server (~10 s).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ItemSchema } from "../src/core/item.js";
import { readJsonl } from "../src/io/jsonl.js";
import { openSqliteStore } from "../src/store/sqlite-store.js";
import {
  type LoopbackLlmServer,
  type LoopbackRequest,
  startLoopbackLlmServer,
} from "./helpers/loopback-llm-server.js";
import { respondAsMakeGenerator, userPrompt } from "./helpers/make-responder.js";
import { writeTinyLlamaGguf } from "./helpers/tiny-gguf.js";

const TSX_LOADER = createRequire(import.meta.url).resolve("tsx");
const MAIN = fileURLToPath(new URL("../src/cli/main.ts", import.meta.url));
const LLAMA_AVAILABLE = existsSync(fileURLToPath(new URL("../node_modules/node-llama-cpp", import.meta.url)));

interface CliRun {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

function startCli(args: string[], cwd: string): CliRun {
  const env = { ...process.env };
  for (const name of Object.keys(env))
    if (name.endsWith("_API_KEY") || name.startsWith("BENCHSMITH_")) delete env[name];
  const child = spawn(process.execPath, ["--import", TSX_LOADER, MAIN, ...args], { cwd, env });
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const done = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

describe.skipIf(!LLAMA_AVAILABLE)("benchsmith make on the embedded llama.cpp path (tiny GGUF)", () => {
  let cwd: string;
  let modelPath: string;
  beforeAll(() => {
    cwd = mkdtempSync(join(tmpdir(), "benchsmith-make-e2e-"));
    modelPath = join(cwd, "tiny.gguf");
    writeTinyLlamaGguf(modelPath, { seed: 3, context: 8192 });
    writeFileSync(
      join(cwd, "benchsmith.config.json"),
      // One thread: llama.cpp threads spin, and two of them on a busy 2-core box slow each other tenfold.
      JSON.stringify({ store: "./store.sqlite", local: { contextSize: 8192, threads: 1 } }),
    );
    // A random-weight model cannot write the setup steps; a spec file supplies them (the run then
    // exercises generation, labelling and rejection on the llama.cpp path).
    writeFileSync(
      join(cwd, "spec.yaml"),
      "description:\n  task: two-digit arithmetic word problems\n  query: a short word problem\n  options: four numbers, one correct\n" +
        "attributes:\n  - name: operation\n    values: [addition, subtraction]\n" +
        "strategies:\n  - name: steps\n    values:\n      - {value: one step, difficulty: 1}\n      - {value: two steps, difficulty: 5}\n",
    );
  });
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it("-n 2 completes or rejects items with recorded reasons; the JSONL is schema-valid", async () => {
    const args = [
      "make",
      "two-digit arithmetic word problems",
      "-n",
      "2",
      "--generator",
      `local:${modelPath}`,
    ];
    const run = startCli(
      [
        ...args,
        "--spec",
        "spec.yaml",
        "--no-boost",
        "--test-takers",
        "2",
        "--concurrency",
        "1",
        "--out",
        "bench.jsonl",
      ],
      cwd,
    );
    const result = await run.done;
    expect(result.stderr).not.toContain("    at ");
    const store = openSqliteStore(join(cwd, "store.sqlite"));
    try {
      const [record] = await store.listRuns({ kind: "make" });
      expect(record).toBeDefined();
      const rows = await store.listItems(record?.id ?? "");
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows.filter((stored) => stored.status === "rejected"))
        expect(row.reason).toMatch(/^[a-z-]+: ./);
      const accepted = rows.filter((stored) => stored.status === "accepted");
      if (accepted.length > 0) {
        // all 2 accepted: exit 0; fewer: exit 3 (short run), with the accepted ones written
        expect(result.code).toBe(accepted.length === 2 ? 0 : 3);
        const items = await readJsonl(join(cwd, "bench.jsonl"), ItemSchema);
        expect(items.map((item) => item.id)).toEqual(accepted.map((stored) => stored.item.id));
      } else {
        // Nothing accepted: a non-zero exit with the reasons, never a silent empty benchmark.
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/no item was accepted/);
        expect(result.stderr).toMatch(/slot 0: [a-z-]+: /);
        expect(existsSync(join(cwd, "bench.jsonl"))).toBe(false);
      }
      expect(result.stdout).toMatch(/rejected \d+/);
      expect((await store.getRun(record?.id ?? ""))?.status).not.toBe("running");
    } finally {
      await store.close();
    }
  }, 600_000);
});

const LATENCY_MS = 150;
// Before the kill the server stops answering for this long, so every reply already sent has
// reached the client's response cache: the requests in flight at the kill are exactly the
// unanswered ones, and the no-repeat check below can be exact.
const FREEZE_MS = 400;
const SETUP_STEPS = new Set(["expand-demand", "generate-attributes", "generate-strategies"]);

/** Accepted rows of the newest make run, or undefined while the child is still creating the store. */
async function peekStore(storePath: string): Promise<{ runId: string; accepted: number } | undefined> {
  if (!existsSync(storePath)) return undefined;
  try {
    const store = openSqliteStore(storePath);
    try {
      const runId = (await store.listRuns({ kind: "make" }))[0]?.id;
      return runId
        ? { runId, accepted: (await store.listItems(runId, { status: "accepted" })).length }
        : undefined;
    } finally {
      await store.close();
    }
  } catch {
    return undefined; // opened while the child was migrating it: look again
  }
}

describe("benchsmith make: crash and --resume of the full pipeline (loopback server)", () => {
  let cwd: string;
  let server: LoopbackLlmServer;
  const answered: LoopbackRequest[] = [];
  const pending = new Set<number>();
  let frozen: Promise<void> | undefined;
  let thaw = () => {};
  beforeAll(async () => {
    cwd = mkdtempSync(join(tmpdir(), "benchsmith-make-resume-"));
    server = await startLoopbackLlmServer({
      // The latency is applied here, so a request counts as answered exactly when its reply goes out.
      respond: async (request) => {
        pending.add(request.index);
        await new Promise((resolve) => setTimeout(resolve, LATENCY_MS));
        await frozen;
        pending.delete(request.index);
        answered.push(request);
        return respondAsMakeGenerator(request);
      },
    });
  });
  afterAll(async () => {
    thaw();
    await server.close();
    rmSync(cwd, { recursive: true, force: true });
  });

  it("SIGKILL after 2+ committed slots, then --resume: 6 items once each, committed rows unchanged, no answered call repeated", async () => {
    const storePath = join(cwd, "store.sqlite");
    const out = join(cwd, "bench.jsonl");
    const generator = `openai-compatible:${server.url}/v1#make-generator`;
    const first = startCli(
      ["make", "world geography", "-n", "6", "--generator", generator, "--store", storePath, "--out", out],
      cwd,
    );
    let runId = "";
    let inFlightAtKill = new Set<number>();
    // Generous: on a loaded 2-core CI box the child's start-up alone can take several seconds.
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const peek = await peekStore(storePath);
      if (peek === undefined || peek.accepted < 2) continue;
      runId = peek.runId;
      frozen = new Promise((resolve) => {
        thaw = resolve;
      });
      await new Promise((resolve) => setTimeout(resolve, FREEZE_MS));
      first.child.kill("SIGKILL");
      inFlightAtKill = new Set(pending);
      break;
    }
    if (runId === "") first.child.kill("SIGKILL");
    const killed = await first.done;
    expect(runId, "the first session never committed 2 items before the deadline").not.toBe("");
    frozen = undefined;
    thaw();
    expect(killed.signal).toBe("SIGKILL");
    const requestsBeforeResume = server.requests.length;

    const crashedStore = openSqliteStore(storePath);
    const before = await crashedStore.listItems(runId);
    await crashedStore.close();
    const acceptedBefore = before.filter((row) => row.status === "accepted");
    expect(acceptedBefore.length).toBeGreaterThanOrEqual(2);
    expect(acceptedBefore.length).toBeLessThan(6);

    const resumed = await startCli(["make", "--resume", runId, "--store", storePath], cwd).done;
    expect(resumed.stderr).not.toContain("warning:");
    expect(resumed.code).toBe(0);
    expect(server.requests.length).toBeGreaterThan(requestsBeforeResume);

    const items = await readJsonl(out, ItemSchema);
    expect(items).toHaveLength(6);
    expect(new Set(items.map((item) => item.id)).size).toBe(6);
    expect(items.map((item) => item.metadata?.slot).sort()).toEqual([0, 1, 2, 3, 4, 5]);

    const store = openSqliteStore(storePath);
    try {
      const after = await store.listItems(runId);
      // every row committed before the kill is unchanged, and each accepted item is in the JSONL as stored
      for (const row of before) {
        const same = after.find((other) => other.slot === row.slot && other.attempt === row.attempt);
        expect(same).toEqual(row);
      }
      for (const row of acceptedBefore)
        expect(items.find((item) => item.id === row.item.id)).toEqual(ItemSchema.parse(row.item));
      expect(await store.getRun(runId)).toMatchObject({ status: "completed", summary: { accepted: 6 } });

      // No paid call repeated: every answered request except those in flight at the kill (answered
      // to a dead client) created its own response-cache row, one per request and sample. A repeat
      // would answer a cache key that already had a row, leaving fewer rows than answers. (The T
      // test-taker samples share one request body, so comparing bodies alone cannot tell.)
      const answeredOutsideKill = answered.filter((request) => !inFlightAtKill.has(request.index));
      expect(inFlightAtKill.size).toBeGreaterThan(0);
      // A request for n samples is answered once per choice and stored as n rows (marked as one call).
      const database = new Database(storePath, { readonly: true });
      const rows = (
        database.prepare("SELECT COUNT(*) AS n FROM llm_calls WHERE run_id = ?").get(runId) as { n: number }
      ).n;
      database.close();
      expect(rows).toBe(answeredOutsideKill.length);
      // Bodies sent once by design (the setup steps) were answered exactly once over both sessions.
      const setupBodies = answeredOutsideKill
        .filter((request) => SETUP_STEPS.has(/^### ([a-z-]+)/.exec(userPrompt(request))?.[1] ?? ""))
        .map((request) => JSON.stringify(request.body));
      expect(setupBodies).toHaveLength(3);
      expect(new Set(setupBodies).size).toBe(3);
    } finally {
      await store.close();
    }
  }, 240_000);
});
