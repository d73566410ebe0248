import { difficulty } from "./difficulty.js";
import { type NoveltyPrediction, type NoveltyResult, novelty } from "./novelty.js";
import type { DescriptionScores, ModelAccuracy } from "./objective.js";
import { separability } from "./separability.js";

/** A benchmark already in the trajectory: its per-model accuracies. */
export interface PriorBenchmark {
  name: string;
  accuracies: readonly ModelAccuracy[];
}

/** The scores plus how novelty was reached, for the trajectory report. */
export interface DescriptionScoresDetail {
  scores: DescriptionScores;
  novelty: NoveltyResult;
  /** Models novelty was computed over: those with an accuracy here and in every prior. */
  noveltyModels: string[];
}

/**
 * Computes difficulty and separability over all of this description's models, and novelty over
 * the models every prior benchmark also measured (prior vectors must cover the same models, and a
 * model added mid-run has no history). Salience is passed through. Throws RangeError on a model
 * listed twice in one accuracy list.
 */
export function describeScores(options: {
  accuracies: readonly ModelAccuracy[];
  priors: readonly PriorBenchmark[];
  salience?: number | undefined;
  /** How novelty predicts the new vector (default "in-sample", as AutoBencher's paper). */
  prediction?: NoveltyPrediction | undefined;
}): DescriptionScoresDetail {
  const { accuracies, priors } = options;
  const current = byModel(accuracies, "this description");
  const priorMaps = priors.map((prior) => byModel(prior.accuracies, prior.name));
  const noveltyModels = [...current.keys()].filter((model) => priorMaps.every((map) => map.has(model)));
  const vector = noveltyModels.map((model) => current.get(model) as number);
  const priorVectors = priorMaps.map((map) => noveltyModels.map((model) => map.get(model) as number));
  const noveltyResult =
    vector.length === 0
      ? ({
          value: undefined,
          reason: "needs models measured on both this and the prior benchmarks",
          from: { priors: priors.length, models: 0 },
        } as const)
      : novelty(vector, priorVectors, { prediction: options.prediction ?? "in-sample" });
  const values = accuracies.map((entry) => entry.accuracy);
  const scores: DescriptionScores = {
    difficulty: difficulty(values),
    separability: separability(values),
    novelty: noveltyResult.value,
    salience: options.salience,
    accuracies,
  };
  if (noveltyResult.value === undefined) scores.noveltyReason = noveltyResult.reason;
  return { scores, novelty: noveltyResult, noveltyModels };
}

function byModel(accuracies: readonly ModelAccuracy[], source: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const { model, accuracy } of accuracies) {
    if (map.has(model)) throw new RangeError(`${source}: model "${model}" listed twice`);
    map.set(model, accuracy);
  }
  return map;
}
