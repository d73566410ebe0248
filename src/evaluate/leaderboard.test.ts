import { describe, expect, it } from "vitest";
import type { Item } from "../core/item.js";
import { formatLeaderboard, formatSubtaskBreakdown } from "./format-leaderboard.js";
import { buildModelResult } from "./leaderboard.js";
import type { EvalResults } from "./results-schema.js";

const item = (id: string, subtask: string | undefined): Item => ({
  id,
  format: "mcq",
  question: `q ${id}`,
  options: ["a", "b"],
  answer: "A",
  ...(subtask === undefined ? {} : { metadata: { subtask } }),
});

const outcome = (itemId: string, correct: boolean) => ({
  itemId,
  correct,
  extracted: correct ? "A" : "B",
  raw: "",
});

describe("accuracy by subtask", () => {
  const items = [
    item("1", "law"),
    item("2", "law"),
    item("3", "medicine"),
    item("4", "law"),
    item("5", undefined),
  ];
  const outcomes = [
    outcome("1", true),
    outcome("2", false),
    outcome("3", true),
    outcome("4", true),
    outcome("5", false),
  ];

  it("breaks a model's outcomes down by the items' metadata.subtask, in order of first appearance", () => {
    const result = buildModelResult({ model: "m", kind: "llm", items, outcomes });
    expect(result.bySubtask).toEqual([
      { subtask: "law", accuracy: 2 / 3, correct: 2, total: 3 },
      { subtask: "medicine", accuracy: 1, correct: 1, total: 1 },
      { subtask: "(none)", accuracy: 0, correct: 0, total: 1 },
    ]);
  });

  it("is absent for benchmarks without subtasks", () => {
    const plain = items.map(({ metadata: _metadata, ...rest }) => rest);
    expect(buildModelResult({ model: "m", kind: "llm", items: plain, outcomes }).bySubtask).toBeUndefined();
    expect(
      formatSubtaskBreakdown([buildModelResult({ model: "m", kind: "llm", items: plain, outcomes })]),
    ).toEqual([]);
  });

  it("is a leaderboard section with one row per model (left out when the category section says the same)", () => {
    const first = buildModelResult({ model: "m1", kind: "llm", items, outcomes });
    const second = buildModelResult({
      model: "m2",
      kind: "llm",
      items,
      outcomes: outcomes.map((entry) => ({ ...entry, correct: true })),
    });
    const results: EvalResults = {
      benchmark: "plan.jsonl",
      itemCount: 5,
      createdAt: "2025-01-01T00:00:00.000Z",
      models: [first, second],
      rankConfidence: [
        [0.5, 0.1],
        [0.9, 0.5],
      ],
      flags: [],
    };
    const lines = formatLeaderboard(results);
    const start = lines.indexOf("accuracy by subtask");
    expect(lines.slice(start, start + 5)).toEqual([
      "accuracy by subtask",
      "model  law           medicine      (none)",
      "-----  ------------  ------------  ------------",
      "m1     66.7% (2/3)   100.0% (1/1)  0.0% (0/1)",
      "m2     100.0% (3/3)  100.0% (1/1)  100.0% (1/1)",
    ]);
    const asCategories = (result: typeof first) => ({
      ...result,
      byDifficulty: (result.bySubtask ?? []).map((entry) => ({
        bucket: entry.subtask,
        accuracy: entry.accuracy,
        total: entry.total,
      })),
    });
    const repeated = formatLeaderboard({ ...results, models: [asCategories(first), asCategories(second)] });
    expect(repeated).toContain("accuracy by difficulty / category");
    expect(repeated).not.toContain("accuracy by subtask");
  });
});
