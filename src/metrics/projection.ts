import type { Rng } from "../core/rng.js";
import type { DenseVectors } from "./pairwise-distance.js";

/** Points kept for the audit page's embedding map: enough to show its shape, small enough to inline. */
const PROJECTION_LIMIT = 2000;
// A map needs the axes to a few digits; random-like embeddings (no spectral gap) stop at the cap.
const POWER_ITERATIONS = 30;
const CONVERGED = 1e-9;

/** One item on the plane of the first two principal components. */
interface ProjectedPoint {
  itemId: string;
  x: number;
  y: number;
  /** The item's difficulty label, when it has one. */
  difficulty?: number;
}

/** A 2-D PCA map of item embeddings, of `points.length` of `total` items (sampled with the seed). */
export interface EmbeddingProjection {
  method: string;
  total: number;
  /** Share of the sample's variance along each axis. */
  explained: [number, number];
  points: ProjectedPoint[];
}

/** Rows `indices` of `vectors`, centred on their mean (row-major, `indices.length × dimension`). */
function centredRows(vectors: DenseVectors, indices: readonly number[]): Float64Array {
  const { dimension, data } = vectors;
  const rows = new Float64Array(indices.length * dimension);
  const mean = new Float64Array(dimension);
  indices.forEach((source, row) => {
    for (let d = 0; d < dimension; d++) {
      const value = data[source * dimension + d]!;
      rows[row * dimension + d] = value;
      mean[d] = mean[d]! + value / indices.length;
    }
  });
  for (let index = 0; index < rows.length; index++) rows[index] = rows[index]! - mean[index % dimension]!;
  return rows;
}

/** Scales `vector` to unit length (a zero vector stays zero). */
function normalise(vector: Float64Array): void {
  let norm = 0;
  for (let d = 0; d < vector.length; d++) norm += vector[d]! * vector[d]!;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let d = 0; d < vector.length; d++) vector[d] = vector[d]! / norm;
}

/** Removes from `vector` its component along the unit vector `along`. */
function removeComponent(vector: Float64Array, along: Float64Array): void {
  let dot = 0;
  for (let d = 0; d < vector.length; d++) dot += vector[d]! * along[d]!;
  for (let d = 0; d < vector.length; d++) vector[d] = vector[d]! - dot * along[d]!;
}

/** XᵀX a and XᵀX b in one pass over the rows, without forming the covariance matrix. */
function covarianceTimes(
  rows: Float64Array,
  count: number,
  dimension: number,
  a: Float64Array,
  b: Float64Array,
) {
  const outA = new Float64Array(dimension);
  const outB = new Float64Array(dimension);
  for (let row = 0; row < count; row++) {
    const base = row * dimension;
    let dotA = 0;
    let dotB = 0;
    for (let d = 0; d < dimension; d++) {
      const value = rows[base + d]!;
      dotA += value * a[d]!;
      dotB += value * b[d]!;
    }
    for (let d = 0; d < dimension; d++) {
      const value = rows[base + d]!;
      outA[d] = outA[d]! + dotA * value;
      outB[d] = outB[d]! + dotB * value;
    }
  }
  return [outA, outB] as const;
}

/** An eigenvector's sign is arbitrary: make its largest coordinate positive so maps are comparable. */
function fixSign(axis: Float64Array): void {
  let largest = 0;
  for (let d = 1; d < axis.length; d++) if (Math.abs(axis[d]!) > Math.abs(axis[largest]!)) largest = d;
  if (axis[largest]! < 0) for (let d = 0; d < axis.length; d++) axis[d] = -axis[d]!;
}

/**
 * The two leading eigenvectors of XᵀX by orthogonal (subspace) iteration from a seeded start: both
 * axes advance in one pass over the rows, the second kept orthogonal to the first.
 */
function principalAxes(
  rows: Float64Array,
  count: number,
  dimension: number,
  rng: Rng,
): [Float64Array, Float64Array] {
  let first = new Float64Array(dimension).map(() => rng.normal());
  let second = new Float64Array(dimension).map(() => rng.normal());
  normalise(first);
  removeComponent(second, first);
  normalise(second);
  for (let step = 0; step < POWER_ITERATIONS; step++) {
    const [nextFirst, nextSecond] = covarianceTimes(rows, count, dimension, first, second);
    normalise(nextFirst);
    removeComponent(nextSecond, nextFirst);
    normalise(nextSecond);
    let change = 0;
    for (let d = 0; d < dimension; d++)
      change +=
        Math.abs(Math.abs(nextFirst[d]!) - Math.abs(first[d]!)) +
        Math.abs(Math.abs(nextSecond[d]!) - Math.abs(second[d]!));
    first = nextFirst;
    second = nextSecond;
    if (change < CONVERGED) break;
  }
  fixSign(first);
  fixSign(second);
  return [first, second];
}

/**
 * Projects up to `limit` embeddings (a seeded sample when there are more) onto their first two principal
 * components, found by power iteration on XᵀX with deflation. Deterministic for a given seed.
 */
export function projectEmbeddings(options: {
  vectors: DenseVectors;
  itemIds: readonly string[];
  difficulties?: readonly (number | undefined)[];
  rng: Rng;
  limit?: number;
}): EmbeddingProjection {
  const { vectors, rng } = options;
  const { count, dimension } = vectors;
  const all = Array.from({ length: count }, (_, index) => index);
  const limit = options.limit ?? PROJECTION_LIMIT;
  const indices =
    count > limit
      ? rng
          .fork("sample")
          .sample(all, limit)
          .sort((a, b) => a - b)
      : all;
  const rows = centredRows(vectors, indices);
  const [first, second] = principalAxes(rows, indices.length, dimension, rng.fork("axes"));
  let totalVariance = 0;
  for (const value of rows) totalVariance += value * value;
  let varianceX = 0;
  let varianceY = 0;
  const points = indices.map((source, row): ProjectedPoint => {
    let x = 0;
    let y = 0;
    for (let d = 0; d < dimension; d++) {
      const value = rows[row * dimension + d]!;
      x += value * first[d]!;
      y += value * second[d]!;
    }
    varianceX += x * x;
    varianceY += y * y;
    const difficulty = options.difficulties?.[source];
    return {
      itemId: options.itemIds[source] ?? String(source),
      x,
      y,
      ...(difficulty === undefined ? {} : { difficulty }),
    };
  });
  return {
    method: "PCA (power iteration)",
    total: count,
    explained: totalVariance > 0 ? [varianceX / totalVariance, varianceY / totalVariance] : [0, 0],
    points,
  };
}
