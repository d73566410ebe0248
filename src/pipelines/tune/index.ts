export { DESIGNERS, type Designer, type DesignerInput, type DesignerName } from "./designers/index.js";
export { evaluateItems, type ItemOutcome, type Measurement } from "./evaluate-items.js";
export type { FinalBenchmark } from "./final-benchmark.js";
export { defaultFinalSize, describeFinalSize, type FinalSizeNote } from "./final-size.js";
export type { HistoryEntry } from "./history.js";
export { resolveTemplate, validateTemplateModule } from "./load-template.js";
export { describeParams, type ParamSpec, type ParamValues, paramsAtDifficulty } from "./param-space.js";
export { TUNE_PRESETS, type TunePreset, type TunePresetName } from "./presets.js";
export { type TuneOptions, type TuneResult, tuneBenchmark } from "./run-tune.js";
export {
  defaultExtractAnswer,
  defaultPrompt,
  defineTemplate,
  type TemplateItem,
  type TemplateTools,
  type ToolEnvironment,
  type TuneTemplate,
  toBenchmarkItem,
} from "./template.js";
export { TEMPLATES, type TemplateName } from "./templates/index.js";
export { type ResolvedTuneOptions, resolveTuneOptions, TUNE_DEFAULTS } from "./tune-options.js";
