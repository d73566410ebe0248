import { spearman } from "../../stats/correlation.js";
import { checkAccuracies } from "./accuracy-vector.js";
import { projectOntoColumns } from "./least-squares-projection.js";

/** How much data a novelty value came from. */
export interface NoveltySource {
  priors: number;
  models: number;
}

/**
 * How v̂ is formed. "in-sample" (AutoBencher's definition): the fit to all models. "leave-one-out":
 * each model's accuracy predicted from a fit without it, which removes the in-sample optimism that
 * pulls novelty towards 0 as the number of priors approaches the number of models.
 */
export type NoveltyPrediction = "in-sample" | "leave-one-out";

/** Novelty of a new accuracy vector, or why it cannot be computed (never a made-up number). */
export type NoveltyResult =
  | {
      /** 1 - Spearman(new, predicted): 0 when the priors already rank the models this way, up to 2. */
      value: number;
      /** Least-squares prediction of each model's accuracy from the prior benchmarks. */
      predicted: number[];
      prediction: NoveltyPrediction;
      /** Independent columns used (intercept included); less than priors + 1 when priors are collinear. */
      rank: number;
      /** Priors skipped as linear combinations of earlier ones (e.g. a duplicate). */
      droppedPriors: number[];
      from: NoveltySource;
    }
  | { value: undefined; reason: string; from: NoveltySource };

// 1 - h_ii below this: the model alone determines its own fit, so leave-one-out has no prediction
const LEVERAGE_TOLERANCE = 1e-10;

// Float noise below this must not break ties the data has (a prior identical to the new vector)
const TIE_DECIMALS = 1e12;

/**
 * AutoBencher's novelty: 1 - Spearman(v, v̂), where v is the new benchmark's accuracy vector over
 * the candidate models and v̂ its least-squares prediction from the prior benchmarks' accuracy
 * vectors over the same models. AutoBencher's paper regresses v on the prior vectors alone; we add
 * an intercept column, so a new benchmark that is only uniformly harder or easier than a mix of the
 * old ones (same ranking, shifted level) is predicted exactly and scores novelty 0 — novelty then
 * measures new ranking information, not a change of level. Spearman uses average ranks for ties.
 * Needs >= 1 prior and >= priors + 2 models (one more row than fitted columns, else the fit
 * interpolates and the value means nothing); otherwise returns `{ value: undefined, reason }`.
 * In-sample (the default) is optimistic: with p priors over M models even a random vector is fitted
 * with R² near p/(M-1), so compare in-sample values only at a fixed priors-to-models ratio, or pass
 * `prediction: "leave-one-out"` (h_ii from the same QR: v̂_(i) = v_i - e_i / (1 - h_ii)).
 * Throws RangeError when vector lengths differ or a value is not an accuracy in [0, 1].
 */
export function novelty(
  newVector: readonly number[],
  priorVectors: readonly (readonly number[])[],
  options: { prediction?: NoveltyPrediction } = {},
): NoveltyResult {
  const prediction = options.prediction ?? "in-sample";
  checkAccuracies(newVector, "novelty: new vector");
  const models = newVector.length;
  priorVectors.forEach((prior, index) => {
    checkAccuracies(prior, `novelty: prior ${index}`);
    if (prior.length !== models) {
      throw new RangeError(`novelty: prior ${index} covers ${prior.length} models, the new vector ${models}`);
    }
  });
  const from = { priors: priorVectors.length, models };
  if (priorVectors.length === 0) {
    return { value: undefined, reason: "needs at least one prior benchmark's accuracies", from };
  }
  if (models < priorVectors.length + 2) {
    return {
      value: undefined,
      reason: `needs at least ${priorVectors.length + 2} models (priors + 2), got ${models}`,
      from,
    };
  }
  if (newVector.every((accuracy) => accuracy === newVector[0])) {
    return { value: undefined, reason: "needs accuracies that differ across models (all are equal)", from };
  }
  const fit = projectOntoColumns({ columns: priorVectors, response: newVector, intercept: true });
  if (prediction === "leave-one-out" && fit.leverages.some((leverage) => 1 - leverage < LEVERAGE_TOLERANCE)) {
    return {
      value: undefined,
      reason: "needs every model to be predictable without itself (leverage 1)",
      from,
    };
  }
  const predicted =
    prediction === "in-sample"
      ? fit.fitted
      : fit.fitted.map((value, row) => {
          const actual = newVector[row] as number;
          return actual - (actual - value) / (1 - (fit.leverages[row] as number));
        });
  const snapped = predicted.map((value) => Math.round(value * TIE_DECIMALS) / TIE_DECIMALS);
  const rho = spearman(newVector, snapped);
  if (Number.isNaN(rho)) {
    return {
      value: undefined,
      reason: "needs priors that tell the models apart (they predict the same accuracy for every model)",
      from,
    };
  }
  return { value: 1 - rho, predicted, prediction, rank: fit.rank, droppedPriors: fit.dropped, from };
}
