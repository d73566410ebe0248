export type { CallTally } from "./call-ledger.js";
export { estimateMakeCost, type MakeCostEstimate } from "./estimate-cost.js";
export type { MakeStats } from "./make-stats.js";
export {
  MAKE_DEFAULTS,
  type MakeOptions,
  MakeOptionsSchema,
  type ResolvedMakeOptions,
  resolveMakeOptions,
} from "./options.js";
export { MAKE_PROMPTS } from "./prompts.js";
export {
  attemptStream,
  type MakeAttemptRequest,
  type MakeAttemptResult,
  MakeAttemptResultSchema,
  type MakeAttemptRunner,
  makeAttemptResultOf,
  runMakeAttemptWith,
} from "./remote-attempt.js";
export { type OptionDifference, resumeDifferences } from "./resume-differences.js";
export { type MakeResult, makeBenchmark } from "./run-make.js";
export { type MakeRunSpec, MakeRunSpecSchema } from "./run-spec.js";
export type { RejectedAttempt } from "./slot-book.js";
export { type MakeSpec, MakeSpecSchema } from "./spec.js";
export { parseSpecYaml, stringifySpecYaml } from "./spec-yaml.js";
