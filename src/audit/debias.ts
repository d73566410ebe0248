import type { DebiasFit } from "../metrics/judge-scale.js";
import { ordinaryLeastSquares } from "../stats/ols.js";

/** One judged item: which generator group it came from, its score, how long the judge's rationale was. */
export interface JudgedRow {
  group: string;
  score: number;
  judgeLength: number;
}

export interface DebiasedGroups {
  /** `debiased` is undefined when the fit is "none". */
  groups: Array<{ name: string; raw: number; debiased: number | undefined; rated: number }>;
  fit: Exclude<DebiasFit, "both-orders">;
  /** Score change per word of judge rationale; undefined unless the fit estimated it. */
  lengthCoefficient: number | undefined;
}

/**
 * Judges give longer rationales, and higher scores, to some items regardless of quality. Fit
 * score ~ 1 + generator dummies + judge_length by OLS over all generator groups being compared, then
 * report each group's score at the pooled mean length: intercept + dummy + beta·mean(length).
 * With one group there is nothing to separate (OLS passes through the means), so nothing is
 * called debiased and no coefficient is reported.
 */
export function debiasJudgeScores(rows: readonly JudgedRow[]): DebiasedGroups {
  const names = [...new Set(rows.map((row) => row.group))];
  const raw = names.map((name) => {
    const scores = rows.filter((row) => row.group === name).map((row) => row.score);
    return {
      name,
      raw: scores.reduce((a, b) => a + b, 0) / Math.max(1, scores.length),
      rated: scores.length,
    };
  });
  const notFitted: DebiasedGroups = {
    groups: raw.map((entry) => ({ ...entry, debiased: undefined })),
    fit: "none",
    lengthCoefficient: undefined,
  };
  if (names.length < 2) return notFitted;
  const lengths = rows.map((row) => row.judgeLength);
  const meanLength = lengths.reduce((a, b) => a + b, 0) / lengths.length;
  // the length term needs variation and at least one residual degree of freedom
  const withLength = lengths.some((length) => length !== lengths[0]) && rows.length > names.length + 1;
  try {
    return fitGroups(rows, names, raw, withLength, meanLength);
  } catch (error) {
    if (!(error instanceof RangeError) || !withLength) throw error;
    // length only varies between generators: the two effects cannot be told apart, fit dummies alone
    return fitGroups(rows, names, raw, false, meanLength);
  }
}

function fitGroups(
  rows: readonly JudgedRow[],
  names: string[],
  raw: Array<{ name: string; raw: number; rated: number }>,
  withLength: boolean,
  meanLength: number,
): DebiasedGroups {
  const dummies = names.slice(1);
  const design = rows.map((row) => [
    1,
    ...dummies.map((name) => (row.group === name ? 1 : 0)),
    ...(withLength ? [row.judgeLength] : []),
  ]);
  const { coefficients } = ordinaryLeastSquares({ design, response: rows.map((row) => row.score) });
  const intercept = coefficients[0] as number;
  const lengthCoefficient = withLength ? (coefficients[coefficients.length - 1] as number) : 0;
  const groups = raw.map((entry, index) => ({
    ...entry,
    debiased:
      intercept + (index === 0 ? 0 : (coefficients[index] as number)) + lengthCoefficient * meanLength,
  }));
  return {
    groups,
    fit: withLength ? "generators+length" : "generators-only",
    lengthCoefficient: withLength ? lengthCoefficient : undefined,
  };
}
