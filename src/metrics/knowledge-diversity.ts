import { defineCriterion, formatNumber } from "./define-criterion.js";
import type { CorrectnessMatrix } from "./types.js";

/**
 * Mean Hamming distance between items' correctness vectors over all item pairs i < j, in O(N·M):
 * a pair differs in model m's coordinate exactly when m got one item right and the other wrong,
 * which happens for c_m·(N - c_m) pairs (c_m = items m got right). Sum over models, divide by C(N, 2).
 */
export function meanPairwiseHamming(matrix: CorrectnessMatrix): number {
  const itemCount = matrix.itemIds.length;
  const modelCount = matrix.models.length;
  if (itemCount < 2) return 0;
  const right = new Float64Array(modelCount);
  for (let item = 0; item < itemCount; item++) {
    const offset = item * modelCount;
    for (let model = 0; model < modelCount; model++)
      right[model]! += matrix.correct[offset + model] as number;
  }
  let differingPairs = 0;
  for (const count of right) differingPairs += count * (itemCount - count);
  return differingPairs / ((itemCount * (itemCount - 1)) / 2);
}

/**
 * The paper's scale: the raw mean Hamming distance divided by the number of models, i.e. the share of
 * models that get one item of a pair right and the other wrong (0 = every pair answered alike;
 * about 0.5 at most: N/(2(N-1)) for N items).
 * Unlike the raw sum it does not grow with the number of models, so benchmarks audited with different
 * model sets can be compared.
 */
export function knowledgeDiversityPerModel(matrix: CorrectnessMatrix): number {
  return matrix.models.length ? meanPairwiseHamming(matrix) / matrix.models.length : 0;
}

export const knowledgeDiversity = defineCriterion({
  id: "knowledge-diversity",
  description:
    "Mean pairwise Hamming distance of items' correctness vectors, per model (share of models splitting a pair)",
  higherIsBetter: true,
  needs: ["models"],
  compute({ models: matrix }) {
    const raw = meanPairwiseHamming(matrix);
    const value = knowledgeDiversityPerModel(matrix);
    const modelCount = matrix.models.length;
    return {
      value,
      display: formatNumber(value),
      notes: `per model (raw mean Hamming distance ${formatNumber(raw)} over ${modelCount} models / ${modelCount}); ${matrix.itemIds.length} items`,
      used: `${modelCount} models' per-item results`,
    };
  },
});
