import { resolve } from "node:path";
import { z } from "zod";
import { InvalidOptionError } from "../../core/errors.js";
import { DatasetCardSchema } from "../../sources/dataset-cards/index.js";
import { MakeRunSpecSchema } from "../make/index.js";
import { PlanDocumentSchema, type Scoring, ScoringSchema } from "./plan-document.js";
import { PLAN_SCORING } from "./score-source.js";

/** What make is told for items written from scratch (the plan sets demand, count and generator). */
const ScratchOptionsSchema = MakeRunSpecSchema.shape.options
  .omit({ demand: true, count: true, generator: true, seed: true, spec: true })
  .partial();
export type ScratchOptions = z.infer<typeof ScratchOptionsSchema>;

/**
 * Everything `planBenchmark` can be told (also what a plan run stores). `model` is the planner
 * (design, grounding); `executor` realizes and repairs items (default: the planner); `verifier`
 * inspects them (default: the executor). `plan` runs a given (hand-edited) plan instead of planning;
 * `cards` are prebuilt dataset cards (library callers), else they are built from `datasets`.
 */
export const PlanOptionsSchema = z.object({
  query: z.string(),
  size: z.number().int().optional(),
  model: z.string(),
  executor: z.string().optional(),
  verifier: z.string().optional(),
  datasets: z.array(z.string()).optional(),
  docs: z.string().optional(),
  maxSubtasks: z.number().int().optional(),
  fromScratch: z.enum(["auto", "never", "only"]).optional(),
  seed: z.number().int().optional(),
  concurrency: z.number().int().optional(),
  scoreWeights: ScoringSchema.omit({ threshold: true }).partial().optional(),
  keepThreshold: z.number().optional(),
  candidates: z.number().int().optional(),
  designRounds: z.number().int().optional(),
  allocationRounds: z.number().int().optional(),
  sourceCap: z.number().optional(),
  maxFixes: z.number().int().optional(),
  attemptsPerItem: z.number().int().optional(),
  optionCount: z.union([z.literal(4), z.literal(10)]).optional(),
  duplicateThreshold: z.number().optional(),
  planOnly: z.boolean().optional(),
  plan: PlanDocumentSchema.optional(),
  scratch: ScratchOptionsSchema.optional(),
  cards: z.array(DatasetCardSchema).optional(),
});
export type PlanOptions = z.infer<typeof PlanOptionsSchema>;

type Optional = "docs" | "plan" | "scratch" | "cards" | "scoreWeights" | "keepThreshold";
/** Every option with its default applied; `scoring` holds the weights and threshold in force. */
export type ResolvedPlanOptions = {
  [Key in Exclude<keyof PlanOptions, Optional>]-?: Exclude<PlanOptions[Key], undefined>;
} & { [Key in Exclude<Optional, "scoreWeights" | "keepThreshold">]: PlanOptions[Key] } & {
  scoring: Scoring;
};

/** The defaults of every option that has one (the CLI shows them in --help; they live only here). */
export const PLAN_DEFAULTS = {
  size: 60,
  maxSubtasks: 3,
  fromScratch: "auto",
  seed: 0,
  concurrency: 4,
  keepThreshold: PLAN_SCORING.threshold,
  candidates: 5,
  designRounds: 4,
  allocationRounds: 3,
  sourceCap: 0.6,
  maxFixes: 1,
  attemptsPerItem: 3,
  optionCount: 4,
  duplicateThreshold: 0.7,
  planOnly: false,
} as const;

/** Applies defaults and checks ranges; a bad value is an InvalidOptionError naming the option. */
export function resolvePlanOptions(options: PlanOptions): ResolvedPlanOptions {
  const d = PLAN_DEFAULTS;
  const executor = options.executor ?? options.model;
  const { threshold: _threshold, ...defaultWeights } = PLAN_SCORING;
  const resolved: ResolvedPlanOptions = {
    query: (options.query || options.plan?.query || "").trim(),
    size: options.size ?? options.plan?.size ?? d.size,
    model: options.model,
    executor,
    verifier: options.verifier ?? executor,
    datasets: (options.datasets ?? []).map((path) => resolve(path)),
    docs: options.docs === undefined ? undefined : resolve(options.docs),
    maxSubtasks: options.maxSubtasks ?? d.maxSubtasks,
    fromScratch: options.fromScratch ?? d.fromScratch,
    seed: options.seed ?? d.seed,
    concurrency: options.concurrency ?? d.concurrency,
    scoring: {
      ...defaultWeights,
      ...definedOnly(options.scoreWeights ?? {}),
      threshold: options.keepThreshold ?? d.keepThreshold,
    },
    candidates: options.candidates ?? d.candidates,
    designRounds: options.designRounds ?? d.designRounds,
    allocationRounds: options.allocationRounds ?? d.allocationRounds,
    sourceCap: options.sourceCap ?? d.sourceCap,
    maxFixes: options.maxFixes ?? d.maxFixes,
    attemptsPerItem: options.attemptsPerItem ?? d.attemptsPerItem,
    optionCount: options.optionCount ?? d.optionCount,
    duplicateThreshold: options.duplicateThreshold ?? d.duplicateThreshold,
    planOnly: options.planOnly ?? d.planOnly,
    plan: options.plan,
    scratch: options.scratch,
    cards: options.cards,
  };
  checkResolved(resolved);
  return resolved;
}

function checkResolved(resolved: ResolvedPlanOptions): void {
  if (resolved.query === "")
    throw new InvalidOptionError(
      "query",
      "is empty",
      'e.g. benchsmith plan "law and medicine reasoning" --datasets ./data',
    );
  for (const key of ["size", "maxSubtasks", "concurrency", "candidates", "attemptsPerItem"] as const)
    atLeast(key, resolved[key], 1);
  atLeast("maxFixes", resolved.maxFixes, 0);
  within("designRounds", resolved.designRounds, 1, 4, "the design agent gets at most 4 rounds");
  within("allocationRounds", resolved.allocationRounds, 0, 3, "the allocation gets at most 3 rounds");
  if (resolved.plan !== undefined && resolved.plan.size !== resolved.size)
    throw new InvalidOptionError(
      "size",
      `is ${resolved.size} but the plan's quotas sum to ${resolved.plan.size}`,
      "leave --size out to run the plan as written, or edit its quotas",
    );
  if (!(resolved.sourceCap > 0 && resolved.sourceCap <= 1))
    throw new InvalidOptionError("sourceCap", `must be in (0, 1], got ${resolved.sourceCap}`);
  if (!(resolved.duplicateThreshold > 0 && resolved.duplicateThreshold <= 1))
    throw new InvalidOptionError("duplicateThreshold", "must be in (0, 1]", "the default is 0.7");
  if (resolved.optionCount !== 4 && resolved.optionCount !== 10)
    throw new InvalidOptionError("optionCount", `must be 4 or 10, got ${String(resolved.optionCount)}`);
  if (!["auto", "never", "only"].includes(resolved.fromScratch))
    throw new InvalidOptionError("fromScratch", `must be auto, never or only, got "${resolved.fromScratch}"`);
  const { scoring } = resolved;
  if (!(scoring.threshold >= 0 && scoring.threshold <= 1))
    throw new InvalidOptionError("keepThreshold", `must be in [0, 1], got ${scoring.threshold}`);
  const parsed = ScoringSchema.safeParse(scoring);
  const criteria = scoring.alignment + scoring.coverage + scoring.simplicity + scoring.risk;
  if (!parsed.success || !(criteria > 0))
    throw new InvalidOptionError(
      "scoreWeights",
      "must be >= 0 (overall at most 1) with some weight on alignment, coverage, simplicity or risk",
      "e.g. overall=0.3,alignment=0.45,coverage=0.35,simplicity=0.1,risk=0.1",
    );
  const hasSources =
    resolved.datasets.length > 0 || (resolved.cards?.length ?? 0) > 0 || resolved.plan !== undefined;
  if (resolved.fromScratch === "never" && !hasSources)
    throw new InvalidOptionError(
      "datasets",
      "lists no dataset, and fromScratch is never: there is nothing to build items from",
      "give --datasets <dir|file>, or allow --from-scratch auto",
    );
}

function definedOnly<T extends object>(value: T): { [Key in keyof T]?: Exclude<T[Key], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as {
    [Key in keyof T]?: Exclude<T[Key], undefined>;
  };
}

function atLeast(option: string, value: number, minimum: number): void {
  if (!Number.isInteger(value) || value < minimum)
    throw new InvalidOptionError(option, `must be an integer >= ${minimum}, got ${String(value)}`);
}

function within(option: string, value: number, low: number, high: number, hint: string): void {
  if (!Number.isInteger(value) || value < low || value > high)
    throw new InvalidOptionError(option, `must be an integer from ${low} to ${high}, got ${value}`, hint);
}
