/**
 * `benchsmith make` through the CLI, in process, over the loopback OpenAI-compatible server:
 * a run short of n items exits 3 with a warning and still writes what it accepted; --resume fills
 * the missing slots, warns about flags that differ from the stored run, and exits 0.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type LoopbackLlmServer, startLoopbackLlmServer } from "../../../test/helpers/loopback-llm-server.js";
import { respondAsMakeGenerator, userPrompt } from "../../../test/helpers/make-responder.js";
import { ItemSchema } from "../../core/item.js";
import { readJsonl } from "../../io/jsonl.js";
import { openSqliteStore } from "../../store/sqlite-store.js";
import { buildProgram } from "../program.js";
import { reportError } from "../report-error.js";

let server: LoopbackLlmServer;
let directory: string;
let stderr: string[] = [];
let stdout: string[] = [];

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), "benchsmith-make-cli-"));
  server = await startLoopbackLlmServer({ respond: respondAsMakeGenerator });
});
afterAll(async () => {
  await server.close();
  rmSync(directory, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

/** Runs the CLI in process; returns the exit code main.ts would set. */
async function cli(args: string[]): Promise<number> {
  stdout = [];
  stderr = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    stdout.push(String(chunk));
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    stderr.push(String(chunk));
    return true;
  });
  process.exitCode = undefined;
  try {
    await buildProgram()
      .exitOverride()
      .parseAsync(["node", "benchsmith", ...args]);
  } catch (error) {
    return reportError(error);
  } finally {
    vi.restoreAllMocks();
  }
  return Number(process.exitCode ?? 0);
}

describe("benchsmith make: short runs and --resume", () => {
  it("fewer than n accepted: exit 3, a warning naming the shortfall, the JSONL of what was accepted; --resume fills it", async () => {
    const store = join(directory, "store.sqlite");
    const out = join(directory, "short.jsonl");
    const common = ["--generator", `openai-compatible:${server.url}/v1#make-gen`, "--store", store];
    const cheap = ["--no-boost", "--test-takers", "1", "--concurrency", "1", "--seed", "1"];
    // setup (3 calls) + about 2 calls per item: the budget runs out after 1-2 of the 5 items
    const code = await cli([
      "make",
      "world geography",
      "-n",
      "5",
      ...cheap,
      ...common,
      "--out",
      out,
      "--max-calls",
      "7",
    ]);
    expect(code).toBe(3);
    const runId = /^run (\S+):/m.exec(stdout.join(""))?.[1] as string;
    expect(runId).toBeDefined();
    const written = await readJsonl(out, ItemSchema);
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThan(5);
    const warning = stderr
      .join("")
      .split("\n")
      .find((line) => line.startsWith("warning: only"));
    expect(warning).toBe(
      `warning: only ${written.length} of 5 items accepted (${5 - written.length} missing); --resume the run to fill the missing slots`,
    );
    const stored = openSqliteStore(store);
    try {
      expect(await stored.getRun(runId)).toMatchObject({
        status: "stopped",
        summary: {
          stopReason: expect.stringMatching(
            new RegExp(`^incomplete: accepted ${written.length} of 5 \\(budget`),
          ),
        },
      });
    } finally {
      await stored.close();
    }

    // Resume with other values: one warning line names them; the stored ones are used. A budget
    // given again replaces the stored one (the stored 7 calls are spent).
    const resumed = await cli([
      "make",
      "--resume",
      runId,
      "-n",
      "9",
      "--seed",
      "4",
      "--test-takers",
      "1",
      "--max-calls",
      "1000",
      ...common,
    ]);
    expect(resumed).toBe(0);
    const ignored = stderr
      .join("")
      .split("\n")
      .filter((line) => line.startsWith("warning: --resume"));
    expect(ignored).toEqual([
      "warning: --resume continues with the stored settings; ignoring what differs: --count 9 (stored 5), --seed 4 (stored 1)",
    ]);
    const final = await readJsonl(out, ItemSchema);
    expect(final).toHaveLength(5);
    expect(final.slice(0, written.length)).toEqual(written);
    expect(new Set(final.map((item) => item.id)).size).toBe(5);
  });

  it("an --out it cannot write: one error line, exit 2, and the run recorded failed with the reason", async () => {
    const store = join(directory, "unwritable.sqlite");
    // A regular file used as a folder: unwritable even for root (chmod would not stop root).
    const blocker = join(directory, "not-a-folder");
    writeFileSync(blocker, "");
    const out = join(blocker, "bench.jsonl");
    const code = await cli([
      "make",
      "world geography",
      "-n",
      "1",
      "--direct",
      "--generator",
      `openai-compatible:${server.url}/v1#make-gen`,
      "--store",
      store,
      "--out",
      out,
    ]);
    expect(code).toBe(2);
    const errors = stderr
      .join("")
      .split("\n")
      .filter((line) => line.startsWith("error:"));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^error: cannot write the benchmark .*not-a-folder\/bench\.jsonl \((EEXIST|ENOTDIR)\)$/,
    );
    expect(stderr.join("")).not.toMatch(/\n\s+at /);
    const reader = openSqliteStore(store);
    try {
      const [run] = await reader.listRuns({ kind: "make" });
      expect(run).toMatchObject({
        status: "failed",
        summary: { error: expect.stringMatching(/cannot write the benchmark/) },
      });
    } finally {
      await reader.close();
    }
  });
});

describe("benchsmith make --no-batch-samples", () => {
  const generationRequests = () =>
    server.requests.filter((request) => userPrompt(request).startsWith("### generate-item"));
  const sampleCounts = () => generationRequests().map((request) => (request.body as { n?: number }).n ?? 1);
  const args = (name: string) => [
    "make",
    "world geography",
    "-n",
    "2",
    "--candidates",
    "4",
    "--test-takers",
    "3",
    "--concurrency",
    "1",
    "--generator",
    `openai-compatible:${server.url}/v1#make-gen`,
    "--store",
    join(directory, `${name}.sqlite`),
    "--out",
    join(directory, `${name}.jsonl`),
  ];

  it("sends one request per sample for the run (and records it); without it the L candidates go as one", async () => {
    server.reset();
    expect(await cli(args("batched"))).toBe(0);
    // every attempt: one generation request with n = L
    expect(sampleCounts().length).toBeGreaterThanOrEqual(2);
    expect(sampleCounts().every((count) => count === 4)).toBe(true);
    const batchedTakers = server.requests.filter((request) =>
      userPrompt(request).startsWith("### test-taker"),
    );
    expect(batchedTakers.every((request) => (request.body as { n?: number }).n === 3)).toBe(true);

    server.reset();
    expect(await cli([...args("unbatched"), "--no-batch-samples"])).toBe(0);
    const counts = sampleCounts();
    expect(counts.length).toBeGreaterThanOrEqual(2 * 4);
    expect(counts.every((count) => count === 1)).toBe(true);
    expect(server.requests.every((request) => (request.body as { n?: number }).n === undefined)).toBe(true);

    const stored = openSqliteStore(join(directory, "unbatched.sqlite"));
    try {
      const [run] = await stored.listRuns({ kind: "make" });
      expect(run?.spec).toMatchObject({
        options: { batchSamples: false },
        provenance: { config: { providers: { "openai-compatible": { batchSamples: false } } } },
      });
    } finally {
      await stored.close();
    }
  });

  it("a resumed run keeps the setting it started with", async () => {
    const store = join(directory, "resume-unbatched.sqlite");
    const common = [...args("resume-unbatched").slice(1), "--store", store];
    // setup (3) + one item (L = 4 candidates + T = 3 answers, one request each) + part of the second
    const first = await cli(["make", ...common, "--no-batch-samples", "--max-calls", "12"]);
    expect(first).toBe(3);
    const runId = /^run (\S+):/m.exec(stdout.join(""))?.[1] as string;
    server.reset();
    expect(await cli(["make", "--resume", runId, "--store", store, "--max-calls", "1000"])).toBe(0);
    expect(server.requests.length).toBeGreaterThan(0);
    expect(server.requests.every((request) => (request.body as { n?: number }).n === undefined)).toBe(true);
  });
});
