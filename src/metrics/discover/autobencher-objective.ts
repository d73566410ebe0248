import type {
  DescriptionScores,
  DiscoverObjective,
  MissingInput,
  ObjectiveResult,
  ObjectiveSettings,
  ObjectiveTerm,
  ViolatedConstraint,
} from "./objective.js";

const DEFAULT_WEIGHTS = { difficulty: 1, novelty: 1, separability: 0.5 } as const;
type TermName = keyof typeof DEFAULT_WEIGHTS;
const TERM_NEEDS: Record<TermName, string> = {
  difficulty: "the candidate models' accuracies",
  novelty: "prior benchmarks' accuracies over the same models",
  separability: "the candidate models' accuracies",
};
const DEFAULT_MIN_SALIENCE = 0.5;
const DEFAULT_BAND_PENALTY = 10;

/**
 * AutoBencher's objective: w_d·difficulty + w_n·novelty + w_s·separability (defaults 1, 1, 0.5),
 * subject to salience >= minSalience and, when a target band is given, the best model's accuracy
 * inside it. A term whose input is undefined adds nothing and is listed in `missing`; so is the
 * salience check when salience is unknown (the result is then feasible only as far as it was checked).
 * Outside the band the result is infeasible and loses bandPenalty·distance (a "band distance" term),
 * so among infeasible candidates the closer one scores higher and the search keeps a direction;
 * rank with `compareObjectiveResults` so any feasible candidate still beats every infeasible one.
 */
export const autobencherObjective: DiscoverObjective = {
  id: "autobencher",
  description: "difficulty + novelty + separability, subject to salience and a target accuracy band",
  defaultWeights: DEFAULT_WEIGHTS,
  score(input: DescriptionScores, settings: ObjectiveSettings): ObjectiveResult {
    const weights = resolveWeights(settings.weights);
    const terms: ObjectiveTerm[] = [];
    const missing: MissingInput[] = [];
    const violated: ViolatedConstraint[] = [];
    for (const name of Object.keys(DEFAULT_WEIGHTS) as TermName[]) {
      const value = input[name];
      if (value !== undefined && Number.isFinite(value)) terms.push({ name, weight: weights[name], value });
      else if (weights[name] !== 0) missing.push({ name, needs: needsFor(name, input) });
    }
    const minSalience = settings.minSalience ?? DEFAULT_MIN_SALIENCE;
    if (input.salience === undefined || !Number.isFinite(input.salience)) {
      missing.push({ name: "salience", needs: `a salience judgment to check salience >= ${minSalience}` });
    } else if (input.salience < minSalience) {
      violated.push({ name: "salience", detail: `salience ${input.salience} is below ${minSalience}` });
    }
    const band = settings.targetBand;
    if (band !== undefined) {
      if (band.low > band.high) throw new RangeError(`target band ${band.low}-${band.high} is reversed`);
      // the accuracies themselves when given: 1 - (1 - 0.3) is 0.30000000000000004, outside 0.1-0.3
      const best =
        input.accuracies.length > 0
          ? Math.max(...input.accuracies.map((entry) => entry.accuracy))
          : 1 - input.difficulty;
      if (!Number.isFinite(best)) {
        missing.push({ name: "target band", needs: "the candidate models' accuracies" });
      } else if (best < band.low || best > band.high) {
        const distance = best < band.low ? band.low - best : best - band.high;
        const side = best < band.low ? "below" : "above";
        violated.push({
          name: "target band",
          detail: `best accuracy ${round(best)} is ${side} the band ${band.low}-${band.high}`,
        });
        terms.push({
          name: "band distance",
          weight: -(settings.bandPenalty ?? DEFAULT_BAND_PENALTY),
          value: distance,
        });
      }
    }
    const value = terms.reduce((sum, term) => sum + term.weight * term.value, 0);
    return { value, feasible: violated.length === 0, terms, missing, violated };
  },
};

function resolveWeights(overrides: Readonly<Record<string, number>> | undefined): Record<TermName, number> {
  const weights: Record<TermName, number> = { ...DEFAULT_WEIGHTS };
  for (const [name, weight] of Object.entries(overrides ?? {})) {
    if (!(name in DEFAULT_WEIGHTS)) throw new RangeError(`autobencher objective has no term "${name}"`);
    if (!Number.isFinite(weight) || weight < 0) throw new RangeError(`weight ${name}=${weight} must be >= 0`);
    weights[name as TermName] = weight;
  }
  return weights;
}

function needsFor(name: TermName, input: DescriptionScores): string {
  if (name === "novelty" && input.noveltyReason !== undefined)
    return input.noveltyReason.replace(/^needs /, "");
  return TERM_NEEDS[name];
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
