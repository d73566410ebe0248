export { type AllocationRequest, allocateSources, type SubtaskAllocation } from "./allocate-sources.js";
export {
  type CandidateBatchRequest,
  type CandidateOutcome,
  CandidateOutcomeSchema,
  type CandidateSettings,
  candidateKey,
  candidateOutcomeOf,
  controlCandidate,
  type PlanCandidateRunner,
} from "./control-candidate.js";
export type { Candidate } from "./execution-env.js";
export { formatPlanReport } from "./format-plan-report.js";
export {
  PLAN_DEFAULTS,
  type PlanOptions,
  PlanOptionsSchema,
  type ResolvedPlanOptions,
  resolvePlanOptions,
} from "./options.js";
export {
  type AnswerType,
  type Diagnosis,
  type PlanDocument,
  PlanDocumentSchema,
  type PlannedSource,
  PlannedSourceSchema,
  type PlannedSubtask,
  PlannedSubtaskSchema,
  type Scoring,
  type Subtask,
} from "./plan-document.js";
export { PlanDecompositionError } from "./plan-errors.js";
export type { PlanReport, SourceReport, SubtaskReport } from "./plan-report.js";
export { parsePlanYaml, stringifyPlanYaml } from "./plan-yaml.js";
export { PLAN_PROMPTS } from "./prompts.js";
export { QC_CHECKS } from "./qc-checks.js";
export { type PlanRemote, type PlanResult, planBenchmark } from "./run-plan.js";
export { type PlanRunSpec, PlanRunSpecSchema } from "./run-spec.js";
export { PLAN_SCORING, scoreFormula, sourceScore } from "./score-source.js";
export { splitQuotas } from "./split-quotas.js";
