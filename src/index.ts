// The library's public API: cli/ (and any web/ front end) import only from here.
export * from "./audit/index.js";
export { type AuditRunSpec, AuditRunSpecSchema } from "./audit/run-spec.js";
export * from "./core/context.js";
export * from "./core/embedding-model.js";
export * from "./core/errors.js";
export { fillTemplate, TemplateSlotError, type TemplateSlots } from "./core/fill-template.js";
export { formatLetters, formatOption, formatOptions } from "./core/format-options.js";
export * from "./core/item.js";
export * from "./core/json.js";
export * from "./core/language-model.js";
export * from "./core/model-ref.js";
export * from "./core/result.js";
export * from "./core/rng.js";
export * from "./core/store-spec.js";
export * from "./evaluate/index.js";
export { type EvalRunSpec, EvalRunSpecSchema } from "./evaluate/run-spec.js";
export * from "./io/index.js";
export * from "./llm/index.js";
export * from "./metrics/index.js";
export * from "./pipelines/discover/index.js";
export * from "./pipelines/make/index.js";
export * from "./pipelines/plan/index.js";
export * from "./pipelines/tune/index.js";
export { type TuneRunSpec, TuneRunSpecSchema } from "./pipelines/tune/run-spec.js";
export {
  type BenchsmithConfig,
  defineConfig,
  type LoadedConfig,
  loadConfig,
  type ResolvedConfig,
} from "./runtime/config.js";
export type { RunBudget } from "./runtime/run-budget.js";
export {
  INTERRUPTED_EXIT_CODE,
  type RunCommandResult,
  runCommand,
  type WorkOutcome,
} from "./runtime/run-command.js";
export {
  demandOfRun,
  generatorsOfRun,
  isRunKind,
  parseRunSpec,
  RUN_KINDS,
  type RunKind,
  type RunSpecOf,
} from "./runtime/run-kinds.js";
export { openRuntime, type Runtime, type RuntimeOptions, type RuntimeSettings } from "./runtime/runtime.js";
export type { ActiveRun } from "./runtime/start-run.js";
export * from "./sources/index.js";
export * from "./stats/index.js";
export { type OpenStoreOptions, openStore } from "./store/open-store.js";
export type { PostgresConnectOptions } from "./store/postgres-connect.js";
export { openSqliteStore, type SqliteRunStore } from "./store/sqlite-store.js";
