export { describeResult, formatTrajectory, type ResultCells } from "./describe-result.js";
export { NothingDiscoveredError } from "./discover-errors.js";
export { buildDiscoveryReport, type DiscoveryReport, trajectoryRows } from "./discovery-report.js";
export type { DiscoverSource } from "./open-discover-source.js";
export {
  DISCOVER_DEFAULTS,
  type DiscoverOptions,
  DiscoverOptionsSchema,
  type ResolvedDiscoverOptions,
  resolveDiscoverOptions,
} from "./options.js";
export { parseWeightList } from "./parse-weight-list.js";
export { DISCOVER_PROMPTS } from "./prompts.js";
export { readPriorResults } from "./read-prior-results.js";
export { type DiscoverResult, discoverBenchmark } from "./run-discover.js";
export { type DiscoverRunSpec, DiscoverRunSpecSchema } from "./run-spec.js";
export type { FinalDescription } from "./scale-up.js";
export type { DescriptionResult, ProposalStep } from "./state.js";
