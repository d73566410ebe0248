import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type LoopbackLlmServer, startLoopbackLlmServer } from "../../../test/helpers/loopback-llm-server.js";
import { UserInputError } from "../../core/errors.js";
import { openSqliteStore } from "../../store/sqlite-store.js";
import { buildProgram } from "../program.js";
import { reportError } from "../report-error.js";

let directory: string;
let server: LoopbackLlmServer;
const item = (id: string, question: string) => ({
  id,
  format: "mcq",
  question,
  options: ["alpha", "beta", "gamma"],
  answer: "B",
});

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "benchsmith-audit-cli-"));
  server = await startLoopbackLlmServer({
    respond: () => ({ text: JSON.stringify({ rationale: "fine", score: 7 }) }),
  });
  vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  vi.spyOn(process.stderr, "write").mockImplementation(() => true);
});
afterEach(() => {
  process.exitCode = undefined;
});
afterAll(async () => {
  vi.restoreAllMocks();
  await server.close();
  await rm(directory, { recursive: true, force: true });
});

const audit = (bench: string, ...flags: string[]) =>
  buildProgram().parseAsync(
    ["audit", bench, "--store", join(directory, "store.sqlite"), "--no-builtin-leakage", ...flags],
    { from: "user" },
  );

async function writeBench(name: string): Promise<string> {
  const bench = join(directory, name);
  const lines = [
    item("q1", "Pick beta."),
    item("q2", "Which is second?"),
    item("q3", "Name the middle one."),
  ];
  await writeFile(bench, `${lines.map((line) => JSON.stringify(line)).join("\n")}\n`);
  return bench;
}

describe("benchsmith audit", () => {
  it("rejects a benchmark with a duplicate id, naming both lines (exit 2)", async () => {
    const bench = join(directory, "duplicated.jsonl");
    await writeFile(
      bench,
      `${JSON.stringify(item("q1", "Pick beta."))}\n${JSON.stringify(item("q1", "Pick beta."))}\n`,
    );
    const error = await audit(bench).catch((caught: unknown) => caught);
    expect(UserInputError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/"q1" appears twice \(lines 1 and 2\)/);
    expect(reportError(error)).toBe(2);
  });

  it("warns in one line about the same item under two ids, and still audits", async () => {
    const bench = join(directory, "copied.jsonl");
    const lines = [item("q1", "Pick beta."), item("q2", "Pick  BETA."), item("q3", "Which is second?")];
    await writeFile(bench, `${lines.map((line) => JSON.stringify(line)).join("\n")}\n`);
    const stderr = vi.mocked(process.stderr.write);
    const stdout = vi.mocked(process.stdout.write);
    stderr.mockClear();
    stdout.mockClear();
    await audit(bench);
    const warnings = stderr.mock.calls.map((call) => String(call[0])).filter((line) => /warning/.test(line));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/"q2" \(line 2\) repeats "q1" \(line 1\)/);
    expect(stdout.mock.calls.length).toBeGreaterThan(0);
  });

  it("names the flag of a bad value and an unknown --run (exit 2, no run recorded)", async () => {
    const bench = await writeBench("flags.jsonl");
    const auditRuns = async () => {
      const store = openSqliteStore(join(directory, "store.sqlite"));
      try {
        return (await store.listRuns({ kind: "audit" })).length;
      } finally {
        await store.close();
      }
    };
    const before = await auditRuns();
    const mode = await audit(bench, "--judge-mode", "pairs").catch((caught: unknown) => caught);
    expect((mode as Error).message).toBe('--judge-mode must be itemwise or comparison, got "pairs"');
    expect(reportError(mode)).toBe(2);
    const run = await audit(bench, "--run", "make-nope").catch((caught: unknown) => caught);
    expect((run as Error).message).toBe("run make-nope is not in the store");
    expect(reportError(run)).toBe(2);
    expect(await auditRuns()).toBe(before);
  });

  it("--max-calls stops the judge cleanly: exit 3, the run recorded stopped with the reason", async () => {
    const bench = await writeBench("budget.jsonl");
    const storePath = join(directory, "budget.sqlite");
    server.reset();
    await buildProgram().parseAsync(
      [
        "audit",
        bench,
        "--store",
        storePath,
        "--no-builtin-leakage",
        "--judge",
        `openai-compatible:${server.url}/v1#judge`,
        "--max-calls",
        "2",
      ],
      { from: "user" },
    );
    expect(process.exitCode).toBe(3);
    expect(server.requests).toHaveLength(2);
    const store = openSqliteStore(storePath);
    try {
      const [run] = await store.listRuns({ kind: "audit" });
      expect(run).toMatchObject({
        status: "stopped",
        summary: { stopReason: "the call budget is spent (2 calls)" },
      });
    } finally {
      await store.close();
    }
  });
});
