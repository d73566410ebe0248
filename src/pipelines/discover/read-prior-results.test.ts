import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidOptionError, UserInputError } from "../../core/errors.js";
import { readPriorResults } from "./read-prior-results.js";

let directory: string;
const result = (model: string, kind: "llm" | "heuristic", accuracy: number) => ({
  model,
  kind,
  accuracy,
  interval: { estimate: accuracy, low: 0, high: 1 },
  correct: 0,
  total: 40,
  unparseable: 0,
  byDifficulty: [],
  outcomes: [],
});

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "discover-priors-"));
  const file = (models: unknown[]) =>
    JSON.stringify({
      benchmark: "mmlu.jsonl",
      itemCount: 40,
      createdAt: "2026-01-01",
      models,
      rankConfidence: [],
      flags: [],
    });
  await writeFile(
    join(directory, "mmlu.json"),
    file([result("mock:a", "llm", 0.8), result("random", "heuristic", 0.25), result("mock:b", "llm", 0.6)]),
  );
  await writeFile(join(directory, "other.json"), file([result("mock:z", "llm", 0.5)]));
  await writeFile(join(directory, "bad.json"), "{");
});
afterAll(() => rm(directory, { recursive: true, force: true }));

describe("readPriorResults", () => {
  it("reads the LLM models' accuracies of eval results files", async () => {
    expect(await readPriorResults([join(directory, "mmlu.json")], ["mock:a", "mock:b"])).toEqual([
      {
        name: "mmlu.json (mmlu.jsonl)",
        accuracies: [
          { model: "mock:a", accuracy: 0.8, n: 40 },
          { model: "mock:b", accuracy: 0.6, n: 40 },
        ],
      },
    ]);
  });

  it("rejects a file over other models, and a file that is not eval results", async () => {
    await expect(readPriorResults([join(directory, "other.json")], ["mock:a"])).rejects.toThrow(
      InvalidOptionError,
    );
    await expect(readPriorResults([join(directory, "bad.json")], ["mock:a"])).rejects.toThrow(UserInputError);
  });
});
