import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { ordinaryLeastSquares } from "../../stats/ols.js";
import { projectOntoColumns } from "./least-squares-projection.js";

const x = [0, 1, 2, 3];
const y = [1, 3, 2, 5];

describe("projectOntoColumns", () => {
  it("matches the hand-computed simple regression with an intercept", () => {
    // mean x 1.5, mean y 2.75, Sxy 5.5, Sxx 5 -> slope 1.1, intercept 1.1
    const fit = projectOntoColumns({ columns: [x], response: y, intercept: true });
    [1.1, 2.2, 3.3, 4.4].forEach((expected, row) => {
      expect(fit.fitted[row]).toBeCloseTo(expected, 13);
    });
    expect(fit.rank).toBe(2);
    expect(fit.dropped).toEqual([]);
    // h_ii = 1/n + (x - x̄)² / Sxx = 0.25 + (2.25, 0.25, 0.25, 2.25) / 5
    [0.7, 0.3, 0.3, 0.7].forEach((expected, row) => {
      expect(fit.leverages[row]).toBeCloseTo(expected, 13);
    });
  });

  it("fits through the origin without an intercept", () => {
    // beta = Σxy / Σx² = 22 / 14
    const fit = projectOntoColumns({ columns: [x], response: y, intercept: false });
    x.forEach((value, row) => {
      expect(fit.fitted[row]).toBeCloseTo((value * 22) / 14, 13);
    });
    expect(fit.rank).toBe(1);
  });

  it("drops a duplicated column and a constant one beside the intercept, keeping the same fit", () => {
    const duplicated = projectOntoColumns({ columns: [x, x], response: y, intercept: true });
    expect(duplicated.dropped).toEqual([1]);
    expect(duplicated.rank).toBe(2);
    const constant = projectOntoColumns({
      columns: [[5, 5, 5, 5], x, [0, 0, 0, 0]],
      response: y,
      intercept: true,
    });
    expect(constant.dropped).toEqual([0, 2]);
    constant.fitted.forEach((value, row) => {
      expect(value).toBeCloseTo(duplicated.fitted[row]!, 13);
    });
  });

  it("agrees with the normal-equations OLS on random full-rank data", () => {
    const rng = createRng(12);
    const columns = Array.from({ length: 4 }, () => Array.from({ length: 30 }, () => rng.next()));
    const response = Array.from(
      { length: 30 },
      (_, row) => 0.3 * columns[0]![row]! - columns[2]![row]! + rng.normal(),
    );
    const fit = projectOntoColumns({ columns, response, intercept: true });
    const design = response.map((_, row) => [1, ...columns.map((column) => column[row]!)]);
    const ols = ordinaryLeastSquares({ design, response });
    design.forEach((row, index) => {
      const expected = row.reduce((sum, value, column) => sum + value * ols.coefficients[column]!, 0);
      expect(fit.fitted[index]).toBeCloseTo(expected, 11);
    });
    expect(fit.rank).toBe(5);
  });

  it("rejects columns whose length differs from the response", () => {
    expect(() => projectOntoColumns({ columns: [[1, 2]], response: y, intercept: true })).toThrow(RangeError);
  });
});
