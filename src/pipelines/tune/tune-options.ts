import { InvalidOptionError } from "../../core/errors.js";
import { DESIGNERS, type DesignerName } from "./designers/index.js";
import type { HistoryEntry } from "./history.js";
import type { TuneTemplate } from "./template.js";

export interface TuneOptions {
  /** A template object, a built-in name, or a path to a template module. */
  template: TuneTemplate | string;
  targetModel: string;
  /** The accuracy to aim for, in [0, 1]. */
  targetAccuracy: number;
  /** Designer id. */
  designer?: DesignerName;
  /** Model ref for the llm designer (and for one-shot, which otherwise uses a heuristic). */
  designerModel?: string | undefined;
  /** Stop when |accuracy - target| is within this, confirmed on a fresh sample. */
  tolerance?: number;
  maxIters?: number;
  /** Fresh items the target model answers per iteration. */
  itemsPerIter?: number;
  /** Size of the emitted benchmark (default itemsPerIter). */
  finalItems?: number;
  seed?: number;
  /** Target-model calls in flight at once. */
  concurrency?: number;
  /** Called after each measured iteration (the CLI prints a line). */
  onIteration?: (entry: HistoryEntry) => void;
}

/** Every option with its default applied (what a tune run stores, the template and callback aside). */
export type ResolvedTuneOptions = Required<Omit<TuneOptions, "designerModel" | "onIteration">> &
  Pick<TuneOptions, "designerModel" | "onIteration">;

/** The defaults (the CLI shows them in --help; they live only here). `finalItems` defaults to itemsPerIter. */
export const TUNE_DEFAULTS = {
  designer: "optimizer",
  tolerance: 0.05,
  maxIters: 10,
  itemsPerIter: 40,
  seed: 0,
  concurrency: 4,
} as const satisfies Partial<ResolvedTuneOptions>;

/** Applies the defaults and checks ranges; a bad value is an InvalidOptionError naming the option. */
export function resolveTuneOptions(options: TuneOptions): ResolvedTuneOptions {
  const itemsPerIter = options.itemsPerIter ?? TUNE_DEFAULTS.itemsPerIter;
  const resolved: ResolvedTuneOptions = {
    ...options,
    designer: options.designer ?? TUNE_DEFAULTS.designer,
    tolerance: options.tolerance ?? TUNE_DEFAULTS.tolerance,
    maxIters: options.maxIters ?? TUNE_DEFAULTS.maxIters,
    itemsPerIter,
    finalItems: options.finalItems ?? itemsPerIter,
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
  for (const key of ["maxIters", "itemsPerIter", "finalItems", "concurrency"] as const) {
    const value = resolved[key];
    if (!Number.isInteger(value) || value < 1)
      throw new InvalidOptionError(key, `must be a positive integer, got ${String(value)}`);
  }
  if (!Number.isInteger(resolved.seed) || resolved.seed < 0)
    throw new InvalidOptionError("seed", `must be an integer >= 0, got ${String(resolved.seed)}`);
  return resolved;
}
