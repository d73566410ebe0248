import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserInputError } from "../core/errors.js";
import { type EvalResults, EvalResultsSchema } from "../evaluate/results-schema.js";
import { readResultsFile } from "./load-results.js";

const outcome = (itemId: string, correct: boolean) => ({ itemId, correct, extracted: "A", raw: "Answer: A" });

const RESULTS: EvalResults = {
  benchmark: "bench.jsonl",
  itemCount: 3,
  createdAt: "2026-01-01T00:00:00.000Z",
  models: [
    {
      model: "m",
      kind: "llm",
      accuracy: 2 / 3,
      interval: { estimate: 2 / 3, low: 0.2, high: 0.9 },
      correct: 2,
      total: 3,
      unparseable: 0,
      byDifficulty: [],
      outcomes: [outcome("a", true), outcome("b", true), { ...outcome("c", false), extracted: null }],
    },
  ],
  rankConfidence: [[0.5]],
  flags: [],
};

describe("readResultsFile", () => {
  let directory: string;
  const write = (name: string, value: unknown): string => {
    const path = join(directory, name);
    writeFileSync(path, typeof value === "string" ? value : JSON.stringify(value));
    return path;
  };
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), "benchsmith-results-"));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it("returns what the results schema returns, unknown outcome fields dropped", async () => {
    const withExtra = {
      ...RESULTS,
      models: RESULTS.models.map((model) => ({
        ...model,
        outcomes: model.outcomes.map((entry) => ({ ...entry, latencyMs: 12 })),
      })),
    };
    const read = await readResultsFile(write("ok.json", withExtra));
    expect(read).toEqual(EvalResultsSchema.parse(withExtra));
    expect(read.models[0]?.outcomes[0]).not.toHaveProperty("latencyMs");
  });

  it("names the first bad outcome field in one line", async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ ...outcome("b", true), correct: "yes" }, /: models\.0\.outcomes\.1\.correct .*expected boolean/],
      [{ ...outcome("b", true), itemId: 7 }, /: models\.0\.outcomes\.1\.itemId .*expected string/],
      [{ itemId: "b", correct: true, extracted: null }, /: models\.0\.outcomes\.1\.raw .*expected string/],
      ["b", /: models\.0\.outcomes\.1 .*expected object/],
    ];
    for (const [bad, message] of cases) {
      const model = { ...RESULTS.models[0], outcomes: [outcome("a", true), bad] };
      const path = write("bad.json", { ...RESULTS, models: [model] });
      const error = await readResultsFile(path).catch((caught: unknown) => caught);
      expect(UserInputError.isInstance(error)).toBe(true);
      const text = error instanceof Error ? error.message : "";
      expect(text.startsWith(`${path} is not an eval results file`)).toBe(true);
      expect(text).toMatch(message);
      expect(text).not.toContain("\n");
    }
  });

  it("rejects a file whose top level is not a results file, and text that is not JSON", async () => {
    await expect(readResultsFile(write("top.json", { ...RESULTS, flags: "none" }))).rejects.toThrow(
      /is not an eval results file: flags/,
    );
    await expect(readResultsFile(write("text.json", '{"benchmark": '))).rejects.toThrow(/is not valid JSON/);
  });
});
