import { z } from "zod";
import { InvalidOptionError, UserInputError } from "../../core/errors.js";
import { OBJECTIVES } from "../../metrics/discover/objectives.js";
import { parseSource } from "../../sources/index.js";

const AccuracyBandSchema = z.object({ low: z.number(), high: z.number() });
const ModelAccuracySchema = z.object({ model: z.string(), accuracy: z.number(), n: z.number() });
/** A prior benchmark's per-model accuracies (from an eval results file). */
const PriorBenchmarkSchema = z.object({ name: z.string(), accuracies: z.array(ModelAccuracySchema) });
export type PriorResults = z.infer<typeof PriorBenchmarkSchema>;

/**
 * Everything `discoverBenchmark` can be told (also what a discover run stores). `priors` hold the
 * data of the `--prior` files, so a resumed run does not depend on those files still being there.
 */
export const DiscoverOptionsSchema = z.object({
  domain: z.string(),
  candidates: z.array(z.string()),
  writer: z.string(),
  proposer: z.string().optional(),
  judge: z.string().optional(),
  /** `docs:<dir> | wikipedia | code`; none: the writer works from its own knowledge. */
  source: z.string().optional(),
  privileged: z.boolean().optional(),
  adaptive: z.boolean().optional(),
  iterations: z.number().int().optional(),
  proposals: z.number().int().optional(),
  questions: z.number().int().optional(),
  passages: z.number().int().optional(),
  targetAccuracy: AccuracyBandSchema.optional(),
  objective: z.string().optional(),
  weights: z.record(z.string(), z.number()).optional(),
  minSalience: z.number().optional(),
  priors: z.array(PriorBenchmarkSchema).optional(),
  noveltyPriors: z.number().int().optional(),
  novelty: z.enum(["in-sample", "leave-one-out"]).optional(),
  finalSize: z.number().int().optional(),
  keep: z.number().int().optional(),
  format: z.enum(["open", "mcq"]).optional(),
  seed: z.number().int().optional(),
  concurrency: z.number().int().optional(),
  wikipediaApi: z.string().optional(),
  pageviewsApi: z.string().optional(),
});
export type DiscoverOptions = z.infer<typeof DiscoverOptionsSchema>;

type Optional = "source" | "targetAccuracy" | "weights" | "wikipediaApi" | "pageviewsApi";
/** Every option with its default applied (`source` and friends stay optional). */
export type ResolvedDiscoverOptions = {
  [Key in Exclude<keyof DiscoverOptions, Optional>]-?: Exclude<DiscoverOptions[Key], undefined>;
} & { [Key in Optional]: DiscoverOptions[Key] };

/** The defaults of every option that has one (the CLI shows them in --help; they live only here). */
export const DISCOVER_DEFAULTS = {
  iterations: 8,
  proposals: 5,
  questions: 20,
  passages: 10,
  objective: "autobencher",
  minSalience: 0.5,
  novelty: "in-sample",
  finalSize: 200,
  keep: 1,
  format: "open",
  seed: 0,
  concurrency: 4,
  privileged: true,
  adaptive: true,
} as const satisfies Partial<ResolvedDiscoverOptions>;

/** Applies defaults and checks ranges; a bad value is an InvalidOptionError naming the option. */
export function resolveDiscoverOptions(options: DiscoverOptions): ResolvedDiscoverOptions {
  const d = DISCOVER_DEFAULTS;
  const candidates = options.candidates.map((candidate) => candidate.trim()).filter((ref) => ref !== "");
  const resolved: ResolvedDiscoverOptions = {
    domain: options.domain.trim(),
    candidates,
    writer: options.writer,
    proposer: options.proposer ?? options.writer,
    judge: options.judge ?? options.writer,
    source: options.source?.trim(),
    privileged: options.privileged ?? d.privileged,
    adaptive: options.adaptive ?? d.adaptive,
    iterations: options.iterations ?? d.iterations,
    proposals: options.proposals ?? d.proposals,
    questions: options.questions ?? d.questions,
    passages: options.passages ?? d.passages,
    targetAccuracy: options.targetAccuracy,
    objective: options.objective ?? d.objective,
    weights: options.weights,
    minSalience: options.minSalience ?? d.minSalience,
    priors: options.priors ?? [],
    noveltyPriors: options.noveltyPriors ?? Math.max(0, candidates.length - 2),
    novelty: options.novelty ?? d.novelty,
    finalSize: options.finalSize ?? d.finalSize,
    keep: options.keep ?? d.keep,
    format: options.format ?? d.format,
    seed: options.seed ?? d.seed,
    concurrency: options.concurrency ?? d.concurrency,
    wikipediaApi: options.wikipediaApi,
    pageviewsApi: options.pageviewsApi,
  };
  checkResolved(resolved);
  return resolved;
}

function checkResolved(resolved: ResolvedDiscoverOptions): void {
  if (resolved.domain === "")
    throw new InvalidOptionError("domain", "is empty", 'e.g. benchsmith discover "world history" ...');
  if (resolved.candidates.length === 0)
    throw new InvalidOptionError("candidates", "lists no model", "e.g. --candidates openai:a,openai:b");
  const repeated = resolved.candidates.find((ref, index) => resolved.candidates.indexOf(ref) !== index);
  if (repeated !== undefined) throw new InvalidOptionError("candidates", `lists ${repeated} twice`);
  for (const key of ["iterations", "proposals", "questions", "passages", "finalSize", "keep"] as const)
    positiveInteger(key, resolved[key]);
  positiveInteger("concurrency", resolved.concurrency);
  if (!Number.isInteger(resolved.noveltyPriors) || resolved.noveltyPriors < 0)
    throw new InvalidOptionError("noveltyPriors", `must be an integer >= 0, got ${resolved.noveltyPriors}`);
  if (resolved.format !== "open" && resolved.format !== "mcq")
    throw new InvalidOptionError("format", `must be open or mcq, got "${String(resolved.format)}"`);
  if (resolved.novelty !== "in-sample" && resolved.novelty !== "leave-one-out")
    throw new InvalidOptionError(
      "novelty",
      `must be in-sample or leave-one-out, got "${String(resolved.novelty)}"`,
    );
  if (!(resolved.minSalience >= 0 && resolved.minSalience <= 1))
    throw new InvalidOptionError("minSalience", `must be in [0, 1], got ${resolved.minSalience}`);
  const band = resolved.targetAccuracy;
  if (band !== undefined && !(band.low >= 0 && band.low <= band.high && band.high <= 1))
    throw new InvalidOptionError(
      "targetAccuracy",
      `must be low-high within [0, 1], got ${band.low}-${band.high}`,
    );
  if (!Object.hasOwn(OBJECTIVES, resolved.objective))
    throw new InvalidOptionError(
      "objective",
      `is unknown: "${resolved.objective}"`,
      `choose one of: ${Object.keys(OBJECTIVES).join(", ")}`,
    );
  const known = Object.keys(OBJECTIVES[resolved.objective as keyof typeof OBJECTIVES].defaultWeights);
  for (const [name, weight] of Object.entries(resolved.weights ?? {})) {
    if (!known.includes(name))
      throw new InvalidOptionError("weights", `names no term "${name}"`, `terms: ${known.join(", ")}`);
    if (!(Number.isFinite(weight) && weight >= 0))
      throw new InvalidOptionError("weights", `${name}=${weight} must be a number >= 0`);
  }
  if (resolved.source !== undefined) {
    try {
      parseSource(resolved.source);
    } catch (error) {
      if (!UserInputError.isInstance(error)) throw error;
      throw new InvalidOptionError("source", `is not usable: ${error.message}`, error.hint);
    }
  }
}

function positiveInteger(option: string, value: number): void {
  if (!Number.isInteger(value) || value < 1)
    throw new InvalidOptionError(option, `must be a positive integer, got ${String(value)}`);
}
