import { InvalidOptionError } from "../../core/errors.js";
import { DESIGNERS, type DesignerName } from "./designers/index.js";
import type { TemplateItemEvaluator } from "./evaluate-items.js";
import { defaultFinalSize } from "./final-size.js";
import type { HistoryEntry } from "./history.js";
import { TUNE_PRESETS, type TunePresetName, type TunePresetOptions } from "./presets.js";
import type { TuneTemplate } from "./template.js";

export interface TuneOptions {
  /** A template object, a built-in name, or a path to a template module. */
  template: TuneTemplate | string;
  targetModel: string;
  /** The accuracy to aim for, in [0, 1]. */
  targetAccuracy: number;
  /** A published protocol whose settings this run uses (`betal`); a conflicting explicit option is an error. */
  preset?: TunePresetName | undefined;
  /** Designer id. */
  designer?: DesignerName;
  /** Model ref for the llm designer (and for one-shot / best-of-n, which otherwise draw without a model). */
  designerModel?: string | undefined;
  /** Sampling temperature of a model designer (BeTaL: 0.5). */
  designerTemperature?: number | undefined;
  /** Stop when |accuracy - target| is within this, confirmed on a fresh sample. */
  tolerance?: number;
  maxIters?: number;
  /** Fresh items the target model answers per iteration. */
  itemsPerIter?: number;
  /** Size of the emitted benchmark (default: standard error at the target <= tolerance / 2, see final-size.ts). */
  finalItems?: number;
  seed?: number;
  /** Target-model calls in flight at once. */
  concurrency?: number;
  /** Called after each measured iteration (the CLI prints a line). */
  onIteration?: (entry: HistoryEntry) => void;
  /** Answer the target's items on queue workers (`--queue`); absent: here, as always. */
  remote?: TemplateItemEvaluator | undefined;
}

/** Every option with its default applied (what a tune run stores, the template and callback aside). */
export type ResolvedTuneOptions = Required<
  Omit<TuneOptions, "designerModel" | "designerTemperature" | "onIteration" | "preset" | "remote">
> &
  Pick<TuneOptions, "designerModel" | "onIteration" | "preset" | "remote"> & { designerTemperature: number };

/**
 * The defaults (the CLI shows them in --help; they live only here). `finalItems` is computed from the
 * target and tolerance (`defaultFinalSize`).
 */
export const TUNE_DEFAULTS = {
  designer: "optimizer",
  designerTemperature: 0.5,
  tolerance: 0.05,
  maxIters: 10,
  itemsPerIter: 40,
  seed: 0,
  concurrency: 4,
} as const satisfies Partial<ResolvedTuneOptions>;

/** The preset's values, after checking that no explicit option contradicts them. */
function presetValues(options: TuneOptions): Partial<TunePresetOptions> {
  if (options.preset === undefined) return {};
  const preset = Object.hasOwn(TUNE_PRESETS, options.preset) ? TUNE_PRESETS[options.preset] : undefined;
  if (preset === undefined)
    throw new InvalidOptionError(
      "preset",
      `must be one of ${Object.keys(TUNE_PRESETS).join(", ")}, got "${String(options.preset)}"`,
    );
  for (const [key, value] of Object.entries(preset.options) as [keyof TunePresetOptions, number][]) {
    const given = options[key];
    if (given !== undefined && given !== value)
      throw new InvalidOptionError(
        key,
        `is ${value} under the ${preset.id} preset, got ${String(given)}`,
        `drop it, or drop the preset to run another protocol`,
      );
  }
  return preset.options;
}

/** Applies preset and defaults and checks ranges; a bad value is an InvalidOptionError naming the option. */
export function resolveTuneOptions(options: TuneOptions): ResolvedTuneOptions {
  const preset = presetValues(options);
  const itemsPerIter = options.itemsPerIter ?? TUNE_DEFAULTS.itemsPerIter;
  const tolerance = options.tolerance ?? TUNE_DEFAULTS.tolerance;
  const resolved: ResolvedTuneOptions = {
    ...options,
    designer: options.designer ?? TUNE_DEFAULTS.designer,
    designerTemperature:
      options.designerTemperature ?? preset.designerTemperature ?? TUNE_DEFAULTS.designerTemperature,
    tolerance,
    maxIters: options.maxIters ?? preset.maxIters ?? TUNE_DEFAULTS.maxIters,
    itemsPerIter,
    finalItems:
      options.finalItems ?? defaultFinalSize({ target: options.targetAccuracy, tolerance, itemsPerIter }),
    seed: options.seed ?? TUNE_DEFAULTS.seed,
    concurrency: options.concurrency ?? TUNE_DEFAULTS.concurrency,
  };
  const designer = Object.hasOwn(DESIGNERS, resolved.designer) ? DESIGNERS[resolved.designer] : undefined;
  if (designer === undefined)
    throw new InvalidOptionError(
      "designer",
      `must be one of ${Object.keys(DESIGNERS).join(", ")}, got "${resolved.designer}"`,
    );
  if (designer.needsModel && !resolved.designerModel)
    throw new InvalidOptionError(
      "designerModel",
      `is needed by the ${resolved.designer} designer`,
      "give a model ref, e.g. openai:gpt-4o",
    );
  for (const key of ["targetAccuracy", "tolerance"] as const) {
    const value = resolved[key];
    if (!(value >= 0 && value <= 1))
      throw new InvalidOptionError(key, `must be a number in [0, 1], got ${String(value)}`);
  }
  if (!(resolved.designerTemperature >= 0 && resolved.designerTemperature <= 2))
    throw new InvalidOptionError(
      "designerTemperature",
      `must be a number in [0, 2], got ${String(resolved.designerTemperature)}`,
    );
  for (const key of ["maxIters", "itemsPerIter", "finalItems", "concurrency"] as const) {
    const value = resolved[key];
    if (!Number.isInteger(value) || value < 1)
      throw new InvalidOptionError(key, `must be a positive integer, got ${String(value)}`);
  }
  if (!Number.isInteger(resolved.seed) || resolved.seed < 0)
    throw new InvalidOptionError("seed", `must be an integer >= 0, got ${String(resolved.seed)}`);
  return resolved;
}
