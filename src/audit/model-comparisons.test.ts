import { describe, expect, it } from "vitest";
import { createRng } from "../core/rng.js";
import type { CorrectnessMatrix } from "../metrics/types.js";
import type { AuditReport } from "./audit-options.js";
import { formatAuditReport } from "./format-report.js";
import { compareModels } from "./model-comparisons.js";

/** Item-major matrix from one correctness column per model. */
function matrixOf(columns: Record<string, boolean[]>): CorrectnessMatrix {
  const models = Object.keys(columns);
  const itemCount = columns[models[0] as string]?.length ?? 0;
  const correct = new Uint8Array(itemCount * models.length);
  models.forEach((model, modelIndex) => {
    columns[model]?.forEach((value, item) => {
      correct[item * models.length + modelIndex] = value ? 1 : 0;
    });
  });
  return { models, itemIds: Array.from({ length: itemCount }, (_, item) => `i${item}`), correct };
}

// 20 items: item 0 only a gets right, items 1-5 only b, items 6-19 both.
const a = Array.from({ length: 20 }, (_, item) => item === 0 || item >= 6);
const b = Array.from({ length: 20 }, (_, item) => item >= 1);

describe("compareModels", () => {
  it("Holm-adjusts the exact McNemar p, not the mid-p", () => {
    // 1 vs 5 discordant: exact p = 2·(1+6)/64 = 14/64; mid-p = 2·(7/64 - 6/128) = 8/64.
    // Pairs a-b and c-b share those values, a-c has none discordant (p = 1).
    // Holm over [14/64, 1, 14/64]: smallest ×3 = 42/64, next ×2 = 28/64 -> running max 42/64, then 1.
    const { pairs } = compareModels(matrixOf({ a, b, c: a }), createRng(1));
    const byPair = Object.fromEntries(pairs.map((pair) => [`${pair.modelA}-${pair.modelB}`, pair]));
    expect(byPair["a-b"]?.exactP).toBeCloseTo(14 / 64, 12);
    expect(byPair["a-b"]?.midP).toBeCloseTo(8 / 64, 12);
    expect(byPair["a-b"]?.holmP).toBeCloseTo(42 / 64, 12);
    expect(byPair["b-c"]?.holmP).toBeCloseTo(42 / 64, 12);
    expect(byPair["a-c"]?.holmP).toBe(1);
  });

  it("the report counts separated pairs by the Holm exact p and labels mid-p as information only", () => {
    // 7 vs 0 discordant (items 1-7): exact p = 2/128 < 0.05.
    const strong = Array.from({ length: 20 }, (_, item) => item >= 8);
    const comparisons = compareModels(matrixOf({ best: b, worst: strong }), createRng(2));
    const report = {
      benchmark: "b",
      itemCount: 20,
      rows: [],
      leakage: [],
      probes: [],
      warnings: [],
      notes: [],
      comparisons,
    };
    const lines = formatAuditReport(report as unknown as AuditReport);
    expect(lines.some((line) => /Holm-adjusted exact p < 0\.05\): 1 of 1/.test(line))).toBe(true);
    expect(lines.some((line) => line.includes("mid-p (info only, unadjusted)"))).toBe(true);
    expect(lines.some((line) => /Holm-adjusted mid-p/.test(line))).toBe(false);
  });
});
