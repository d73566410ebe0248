import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { difficultyBoundary } from "./boundary.js";
import { difficultyControllability } from "./controllability.js";

const dataDir = join(import.meta.dirname, "../../../shared/data");
const file = join(dataDir, "livecodebench/responses-2024-04-17.csv");
const LEVELS: Record<string, number> = { easy: 0, medium: 1, hard: 2 };

/** Per problem: its platform label and mean error (1 - pass@1) over the 45 models. */
function problems(): Array<{ label: number; error: number }> {
  const byProblem = new Map<string, { label: number; sum: number; count: number }>();
  const models = new Set<string>();
  for (const line of readFileSync(file, "utf8").split("\n").slice(1)) {
    if (!line.trim()) continue;
    const [model, id, difficulty, , passAt1] = line.trim().split(",") as [
      string,
      string,
      string,
      string,
      string,
    ];
    models.add(model);
    const entry = byProblem.get(id) ?? { label: LEVELS[difficulty] as number, sum: 0, count: 0 };
    entry.sum += 1 - Number(passAt1);
    entry.count++;
    byProblem.set(id, entry);
  }
  expect(models.size).toBe(45);
  return [...byProblem.values()].map((entry) => ({ label: entry.label, error: entry.sum / entry.count }));
}

/** Independent rank: count smaller values plus half the ties (same as average ranks, different route). */
function countRanks(values: number[]): number[] {
  return values.map((value) => {
    let below = 0;
    let equal = 0;
    for (const other of values) {
      if (other < value) below++;
      else if (other === value) equal++;
    }
    return below + (equal + 1) / 2;
  });
}

describe.skipIf(!existsSync(file))(`LiveCodeBench 45 models x 400 problems (needs ${file})`, () => {
  it("controllability: Spearman(platform label, mean error) is positive and matches an independent rank computation", () => {
    const rows = problems();
    expect(rows).toHaveLength(400);
    const labels = rows.map((row) => row.label);
    const errors = rows.map((row) => row.error);
    const value = difficultyControllability({ labels, errorRates: errors });
    const x = countRanks(labels);
    const y = countRanks(errors);
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    const [mx, my] = [mean(x), mean(y)];
    const covariance = x.reduce((sum, xi, index) => sum + (xi - mx) * (y[index]! - my), 0);
    const independent =
      covariance /
      Math.sqrt(x.reduce((s, xi) => s + (xi - mx) ** 2, 0) * y.reduce((s, yi) => s + (yi - my) ** 2, 0));
    console.log(`LiveCodeBench controllability (Spearman, ties averaged): ${value.toFixed(3)}`);
    expect(value).toBeCloseTo(independent, 10);
    expect(value).toBeGreaterThan(0);
  });

  it("boundary: mean error on the hardest 20% by label equals a direct computation", () => {
    const rows = problems();
    const labels = rows.map((row) => row.label);
    const errors = rows.map((row) => row.error);
    const slots = Math.ceil(0.2 * rows.length);
    const hard = rows.filter((row) => row.label === 2);
    // every hard problem is in the top slots when there are no more than `slots` of them; the rest are
    // medium ones, which enter at their mean (expectation over random tie-breaks)
    const medium = rows.filter((row) => row.label === 1);
    const meanOf = (list: typeof rows) => list.reduce((s, row) => s + row.error, 0) / list.length;
    const expected =
      hard.length >= slots
        ? meanOf(hard)
        : (hard.reduce((s, row) => s + row.error, 0) + (slots - hard.length) * meanOf(medium)) / slots;
    const value = difficultyBoundary({ labels, errorRates: errors });
    console.log(
      `LiveCodeBench boundary: ${value.toFixed(3)} (${hard.length} hard of ${rows.length}, ${slots} slots)`,
    );
    expect(value).toBeCloseTo(expected, 10);
  });
});
