import { describe, expect, it } from "vitest";
import { buildModelResult, type EvalResults, type Item, rankConfidenceMatrix } from "../index.js";
import {
  SAMPLE_AUDIT,
  SAMPLE_DISCOVER,
  SAMPLE_PLAN,
  SAMPLE_TUNE,
  sampleProjectionRow,
} from "./__fixtures__/sample-store.js";
import { syntheticReport } from "./__fixtures__/synthetic-report.js";
import { buildReportData, buildReportDataPausing, summaryOf } from "./build-report-data.js";
import { ReportDataSchema } from "./report-data.js";

const item = (
  id: string,
  difficulty: number | undefined,
  subtask: string,
  extra: Partial<Item> = {},
): Item => ({
  id,
  format: "mcq",
  question: `question ${id}`,
  options: ["yes", "no"],
  answer: "A",
  ...(difficulty === undefined ? {} : { difficulty }),
  category: subtask,
  ...extra,
});

const ITEMS: Item[] = [
  item("i1", 0.05, "a", {
    metadata: { source: "x" },
    provenance: { pipeline: "make", attributes: { topic: "t1" } },
  }),
  item("i2", 0.15, "a", { metadata: { source: "x" } }),
  item("i3", 0.95, "b"),
  item("i4", undefined, "b"),
];

/** `pattern` is one letter per item id: r = right, w = wrong. */
function outcomes(pattern: Record<string, "r" | "w">) {
  return Object.entries(pattern).map(([itemId, mark]) => ({
    itemId,
    correct: mark === "r",
    extracted: mark === "r" ? "A" : "B",
    raw: `Answer: ${mark === "r" ? "A" : "B"}`,
  }));
}

function results(m1: Record<string, "r" | "w">, m2: Record<string, "r" | "w">): EvalResults {
  const llm = [
    buildModelResult({ model: "m1", kind: "llm", items: ITEMS, outcomes: outcomes(m1) }),
    buildModelResult({ model: "m2", kind: "llm", items: ITEMS, outcomes: outcomes(m2) }),
  ];
  const heuristic = buildModelResult({
    model: "h1",
    kind: "heuristic",
    items: ITEMS,
    outcomes: outcomes({ i1: "w", i2: "w", i3: "w", i4: "w" }),
  });
  return {
    benchmark: "tiny.jsonl",
    itemCount: 4,
    createdAt: "2026-01-01T00:00:00.000Z",
    models: [...llm, heuristic],
    rankConfidence: rankConfidenceMatrix(llm),
    rankModels: ["m1", "m2"],
    flags: ["a flag"],
    chanceAccuracy: 0.5,
  };
}

const BASE = results({ i1: "r", i2: "r", i3: "r", i4: "w", i9: "r" }, { i1: "r", i2: "w", i3: "w", i4: "w" });
const OTHER = results({ i1: "w", i2: "r", i3: "r", i4: "r" }, { i1: "r", i2: "w", i3: "w", i4: "w" });

describe("buildReportData", () => {
  const data = buildReportData({
    items: ITEMS,
    results: BASE,
    compare: [{ label: "second run", results: OTHER }],
    audit: SAMPLE_AUDIT,
    tune: { input: SAMPLE_TUNE, template: "arithmetic", targetAccuracy: 0.5, tolerance: 0.05 },
    generatedAt: "2026-02-02T00:00:00.000Z",
  });

  it("parses with its own schema and leaves outcomes out of the model rows", () => {
    expect(() => ReportDataSchema.parse(data)).not.toThrow();
    expect(data.models.map((model) => model.model)).toEqual(["m1", "m2", "h1"]);
    expect(data.models[0]).not.toHaveProperty("outcomes");
    expect(summaryOf(data)).not.toHaveProperty("items");
    expect(data.title).toBe("tiny.jsonl");
    expect(data.rankConfidence?.models).toEqual(["m1", "m2"]);
  });

  it("aligns every item's answers with the model list and notes answers to unknown items", () => {
    expect(data.items.map((view) => view.id)).toEqual(["i1", "i2", "i3", "i4"]);
    expect(data.items[1]?.answers).toEqual([
      [true, "A", "Answer: A"],
      [false, "B", "Answer: B"],
      [false, "B", "Answer: B"],
    ]);
    expect(data.items[0]?.subtask).toBe("a");
    expect(data.notes).toEqual(["1 answered items are not in the benchmark file and are not listed"]);
  });

  it("lists only the items the results cover when they cover fewer (eval --limit), and says so", () => {
    const full = results({ i1: "r", i2: "w" }, { i1: "w", i2: "w" });
    // eval --limit 2: the heuristics answered the same two items.
    const models = full.models.map((model) => ({
      ...model,
      outcomes: model.outcomes.filter((outcome) => ["i1", "i2"].includes(outcome.itemId)),
    }));
    const limited = { ...full, models, itemCount: 2 };
    const report = buildReportData({ items: ITEMS, results: limited });
    expect(report.items.map((view) => view.id)).toEqual(["i1", "i2"]);
    expect(report.itemCount).toBe(2);
    expect(report.notes).toEqual([
      "the results cover 2 of the benchmark's 4 items (eval --limit): only those are listed",
    ]);
  });

  it("counts model-vs-model disagreements and McNemar p by hand", () => {
    // m1 alone right on i2 and i3; both right on i1; neither on i4. Exact p = 2 * (1/2)^2, mid-p = 2 * (1/4 - 1/8).
    expect(data.pairs).toEqual([
      { modelA: "m1", modelB: "m2", onlyA: 2, onlyB: 0, both: 1, neither: 1, exactP: 0.5, midP: 0.25 },
    ]);
  });

  it("bins labels against the observed error of the llm answers", () => {
    expect(data.difficulty?.calibration).toEqual([
      { low: 0, high: 0.1, meanLabel: 0.05, observedError: 0, items: 1 },
      { low: 0.1, high: 0.2, meanLabel: 0.15, observedError: 0.5, items: 1 },
      { low: 0.9, high: 1, meanLabel: 0.95, observedError: 0.5, items: 1 },
    ]);
    const counts = data.difficulty?.histogram.map((bin) => bin.count) ?? [];
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(3);
    expect([counts[1], counts[3], counts[19]]).toEqual([1, 1, 1]);
    expect(data.difficulty?.unlabelled).toBe(1);
    expect(data.difficulty?.byModel.map((entry) => entry.model)).toEqual(["m1", "m2"]);
  });

  it("compares two runs item by item", () => {
    const m1 = data.runComparisons?.[0]?.models.find((model) => model.model === "m1");
    expect(data.runComparisons?.[0]?.sharedItems).toBe(4);
    // i1 lost, i4 gained: one discordant pair each way, exact p = 1.
    expect(m1).toEqual({
      model: "m1",
      accuracyBase: 0.75,
      accuracyOther: 0.75,
      gained: 1,
      lost: 1,
      exactP: 1,
      flipped: ["i1", "i4"],
    });
  });

  it("offers subtasks, metadata keys and the label range as filters", () => {
    expect(data.facets).toEqual({
      subtasks: ["a", "b"],
      metadata: [
        { key: "attribute:topic", values: ["t1"], truncated: false },
        { key: "source", values: ["x"], truncated: false },
      ],
      difficultyRange: [0.05, 0.95],
    });
  });

  it("carries the audit table and item map, and the tune trajectory with its best iteration", () => {
    expect(data.audit?.rows.map((row) => row.value)).toEqual([0.42, null]);
    expect(data.audit?.itemMap.map((point) => point.flag)).toEqual([
      "ok",
      "non-discriminating",
      "label-suspect",
    ]);
    expect(data.audit?.leakage).toBe(2);
    expect(data.tune?.iterations.map((entry) => entry.accuracy)).toEqual([0.82, 0.61, 0.52]);
    expect(data.tune?.bestIteration).toBe(2);
  });

  it("builds an items-only report (a make run) without model sections", () => {
    const itemsOnly = buildReportData({ items: ITEMS, title: "make run" });
    expect(itemsOnly.models).toEqual([]);
    expect(itemsOnly.pairs).toBeUndefined();
    expect(itemsOnly.rankConfidence).toBeUndefined();
    expect(itemsOnly.difficulty?.calibration).toEqual([]);
    expect(itemsOnly.items[0]?.answers).toEqual([]);
  });

  it("carries the discover trajectory with the winner the run named, and the plan's quotas and verdicts", () => {
    const pipelines = buildReportData({
      items: ITEMS,
      discover: { domain: "history", winner: "d1", trajectory: SAMPLE_DISCOVER },
      plan: {
        plan: SAMPLE_PLAN,
        candidates: [
          { slot: 0, status: "accepted", reason: undefined },
          { slot: 4, status: "rejected", reason: "schema: no answer" },
          { slot: 4, status: "accepted", reason: undefined },
          // A re-committed slot (after a crash) counts once.
          { slot: 4, status: "accepted", reason: undefined },
        ],
      },
    });
    expect(() => ReportDataSchema.parse(pipelines)).not.toThrow();
    // The run's own winner wins over the best objective (d4).
    expect(pipelines.discover?.winner).toBe("d1");
    expect(pipelines.discover?.descriptions.map((row) => row.objective)).toEqual([0.31, null, 0.48, 0.66]);
    expect(pipelines.plan?.subtasks.map((row) => [row.name, row.quota, row.realized, row.rejected])).toEqual([
      ["trade routes", 4, 1, 0],
      ["guild law", 2, 1, 1],
    ]);
    expect(pipelines.plan?.qc).toEqual({
      candidates: 4,
      accepted: 2,
      rejectedByReason: [{ reason: "schema", count: 1 }],
    });
    expect(data.discover).toBeUndefined();
    expect(data.plan).toBeUndefined();
  });

  it("keeps the audit's embedding map, without it in the criteria rows", () => {
    const withMap = buildReportData({
      items: ITEMS,
      audit: { ...SAMPLE_AUDIT, rows: [...SAMPLE_AUDIT.rows, sampleProjectionRow(ITEMS)] },
    });
    expect(withMap.audit?.projection?.points.map((point) => [point.itemId, point.label])).toEqual([
      ["i1", "0.1"],
      ["i2", "0.1"],
      ["i3", "0.9"],
      ["i4", "unlabelled"],
    ]);
    expect(withMap.audit?.rows.map((row) => row.criterion)).toEqual([
      "controllability",
      "faithfulness",
      "semantic-diversity",
    ]);
    expect(withMap.audit?.rows[2]).not.toHaveProperty("projection");
    expect(data.audit?.projection).toBeUndefined();
  });
});

describe("buildReportDataPausing", () => {
  it("builds what buildReportData builds, pausing between steps and every 10,000 items", async () => {
    const { items, results } = syntheticReport({ items: 25_000, abilities: [0.8, 0.6] });
    const inputs = { items, results, generatedAt: "2026-01-01T00:00:00.000Z" };
    let pauses = 0;
    const paused = await buildReportDataPausing(inputs, async () => {
      pauses++;
    });
    expect(paused).toEqual(buildReportData(inputs));
    // Two pauses inside the item views (at 10k and 20k), then one after each later step.
    expect(pauses).toBe(7);
  });
});
