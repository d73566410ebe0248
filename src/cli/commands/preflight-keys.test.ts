/**
 * A model whose provider needs a key the environment lacks is a user error before any run exists:
 * the CLI in process, one `error:` line, exit 2, and `runs list` shows no new run (nor a touched one).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type LoopbackLlmServer, startLoopbackLlmServer } from "../../../test/helpers/loopback-llm-server.js";
import { parseJson } from "../../core/json.js";
import { runCliInProcess } from "../../queue/__fixtures__/in-process-cli.js";
import { openSqliteStore } from "../../store/sqlite-store.js";

let directory: string;
let benchmark: string;
let server: LoopbackLlmServer;
let stdout: string[] = [];
let stderr: string[] = [];

const ITEMS = Array.from({ length: 3 }, (_, index) => ({
  id: `i${index}`,
  format: "mcq" as const,
  question: `Question ${index}: pick the key.`,
  options: ["alpha", "beta", "gamma"],
  answer: "A",
}));

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "benchsmith-preflight-keys-"));
  benchmark = join(directory, "bench.jsonl");
  await writeFile(benchmark, `${ITEMS.map((item) => JSON.stringify(item)).join("\n")}\n`);
  server = await startLoopbackLlmServer({ respond: () => ({ text: "Answer: A" }) });
});
afterAll(async () => {
  await server.close();
  await rm(directory, { recursive: true, force: true });
});
beforeEach(() => {
  // No provider key from the developer's shell: the check must see them unset.
  for (const name of ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GOOGLE_GENERATIVE_AI_API_KEY"])
    vi.stubEnv(name, "");
});
afterEach(() => vi.unstubAllEnvs());

/** Runs the CLI in process; returns the exit code main.ts would set (its output in stdout / stderr). */
async function cli(...args: string[]): Promise<number> {
  const result = await runCliInProcess(...args);
  stdout = [result.stdout];
  stderr = [result.stderr];
  return result.code;
}

const stderrLines = () =>
  stderr
    .join("")
    .split("\n")
    .filter((line) => line !== "");

/** `benchsmith runs list --json` on this store: the run ids and statuses it shows. */
async function listedRuns(store: string): Promise<{ id: string; status: string }[]> {
  expect(await cli("runs", "list", "--json", "--store", store)).toBe(0);
  const parsed = parseJson(stdout.join(""));
  if (!parsed.success) throw new Error(`runs list printed no JSON: ${stdout.join("")}`);
  return (parsed.value as { id: string; status: string }[]).map(({ id, status }) => ({ id, status }));
}

describe("a missing provider key refuses the run before it exists", () => {
  const cases: Array<[string, (store: string) => string[], string]> = [
    [
      "eval",
      (store) => ["eval", benchmark, "--models", "openai:gpt-4o-mini,ollama:llama3.2", "--store", store],
      "error: no API key for openai:gpt-4o-mini: set OPENAI_API_KEY",
    ],
    [
      "eval, several models without keys",
      (store) => [
        "eval",
        benchmark,
        "--models",
        "openai:gpt-4o-mini,anthropic:claude-3-5-haiku-latest,openai:gpt-4o",
        "--store",
        store,
      ],
      "error: no API key for openai:gpt-4o-mini, openai:gpt-4o: set OPENAI_API_KEY; for anthropic:claude-3-5-haiku-latest: set ANTHROPIC_API_KEY",
    ],
    [
      "make",
      (store) => [
        "make",
        "high-school physics",
        "-n",
        "2",
        "--generator",
        "openai:gpt-4o-mini",
        "--store",
        store,
      ],
      "error: no API key for openai:gpt-4o-mini: set OPENAI_API_KEY",
    ],
    [
      "tune",
      (store) => [
        "tune",
        "multi-hop",
        "--target-model",
        "google:gemini-2.0-flash",
        "--target-accuracy",
        "0.5",
        "--store",
        store,
      ],
      "error: no API key for google:gemini-2.0-flash: set GOOGLE_GENERATIVE_AI_API_KEY",
    ],
  ];

  it.each(cases)("%s: one line, exit 2, and runs list has no run", async (name, args, line) => {
    const store = join(directory, `${name.replace(/\W+/g, "-")}.sqlite`);
    expect(await cli(...args(store))).toBe(2);
    const lines = stderrLines();
    expect(lines.filter((text) => text.startsWith("error: "))).toEqual([line]);
    expect(lines.find((text) => text.startsWith("hint: "))).toContain("benchsmith models list");
    expect(await listedRuns(store)).toEqual([]);
  });

  it("a resumed run is refused before it is touched", async () => {
    const store = join(directory, "resume.sqlite");
    const seeded = openSqliteStore(store);
    const stopped = await seeded.createRun({
      kind: "eval",
      spec: {
        benchmark,
        options: { models: ["openai:gpt-4o-mini"], chainOfThought: false, concurrency: 1, seed: 0 },
        out: join(directory, "resume.results.json"),
        seed: 0,
      },
    });
    await seeded.updateRun(stopped.id, { status: "stopped" });
    const before = await seeded.getRun(stopped.id);
    await seeded.close();

    expect(await cli("eval", benchmark, "--resume", stopped.id, "--store", store)).toBe(2);
    expect(stderrLines().filter((text) => text.startsWith("error: "))).toEqual([
      "error: no API key for openai:gpt-4o-mini: set OPENAI_API_KEY",
    ]);
    expect(await listedRuns(store)).toEqual([{ id: stopped.id, status: "stopped" }]);
    const reader = openSqliteStore(store);
    try {
      expect(await reader.getRun(stopped.id)).toEqual(before);
    } finally {
      await reader.close();
    }
  });

  it("runs once the key is set, and never asks one of a keyless server", async () => {
    const store = join(directory, "keyed.sqlite");
    vi.stubEnv("OPENAI_API_KEY", "test-key");
    vi.stubEnv("OPENAI_BASE_URL", `${server.url}/v1`);
    const keyless = `openai-compatible:${server.url}/v1#tiny`;
    const code = await cli("eval", benchmark, "--models", `openai:tiny,${keyless}`, "--store", store);
    expect(stderrLines().filter((text) => text.startsWith("error: "))).toEqual([]);
    expect(code).toBe(0);
    expect(await listedRuns(store)).toEqual([{ id: expect.stringMatching(/^eval-/), status: "completed" }]);
  });
});
