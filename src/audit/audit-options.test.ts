import { describe, expect, it } from "vitest";
import { InvalidOptionError } from "../core/errors.js";
import type { EvalResults, ModelResult } from "../evaluate/index.js";
import { checkAuditOptions } from "./audit-options.js";

const modelResult = (model: string, kind: ModelResult["kind"]): ModelResult => ({
  model,
  kind,
  accuracy: 0.5,
  interval: { estimate: 0.5, low: 0.1, high: 0.9 },
  correct: 1,
  total: 2,
  unparseable: 0,
  byDifficulty: [],
  outcomes: [],
});

const results = (...models: ModelResult[]): EvalResults => ({
  benchmark: "bench.jsonl",
  itemCount: 2,
  createdAt: "2026-01-01T00:00:00.000Z",
  models,
  rankConfidence: [],
  flags: [],
});

const refusal = (count: number) => (error: unknown) =>
  InvalidOptionError.isInstance(error) &&
  error.option === "prune" &&
  error.message === `prune needs per-item results of >= 2 models, got ${count}`;

describe("checkAuditOptions", () => {
  it("refuses prune without per-item results of >= 2 models, counting LLMs and distinct refs", () => {
    const cases = [
      { options: { prune: true }, count: 0 },
      { options: { prune: true, models: ["a:x", "a:x"] }, count: 1 },
      {
        options: {
          prune: true,
          results: results(modelResult("a:x", "llm"), modelResult("random", "heuristic")),
        },
        count: 1,
      },
    ];
    for (const { options, count } of cases) {
      let caught: unknown;
      try {
        checkAuditOptions(options);
      } catch (error) {
        caught = error;
      }
      expect(caught).toSatisfy(refusal(count));
    }
  });

  it("lets prune through with two models (given results win over models), and ignores models without prune", () => {
    expect(() => checkAuditOptions({ prune: true, models: ["a:x", "b:y"] })).not.toThrow();
    const two = results(modelResult("a:x", "llm"), modelResult("b:y", "llm"));
    expect(() => checkAuditOptions({ prune: true, results: two, models: ["a:x"] })).not.toThrow();
    expect(() => checkAuditOptions({ models: ["a:x"] })).not.toThrow();
  });

  it("names judgeMode when it is not a mode", () => {
    expect(() => checkAuditOptions({ judgeMode: JSON.parse('"pairs"') })).toThrow(
      'judgeMode must be itemwise or comparison, got "pairs"',
    );
  });
});
