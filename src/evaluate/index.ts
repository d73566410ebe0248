export {
  ARTIFACT_MARGIN,
  type ArtifactCheck,
  type ArtifactVerdict,
  answerArtifactFlags,
  answerArtifactVerdict,
} from "./answer-artifacts.js";
export { buildChoicePrompt, buildEvalPrompt } from "./build-prompt.js";
export {
  EVAL_DEFAULTS,
  type EvalSettings,
  type ResolvedEvalSettings,
  resolveEvalSettings,
} from "./eval-options.js";
export { type EvaluateBenchmarkOptions, evaluateBenchmark } from "./evaluate-benchmark.js";
export { type ChoiceExtraction, extractChoice, extractChoiceDetailed } from "./extract-answer.js";
export { formatLeaderboard, formatSubtaskBreakdown } from "./format-leaderboard.js";
export { gradeOpenAnswer, type OpenGrade } from "./grade-open-answer.js";
export {
  chanceAccuracy,
  HEURISTIC_BASELINES,
  HEURISTIC_RNG_STREAM,
  type HeuristicBaselineResult,
  runHeuristicBaselines,
} from "./heuristic-baselines.js";
export { buildModelResult, difficultyBucket, rankConfidenceMatrix } from "./leaderboard.js";
export { normalizeAnswer } from "./normalize-answer.js";
export { type EvalResults, EvalResultsSchema, type ModelResult } from "./results-schema.js";
