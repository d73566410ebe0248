import { z } from "zod";
import { StoredDataError } from "../core/errors.js";
import type { RunRecord, RunStore } from "../core/store-spec.js";
import type { BudgetLimits } from "../llm/middleware/budget.js";

/** Limits over the whole run, resumes included. */
export interface RunBudget {
  maxCostUsd?: number;
  maxCalls?: number;
}

const RunBudgetSchema = z.object({
  maxCostUsd: z.number().nonnegative().optional(),
  maxCalls: z.number().int().nonnegative().optional(),
});

/** The run_state key holding the limits in force, so a limit raised on one resume holds for the next. */
const BUDGET_STATE_KEY = "budget";

/**
 * The limits in force when the run last ran: the `budget` state key (written at every start and
 * resume, so a limit raised on a resume is kept), else the envelope field `budget` the run was
 * started with (runs from before the key), else none.
 */
export async function storedBudget(store: RunStore, run: RunRecord): Promise<RunBudget> {
  const inForce = await store.getState(run.id, BUDGET_STATE_KEY, RunBudgetSchema);
  if (inForce !== undefined) return withoutUndefined(inForce);
  if (run.spec.budget === undefined) return {};
  const parsed = RunBudgetSchema.safeParse(run.spec.budget);
  if (!parsed.success)
    throw new StoredDataError(
      `the budget of ${run.kind} run ${run.id}`,
      parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`),
    );
  return withoutUndefined(parsed.data);
}

/** The parsed limits with absent ones left out (exactOptionalPropertyTypes). */
function withoutUndefined(budget: z.infer<typeof RunBudgetSchema>): RunBudget {
  const { maxCostUsd, maxCalls } = budget;
  return {
    ...(maxCostUsd === undefined ? {} : { maxCostUsd }),
    ...(maxCalls === undefined ? {} : { maxCalls }),
  };
}

/** The run's limits minus what earlier sessions of the same run already spent. */
export function remainingBudget(
  budget: RunBudget | undefined,
  spent: { calls: number; costUsd: number | undefined } | undefined,
): BudgetLimits {
  const limits: BudgetLimits = {};
  if (budget?.maxCalls !== undefined) limits.maxCalls = Math.max(0, budget.maxCalls - (spent?.calls ?? 0));
  if (budget?.maxCostUsd !== undefined) {
    limits.maxCostUsd = Math.max(0, budget.maxCostUsd - (spent?.costUsd ?? 0));
  }
  return limits;
}

/** Records the limits in force for this session of the run (read back by the next resume). */
export async function recordBudget(store: RunStore, runId: string, limits: RunBudget): Promise<void> {
  await store.putState(runId, BUDGET_STATE_KEY, limits);
}
