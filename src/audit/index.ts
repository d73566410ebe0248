export {
  AUDIT_DEFAULTS,
  type AuditOptions,
  type AuditReport,
  type AuditRow,
  checkAuditOptions,
} from "./audit-options.js";
export { formatAuditReport } from "./format-report.js";
export { type CalibrationReport, calibrateItems, type ItemCalibration, type ItemFlag } from "./irt-prune.js";
export { findLeakage, type LeakageFinding, type ReferenceItem } from "./leakage.js";
export { accuracyTable, matrixFromResults, readResultsFile } from "./load-results.js";
export type { PairComparison } from "./model-comparisons.js";
export type { ProbeResult } from "./probes.js";
export {
  BUILT_IN_REFERENCE_FILES,
  builtInReferencePaths,
  locateBuiltInReferences,
  REFERENCE_DATA_ENV,
  readReferenceFile,
} from "./reference-sets.js";
export { runAudit } from "./runner.js";
