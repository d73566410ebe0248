/** One candidate model's accuracy on a description's questions (n = questions graded). */
export interface ModelAccuracy {
  model: string;
  accuracy: number;
  n: number;
}

/** What an objective scores: AutoBencher's quantities for one candidate dataset description. */
export interface DescriptionScores {
  difficulty: number;
  separability: number;
  /** Undefined until there are prior benchmarks to predict from (see `noveltyReason`). */
  novelty: number | undefined;
  /** A judged 0-1 score or pageviews; an input, never computed here. */
  salience: number | undefined;
  accuracies: readonly ModelAccuracy[];
  /** Why novelty is undefined, as `NoveltyResult.reason` words it ("needs ..."). */
  noveltyReason?: string | undefined;
}

/** Target range for the best candidate's accuracy, e.g. 0.1-0.3 for knowledge topics. */
export interface AccuracyBand {
  low: number;
  high: number;
}

/** Settings shared by objectives; each objective reads the ones it declares. */
export interface ObjectiveSettings {
  /** Term name -> weight; terms left out keep the objective's default weight. */
  weights?: Readonly<Record<string, number>> | undefined;
  /** Smallest acceptable salience, in the salience input's own unit (default 0.5 on a 0-1 judgment). */
  minSalience?: number | undefined;
  targetBand?: AccuracyBand | undefined;
  /** Objective points lost per unit of accuracy outside the band (default 10). */
  bandPenalty?: number | undefined;
}

/** One weighted input of the objective; it contributes weight·value. */
export interface ObjectiveTerm {
  name: string;
  weight: number;
  value: number;
}

/** An input or constraint that could not be evaluated; printed as "n/a — needs {needs}". */
export interface MissingInput {
  name: string;
  needs: string;
}

export interface ViolatedConstraint {
  name: string;
  detail: string;
}

/**
 * Score of one description. `feasible` means no constraint that could be checked is violated;
 * constraints that could not be checked are in `missing`, not silently passed.
 */
export interface ObjectiveResult {
  value: number;
  feasible: boolean;
  terms: ObjectiveTerm[];
  missing: MissingInput[];
  violated: ViolatedConstraint[];
}

/** A pluggable search objective for `discover`. Entries declare their own term names and defaults. */
export interface DiscoverObjective {
  id: string;
  description: string;
  /** Every term name this objective weighs, with its default weight (the CLI parser checks names here). */
  defaultWeights: Readonly<Record<string, number>>;
  score(input: DescriptionScores, settings: ObjectiveSettings): ObjectiveResult;
}

/** Sort order for candidates: feasible ones first, then higher value. Use with `Array.prototype.sort`. */
export function compareObjectiveResults(a: ObjectiveResult, b: ObjectiveResult): number {
  if (a.feasible !== b.feasible) return a.feasible ? -1 : 1;
  return b.value - a.value;
}
