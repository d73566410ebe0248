/** Least-squares fitted values of a response on some columns, and how many columns were independent. */
export interface Projection {
  /** X·beta for the least-squares beta: the orthogonal projection of the response onto span(X). */
  fitted: number[];
  /** Dimension of span(X), intercept included when asked for. */
  rank: number;
  /** Indices into `columns` left out because they were (numerically) combinations of earlier ones. */
  dropped: number[];
  /** Diagonal of the hat matrix, h_ii = Σ_k q_k[i]²: how much row i pulls its own fitted value. */
  leverages: number[];
}

// A column keeps less than this share of its norm after orthogonalization -> treated as dependent
const RANK_TOLERANCE = 1e-10;

/**
 * Least-squares prediction of `response` from `columns` (each one vector over the same rows), with
 * an optional intercept column of ones first. Solved by a thin QR (modified Gram-Schmidt, each
 * column orthogonalized twice, which keeps the basis orthonormal to machine precision) instead of
 * the normal equations, whose X'X squares the condition number of strongly correlated benchmarks.
 * Rank-deficient designs (a duplicated prior, a constant prior beside the intercept) need no ridge:
 * the fitted values are the projection onto span(X), which is unique even when beta is not, so a
 * dependent column is simply skipped and listed in `dropped`.
 */
export function projectOntoColumns(options: {
  columns: readonly (readonly number[])[];
  response: readonly number[];
  intercept: boolean;
}): Projection {
  const { columns, response } = options;
  const rows = response.length;
  for (const [index, column] of columns.entries()) {
    if (column.length !== rows) {
      throw new RangeError(`projection: column ${index} has ${column.length} rows, response has ${rows}`);
    }
  }
  const basis: Float64Array[] = [];
  const dropped: number[] = [];
  const candidates = options.intercept ? [new Array<number>(rows).fill(1), ...columns] : [...columns];
  candidates.forEach((column, position) => {
    const vector = Float64Array.from(column);
    const original = norm(vector);
    if (original > 0) {
      subtractProjections(vector, basis);
      subtractProjections(vector, basis);
    }
    const remaining = norm(vector);
    if (original === 0 || remaining <= RANK_TOLERANCE * original) {
      dropped.push(options.intercept ? position - 1 : position);
      return;
    }
    for (let row = 0; row < rows; row++) vector[row] = (vector[row] as number) / remaining;
    basis.push(vector);
  });
  // residual by modified Gram-Schmidt on the response too; fitted = response - residual
  const residual = Float64Array.from(response);
  subtractProjections(residual, basis);
  subtractProjections(residual, basis);
  const fitted = response.map((value, row) => value - (residual[row] as number));
  const leverages = response.map((_, row) =>
    basis.reduce((sum, direction) => sum + (direction[row] as number) ** 2, 0),
  );
  return { fitted, rank: basis.length, dropped: dropped.filter((index) => index >= 0), leverages };
}

function subtractProjections(vector: Float64Array, basis: readonly Float64Array[]): void {
  for (const direction of basis) {
    let dot = 0;
    for (let row = 0; row < vector.length; row++) dot += (direction[row] as number) * (vector[row] as number);
    for (let row = 0; row < vector.length; row++) {
      vector[row] = (vector[row] as number) - dot * (direction[row] as number);
    }
  }
}

function norm(vector: Float64Array): number {
  let sum = 0;
  for (const value of vector) sum += value * value;
  return Math.sqrt(sum);
}
