import {
  type EmbeddingMiddleware,
  type EmbeddingModel,
  type EmbedOptions,
  type EmbedResult,
  embeddingIdentityOf,
} from "../../core/embedding-model.js";
import { BudgetExceededError, ConfigError } from "../../core/errors.js";
import {
  type GenerateOptions,
  type GenerateResult,
  identityOf,
  type LanguageModel,
  type ModelMiddleware,
} from "../../core/language-model.js";

export interface BudgetLimits {
  maxCostUsd?: number | undefined;
  maxCalls?: number | undefined;
}

export interface BudgetSpent {
  /** Provider calls that returned (cache hits never reach the budget). */
  calls: number;
  /** Sum of the known costs. */
  costUsd: number;
  /** Calls whose cost is unknown (no price): the cost cap cannot see them, so report them. */
  unknownCostCalls: number;
}

/** One call's hold on the budget, settled exactly once (a second finish or cancel is ignored). */
export interface BudgetClaim {
  /** Charges the call (a cache hit is free); a shared tracker returns the Promise of its write. */
  finish(result: Pick<GenerateResult, "cached" | "costUsd">): void | Promise<void>;
  /** Frees the claim without charging it (the call failed). */
  cancel(): void | Promise<void>;
}

export interface BudgetTracker {
  readonly limits: BudgetLimits;
  readonly spent: Readonly<BudgetSpent>;
  /**
   * Claims a call before it starts; throws (or rejects with) BudgetExceededError when the budget is spent.
   * In-flight calls count against maxCalls, so concurrency cannot overshoot it. The in-process tracker
   * answers synchronously; one kept elsewhere (Redis, src/queue/shared-budget.ts) returns a Promise.
   */
  begin(): BudgetClaim | Promise<BudgetClaim>;
}

/** One tracker per run, shared by every model of the run. */
export function createBudgetTracker(limits: BudgetLimits = {}): BudgetTracker {
  for (const [name, value] of Object.entries(limits)) {
    if (value !== undefined && !(value >= 0)) {
      throw new ConfigError({ message: `${name} must be a number >= 0, got ${value}` });
    }
  }
  const spent: BudgetSpent = { calls: 0, costUsd: 0, unknownCostCalls: 0 };
  let pending = 0;
  return {
    limits,
    spent,
    begin(): BudgetClaim {
      if (limits.maxCalls !== undefined && spent.calls + pending >= limits.maxCalls) {
        throw new BudgetExceededError("calls", `the call budget is spent (${limits.maxCalls} calls)`);
      }
      // Cost is only known afterwards, so in-flight calls may overshoot maxCostUsd by their own cost.
      if (limits.maxCostUsd !== undefined && spent.costUsd >= limits.maxCostUsd) {
        throw new BudgetExceededError(
          "cost",
          `the cost budget is spent ($${spent.costUsd.toFixed(4)} of $${limits.maxCostUsd})`,
        );
      }
      pending++;
      let open = true;
      const close = (): boolean => {
        if (!open) return false;
        open = false;
        pending--;
        return true;
      };
      return {
        finish(result) {
          if (!close() || result.cached === true) return;
          spent.calls++;
          if (result.costUsd === undefined) spent.unknownCostCalls++;
          else spent.costUsd += result.costUsd;
        },
        cancel() {
          close();
        },
      };
    },
  };
}

/**
 * Runs one call under a claim on the budget: charged when it finishes, freed when it fails. A synchronous
 * tracker's claim and charge add no await, so the call starts in the same tick as before.
 */
async function charged<T>(
  tracker: BudgetTracker,
  call: () => Promise<T>,
  chargeOf: (result: T) => Pick<GenerateResult, "cached" | "costUsd">,
): Promise<T> {
  const begun = tracker.begin();
  const claim = begun instanceof Promise ? await begun : begun;
  let result: T;
  let charge: Pick<GenerateResult, "cached" | "costUsd">;
  try {
    result = await call();
    charge = chargeOf(result);
  } catch (error) {
    // Failed calls are not billed by providers; they free their claim.
    const cancelled = claim.cancel();
    // The call's own error is the one to report; a claim that could not be freed ends with its lease.
    if (cancelled instanceof Promise) await cancelled.catch(() => {});
    throw error;
  }
  // Outside the try: a charge that could not be written is not a failed call to cancel.
  const finished = claim.finish(charge);
  if (finished instanceof Promise) await finished;
  return result;
}

/** Stops new calls once the run's budget is spent; charges each finished call (a request for several samples is one). */
export function budgetMiddleware(tracker: BudgetTracker): ModelMiddleware {
  return (model: LanguageModel): LanguageModel => {
    const samples = model.doGenerateSamples?.bind(model);
    return {
      ...identityOf(model),
      doGenerate: (request: GenerateOptions): Promise<GenerateResult> =>
        charged(
          tracker,
          () => model.doGenerate(request),
          (result) => result,
        ),
      ...(samples === undefined
        ? {}
        : {
            doGenerateSamples: (request: GenerateOptions, sampleIndices: readonly (number | undefined)[]) =>
              charged(
                tracker,
                () => samples(request, sampleIndices),
                (results) => ({ costUsd: sumKnownCosts(results) }),
              ),
          }),
    };
  };
}

/** The sum of the costs, or undefined when any is unknown (a partial sum would understate it). */
export function sumKnownCosts(entries: readonly { costUsd?: number | undefined }[]): number | undefined {
  let total = 0;
  for (const entry of entries) {
    if (entry.costUsd === undefined) return undefined;
    total += entry.costUsd;
  }
  return total;
}

/** The same budget for embedding calls: each provider request (one batch) is one call. */
export function embeddingBudgetMiddleware(tracker: BudgetTracker): EmbeddingMiddleware {
  return (model: EmbeddingModel): EmbeddingModel => ({
    ...embeddingIdentityOf(model),
    doEmbed: (request: EmbedOptions): Promise<EmbedResult> =>
      charged(
        tracker,
        () => model.doEmbed(request),
        (result) => ({ costUsd: result.costUsd }),
      ),
  });
}
