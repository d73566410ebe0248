import { canonicalJson } from "../../../core/json.js";
import type { HistoryEntry, PendingProposal } from "../history.js";
import { type ParamSpec, type ParamValues, paramsAtDifficulty, unitOf } from "../param-space.js";
import type { Designer, DesignerInput } from "./designer.js";
import { type DifficultyPoint, fitLogistic, solveLogistic } from "./logistic-fit.js";

/** Where params sit on the difficulty line: mean position of the directed params towards "harder". */
export function difficultyOf(specs: readonly ParamSpec[], params: ParamValues): number {
  const units: number[] = [];
  for (const spec of specs) {
    if (spec.harder === "none") continue;
    const unit = unitOf(spec, params[spec.name]);
    units.push(spec.harder === "higher" ? unit : 1 - unit);
  }
  return units.length ? units.reduce((sum, unit) => sum + unit, 0) / units.length : 0.5;
}

/**
 * Next difficulty: logistic fit of accuracy against difficulty, kept inside the bracket the
 * data already proves (bisection when the fit leaves it); first guess is d = 1 - target.
 */
export function nextDifficulty(options: {
  specs: readonly ParamSpec[];
  history: readonly HistoryEntry[];
  target: number;
  tolerance: number;
}): number {
  const { specs, history, target } = options;
  if (history.length === 0) return 1 - target;
  const points: DifficultyPoint[] = history.map((entry) => ({
    x: difficultyOf(specs, entry.params),
    successes: entry.pooled.correct,
    trials: entry.pooled.total,
  }));
  // Bracket: hardest setting still too easy, easiest setting already too hard.
  let low = 0;
  let high = 1;
  for (const [index, point] of points.entries()) {
    const accuracy = (history[index] as HistoryEntry).pooled.accuracy;
    if (accuracy > target + options.tolerance) low = Math.max(low, point.x);
    if (accuracy < target - options.tolerance) high = Math.min(high, point.x);
  }
  if (low >= high) [low, high] = [Math.min(low, high), Math.max(low, high)];
  const fitted = solveLogistic(fitLogistic(points), target);
  let proposal = fitted === undefined || fitted <= low || fitted >= high ? (low + high) / 2 : fitted;
  proposal = Math.min(1, Math.max(0, proposal));
  // A setting already measured off target would teach nothing new: nudge until the params change.
  const missed = new Map<string, number>();
  for (const entry of history) {
    if (Math.abs(entry.pooled.accuracy - target) > options.tolerance)
      missed.set(canonicalJson(entry.params), entry.pooled.accuracy);
  }
  for (let step = 1; step <= 100; step++) {
    const accuracy = missed.get(canonicalJson(paramsAtDifficulty(specs, proposal)));
    if (accuracy === undefined) break;
    const candidate = proposal + (accuracy > target ? 0.01 : -0.01);
    if (candidate < 0 || candidate > 1) break;
    proposal = candidate;
  }
  return proposal;
}

/** Model-free designer: one difficulty direction from the schema, logistic fit + bracketing. */
export const optimizerDesigner: Designer = {
  id: "optimizer",
  description:
    "model-free: logistic fit of accuracy vs a difficulty direction derived from the schema, with bisection",
  usesFeedback: true,
  needsModel: false,
  singleProposal: false,
  stopsWhenConfirmed: true,
  async propose(input: DesignerInput): Promise<PendingProposal> {
    const difficulty = nextDifficulty(input);
    return {
      designer: "optimizer",
      params: paramsAtDifficulty(input.specs, difficulty),
      rationale: `difficulty ${difficulty.toFixed(3)} on the schema's easy-to-hard line (logistic fit of ${input.history.length} measurements)`,
    };
  },
};
