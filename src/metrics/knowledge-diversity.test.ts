import { describe, expect, it } from "vitest";
import { createRng } from "../core/rng.js";
import {
  knowledgeDiversity,
  knowledgeDiversityPerModel,
  meanPairwiseHamming,
} from "./knowledge-diversity.js";
import type { CorrectnessMatrix } from "./types.js";

function bruteForce(matrix: CorrectnessMatrix): number {
  const n = matrix.itemIds.length;
  const m = matrix.models.length;
  let total = 0;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++)
      for (let k = 0; k < m; k++) total += matrix.correct[i * m + k] !== matrix.correct[j * m + k] ? 1 : 0;
  return total / ((n * (n - 1)) / 2);
}

describe("meanPairwiseHamming", () => {
  it("equals the O(N²·M) definition on random matrices", () => {
    const rng = createRng(4);
    for (const [n, m] of [
      [2, 1],
      [7, 3],
      [150, 12],
    ] as const) {
      const correct = Uint8Array.from({ length: n * m }, () => (rng.next() < 0.6 ? 1 : 0));
      const matrix = {
        models: Array.from({ length: m }, String),
        itemIds: Array.from({ length: n }, String),
        correct,
      };
      expect(meanPairwiseHamming(matrix)).toBeCloseTo(bruteForce(matrix), 12);
    }
  });
  it("is 0 for identical items and 1 per model for a 2-item split", () => {
    expect(
      meanPairwiseHamming({
        models: ["a", "b"],
        itemIds: ["x", "y"],
        correct: Uint8Array.from([1, 1, 0, 0]),
      }),
    ).toBe(2);
    expect(
      meanPairwiseHamming({ models: ["a"], itemIds: ["x", "y", "z"], correct: Uint8Array.from([1, 1, 1]) }),
    ).toBe(0);
  });

  it("is reported per model (the paper's scale), the raw sum in the notes", async () => {
    // items x, y, z; models a, b: x right by both, y by a only, z by neither.
    // pairs: (x,y) differ on b = 1, (x,z) on both = 2, (y,z) on a = 1: raw mean 4/3, per model 2/3
    const matrix = {
      models: ["a", "b"],
      itemIds: ["x", "y", "z"],
      correct: Uint8Array.from([1, 1, 1, 0, 0, 0]),
    };
    expect(meanPairwiseHamming(matrix)).toBeCloseTo(4 / 3, 12);
    expect(knowledgeDiversityPerModel(matrix)).toBeCloseTo(2 / 3, 12);
    const row = await knowledgeDiversity.compute({ models: matrix, rng: createRng(1) });
    expect(row.value).toBeCloseTo(2 / 3, 12);
    expect(row.display).toBe("0.667");
    expect(row.notes).toContain("raw mean Hamming distance 1.333 over 2 models / 2");
  });
});
