import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  type LoopbackLlmServer,
  loopbackEmbedding,
  startLoopbackLlmServer,
} from "../../../test/helpers/loopback-llm-server.js";
import { userPrompt } from "../../../test/helpers/make-responder.js";
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
  // verdict 1 for the reference's items, 0.5 for ours; the question-hidden probe gets a letter
  server = await startLoopbackLlmServer({
    respond: (request) => {
      const prompt = userPrompt(request);
      if (prompt.includes("question itself is hidden")) return { text: "B" };
      const verdict = prompt.includes("Reference question") ? 1 : 0.5;
      return { text: JSON.stringify({ rationale: "fine", verdict }) };
    },
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

async function writeBench(name: string, prefix = ""): Promise<string> {
  const bench = join(directory, name);
  const lines = [
    item("q1", `${prefix}Pick beta.`),
    item("q2", `${prefix}Which is second?`),
    item("q3", `${prefix}Name the middle one.`),
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
    const unjudged = await audit(bench, "--reference-bench", bench).catch((caught: unknown) => caught);
    expect((unjudged as Error).message).toBe("--reference-bench is rated by the judge");
    expect(reportError(unjudged)).toBe(2);
    expect(await auditRuns()).toBe(before);
  });

  it("--prune with fewer than 2 models is refused before any call is paid for (exit 2, no run)", async () => {
    const bench = await writeBench("prune.jsonl");
    const storePath = join(directory, "prune.sqlite");
    server.reset();
    const refused = await buildProgram()
      .parseAsync(
        [
          "audit",
          bench,
          "--store",
          storePath,
          "--no-builtin-leakage",
          "--models",
          judgeRef(),
          "--prune",
          "--out",
          join(directory, "kept.jsonl"),
        ],
        { from: "user" },
      )
      .catch((caught: unknown) => caught);
    expect(UserInputError.isInstance(refused) && refused.message).toBe(
      "--prune needs per-item results of >= 2 models, got 1",
    );
    expect(reportError(refused)).toBe(2);
    expect(server.requests).toHaveLength(0);
    const store = openSqliteStore(storePath);
    try {
      expect(await store.listRuns({ kind: "audit" })).toEqual([]);
    } finally {
      await store.close();
    }
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

  it("--max-cost 0 stops before the first judge call: exit 3, nothing sent", async () => {
    const bench = await writeBench("cost.jsonl");
    const storePath = join(directory, "cost.sqlite");
    server.reset();
    await buildProgram().parseAsync(
      [
        "audit",
        bench,
        "--store",
        storePath,
        "--no-builtin-leakage",
        "--judge",
        judgeRef(),
        "--max-cost",
        "0",
      ],
      { from: "user" },
    );
    expect(process.exitCode).toBe(3);
    expect(server.requests).toHaveLength(0);
    const store = openSqliteStore(storePath);
    try {
      const [run] = await store.listRuns({ kind: "audit" });
      expect(run?.status).toBe("stopped");
      expect(String(run?.summary?.stopReason)).toMatch(/^the cost budget is spent/);
    } finally {
      await store.close();
    }
  });

  it("--reference-bench: faithfulness and alignment with the human reference = 1", async () => {
    const bench = await writeBench("ours.jsonl");
    const reference = await writeBench("human.jsonl", "Reference question: ");
    const storePath = join(directory, "reference.sqlite");
    const stdout = vi.mocked(process.stdout.write);
    stdout.mockClear();
    await buildProgram().parseAsync(
      [
        "audit",
        bench,
        "--store",
        storePath,
        "--no-builtin-leakage",
        "--judge",
        judgeRef(),
        "--demand",
        "ordering words",
        "--reference-bench",
        reference,
      ],
      { from: "user" },
    );
    expect(process.exitCode ?? 0).toBe(0);
    const printed = stdout.mock.calls.map((call) => String(call[0])).join("");
    // ours 0.5 on every item, the reference 1: ours / reference = 0.5 (rationales all one length)
    const faithfulness = printed.split("\n").find((line) => /^faithfulness\b/.test(line));
    expect(faithfulness).toContain("0.50 of reference (ours 0.50 debiased, raw 0.50)");
    expect(faithfulness).toContain(`reference ${reference} 1.00 = 1`);
    const store = openSqliteStore(storePath);
    try {
      const [run] = await store.listRuns({ kind: "audit" });
      expect(run?.spec).toMatchObject({ referenceBench: reference });
      expect(run?.summary).toMatchObject({ criteria: { faithfulness: 0.5, alignment: 0.5 } });
    } finally {
      await store.close();
    }
  });

  it("warns when the judge is the generator the --run recorded (self-preference)", async () => {
    const bench = await writeBench("self.jsonl");
    const storePath = join(directory, "self.sqlite");
    const seeded = openSqliteStore(storePath);
    const make = await seeded.createRun({
      kind: "make",
      spec: { options: { demand: "ordering words", generator: judgeRef() }, out: bench },
    });
    await seeded.close();
    const stdout = vi.mocked(process.stdout.write);
    stdout.mockClear();
    await buildProgram().parseAsync(
      ["audit", bench, "--store", storePath, "--no-builtin-leakage", "--judge", judgeRef(), "--run", make.id],
      { from: "user" },
    );
    const printed = stdout.mock.calls.map((call) => String(call[0])).join("");
    expect(printed).toContain(
      `warning: the judge ${judgeRef()} is also the generator (the generating run's generator ${judgeRef()})`,
    );
    // the demand came from the run, and a run with no items has no efficiency, not $0
    expect(printed).toMatch(/^alignment\s+0\.50 raw \(not debiased: one generator\)/m);
    expect(printed).toMatch(new RegExp(`^efficiency\\s+n/a — run ${make.id} has no accepted items`, "m"));
  });

  it("--embedder: semantic diversity from the embedding model, not the TF-IDF fallback", async () => {
    const bench = await writeBench("embedded.jsonl");
    const stdout = vi.mocked(process.stdout.write);
    stdout.mockClear();
    server.reset();
    await audit(bench, "--embedder", `openai-compatible:${server.url}/v1#emb`);
    const printed = stdout.mock.calls.map((call) => String(call[0])).join("");
    const row = printed.split("\n").find((line) => /^semantic-diversity\b/.test(line)) ?? "";
    // the mean pairwise distance of the vectors the server returns for question + options
    const texts = ["Pick beta.", "Which is second?", "Name the middle one."].map(
      (question) => `${question}\nalpha\nbeta\ngamma`,
    );
    const vectors = texts.map((text) => loopbackEmbedding(text));
    const distance = (a: number[], b: number[]) =>
      Math.sqrt(a.reduce((sum, value, index) => sum + (value - (b[index] ?? 0)) ** 2, 0));
    const [a, b, c] = vectors as [number[], number[], number[]];
    const expected = (distance(a, b) + distance(a, c) + distance(b, c)) / 3;
    expect(row).toMatch(new RegExp(`^semantic-diversity\\s+${expected.toFixed(3)}\\s`));
    expect(row).toContain(`openai-compatible:${server.url}/v1#emb`);
    expect(row).not.toContain("TF-IDF");
    expect(server.requests.filter((request) => request.format === "openai-embeddings")).toHaveLength(1);
  });
});

function judgeRef(): string {
  return `openai-compatible:${server.url}/v1#judge`;
}
