import { describeScores } from "../../../metrics/discover/description-scores.js";
import type { ObjectiveResult, ObjectiveSettings } from "../../../metrics/discover/objective.js";
import { OBJECTIVES } from "../../../metrics/discover/objectives.js";
import type { SimulatedWorld } from "./simulated-world.js";

/** The objective of one description as the pipeline would measure it on n questions (exact: no noise). */
export function trueObjective(
  world: SimulatedWorld,
  description: string,
  questions: number,
  settings: ObjectiveSettings,
): ObjectiveResult {
  const accuracies = world.candidates.map((model) => ({
    model,
    accuracy: Math.round((world.accuracy(model, description) ?? 0) * questions) / questions,
    n: questions,
  }));
  const { scores } = describeScores({
    accuracies,
    priors: [world.prior],
    salience: world.salience(description),
  });
  return OBJECTIVES.autobencher.score(scores, settings);
}

/** The best description of the whole space (feasible first, then by value), found by enumeration. */
export function oracleOptimum(
  world: SimulatedWorld,
  questions: number,
  settings: ObjectiveSettings,
): { description: string; value: number } {
  let best: { description: string; result: ObjectiveResult } | undefined;
  for (const description of world.space()) {
    const result = trueObjective(world, description, questions, settings);
    const better =
      best === undefined ||
      (result.feasible && !best.result.feasible) ||
      (result.feasible === best.result.feasible && result.value > best.result.value);
    if (better) best = { description, result };
  }
  if (best === undefined) throw new Error("the world is empty");
  return { description: best.description, value: best.result.value };
}
