import { InvalidOptionError } from "../core/errors.js";

/** How models are evaluated (everything `evaluateBenchmark` takes besides the items themselves). */
export interface EvalSettings {
  /** Model refs ("openai:gpt-4o-mini", ...). May be empty: then only the heuristic baselines run. */
  models: readonly string[];
  /** Ask for step-by-step reasoning ending in "Answer: X". */
  chainOfThought?: boolean | undefined;
  /** Judge model ref for open answers that do not match the reference. */
  judge?: string | undefined;
  /** Replies in flight at once, across models. */
  concurrency?: number | undefined;
  /** Evaluate only the first `limit` items. */
  limit?: number | undefined;
  /** Seed of the random baselines (the CLI also seeds its run with it). */
  seed?: number | undefined;
}

/** Every setting with its default applied (`judge` and `limit` stay optional). */
export interface ResolvedEvalSettings {
  models: string[];
  chainOfThought: boolean;
  judge?: string;
  concurrency: number;
  limit?: number;
  seed: number;
}

/** The defaults (the CLI shows them in --help; they live only here). */
export const EVAL_DEFAULTS = {
  chainOfThought: false,
  concurrency: 4,
  seed: 1,
} as const satisfies Partial<ResolvedEvalSettings>;

/** Applies the defaults and checks ranges; a bad value is an InvalidOptionError naming the option. */
export function resolveEvalSettings(settings: EvalSettings): ResolvedEvalSettings {
  const models = [...settings.models];
  const twice = models.find((model, index) => models.indexOf(model) !== index);
  if (twice !== undefined) throw new InvalidOptionError("models", `lists ${twice} twice`);
  const resolved: ResolvedEvalSettings = {
    models,
    chainOfThought: settings.chainOfThought ?? EVAL_DEFAULTS.chainOfThought,
    ...(settings.judge === undefined ? {} : { judge: settings.judge }),
    concurrency: settings.concurrency ?? EVAL_DEFAULTS.concurrency,
    ...(settings.limit === undefined ? {} : { limit: settings.limit }),
    seed: settings.seed ?? EVAL_DEFAULTS.seed,
  };
  positiveInteger("concurrency", resolved.concurrency);
  if (resolved.limit !== undefined) positiveInteger("limit", resolved.limit);
  if (!Number.isInteger(resolved.seed))
    throw new InvalidOptionError("seed", `must be an integer, got ${String(resolved.seed)}`);
  return resolved;
}

function positiveInteger(option: string, value: number): void {
  if (!Number.isInteger(value) || value < 1)
    throw new InvalidOptionError(option, `must be a positive integer, got ${String(value)}`);
}
