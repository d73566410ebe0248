import { z } from "zod";
import { InvalidOptionError } from "../../core/errors.js";
import { type PartialMakeSpec, PartialMakeSpecSchema } from "./spec.js";

/**
 * Everything `makeBenchmark` can be told (also what a make run stores). Every component can be switched
 * off for ablations (the paper's Table 2); `direct` is its Direct Prompt baseline (the demand expanded,
 * then one call per item that also rates the item's difficulty 1-10, which becomes the label);
 * `testTaker: false` keeps the pipeline but takes the label from that rating (the paper's
 * +DiffControl ablation; test-takers still answer when discrimination needs their majority).
 * `count` is the number of items (slots); `generator` is also the test-taker and the discriminator (as
 * in the paper); `spec` reuses (or hand-edits) the expanded demand, attributes and strategies;
 * `concurrency` is how many slots are worked on at once (references come from items accepted before).
 * `batchSamples: false` sends one request per sample for every provider of the run (the paper's design,
 * for cost comparisons): the runtime applies it when it builds the run's models, the items do not
 * depend on it (each sample is cached under its own index either way).
 */
export const MakeOptionsSchema = z.object({
  demand: z.string(),
  count: z.number().int().optional(),
  generator: z.string(),
  format: z.enum(["mcq", "open"]).optional(),
  optionCount: z.union([z.literal(4), z.literal(10)]).optional(),
  seed: z.number().int().optional(),
  spec: PartialMakeSpecSchema.optional(),
  paraphraseDemand: z.boolean().optional(),
  attributes: z.boolean().optional(),
  strategies: z.boolean().optional(),
  diffusion: z.boolean().optional(),
  boost: z.boolean().optional(),
  selfCorrect: z.boolean().optional(),
  discriminate: z.boolean().optional(),
  testTaker: z.boolean().optional(),
  direct: z.boolean().optional(),
  testTakers: z.number().int().optional(),
  candidates: z.number().int().optional(),
  references: z.number().int().optional(),
  difficultyLevels: z.number().int().optional(),
  concurrency: z.number().int().optional(),
  maxAttemptsPerSlot: z.number().int().optional(),
  maxTotalAttempts: z.number().int().optional(),
  duplicateThreshold: z.number().optional(),
  shuffleOptions: z.boolean().optional(),
  generationTemperature: z.number().optional(),
  batchSamples: z.boolean().optional(),
});

export type MakeOptions = z.infer<typeof MakeOptionsSchema>;

/** Every option with its default applied. */
export type ResolvedMakeOptions = {
  [Key in Exclude<keyof MakeOptions, "spec">]-?: Exclude<MakeOptions[Key], undefined>;
} & {
  spec: PartialMakeSpec | undefined;
};

/** The defaults of every option that has one (the CLI shows them in --help; they live only here). */
export const MAKE_DEFAULTS = {
  count: 20,
  format: "mcq",
  optionCount: 4,
  seed: 0,
  paraphraseDemand: false,
  direct: false,
  attributes: true,
  strategies: true,
  diffusion: true,
  boost: true,
  selfCorrect: true,
  discriminate: true,
  testTaker: true,
  testTakers: 5,
  candidates: 5,
  references: 8,
  // Bins of the ranked difficulty combinations: the paper's deciles.
  difficultyLevels: 10,
  concurrency: 4,
  maxAttemptsPerSlot: 3,
  duplicateThreshold: 0.7,
  shuffleOptions: true,
  generationTemperature: 1,
  batchSamples: true,
} as const satisfies Partial<ResolvedMakeOptions>;

/** Applies defaults and checks ranges; a bad value is an InvalidOptionError naming the option. */
export function resolveMakeOptions(options: MakeOptions): ResolvedMakeOptions {
  const defaults = MAKE_DEFAULTS;
  const direct = options.direct ?? defaults.direct;
  const count = options.count ?? defaults.count;
  const maxAttemptsPerSlot = options.maxAttemptsPerSlot ?? defaults.maxAttemptsPerSlot;
  const resolved: ResolvedMakeOptions = {
    demand: options.demand.trim(),
    count,
    generator: options.generator,
    format: options.format ?? defaults.format,
    optionCount: options.optionCount ?? defaults.optionCount,
    seed: options.seed ?? defaults.seed,
    spec: options.spec,
    paraphraseDemand: options.paraphraseDemand ?? defaults.paraphraseDemand,
    direct,
    // The direct baseline is one call per item after the demand expansion: every component is off.
    attributes: !direct && (options.attributes ?? defaults.attributes),
    strategies: !direct && (options.strategies ?? defaults.strategies),
    diffusion: !direct && (options.diffusion ?? defaults.diffusion),
    boost: !direct && (options.boost ?? defaults.boost),
    selfCorrect: !direct && (options.selfCorrect ?? defaults.selfCorrect),
    discriminate: !direct && (options.discriminate ?? defaults.discriminate),
    testTaker: !direct && (options.testTaker ?? defaults.testTaker),
    testTakers: options.testTakers ?? defaults.testTakers,
    candidates: options.candidates ?? defaults.candidates,
    references: options.references ?? defaults.references,
    difficultyLevels: options.difficultyLevels ?? defaults.difficultyLevels,
    concurrency: options.concurrency ?? defaults.concurrency,
    maxAttemptsPerSlot,
    maxTotalAttempts: options.maxTotalAttempts ?? Math.max(2 * count, maxAttemptsPerSlot),
    duplicateThreshold: options.duplicateThreshold ?? defaults.duplicateThreshold,
    shuffleOptions: options.shuffleOptions ?? defaults.shuffleOptions,
    generationTemperature: options.generationTemperature ?? defaults.generationTemperature,
    batchSamples: options.batchSamples ?? defaults.batchSamples,
  };
  if (resolved.demand.length === 0)
    throw new InvalidOptionError("demand", "is empty", 'e.g. benchsmith make "high-school physics" -n 20');
  for (const key of [
    "count",
    "testTakers",
    "candidates",
    "references",
    "concurrency",
    "difficultyLevels",
    "maxAttemptsPerSlot",
    "maxTotalAttempts",
  ] as const) {
    positiveInteger(key, resolved[key]);
  }
  if (resolved.optionCount !== 4 && resolved.optionCount !== 10) {
    throw new InvalidOptionError("optionCount", `must be 4 or 10, got ${String(resolved.optionCount)}`);
  }
  if (resolved.format !== "mcq" && resolved.format !== "open") {
    throw new InvalidOptionError("format", `must be mcq or open, got "${String(resolved.format)}"`);
  }
  if (!(resolved.duplicateThreshold > 0 && resolved.duplicateThreshold <= 1)) {
    throw new InvalidOptionError("duplicateThreshold", "must be in (0, 1]", "the default is 0.7");
  }
  return resolved;
}

function positiveInteger(option: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new InvalidOptionError(option, `must be a positive integer, got ${String(value)}`);
  }
}
