import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type LoopbackLlmServer, startLoopbackLlmServer } from "../../../test/helpers/loopback-llm-server.js";
import type { Item } from "../../core/item.js";
import { parseJson } from "../../core/json.js";
import { EvalResultsSchema } from "../../evaluate/results-schema.js";
import { openSqliteStore } from "../../store/sqlite-store.js";
import { buildProgram } from "../program.js";
import { reportError } from "../report-error.js";
import { defaultResultsPath } from "./eval.js";

const ITEMS: Item[] = Array.from({ length: 6 }, (_, index) => ({
  id: `i${index}`,
  format: "mcq" as const,
  question: `Question number ${index}: pick the key.`,
  options: ["alpha", "beta", "gamma"],
  answer: "ABC"[index % 3] as string,
}));

let directory: string;
let server: LoopbackLlmServer;
let benchmark: string;
let stdout: string[] = [];
let stderr: string[] = [];

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "benchsmith-eval-"));
  benchmark = join(directory, "bench.jsonl");
  await writeFile(benchmark, `${ITEMS.map((item) => JSON.stringify(item)).join("\n")}\n`);
  // Model "good" always answers the key; model "poor" always says "Answer: A".
  server = await startLoopbackLlmServer({
    respond: (request) => {
      const body = request.body as { model: string; messages: Array<{ content: string }> };
      const text = body.messages.map((message) => message.content).join("\n");
      const item = ITEMS.find((candidate) => text.includes(candidate.question));
      return { text: body.model === "good" ? `Reasoning...\nAnswer: ${item?.answer}` : "Answer: A" };
    },
  });
});

afterAll(async () => {
  await server.close();
  await rm(directory, { recursive: true, force: true });
});

/** Runs the CLI in process; returns the exit code main.ts would set. */
async function cli(...args: string[]): Promise<number> {
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
    await buildProgram().parseAsync(["node", "benchsmith", ...args]);
    return Number(process.exitCode ?? 0);
  } catch (error) {
    return reportError(error);
  } finally {
    process.exitCode = undefined;
    vi.restoreAllMocks();
  }
}

const stderrLines = () => stderr.join("").split("\n");
const errorLines = () => stderrLines().filter((line) => line.startsWith("error: "));

async function readResults(path: string) {
  const parsed = parseJson(await readFile(path, "utf8"));
  if (!parsed.success) throw new Error(`${path} is not JSON`);
  return EvalResultsSchema.parse(parsed.value);
}

async function storedRunsOf(store: string) {
  const opened = openSqliteStore(store);
  try {
    return await opened.listRuns({ kind: "eval" });
  } finally {
    await opened.close();
  }
}

async function storedRun(store: string, runId: string) {
  const opened = openSqliteStore(store);
  try {
    return await opened.getRun(runId);
  } finally {
    await opened.close();
  }
}

const good = () => `openai-compatible:${server.url}/v1#good`;
const poor = () => `openai-compatible:${server.url}/v1#poor`;

describe("benchsmith eval", () => {
  it("rejects bad input with one line and exit code 2, before any call", async () => {
    const store = ["--store", join(directory, "errors.sqlite")];
    const broken = join(directory, "broken.jsonl");
    await writeFile(broken, `${JSON.stringify(ITEMS[0])}\n{not json\n`);
    const cases: Array<[string[], RegExp]> = [
      [["eval", join(directory, "missing.jsonl"), "--models", "ollama:x"], /cannot read/],
      [["eval", broken, "--models", "ollama:x"], /broken\.jsonl:2/],
      [["eval", benchmark], /no models to evaluate/],
      [["eval", benchmark, "--models", "nosuch:model"], /unknown provider/],
      [["eval", benchmark, "--models", "ollama:x,ollama:x"], /^error: --models lists ollama:x twice$/],
      [
        ["eval", benchmark, "--models", "ollama:x", "--concurrency", "0"],
        /^error: --concurrency must be a positive integer, got 0$/,
      ],
      [["eval", benchmark, "--models", "ollama:x", "--limit", "2.5"], /^error: --limit must be an integer/],
      [["eval", benchmark, "--models", "ollama:x", "--max-calls", "-1"], /^error: --max-calls must be >= 0/],
      [
        ["eval", benchmark, "--models", "ollama:x", "--queue", "http://127.0.0.1:6379"],
        /^error: --queue: http:\/\/127\.0\.0\.1:6379\/? is not a redis:\/\/ URL/,
      ],
      [
        ["eval", benchmark, "--models", "ollama:x", "--queue", "redis://user:hunter2-secret@127.0.0.1:1"],
        /^error: cannot reach the work queue at redis:\/\/user:\*\*\*@127\.0\.0\.1:1: .*ECONNREFUSED/,
      ],
    ];
    server.reset();
    for (const [args, message] of cases) {
      expect(await cli(...args, ...store), args.join(" ")).toBe(2);
      expect(errorLines(), args.join(" ")).toHaveLength(1);
      expect(errorLines()[0]).toMatch(message);
    }
    expect(server.requests).toHaveLength(0);
    expect(stderr.join("")).not.toContain("hunter2-secret");
    // Nothing was started: an unreachable queue leaves no empty run behind.
    const opened = await openSqliteStore(join(directory, "errors.sqlite"));
    try {
      expect(await opened.listRuns()).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  it("rejects duplicate ids before any call, and warns about copies under new ids", async () => {
    const store = ["--store", join(directory, "duplicates.sqlite")];
    const duplicated = join(directory, "duplicated.jsonl");
    await writeFile(duplicated, `${JSON.stringify(ITEMS[0])}\n${JSON.stringify(ITEMS[0])}\n`);
    server.reset();
    expect(await cli("eval", duplicated, "--models", good(), ...store)).toBe(2);
    expect(errorLines()).toHaveLength(1);
    expect(errorLines()[0]).toMatch(/"i0" appears twice \(lines 1 and 2\)/);
    expect(server.requests).toHaveLength(0);

    const copied = join(directory, "copied.jsonl");
    await writeFile(copied, `${JSON.stringify(ITEMS[0])}\n${JSON.stringify({ ...ITEMS[0], id: "copy" })}\n`);
    expect(await cli("eval", copied, "--models", good(), ...store)).toBe(0);
    const warnings = stderrLines().filter((line) => /warning/.test(line));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/"copy" \(line 2\) repeats "i0" \(line 1\)/);
    expect((await readResults(defaultResultsPath(copied))).itemCount).toBe(2);
  });

  it("evaluates through a real provider, writes results JSON, and a resumed run makes no calls", async () => {
    const store = ["--store", join(directory, "store.sqlite")];
    server.reset();
    const code = await cli(
      "eval",
      benchmark,
      "--models",
      `${good()},${poor()}`,
      "--concurrency",
      "3",
      "--cot",
      ...store,
    );
    expect(code).toBe(0);
    expect(server.requests).toHaveLength(2 * ITEMS.length);

    const written = await readResults(defaultResultsPath(benchmark));
    expect(written.models.map((model) => [model.model, model.correct])).toEqual([
      [good(), ITEMS.length],
      [poor(), ITEMS.filter((item) => item.answer === "A").length],
      ["random-guess", written.models[2]?.correct],
      // "alpha" and "gamma" tie for longest; the first (A) is taken.
      ["always-longest", ITEMS.filter((item) => item.answer === "A").length],
      ["max-question-overlap", written.models[4]?.correct],
      ["position-prior", written.models[5]?.correct],
    ]);
    expect(written.settings).toMatchObject({ chainOfThought: true, concurrency: 3, seed: 1 });
    const runId = String(written.runId);
    expect(stdout.join("")).toContain(`(run ${runId}; resume with --resume ${runId})`);

    server.reset();
    expect(
      await cli("eval", benchmark, "--resume", runId, "--concurrency", "2", "--seed", "1", ...store),
    ).toBe(0);
    expect(server.requests).toHaveLength(0);
    // Only what differs from the stored run is named; the stored settings are used.
    expect(stderrLines().filter((line) => line.startsWith("warning: --resume"))).toEqual([
      "warning: --resume continues with the stored settings; ignoring what differs: --concurrency 2 (stored 3)",
    ]);
    const resumed = await readResults(defaultResultsPath(benchmark));
    expect(resumed.models.map((model) => model.correct)).toEqual(
      written.models.map((model) => model.correct),
    );
    expect(resumed.settings).toMatchObject({ concurrency: 3 });
  });

  it("an unwritable --out: one error line, exit 2, before any run or call; --resume can name a new --out", async () => {
    const store = join(directory, "unwritable.sqlite");
    // A regular file used as a folder refuses writes even to root (chmod would not).
    const notAFolder = join(directory, "not-a-folder");
    await writeFile(notAFolder, "");
    const out = join(notAFolder, "sub", "results.json");
    server.reset();
    const code = await cli("eval", benchmark, "--models", good(), "--out", out, "--store", store);
    expect(code).toBe(2);
    expect(errorLines()).toEqual([`error: cannot write the results ${out} (ENOTDIR)`]);
    expect(stderr.join("")).not.toContain("    at ");
    expect(server.requests).toHaveLength(0);
    expect(await storedRunsOf(store)).toEqual([]);

    // A run whose stored --out went bad since (here: stopped by its budget) finishes into a new --out.
    const first = join(directory, "first.results.json");
    expect(
      await cli("eval", benchmark, "--models", good(), "--out", first, "--max-calls", "1", "--store", store),
    ).toBe(3);
    const [run] = await storedRunsOf(store);
    const moved = join(directory, "moved.results.json");
    const resumed = ["eval", benchmark, "--resume", run?.id ?? "", "--max-calls", "100", "--store", store];
    expect(await cli(...resumed, "--out", moved)).toBe(0);
    expect((await readResults(moved)).itemCount).toBe(ITEMS.length);
  });

  it("--max-calls stops cleanly (exit 3, run stopped, answers kept); --resume finishes with the rest", async () => {
    const store = join(directory, "budget.sqlite");
    const out = join(directory, "budget.results.json");
    const common = ["--out", out, "--store", store];
    server.reset();
    const code = await cli(
      "eval",
      benchmark,
      "--models",
      `${good()},${poor()}`,
      "--concurrency",
      "1",
      "--max-calls",
      "5",
      ...common,
    );
    expect(code).toBe(3);
    expect(server.requests).toHaveLength(5);
    const runId = /^run (\S+) stopped: the call budget is spent/m.exec(stderr.join(""))?.[1] ?? "";
    expect(runId).not.toBe("");
    expect(stderr.join("")).toContain(`continue with --resume ${runId}`);
    expect(await storedRun(store, runId)).toMatchObject({
      status: "stopped",
      summary: { stopReason: "the call budget is spent (5 calls)" },
    });

    // An unreachable queue on resume: one line, exit 2, and the run untouched.
    expect(await cli("eval", benchmark, "--resume", runId, "--queue", "redis://127.0.0.1:1", ...common)).toBe(
      2,
    );
    expect(errorLines().at(-1)).toMatch(/^error: cannot reach the work queue at redis:\/\/127\.0\.0\.1:1/);
    expect(await storedRun(store, runId)).toMatchObject({ status: "stopped" });

    // As the message says: a larger budget (a stored one may carry over to the resumed session).
    expect(await cli("eval", benchmark, "--resume", runId, "--max-calls", "100", ...common)).toBe(0);
    expect(server.requests).toHaveLength(2 * ITEMS.length);
    expect(await storedRun(store, runId)).toMatchObject({ status: "completed" });
    const results = await readResults(out);
    expect(results.models[0]).toMatchObject({ model: good(), correct: ITEMS.length, total: ITEMS.length });
  });
});
