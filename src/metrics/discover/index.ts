export { type AccuracyWithInterval, accuracyIntervals } from "./accuracy-interval.js";
export { autobencherObjective } from "./autobencher-objective.js";
export {
  type DescriptionScoresDetail,
  describeScores,
  type PriorBenchmark,
} from "./description-scores.js";
export { difficulty } from "./difficulty.js";
export { type NoveltyPrediction, type NoveltyResult, type NoveltySource, novelty } from "./novelty.js";
export {
  type AccuracyBand,
  compareObjectiveResults,
  type DescriptionScores,
  type DiscoverObjective,
  type MissingInput,
  type ModelAccuracy,
  type ObjectiveResult,
  type ObjectiveSettings,
  type ObjectiveTerm,
  type ViolatedConstraint,
} from "./objective.js";
export { type DiscoverObjectiveId, OBJECTIVES, objectiveById } from "./objectives.js";
export { parseAccuracyBand, parseObjectiveWeights } from "./parse-objective-settings.js";
export { separability } from "./separability.js";
