import {
  DESIGNERS,
  type DesignerName,
  InvalidOptionError,
  TUNE_PRESETS,
  type TuneOptions,
  type TunePresetName,
} from "../../index.js";
import { asChoice, asInteger, asNumber, asText, type FlagTable } from "../flag-table.js";

const isDesignerName = (text: string): text is DesignerName => Object.hasOwn(DESIGNERS, text);
const PRESET_NAMES = Object.keys(TUNE_PRESETS).filter((name): name is TunePresetName =>
  Object.hasOwn(TUNE_PRESETS, name),
);

/** TuneOptions as typed: `--designer` also takes a model ref (see designerShorthand). */
type TuneFlagOptions = Omit<TuneOptions, "designer"> & { designer?: string };

/** Every TuneOptions field and the flag that sets it (null: set another way). */
export const TUNE_FLAGS: FlagTable<TuneFlagOptions> = {
  template: null, // the <template> argument
  targetModel: {
    flag: "--target-model <model>",
    description: "model whose accuracy is tuned, e.g. openai:gpt-4o-mini (required)",
    parse: asText,
  },
  targetAccuracy: {
    flag: "--target-accuracy <x>",
    description: "accuracy to aim for, in [0, 1] (required)",
    parse: asNumber,
  },
  preset: {
    flag: "--preset <name>",
    description: `a published protocol: ${Object.values(TUNE_PRESETS)
      .map((preset) => `${preset.id} = ${preset.description}`)
      .join("; ")}`,
    parse: asChoice(PRESET_NAMES),
  },
  designer: {
    flag: "--designer <designer>",
    description: `${Object.keys(DESIGNERS).join(" | ")}; the embedded default is the model-free optimizer (no LLM needed). A model ref (e.g. openai:gpt-4o) runs BeTaL's LLM designer: it sees the parameter schema and every measurement, at --designer-temperature. Baselines: rs-ppr (BeTaL's main: random sampling with prioritized parameter replay), best-of-n (N = --max-iters proposals without feedback, all measured), random, one-shot`,
    // A model ref stands for the llm designer with that model (see designerShorthand).
    parse: asText,
  },
  designerModel: {
    flag: "--designer-model <model>",
    description:
      "model for the llm designer, or for the one-shot and best-of-n baselines (without one they draw heuristically / at random)",
    parse: asText,
  },
  designerTemperature: {
    flag: "--designer-temperature <x>",
    description: "sampling temperature of a model designer (BeTaL: 0.5)",
    parse: asNumber,
  },
  tolerance: {
    flag: "--tolerance <x>",
    description:
      "stop when |accuracy - target| is within this, confirmed on a fresh sample: the pooled accuracy (first + fresh sample) within it and the fresh sample's own accuracy within max(this, one standard error sqrt(t(1-t)/n)) of the target t",
    parse: asNumber,
  },
  maxIters: { flag: "--max-iters <n>", description: "designer iterations at most", parse: asInteger },
  itemsPerIter: {
    flag: "--items-per-iter <n>",
    description: "fresh items the target answers per iteration",
    parse: asInteger,
  },
  finalItems: {
    flag: "--size <n>",
    description:
      "items in the emitted benchmark (default: the smallest n whose standard error at the target t is <= tolerance/2, n >= t(1-t)/(tol/2)^2: 400 at t = 0.5 and tolerance 0.05; at least --items-per-iter)",
    parse: asInteger,
  },
  seed: {
    flag: "--seed <n>",
    description:
      "seed for item generation and the designers (fixed default, so re-running a finished tune is served from the response cache)",
    parse: asInteger,
  },
  concurrency: {
    flag: "--concurrency <n>",
    description: "target-model calls in flight (applies anew on --resume)",
    parse: asInteger,
  },
  onIteration: null, // the CLI prints each iteration
  remote: null, // --queue (QUEUE_FLAGS): built from the Redis URL once the run has started
};

/**
 * `--designer <provider:model>` is short for `--designer llm --designer-model <provider:model>`; any
 * other name must be a designer's.
 */
export function designerShorthand(typed: Partial<TuneFlagOptions>): Partial<TuneOptions> {
  const { designer, ...rest } = typed;
  if (designer === undefined) return rest;
  if (isDesignerName(designer)) return { ...rest, designer };
  if (designer.includes(":")) return { ...rest, designer: "llm", designerModel: designer };
  throw new InvalidOptionError(
    "designer",
    `must be one of ${Object.keys(DESIGNERS).join(", ")} or a model ref (provider:model), got "${designer}"`,
  );
}
