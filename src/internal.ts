// What the CLI (and the web viewer) need that is not library API: `benchsmith/internal`, no stability
// promise. Library users import from "benchsmith"; cli/ imports from here and from index.ts only.

export {
  connectRedis,
  createQueueEvaluator,
  queueRunLimits,
  type RedisLink,
  redactRedisUrl,
  redisUrlProblem,
  runWorker,
} from "./queue/index.js";
export { DEFAULT_STORE_PATH } from "./runtime/config.js";
export {
  createModelResolver,
  createModelResolvers,
  describeProviderKeys,
  type EmbeddingResolver,
  type ModelResolver,
  type ModelResolvers,
} from "./runtime/model-resolver.js";
export {
  createTerminalReporter,
  type TerminalReporter,
  type TerminalReporterOptions,
} from "./runtime/progress.js";
export { readPackageVersion } from "./runtime/provenance.js";
export { storedBudget } from "./runtime/run-budget.js";
export { withoutSampleBatching } from "./runtime/sample-batching.js";
export { type CopyStoreOptions, copySqliteToPostgres, type TableCopyCount } from "./store/postgres-copy.js";
export { redactStoreLocation } from "./store/postgres-url.js";
export {
  buildReportData,
  collectReportInputs,
  sourcesNeedStore,
  startViewer,
  writeReport,
} from "./web/index.js";
